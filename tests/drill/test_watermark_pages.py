"""Every printed kind carries the EXERCICE watermark on every page in a drill vault, and
never in a production vault (pypdf text of each page)."""

from __future__ import annotations

from pathlib import Path

from care_degraded.printing.document import EXERCISE_MARK, EXERCISE_SUBMARK
from care_degraded.services import census, checklists, crisis_log, forms, printing, records
from care_degraded.services.patients import ward_patients
from care_degraded.vault import Vault
from tests.drill.conftest import FakeClock
from tests.printing.helpers import pages_text, squash


def every_print(v: Vault, tmp: Path) -> dict[str, bytes]:
    lib = forms.library()
    pid = ward_patients(v)[0].id
    rec = records.record_care(v, lib, pid, "vital-signs",
                              {"effective": v.clock().isoformat(timespec="minutes"), "hr": 90})
    run = checklists.start_run(v, lib, "start")
    crisis_log.add_entry(v, "information", "Réseau coupé")
    calls = {
        "kit": lambda out: printing.print_kit(v, out, 4, patient_id=pid),
        "form": lambda out: printing.print_form(v, out, "vital-signs", pid),
        "blank-form": lambda out: printing.print_form(v, out, "pain"),
        "mar": lambda out: printing.print_form(v, out, "mar", pid),
        "flowsheet": lambda out: printing.print_form(v, out, "flowsheet", pid),
        "labels": lambda out: printing.print_labels(v, out, pid, count=3),
        "record": lambda out: printing.print_record(v, out, rec.uuid),
        "handover": lambda out: printing.print_handover(v, out),
        "handover-patient": lambda out: printing.print_handover(v, out, pid),
        "census": lambda out: printing.print_census(v, out),
        "checklists": lambda out: printing.print_checklist(v, out),
        "checklist-run": lambda out: printing.print_checklist(v, out, record=run.run_id),
        "crisis-log": lambda out: printing.print_crisis_log(v, out),
    }
    found = {}
    for kind, call in calls.items():
        out = tmp / f"{kind}.pdf"
        call(out)
        found[kind] = out.read_bytes()
    return found


def test_every_page_of_every_kind_in_a_drill_is_marked(
        drill_vault: tuple[Vault, FakeClock], tmp_path: Path) -> None:
    v, _ = drill_vault
    for kind, pdf in every_print(v, tmp_path).items():
        pages = pages_text(pdf)
        assert pages, kind
        for number, text in enumerate(pages, start=1):
            assert EXERCISE_MARK in text, f"{kind} page {number}"
            assert squash(EXERCISE_SUBMARK) in squash(text), f"{kind} page {number}"


def test_production_pages_never_are(manager_vault: Vault, tmp_path: Path) -> None:
    census.populate_demo(manager_vault, patients=3, beds=4, seed=15)
    for kind, pdf in every_print(manager_vault, tmp_path).items():
        text = "\n".join(pages_text(pdf))
        assert "EXERCICE" not in text and "EXERCISE" not in text, kind
        assert "fictitious" not in text, kind
