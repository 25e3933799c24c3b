"""Printing figures: the downtime kit for 30 patients x 8 h with every sheet, a blank form.

Run by hand or with ``make bench``; never part of the test suite. Targets: the kit
(every sheet) under 2 s in-process and under 3 s for the whole ``care-degraded print
kit`` command including unlock, under 300 MB peak; at most 3 sheets of paper
(recto-verso) per patient with at most 12 prescriptions; a blank vitals form under
150 ms. Each measure runs in a fresh process so that its peak memory is its own.
Synthetic patients only.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PATIENTS = 30
HOURS = 8


def _vault(folder: Path):  # type: ignore[no-untyped-def]
    import pyrage

    from care_degraded.services import census
    from care_degraded.vault import Vault

    ident = pyrage.x25519.Identity.generate()
    vault = Vault.create(folder / "vault", ward="Médecine B (banc d'essai)", login="cadre",
                         display_name="Cadre Banc", passphrase=PASSPHRASE,
                         recovery_recipient=str(ident.to_public()))
    census.populate_demo(vault, patients=PATIENTS, beds=PATIENTS + 2, seed=6)
    return vault


PASSPHRASE = "banc d'essai impression 2026"


def _pages_per_patient(pdf: Path, vault) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """(median pages, max pages, max pages for a patient with <= 12 prescriptions)."""
    import io

    from pypdf import PdfReader

    from care_degraded.services.patients import ward_patients

    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    texts = ["".join((p.extract_text() or "").split()) for p in reader.pages]
    counts, small = [], []
    for patient in ward_patients(vault):
        name = "".join(patient.identity.display_name().split())
        n = sum(1 for t in texts[2:] if name in t)  # after the cover and the census list
        counts.append(n)
        if len(patient.prescriptions) <= 12:
            small.append(n)
    return statistics.median(counts), max(counts), max(small) if small else 0


def child_kit(folder: Path) -> dict[str, float]:
    from care_degraded.services import printing, records
    from care_degraded.services.forms import library
    from care_degraded.services.patients import ward_patients

    vault = _vault(folder)
    now = vault.clock()
    lib = library()
    for n, patient in enumerate(ward_patients(vault)):  # some care already recorded
        records.record_care(vault, lib, patient.id, "vital-signs", {
            "effective": now.isoformat(), "temp": 37.0 + n % 3, "hr": 70 + n, "rr": 16})
    printing.print_form(vault, folder / "warm.pdf", "vital-signs")  # fonts, forms loaded
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start, cpu = time.perf_counter(), time.process_time()
    result = printing.print_kit(vault, folder / "kit.pdf", HOURS)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    median, most, most_small = _pages_per_patient(folder / "kit.pdf", vault)
    vault.close()
    # The whole command, as the ward runs it: a fresh process, unlock, print, audit.
    env = {**os.environ, "CARE_DEGRADED_PASSPHRASE": PASSPHRASE}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "care_degraded", "print", "kit", "--vault",
                    str(folder / "vault"), "--as", "cadre", "--hours", str(HOURS), "--out",
                    str(folder / "kit-cli.pdf")], check=True, capture_output=True, env=env,
                   cwd=ROOT)
    command = time.perf_counter() - start
    return {"wall": wall, "cpu": cpu, "pages": result.pages,
            "bytes": (folder / "kit.pdf").stat().st_size,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "before_mb": before_mb, "command": command, "pages_median": median,
            "pages_max": most, "pages_max_small": most_small}


def child_form(folder: Path) -> dict[str, float]:
    from care_degraded.config import forms_dir
    from care_degraded.printing.document import PageContext, Sheet, render
    from care_degraded.printing.form import FormRenderer
    from care_degraded.questionnaire import load_questionnaire
    from care_degraded.services import printing

    spec = load_questionnaire(forms_dir() / "vital-signs.json")
    ctx = PageContext("Médecine B", "recensement de 14:05, il y a 2 h", _now(), "banc",
                      b"k" * 32, "BENCH")

    def once() -> int:
        sheet = Sheet(spec.label(), "form", FormRenderer(spec).story(None), None,
                      spec.url or "", spec.version or "")
        return render([sheet], ctx).page_count

    pages = once()  # warm: fonts registered, modules imported
    times, cpu = [], []
    for _ in range(20):
        start, cpu_start = time.perf_counter(), time.process_time()
        once()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
    vault = _vault(folder)
    service = []
    for _ in range(10):
        start = time.perf_counter()
        printing.print_form(vault, folder / "form.pdf", "vital-signs")
        service.append(time.perf_counter() - start)
    vault.close()
    return {"render_p50": statistics.median(times), "render_max": max(times),
            "render_cpu_p50": statistics.median(cpu),
            "service_p50": statistics.median(service), "pages": pages}


def _now():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.datetime.now(dt.UTC)


def _child(name: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", name], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    kit = _child("kit")
    form = _child("form")
    rows = [
        (f"kit, {PATIENTS} patients x {HOURS} h, every sheet: wall in-process",
         f"{kit['wall']:.2f} s", "< 2 s"),
        ("  whole command (new process, unlock, print, audit)", f"{kit['command']:.2f} s",
         "< 3 s"),
        ("  CPU", f"{kit['cpu']:.2f} s", ""),
        ("  pages", f"{kit['pages']:.0f}", ""),
        ("  pages per second (wall)", f"{kit['pages'] / kit['wall']:.0f}", ""),
        ("  pages per CPU second", f"{kit['pages'] / kit['cpu']:.0f}", ""),
        ("  PDF size", f"{kit['bytes'] / 1e6:.1f} MB", ""),
        ("  peak memory (whole process)", f"{kit['peak_mb']:.0f} MB", "< 300 MB"),
        ("  peak before the kit (vault, census import, fonts)", f"{kit['before_mb']:.0f} MB", ""),
        ("  pages per patient: median", f"{kit['pages_median']:.0f}", ""),
        ("  pages per patient: most", f"{kit['pages_max']:.0f}", ""),
        ("  pages, patient with <= 12 prescriptions: most", f"{kit['pages_max_small']:.0f}",
         "<= 6 (3 sheets recto-verso)"),
        (f"blank vitals form ({form['pages']:.0f} pages), render p50",
         f"{form['render_p50'] * 1000:.0f} ms", "< 150 ms"),
        ("  CPU p50", f"{form['render_cpu_p50'] * 1000:.0f} ms", ""),
        ("  render max of 20", f"{form['render_max'] * 1000:.0f} ms", ""),
        ("  through the service (audit + atomic write), p50",
         f"{form['service_p50'] * 1000:.0f} ms", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'value':>10}  target")
    for name, value, target in rows:
        print(f"{name.ljust(width)}  {value:>10}  {target}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        # Synthetic data only, in a folder removed at the end.
        with tempfile.TemporaryDirectory(prefix="print-bench-", dir=ROOT) as tmp:
            run = {"kit": child_kit, "form": child_form}[sys.argv[2]]
            print(json.dumps(run(Path(tmp))))
    else:
        main()
