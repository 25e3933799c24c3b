"""Crash benchmark: SIGKILL a revision writer N times (default 500); count what was lost.

Run: ``.venv/bin/python bench/crash.py [--kills N] [--seed S] [--wal-damage N]``. Each round starts
tests/vault/crash_writer.py on one vault, lets it acknowledge a random number of
committed revisions, kills it with SIGKILL, then checks PRAGMA integrity_check,
PRAGMA cipher_integrity_check and that every acknowledged uuid is present. Records
lost must be 0. Prints a summary; exit status 1 if anything was lost or damaged.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyrage  # noqa: E402

from care_degraded.vault import Vault  # noqa: E402
from tests.vault.crashkit import kill_once  # noqa: E402

LOGIN, PASSPHRASE = "ide", "banc d'essai des coupures"


def wal_damage(rounds: int, rng: random.Random, tmp: Path, ident: str) -> int:
    """Kill a writer, flip one bit in a frame of its WAL, unlock: refused or nothing lost."""
    from care_degraded.domain.errors import DamagedData
    from tests.vault.crashkit import kill_writer
    from tests.vault.util import digests

    template = tmp / "wal-template"
    with Vault.create(template, ward="Banc", login=LOGIN, display_name="Banc d'essai",
                      passphrase=PASSPHRASE, recovery_recipient=ident) as v:
        dek = v._key()
    refused = intact = lossy = lost = changed = 0
    for i in range(rounds):
        path = tmp / f"wal-{i}"
        shutil.copytree(template, path)
        acknowledged = kill_writer(path, LOGIN, dek, rng, 30)
        wal = path / "ward.db-wal"
        raw = bytearray(wal.read_bytes())
        if len(raw) <= 32:
            shutil.rmtree(path)
            continue
        offset = rng.randrange(32, len(raw))
        raw[offset] ^= 1 << rng.randrange(8)
        wal.write_bytes(bytes(raw))
        before = digests(path)
        try:
            with Vault.unlock(path, LOGIN, PASSPHRASE) as v:
                stored = {r.uuid for r in v.revisions.iter_all() if r.kind == "crash-test"}
            missing = [u for u in acknowledged if u not in stored]
            if missing:
                lossy += 1
                lost += len(missing)
            else:
                intact += 1
        except DamagedData:
            refused += 1
            changed += digests(path) != before
        shutil.rmtree(path)
    share = 100.0 * refused / max(1, refused + lossy)
    print()
    print("| WAL damage (one bit flipped after a kill)    |          |")
    print("|----------------------------------------------|----------|")
    print(f"| rounds                                       | {rounds:>8} |")
    print(f"| refused, exit 4                              | {refused:>8} |")
    print(f"|   of which a file was changed (must be 0)    | {changed:>8} |")
    print(f"| opened, every acknowledged record present    | {intact:>8} |")
    print(f"| opened with records silently lost (must be 0)| {lossy:>8} |")
    print(f"| records silently lost (must be 0)            | {lost:>8} |")
    print(f"| share of losing damages detected (must 100%) | {share:>7.1f}% |")
    return 0 if lossy == 0 and changed == 0 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--max-records", type=int, default=40,
                        help="a round acknowledges 0..N records before the kill")
    parser.add_argument("--wal-damage", type=int, default=0, metavar="N",
                        help="also N rounds of the WAL-damage matrix")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    acknowledged = lost = damaged = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="crash-bench-") as tmp:
        path = Path(tmp) / "vault"
        ident = pyrage.x25519.Identity.generate()
        with Vault.create(path, ward="Banc", login=LOGIN, display_name="Banc d'essai",
                          passphrase=PASSPHRASE, recovery_recipient=str(ident.to_public())) as v:
            dek = v._key()
        for i in range(args.kills):
            result = kill_once(path, LOGIN, dek, rng, args.max_records)
            acknowledged += len(result.acknowledged)
            lost += len(result.lost)
            if result.integrity != "ok" or result.cipher_problems:
                damaged += 1
            if (i + 1) % 50 == 0:
                print(f"  {i + 1} kills, {acknowledged} acknowledged, {lost} lost",
                      flush=True)
        with Vault.unlock(path, LOGIN, PASSPHRASE) as v:
            stored = v.revisions.count()
            audit_ok = v.audit.verify().ok
            size_mb = v.db_path.stat().st_size / 1e6
    elapsed = time.perf_counter() - started
    print()
    print("| crash benchmark                      |          |")
    print("|--------------------------------------|----------|")
    print(f"| kills (SIGKILL)                      | {args.kills:>8} |")
    print(f"| acknowledged records                 | {acknowledged:>8} |")
    print(f"| records lost (must be 0)             | {lost:>8} |")
    print(f"| rounds with integrity problems       | {damaged:>8} |")
    print(f"| revisions in the vault at the end    | {stored:>8} |")
    print(f"| audit chain intact at the end        | {'yes' if audit_ok else 'NO':>8} |")
    print(f"| database size (MB)                   | {size_mb:>8.1f} |")
    print(f"| elapsed (s)                          | {elapsed:>8.1f} |")
    status = 0 if lost == 0 and damaged == 0 and audit_ok else 1
    if args.wal_damage:
        with tempfile.TemporaryDirectory(prefix="crash-wal-") as tmp:
            status |= wal_damage(args.wal_damage, rng, Path(tmp), str(ident.to_public()))
    return status


if __name__ == "__main__":
    sys.exit(main())
