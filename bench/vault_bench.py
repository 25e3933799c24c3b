"""Vault benchmarks: unlock, revision writes (one per transaction and in batches), reads.

Run: ``.venv/bin/python bench/vault_bench.py`` (``make bench``), or ``--quick`` for a
smaller run. Every figure is measured on SQLCipher (the vault) and on plain ``sqlite3``
with the same schema, pragmas and code path, and the ratio SQLCipher/plain printed.
Aims (issue 2): unlock 0.3-1 s, p50 of a one-revision transaction <= 15 ms, batch
ratio <= 1.5. Nothing here is a test; it prints a table.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyrage  # noqa: E402

from care_degraded.vault import Vault, migrations  # noqa: E402
from care_degraded.vault.audit import AuditLog  # noqa: E402
from care_degraded.vault.connection import connect  # noqa: E402
from care_degraded.vault.keyslots import KdfParams  # noqa: E402
from care_degraded.vault.revisions import RevisionRepository  # noqa: E402

PASSPHRASE = "banc d'essai du coffre"
Conn = Any


def plain_connect(path: Path) -> Conn:
    """The same pragmas as the vault's connect(), without encryption."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def prepare(conn: Conn) -> RevisionRepository:
    """Latest schema, one device row, a repository writing audit rows like the vault does."""
    migrations.migrate(conn, migrations.pending(conn))
    device = str(uuid.uuid4())
    conn.execute("INSERT INTO device (id, prefix, signing_key, created_at) VALUES"
                 " (?, 'BENCH', ?, '2026-01-01T00:00:00Z')", (device, b"\0" * 32))
    audit = AuditLog(conn, lambda: "bench", device)
    return RevisionRepository(conn, audit, lambda: "bench", device)


def payload(rng: random.Random) -> dict[str, Any]:
    return {"pulse": rng.randint(40, 140), "sbp": rng.randint(80, 190),
            "spo2": rng.randint(85, 100), "temp": round(rng.uniform(35.5, 40.0), 1),
            "note": "patient calme, douleur 2/10, hydratation correcte" * rng.randint(0, 2)}


def write_one_per_tx(conn: Conn, repo: RevisionRepository, n: int, patients: int,
                     rng: random.Random) -> list[float]:
    times = []
    for i in range(n):
        t = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        repo.append("vitals", f"IPP-{i % patients:06d}", payload(rng))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - t)
    return times


def write_batches(conn: Conn, repo: RevisionRepository, n: int, batch: int, patients: int,
                  rng: random.Random, offset: int = 0) -> float:
    t = time.perf_counter()
    for start in range(0, n, batch):
        conn.execute("BEGIN IMMEDIATE")
        for i in range(start, min(n, start + batch)):
            repo.append("vitals", f"IPP-{(offset + i) % patients:06d}", payload(rng))
        conn.execute("COMMIT")
    return time.perf_counter() - t


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run_pair(openers: dict[str, Callable[[Path], Conn]], folder: Path,
             args: argparse.Namespace) -> dict[str, dict[str, float]]:
    """Both engines side by side, alternating in chunks so that machine noise hits both."""
    names = list(openers)
    out: dict[str, dict[str, float]] = {n: {} for n in names}
    rngs = {n: random.Random(2026) for n in names}

    def open_all(tag: str) -> dict[str, tuple[Conn, RevisionRepository]]:
        opened = {}
        for n in names:
            conn = openers[n](folder / f"{n}-{tag}.db")
            opened[n] = (conn, prepare(conn))
        return opened

    def chunks(total: int, size: int) -> list[tuple[int, list[str]]]:
        # alternate which engine goes first
        return [(start, names if (start // size) % 2 == 0 else names[::-1])
                for start in range(0, total, size)]

    chunk = 1000
    dbs = open_all("single")
    times: dict[str, list[float]] = {n: [] for n in names}
    for start, order in chunks(args.single, chunk):
        for n in order:
            conn, repo = dbs[n]
            times[n] += write_one_per_tx(conn, repo, min(chunk, args.single - start),
                                         args.patients, rngs[n])
    for n in names:
        out[n]["single_p50"], out[n]["single_p95"] = pct(times[n], 50), pct(times[n], 95)
        out[n]["single_total"] = sum(times[n])
        dbs[n][0].close()

    dbs = open_all("batch")
    totals = {n: 0.0 for n in names}
    for start, order in chunks(args.single, chunk):
        for n in order:
            conn, repo = dbs[n]
            totals[n] += write_batches(conn, repo, min(chunk, args.single - start), args.batch,
                                       args.patients, rngs[n], offset=start)
    for n in names:
        out[n]["batch_total"] = totals[n]
        out[n]["batch_per_rev"] = totals[n] / args.single
        dbs[n][0].close()

    dbs = open_all("read")
    totals = {n: 0.0 for n in names}
    for start, order in chunks(args.read_size, 10 * chunk):
        for n in order:
            conn, repo = dbs[n]
            totals[n] += write_batches(conn, repo, min(10 * chunk, args.read_size - start),
                                       1000, args.patients, rngs[n], offset=start)
    reads: dict[str, list[float]] = {n: [] for n in names}
    pick = random.Random(99)
    for n in names:
        dbs[n][0].execute("PRAGMA wal_checkpoint(TRUNCATE)")
        out[n]["fill_total"] = totals[n]
        out[n]["db_mb"] = (folder / f"{n}-read.db").stat().st_size / 1e6
    for i in range(40):
        ref = f"IPP-{pick.randrange(args.patients):06d}"
        for n in (names if i % 2 == 0 else names[::-1]):
            t = time.perf_counter()
            rows = dbs[n][1].for_patient(ref, latest_only=False)
            reads[n].append(time.perf_counter() - t)
            out[n]["read_rows"] = len(rows)
    for n in names:
        out[n]["read_median"] = statistics.median(reads[n])
        dbs[n][0].close()
    return out


def unlock_times(folder: Path, rounds: int) -> tuple[float, float, float]:
    ident = pyrage.x25519.Identity.generate()
    path = folder / "unlock-vault"
    Vault.create(path, ward="Banc", login="cadre", display_name="Banc d'essai",
                 passphrase=PASSPHRASE, recovery_recipient=str(ident.to_public())).close()
    totals = []
    for _ in range(rounds):
        t = time.perf_counter()
        Vault.unlock(path, "cadre", PASSPHRASE).close()
        totals.append(time.perf_counter() - t)
    kdf = []
    for _ in range(rounds):
        params = KdfParams(salt=os.urandom(16))
        t = time.perf_counter()
        params.derive(PASSPHRASE)
        kdf.append(time.perf_counter() - t)
    return statistics.median(totals), statistics.median(kdf), min(totals)


def unlock_big(folder: Path, revisions: int) -> tuple[float, float]:
    """Unlock of a vault holding ``revisions`` (the integrity walk grows with the file)."""
    ident = pyrage.x25519.Identity.generate()
    path = folder / "big-vault"
    rng = random.Random(7)
    with Vault.create(path, ward="Banc", login="cadre", display_name="Banc d'essai",
                      passphrase=PASSPHRASE, recovery_recipient=str(ident.to_public())) as v:
        for start in range(0, revisions, 1000):
            with v.transaction():
                for i in range(start, min(revisions, start + 1000)):
                    v.revisions.append("vitals", f"IPP-{i % 500:06d}", payload(rng))
    t = time.perf_counter()
    Vault.unlock(path, "cadre", PASSPHRASE).close()
    return time.perf_counter() - t, (path / "ward.db").stat().st_size / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (1,000 / 10,000)")
    parser.add_argument("--dir", type=Path, default=None,
                        help="where to write (default: a temp folder on the same disk as /tmp)")
    args = parser.parse_args()
    args.single = 1_000 if args.quick else 10_000
    args.read_size = 10_000 if args.quick else 100_000
    args.batch = 100
    args.patients = 500
    with tempfile.TemporaryDirectory(prefix="vault-bench-", dir=args.dir) as tmp:
        folder = Path(tmp)
        unlock, kdf, unlock_min = unlock_times(folder, 3 if args.quick else 5)
        key = secrets.token_bytes(32)
        results = run_pair({"sqlcipher": lambda p: connect(p, key), "plain": plain_connect},
                           folder, args)
        enc, plain = results["sqlcipher"], results["plain"]
        big_unlock, big_mb = unlock_big(folder, args.read_size)

    def row(label: str, key: str, unit: str = "ms", scale: float = 1000.0,
            aim: str = "") -> None:
        a, b = enc[key] * scale, plain[key] * scale
        ratio = a / b if b else float("nan")
        print(f"| {label:<46} | {a:>10.2f} {unit:<3}| {b:>10.2f} {unit:<3}| {ratio:>6.2f} | {aim}")

    print(f"\nvault benchmark ({'quick' if args.quick else 'full'}; "
          f"SQLCipher {sqlcipher_version()}, SQLite {sqlite3.sqlite_version})\n")
    params = KdfParams()
    print(f"unlock (Argon2id {params.memory_kib // 1024} MiB t={params.iterations} + open + checks"
          f" + audit row): median {unlock:.3f} s, "
          f"best {unlock_min:.3f} s   (aim 0.3-1 s)")
    print(f"  of which the KDF alone:                                 median {kdf:.3f} s")
    print(f"unlock of a vault with {args.read_size:,} revisions ({big_mb:.0f} MB):"
          f"           {big_unlock:.3f} s\n")
    print(f"| {'measure':<46} | {'SQLCipher':>14} | {'plain sqlite3':>14} | {'ratio':>6} | aim")
    print(f"|{'-' * 48}|{'-' * 16}|{'-' * 16}|{'-' * 8}|-----")
    row(f"{args.single:,} revisions, 1 per transaction: p50", "single_p50", aim="<= 15 ms")
    row(f"{args.single:,} revisions, 1 per transaction: p95", "single_p95")
    row(f"{args.single:,} revisions, 1 per transaction: total", "single_total", "s", 1.0)
    row(f"{args.single:,} revisions, {args.batch} per transaction: per rev",
        "batch_per_rev", aim="ratio <= 1.5")
    row(f"{args.single:,} revisions, {args.batch} per transaction: total", "batch_total",
        "s", 1.0, aim="ratio <= 1.5")
    row(f"fill {args.read_size:,} revisions (1,000 per transaction)", "fill_total", "s", 1.0)
    row(f"read one patient's revisions among {args.read_size:,}", "read_median")
    print(f"|   ({int(enc['read_rows'])} revisions per patient, {args.patients} patients; "
          f"files {enc['db_mb']:.0f} MB vs {plain['db_mb']:.0f} MB)")
    return 0


def sqlcipher_version() -> str:
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    try:
        return str(conn.execute("PRAGMA cipher_version").fetchone()[0])
    finally:
        conn.close()


if __name__ == "__main__":
    sys.exit(main())
