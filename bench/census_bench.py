"""Census benchmark: generate and import 5,000 patients, re-import, search.

Run by hand or with ``make bench``; never a timed test. Prints one line per
figure (and ``--json`` for machines). Each import runs in a child process, so
that its peak memory is its own.

    python bench/census_bench.py [--patients 5000] [--seed 1] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSPHRASE = "banc d'essai du recensement 2026"


def _child(args: argparse.Namespace) -> None:
    """One import in this (fresh) process: prints seconds, CPU seconds and peak RSS."""
    from care_degraded.services import census
    from care_degraded.vault import Vault

    with Vault.unlock(Path(args.vault), "bench", PASSPHRASE) as vault:
        wall, cpu = time.perf_counter(), time.process_time()
        summary = census.import_census(vault, args.file)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": wall, "cpu_seconds": cpu, "peak_rss_mib": peak_kib / 1024,
                      "summary": summary.to_json()}))


def _import(vault: Path, file: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child", "--vault", str(vault),
                          "--file", str(file)], check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _queries(census_file: Path, count: int, seed: int) -> list[str]:
    """Realistic look-ups: surnames (as typed, folded, mistyped), name pairs, IPP, beds."""
    from care_degraded.domain.names import fold

    bundle = json.loads(census_file.read_text(encoding="utf-8"))
    people = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"]
    beds = [e["resource"]["name"] for e in bundle["entry"]
            if e["resource"]["resourceType"] == "Location"
            and e["resource"]["physicalType"]["coding"][0]["code"] == "bd"]
    rng = random.Random(seed)
    queries = []
    for _ in range(count):
        who = rng.choice(people)
        family, given = who["name"][0]["family"], who["name"][0]["given"][0]
        kind = rng.randrange(6)
        if kind == 0:
            queries.append(family)
        elif kind == 1:
            queries.append(fold(family).upper())
        elif kind == 2:
            queries.append(f"{given} {family}")
        elif kind == 3 and len(family) > 4:  # a typing slip: two letters swapped
            i = rng.randrange(1, len(family) - 2)
            queries.append(family[:i] + family[i + 1] + family[i] + family[i + 2:])
        elif kind == 4 and who["identifier"]:
            queries.append(who["identifier"][0]["value"])
        else:
            queries.append(rng.choice(beds))
    return queries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--vault", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return 0

    import pyrage

    from care_degraded.census import generator
    from care_degraded.services import census, patients
    from care_degraded.vault import Vault

    figures: dict[str, Any] = {"patients": args.patients}
    with tempfile.TemporaryDirectory(prefix="census-bench-") as tmp:
        work = Path(tmp)
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        start = time.perf_counter()
        first = generator.write(work / "census.json", args.patients, args.seed,
                                generated_at=now - dt.timedelta(hours=3))
        figures["generate_seconds"] = time.perf_counter() - start
        figures["file_mib"] = first.stat().st_size / 2**20
        # a later export where nothing changed but its timestamp: read in full, all unchanged
        head, rest = first.read_bytes().split(b"\n", 1)
        stamp = (now - dt.timedelta(hours=3)).isoformat().replace("+00:00", "Z").encode()
        later_stamp = (now - dt.timedelta(hours=1)).isoformat().replace("+00:00", "Z").encode()
        later = work / "later.json"
        later.write_bytes(head.replace(stamp, later_stamp) + b"\n" + rest)
        recipient = str(pyrage.x25519.Identity.generate().to_public())
        Vault.create(work / "vault", ward="Banc d'essai", login="bench", display_name="Bench",
                     passphrase=PASSPHRASE, recovery_recipient=recipient).close()

        result = _import(work / "vault", first)
        figures["import_seconds"] = result["seconds"]
        figures["import_cpu_seconds"] = result["cpu_seconds"]
        figures["import_peak_rss_mib"] = result["peak_rss_mib"]
        figures["imported"] = result["summary"]["imported"]
        result = _import(work / "vault", first)
        figures["reimport_same_file_seconds"] = result["seconds"]
        result = _import(work / "vault", later)
        figures["reimport_later_snapshot_seconds"] = result["seconds"]
        figures["reimport_later_snapshot_unchanged"] = result["summary"]["unchanged"]

        queries = _queries(first, args.searches, args.seed)
        with Vault.unlock(work / "vault", "bench", PASSPHRASE) as vault:
            patients.search_patients(vault, queries[0])  # warm the page cache once
            times = []
            for query in queries:
                t = time.perf_counter()
                patients.search_patients(vault, query)
                times.append((time.perf_counter() - t) * 1000)
            start = time.perf_counter()
            ward = patients.ward_patients(vault)
            figures["ward_list_seconds"] = time.perf_counter() - start
            figures["ward_list_patients"] = len(ward)
            figures["census_label"] = census.freshness(vault).label("fr")
        times.sort()
        figures["search_p50_ms"] = statistics.median(times)
        figures["search_p95_ms"] = times[int(len(times) * 0.95) - 1]
        figures["search_max_ms"] = times[-1]
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        for key, value in figures.items():
            print(f"{key:36} {value:.3f}" if isinstance(value, float) else f"{key:36} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
