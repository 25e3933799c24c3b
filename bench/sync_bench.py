"""Sync figures: export, hub ingest, mutated bundles refused, HTTPS push with many wards.

    python bench/sync_bench.py [--revisions N] [--mutations N] [--wards N] [--pushes N]

Aims: export 100,000 revisions < 5 s; ingest of the same < 10 s; every mutated
bundle refused and 0 rows written by them. Defaults are smaller so that a run
takes a few minutes on a loaded 2-core machine; pass --revisions 100000 for the aim.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyrage

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from care_degraded.domain.errors import CareError  # noqa: E402
from care_degraded.hub.ingest import ingest  # noqa: E402
from care_degraded.hub.server import bind, make_server  # noqa: E402
from care_degraded.hub.store import HubStore  # noqa: E402
from care_degraded.services import hub as hub_service  # noqa: E402
from care_degraded.services import sync  # noqa: E402
from care_degraded.sync.outbox import export, make_bundle  # noqa: E402
from care_degraded.sync.push import Backoff  # noqa: E402
from care_degraded.vault import Vault  # noqa: E402
from tests.sync.kit import self_signed  # noqa: E402

IT = ("it", "IT bench", "bench de reprise 2026")
USER = ("cadre", "Cadre bench", "garde de nuit 2026")
WARD = "Bench"


def _ward(folder: Path, recipient: str, hub: Path, url: str | None = None,
          cert: Path | None = None) -> Vault:
    vault = Vault.create(folder, ward=WARD, login=USER[0], display_name=USER[1],
                         passphrase=USER[2], recovery_recipient=recipient)
    with HubStore.unlock(hub, IT[0], IT[2]) as store:
        hub_service.enroll_device(store, WARD, folder / "enrol.json", url=url, certificate=cert)
    sync.enroll(vault, folder / "enrol.json")
    return vault


def _fill(vault: Vault, count: int) -> None:
    with vault.transaction():
        for n in range(count):
            vault.revisions.append("obs-bench", None, {
                "temp": 36.5 + (n % 30) / 10, "hr": 60 + n % 50, "note": f"relevé {n}"})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--revisions", type=int, default=20_000)
    parser.add_argument("--mutations", type=int, default=10_000)
    parser.add_argument("--wards", type=int, default=10)
    parser.add_argument("--pushes", type=int, default=3, help="bundles each ward pushes")
    args = parser.parse_args()
    it = pyrage.x25519.Identity.generate()
    recipient = str(it.to_public())
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        hub_dir = base / "hub"
        HubStore.create(hub_dir, IT[0], IT[1], IT[2], recipient).close()
        vault = _ward(base / "ward", recipient, hub_dir)
        _fill(vault, args.revisions)
        usb = base / "usb"
        usb.mkdir()
        t0 = time.perf_counter()
        out = export(vault, usb)
        t_export = time.perf_counter() - t0
        print(f"export: {out['revisions']} revisions, {out['bytes'] / 1e6:.1f} MB, "
              f"{t_export:.2f} s ({out['revisions'] / t_export:,.0f} revisions/s)")
        data = Path(out["file"]).read_bytes()
        store = HubStore.unlock(hub_dir, IT[0], IT[2])
        t0 = time.perf_counter()
        outcome = ingest(store, data)
        t_ingest = time.perf_counter() - t0
        print(f"hub ingest: {outcome.accepted} revisions accepted in {t_ingest:.2f} s "
              f"({outcome.accepted / t_ingest:,.0f} revisions/s)")

        # mutated bundles: a small genuine one, mutated at random
        _fill(vault, 5)
        with vault.transaction():
            small = make_bundle(vault).data
        rng = random.Random(2026)

        def rows() -> tuple[int, ...]:
            return tuple(int(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                         for t in ("bundles", "received_revisions", "conflicts", "patients", "alerts"))

        before = rows()
        refused = 0
        t0 = time.perf_counter()
        for _ in range(args.mutations):
            mutated = bytearray(small)
            kind = rng.randrange(3)
            at = rng.randrange(len(mutated))
            if kind == 0:
                mutated[at] ^= 1 << rng.randrange(8)
            elif kind == 1:
                del mutated[at:]
            else:
                mutated.insert(at, rng.randrange(256))
            try:
                ingest(store, bytes(mutated))
            except CareError:
                refused += 1
        t_mut = time.perf_counter() - t0
        print(f"mutated bundles: {args.mutations}, refused {100 * refused / args.mutations:.2f} %,"
              f" rows written by them {sum(rows()) - sum(before)} ({t_mut:.1f} s)")
        store.close()
        vault.close()

        # HTTPS push on loopback, many wards at once
        cert, key = self_signed(base / "tls")
        store = HubStore.unlock(hub_dir, IT[0], IT[2])
        server = make_server(store, "127.0.0.1", cert, key)
        sock = bind("127.0.0.1", 0)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        url = f"https://127.0.0.1:{sock.getsockname()[1]}"
        wards = [_ward(base / f"w{n}", recipient, hub_dir, url=url, cert=cert)
                 for n in range(args.wards)]
        counts = [0] * args.wards

        def run(n: int) -> None:
            for _ in range(args.pushes):
                _fill(wards[n], 50)
                counts[n] += int(sync.push(wards[n], backoff=Backoff(attempts=5))["bundles"])

        threads = [threading.Thread(target=run, args=(n,)) for n in range(args.wards)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        t_push = time.perf_counter() - t0
        total = sum(counts)
        print(f"HTTPS push: {args.wards} wards at once, {total} bundles of 50 revisions in "
              f"{t_push:.2f} s ({total / t_push:.1f} bundles/s)")
        server.should_exit = True
        thread.join()
        for w in wards:
            w.close()
        store.close()


if __name__ == "__main__":
    main()
