"""Reconciliation figures on the hub: EHR list import, candidate search, worklist, conflicts.

    python bench/hub_bench.py [--ehr N] [--searches N]

Builds the reconciliation scenario for real (two ward vaults, genuine signed bundles
ingested by a hub, see tests/hub/scenario.py), loads a synthetic EHR list of N
patients (default 50,000, the issue's figure) and measures:

- the EHR list import (seconds, patients per second);
- the candidate search of each provisional identity against that list (p50 / p95 in
  ms; aim p50 < 50 ms), with the same search against the small EHR list of the
  scenario as the baseline of this run (the ratio says what N patients cost);
- the back-entry worklist and conflict detection of the scenario's hub.

Not measured here yet: 10 wards x 20,000 records ingested and reconciled end to end,
and the worklist of 20,000 items opened in the IT workbench (the workbench is not built).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyrage

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from care_degraded.census import generator  # noqa: E402
from care_degraded.hub import conflicts, worklist  # noqa: E402
from care_degraded.hub.identities import Resolver, candidates  # noqa: E402
from care_degraded.services import reconcile  # noqa: E402
from tests.hub.scenario import build, ingested_hub  # noqa: E402
from tests.sync.kit import open_hub  # noqa: E402


def _search_times(hub: Path, searches: int) -> tuple[list[float], int]:
    times: list[float] = []
    found = 0
    with open_hub(hub) as store:
        resolver = Resolver(store)
        people = [p for p in resolver.patients.values() if p.provisional_number]
        for i in range(searches):
            patient = people[i % len(people)]
            start = time.perf_counter()
            found += len(candidates(store, resolver, patient))
            times.append((time.perf_counter() - start) * 1000)
    return times, found


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ehr", type=int, default=50_000, help="EHR patients (default 50,000)")
    parser.add_argument("--searches", type=int, default=200, help="candidate searches")
    args = parser.parse_args()

    recipient = str(pyrage.x25519.Identity.generate().to_public())
    with tempfile.TemporaryDirectory(prefix="hub-bench-") as tmp:
        root = Path(tmp)
        scenario = build(root / "scenario", recipient)
        small = ingested_hub(scenario, root / "small")
        base, base_found = _search_times(small, args.searches)

        large = ingested_hub(scenario, root / "large")
        ehr_file = root / "ehr.json"
        generator.write(ehr_file, args.ehr, seed=2026)
        with open_hub(large) as store:
            start = time.perf_counter()
            summary = reconcile.census_import(store, ehr_file)
            imported = time.perf_counter() - start
        big, big_found = _search_times(large, args.searches)

        with open_hub(large) as store:
            start = time.perf_counter()
            items = worklist.items(store)
            listed = time.perf_counter() - start
            start = time.perf_counter()
            found = conflicts.detect(store)
            detected = time.perf_counter() - start

    print(f"EHR list import: {args.ehr:,} patients in {imported:.2f} s "
          f"({args.ehr / imported:,.0f} patients/s); imported {summary['imported']}, "
          f"without IPP {summary['without_ipp']}, refused {summary['refused']}")
    print(f"candidate search, scenario EHR list (baseline): p50 {_pct(base, 0.5):.1f} ms, "
          f"p95 {_pct(base, 0.95):.1f} ms over {len(base)} searches, {base_found} candidates")
    print(f"candidate search, {args.ehr:,} EHR patients: p50 {_pct(big, 0.5):.1f} ms, "
          f"p95 {_pct(big, 0.95):.1f} ms, mean {statistics.fmean(big):.1f} ms "
          f"(aim p50 < 50 ms); {big_found} candidates")
    print(f"ratio p50 large / baseline: {_pct(big, 0.5) / max(_pct(base, 0.5), 1e-6):.1f}x")
    print(f"worklist of the scenario: {len(items)} items in {listed * 1000:.0f} ms; "
          f"conflict detection: {len(found)} in {detected * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
