"""The kit on a real vault: shift periods, one patient, chosen sheets, the new sheets."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from care_degraded.domain.errors import InvalidInput
from care_degraded.services import census, checklists, printing, records, shifts
from care_degraded.services.forms import library
from care_degraded.services.patients import ward_patients
from care_degraded.vault import Vault
from tests.printing.helpers import all_text, decode_qr, page_sizes, pages_text, squash, words

LOCAL = dt.datetime(2026, 11, 29, 13, 50).astimezone().tzinfo


def _local(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=LOCAL)


@pytest.fixture
def ward(manager_vault: Vault) -> Vault:
    census.populate_demo(manager_vault, patients=4, beds=6, seed=6)
    return manager_vault


def test_shift_windows_default_and_vault_setting(ward: Vault) -> None:
    default = shifts.ward_shifts(ward)
    assert shifts.shift_window(default, _local(29, 13, 50)) == (_local(29, 6, 30),
                                                                dt.timedelta(hours=8))
    assert shifts.shift_window(default, _local(29, 2, 0))[0] == _local(28, 22, 30)
    assert shifts.shift_window(default, _local(29, 22, 30))[0] == _local(29, 22, 30)
    shifts.set_ward_shifts(ward, "07:00-19:00, 19:00-07:00")
    mine = shifts.ward_shifts(ward)
    assert shifts.shift_window(mine, _local(29, 6, 59)) == (_local(28, 19, 0),
                                                            dt.timedelta(hours=12))
    for bad in ("7h-19h", "25:00-07:00", "07:00-07:00", ""):
        with pytest.raises(InvalidInput):
            shifts.set_ward_shifts(ward, bad)
    assert ward.meta(shifts.META_KEY) == "07:00-19:00,19:00-07:00"  # a refusal changes nothing


def test_kit_covers_the_current_shift_not_the_print_time(ward: Vault, tmp_path: Path) -> None:
    out = tmp_path / "kit.pdf"
    ten_to_two = dt.datetime(2026, 11, 29, 13, 50, tzinfo=ward.zone)  # the ward's clock
    printing.print_kit(ward, out, now=ten_to_two, sheets="mar,flowsheet")
    text = squash(all_text(out.read_bytes()))
    assert squash("Du 29/11/2026 06:30 au 29/11/2026 14:30") in text
    printing.print_kit(ward, out, 24, now=ten_to_two, sheets="flowsheet")
    assert squash("Du 29/11/2026 06:30 au 30/11/2026 06:30") in squash(all_text(out.read_bytes()))


def test_kit_for_one_patient_with_chosen_sheets(ward: Vault, tmp_path: Path) -> None:
    patients = ward_patients(ward)
    one, others = patients[1], [p for p in patients if p is not patients[1]]
    out = tmp_path / "kit.pdf"
    printing.print_kit(ward, out, patient_id=one.reference(), sheets="mar,flowsheet,summary")
    pdf = out.read_bytes()
    pages = pages_text(pdf)
    text = squash("\n".join(pages))
    assert squash(one.identity.display_name()) in text
    assert not any(squash(p.identity.display_name()) in text for p in others)
    assert "Liste des patients du service" not in text and "Check-list" not in text
    kinds = {"Feuille d'administration": 0, "Feuille de surveillance": 0,
             "Fiche de synthèse": 0, "Transmissions": 0, "Étiquettes": 0}
    for page in pages[1:]:
        for k in kinds:
            kinds[k] += k in page
    assert kinds["Feuille d'administration"] and kinds["Feuille de surveillance"]
    assert kinds["Fiche de synthèse"] == 1 and not kinds["Transmissions"]
    with pytest.raises(InvalidInput, match="unknown sheet"):
        printing.print_kit(ward, out, sheets="mar,menu")


def test_every_sheet_of_the_kit_from_the_vault(ward: Vault, tmp_path: Path) -> None:
    lib = library()
    now = ward.clock()
    patient = ward_patients(ward)[0]
    start, _ = shifts.shift_window(shifts.ward_shifts(ward), now, ward.zone)
    weight_at = (start + dt.timedelta(minutes=5)).isoformat()
    records.record_care(ward, lib, patient.id, "vital-signs", {
        "effective": weight_at, "temp": 38.2, "hr": 112, "weight": 72.5})
    records.record_care(ward, lib, patient.id, "sbar-handover", {
        "effective": (start - dt.timedelta(hours=2)).isoformat(), "from": "IDE de nuit",
        "situation": "Fièvre à 39", "assessment": "NEWS2 5", "recommendation": "Hémocultures"})
    records.record_care(ward, lib, patient.id, "targeted-notes", {
        "effective": (start + dt.timedelta(minutes=10)).isoformat(),
        "target": [{"focus": "Douleur", "data": "EN 7 au flanc droit",
                    "actions": "Paracétamol 1 g", "results": "EN 3 à 1 h"},
                   {"focus": "Chute", "data": "retrouvée au sol"}]})
    out = tmp_path / "kit.pdf"
    printing.print_kit(ward, out, patient_id=patient.id, now=now)
    pdf = out.read_bytes()
    pages = pages_text(pdf)
    summary = squash(next(p for p in pages if "Fiche de synthèse du patient" in p))
    assert squash(patient.attending or "") in summary
    assert squash("72,5 kg") in summary  # weight, when recorded
    for rx in patient.prescriptions:
        assert squash(rx.drug) in summary
    handover = squash("\n".join(p for p in pages if "Transmissions — ch." in p
                                 or "Transmissions — fiche patient" in p))
    assert squash("Fièvre à 39") in handover  # the latest SBAR...
    assert squash("EN 7 au flanc droit") in handover and "Chute" in handover  # ...and the DAR
    dar = squash(next(p for p in pages if "Transmissions ciblées (DAR) — équipe" in p))
    for head in ("Cible", "Données", "Actions", "Résultats", "Initiales"):
        assert head in dar
    assert squash("retrouvée au sol") in dar
    index = next(i for i, p in enumerate(pages, start=1) if "Transmissions ciblées (DAR)" in p)
    columns = [w for w in words(pdf, index) if w["text"] == "Initiales"]
    assert columns  # the header word is whole ("Initiale / s" would not match)


def test_label_sheet_is_3_by_8_with_a_qr_naming_the_patient(ward: Vault, tmp_path: Path) -> None:
    patient = ward_patients(ward)[0]
    out = tmp_path / "labels.pdf"
    result = printing.print_labels(ward, out, patient.reference())
    pdf = out.read_bytes()
    assert result.pages == 1 and page_sizes(pdf) == [(pytest.approx(595.3, abs=1),
                                                      pytest.approx(841.9, abs=1))]
    surname = patient.identity.display_name().split()[0]
    names = [w for w in words(pdf, 1) if w["text"] == surname]
    assert len(names) == 24
    xs = sorted({round(float(w["x0"])) for w in names})  # type: ignore[arg-type]
    ys = sorted({round(float(w["top"])) for w in names})  # type: ignore[arg-type]
    assert len(xs) == 3 and len(ys) == 8
    assert all(abs(b - a - 198.4) < 1.5 for a, b in zip(xs, xs[1:], strict=False))  # 70 mm
    assert all(abs(b - a - 104.9) < 1.5 for a, b in zip(ys, ys[1:], strict=False))  # 37 mm
    text = all_text(pdf)
    assert patient.identity.ipp and patient.identity.ipp in text
    codes = decode_qr(out, 1, tmp_path)
    assert codes
    check = printing.verify_sheet_code(ward, codes[0])
    assert check.claims.patient_id == patient.id
    printing.print_labels(ward, out, patient.id, count=5)
    assert len([w for w in words(out.read_bytes(), 1) if w["text"] == surname]) == 5
    with pytest.raises(InvalidInput):
        printing.print_labels(ward, out, patient.id, count=25)


def test_filled_checklist_run_prints_who_ticked_what_and_when(ward: Vault,
                                                              tmp_path: Path) -> None:
    lib = library()
    run = checklists.start_run(ward, lib, "start")
    first, second = run.items[0], run.items[1]
    checklists.tick(ward, lib, run.run_id, first.link_id, True)
    out = tmp_path / "run.pdf"
    printing.print_checklist(ward, out, record=run.run_id)
    text = squash(all_text(out.read_bytes()))
    assert squash(f"1 / {len(run.items)} éléments cochés") in text
    assert "☑" in text and "☐" in text and squash("à faire") in text
    assert squash("Claire Martin-Test (cadre)") in text
    assert squash(first.label) in text and squash(second.label) in text
    assert re.search(r"\d\d/\d\d\d\d:\d\d", text)  # when it was ticked


def test_single_vitals_record_prints_on_one_page(ward: Vault, tmp_path: Path) -> None:
    patient = ward_patients(ward)[0]
    rev = records.record_care(ward, library(), patient.id, "vital-signs", {
        "effective": dt.datetime.now(dt.UTC).isoformat(), "temp": 37.9, "hr": 88,
        "sbp": 130, "dbp": 80, "rr": 16, "spo2": 97, "o2": "air", "avpu": "A"})
    out = tmp_path / "record.pdf"
    result = printing.print_record(ward, out, rev.uuid)
    assert result.pages == 1
    assert squash("37,9 °C") in squash(all_text(out.read_bytes()))


def test_form_from_a_file_not_in_the_library_with_an_external_value_set(
        ward: Vault, tmp_path: Path) -> None:
    form = tmp_path / "external.json"
    form.write_text(json.dumps({
        "resourceType": "Questionnaire", "url": "https://example.org/Questionnaire/ext",
        "version": "3", "status": "active", "title": "Évaluation externe",
        "item": [{"linkId": f"q{i}", "type": "text", "text": f"Question {i}"}
                 for i in range(30)] + [
            {"linkId": "diag", "type": "choice", "text": "Diagnostic principal",
             "answerValueSet": "http://snomed.info/sct?fhir_vs=isa/404684003"}]}),
        encoding="utf-8")
    patient = ward_patients(ward)[0]
    out = tmp_path / "form.pdf"
    result = printing.print_form(ward, out, str(form), patient.id)
    assert any("answerValueSet" in w and "diag" in w for w in result.warnings)
    pages = pages_text(out.read_bytes())
    assert len(pages) >= 2
    for page in pages:
        assert squash(patient.identity.display_name()) in squash(page)
    assert squash("écrire la réponse en clair") in squash("\n".join(pages))
    for payload in result.payloads:
        assert printing.verify_sheet_code(ward, payload).claims.patient_id == patient.id


def test_flowsheet_prints_vitals_and_glucose_recorded_in_the_shift(ward: Vault,
                                                                  tmp_path: Path) -> None:
    lib = library()
    patient = ward_patients(ward)[0]
    now = ward.clock()
    start, _ = shifts.shift_window(shifts.ward_shifts(ward), now, ward.zone)
    at = (start + dt.timedelta(minutes=20)).isoformat()
    records.record_care(ward, lib, patient.id, "vital-signs", {
        "effective": at, "temp": 38.6, "hr": 121, "sbp": 92, "dbp": 55, "rr": 26})
    records.record_care(ward, lib, patient.id, "capillary-glucose", {
        "effective": at, "glucose": 2.45, "insulin-given": True,
        "insulin": {"insulin-name": "Novorapid", "insulin-dose": 6}})
    out = tmp_path / "flow.pdf"
    printing.print_form(ward, out, "flowsheet", patient.id, now=now)
    text = squash(pages_text(out.read_bytes())[0])
    for value in ("38,6", "121", "92/55", "26", "2,45"):
        assert value in text, value
    assert squash("incomplet :") in text  # NEWS2 without SpO2, O2, conscience: partial
    insulin_row = text.split("Insuline(UI)", 1)[1].split("Initiales", 1)[0]
    assert "6" in insulin_row
