"""Form engine figures: load every form cold, validate a vitals response with NEWS2.

Run by hand or with ``make bench``; never part of the test suite. Targets: vitals
validation (NEWS2 included) p50 under 2 ms.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from care_degraded.questionnaire import load_questionnaire, validate  # noqa: E402
from care_degraded.questionnaire.engine import compiled  # noqa: E402

FORMS = ROOT / "forms"
VITALS = {"effective": "2026-11-29T03:15:00+01:00", "temp": 38.5, "hr": 115, "sbp": 95,
          "dbp": 60, "rr": 22, "spo2": 93, "o2": "oxygen", "o2-flow": 2.0, "avpu": "A",
          "pain": 3, "weight": 72.5}
COLD = ("import time; t = time.perf_counter(); "
        "from care_degraded.questionnaire import FormLibrary; "
        "from care_degraded.questionnaire.engine import compiled; "
        "lib = FormLibrary(sys.argv[1]); [compiled(s) for s in lib.list()]; "
        "print((time.perf_counter() - t) * 1000)")


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def _store_records(count: int) -> list[tuple[str, str]]:
    """Validate and store ``count`` vitals records through the records service."""
    import datetime as dt
    import tempfile

    import pyrage

    from care_degraded.services import forms, patients, records
    from care_degraded.vault import Vault

    lib = forms.library()
    with tempfile.TemporaryDirectory() as tmp:
        ident = pyrage.x25519.Identity.generate()
        vault = Vault.create(Path(tmp) / "v", ward="Bench", login="bench", display_name="Bench",
                             passphrase="bench passphrase 1",
                             recovery_recipient=str(ident.to_public()))
        with vault:
            ids = [patients.admit_patient(vault, surname=f"Banc{i}", given_names=["Test"],
                                          birth_date=dt.date(1950, 1, 1 + i), sex="female",
                                          force=True).patient.id for i in range(20)]
            times = []
            start_all = time.perf_counter()
            for n in range(count):
                start = time.perf_counter()
                records.record_care(vault, lib, ids[n % len(ids)], "vital-signs", VITALS)
                times.append((time.perf_counter() - start) * 1000)
            total = time.perf_counter() - start_all
    return [
        (f"store {count} vitals records (validate + sign + commit each)", f"{total:.1f} s"),
        ("  per record, p50", f"{statistics.median(times):.2f} ms"),
        ("  per record, p95", f"{_percentile(times, 0.95):.2f} ms"),
    ]


def main() -> None:
    rows: list[tuple[str, str]] = []
    # Cold: a fresh interpreter imports the engine and loads + compiles the library.
    out = subprocess.run([sys.executable, "-c", "import sys; " + COLD, str(FORMS)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    rows.append(("library cold (new process: import + load + compile all)",
                 f"{float(out.stdout):.0f} ms"))
    files = sorted(FORMS.glob("*.json"))
    per_form = []
    for path in files:
        start = time.perf_counter()
        compiled(load_questionnaire(path))
        per_form.append((time.perf_counter() - start) * 1000)
    rows.append((f"load + compile each form ({len(files)} files), total",
                 f"{sum(per_form):.1f} ms"))
    rows.append(("  slowest form", f"{max(per_form):.1f} ms"))
    spec = load_questionnaire(FORMS / "vital-signs.json")
    result = validate(spec, VITALS)
    assert result.ok and result.answers["news2-total"] == 11
    times = []
    for _ in range(2000):
        start = time.perf_counter()
        validate(spec, VITALS)
        times.append((time.perf_counter() - start) * 1000)
    p50 = statistics.median(times)
    rows.append(("validate vitals + NEWS2, p50 (aim < 2 ms)", f"{p50:.2f} ms"))
    rows.append(("validate vitals + NEWS2, p95", f"{_percentile(times, 0.95):.2f} ms"))
    rows.extend(_store_records(10_000 if "--quick" not in sys.argv else 1_000))
    width = max(len(r[0]) for r in rows)
    print("forms bench")
    for name, value in rows:
        print(f"  {name:<{width}}  {value:>10}")
    if p50 >= 2.0:
        print("  WARNING: vitals validation p50 is above the 2 ms aim")


if __name__ == "__main__":
    main()
