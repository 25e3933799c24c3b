"""The printing service on a real vault: kit, records, audit, atomic files, printer spool."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tempfile
from pathlib import Path

import pytest

from care_degraded.domain.errors import DamagedData, NotFound, UsageError
from care_degraded.services import census, printing, records
from care_degraded.services.forms import library
from care_degraded.services.patients import admit_patient, ward_patients
from care_degraded.vault import Vault
from tests.printing.helpers import all_text, decode_qr, pages_text, squash

VITALS = "https://care-degraded.example/fhir/Questionnaire/vital-signs"
SBAR = "https://care-degraded.example/fhir/Questionnaire/sbar-handover"


@pytest.fixture
def ward(manager_vault: Vault) -> Vault:
    census.populate_demo(manager_vault, patients=6, beds=8, seed=6)
    # Someone admitted during the outage: a provisional identity, in the last bed.
    admit_patient(manager_vault, surname="Nguyễn-Lœwy", given_names=["Maëlys"],
                  birth_date=dt.date(1988, 3, 14), sex="female", room="8", bed="8",
                  force=True)
    return manager_vault


def _audit(vault: Vault) -> list[tuple[str, str]]:
    return [(str(a), str(o)) for a, o in vault.conn.execute(
        "SELECT action, object FROM audit WHERE action LIKE 'print.%' ORDER BY seq")]


def test_kit_has_every_patient_by_bed_and_is_audited(ward: Vault, tmp_path: Path) -> None:
    out = tmp_path / "kit.pdf"
    result = printing.print_kit(ward, out, 8)
    patients = ward_patients(ward)
    pages = pages_text(out.read_bytes())
    assert result.pages == len(pages) == len(result.payloads)
    text = squash("\n".join(pages))
    for p in patients:
        assert squash(p.identity.display_name()) in text
    # Cover first, then per patient by bed: MAR, flowsheet, handover.
    assert "sommaire" in pages[0]
    mar_pages = [i for i, t in enumerate(pages)
                 if "Feuille d'administration" in t and "nouvelle admission" not in t
                 and "(2/" not in t.split("\n")[0]]
    first_names = [next(p.identity.display_name() for p in patients
                        if squash(p.identity.display_name()) in squash(pages[i]))
                   for i in mar_pages]
    assert first_names == [p.identity.display_name() for p in patients]
    for title in ("Feuille de surveillance", "Transmissions — fiche patient",
                  "Fiche de synthèse du patient", "Transmissions ciblées (DAR) — équipe",
                  "Admission en mode dégradé (nouvelle admission 2)",
                  "Administration des médicaments (nouvelle admission 1)",
                  "Surveillance (nouvelle admission 2)", "Check-list : début du mode dégradé",
                  "Check-list : retour à la normale"):
        assert squash(title) in text, title
    assert squash("recensement de") in squash(pages[0])
    provisional = [p for p in patients if p.is_provisional]
    assert provisional
    for p in provisional:
        sheet_pages = [t for t in pages if squash(p.identity.display_name()) in squash(t)
                       and "Feuille d'administration" in t]
        assert sheet_pages and all("IDENTITÉ PROVISOIRE" in t for t in sheet_pages)
    # The cover tells where each patient's sheets are: "p. 4–7" points at their MAR.
    cover = "\n".join(t for t in pages if "sommaire" in t)
    refs = [(int(a), int(b or a)) for a, b in re.findall(r"p\. (\d+)(?:–(\d+))?", cover)]
    assert len(refs) >= len(patients) + 3
    for (start, end), p in zip(refs[1:], patients, strict=False):  # refs[0]: census list
        assert "Fiche de synthèse du patient" in pages[start - 1]
        assert squash(p.identity.display_name()) in squash(pages[start - 1])
        # ...the last one is the patient's sheet of labels (no page furniture on it)
        assert squash(p.identity.display_name()) in squash(pages[end - 1])
        assert "MODE DÉGRADÉ" not in pages[end - 1]
    assert max(last for _first, last in refs) == len(pages)
    (action, detail), = _audit(ward)
    assert action == "print.kit" and f"pages={result.pages}" in detail
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_kit_page_qr_opens_the_right_patient(ward: Vault, tmp_path: Path) -> None:
    out = tmp_path / "kit.pdf"
    result = printing.print_kit(ward, out, 8)
    pages = pages_text(out.read_bytes())
    first = ward_patients(ward)[0]
    page = next(i for i, t in enumerate(pages, start=1) if "Feuille d'administration" in t)
    found = decode_qr(out, page, tmp_path)
    assert found == [result.payloads[page - 1]]
    check = printing.verify_sheet_code(ward, found[0])
    assert check.claims.patient_id == first.id
    assert check.patient is not None and check.patient.name == first.identity.display_name()
    assert check.form_title == "Administration médicamenteuse"
    with pytest.raises(DamagedData):
        printing.verify_sheet_code(ward, found[0].replace(first.id[:8], "00000000"))


def test_blank_form_for_a_patient_and_mar_flowsheet(ward: Vault, tmp_path: Path) -> None:
    patient = ward_patients(ward)[1]
    ref = patient.reference()
    out = tmp_path / "form.pdf"
    result = printing.print_form(ward, out, "vital-signs", ref)
    text = squash(all_text(out.read_bytes()))
    assert squash(patient.identity.display_name()) in text and result.pages >= 2
    printing.print_form(ward, out, "mar", patient.id)
    text = squash(all_text(out.read_bytes()))
    for rx in patient.prescriptions:
        assert squash(rx.drug) in text
    printing.print_form(ward, out, "flowsheet", patient.id, hours=24)
    assert squash("Initiales") in squash(all_text(out.read_bytes()))
    with pytest.raises(UsageError):
        printing.print_form(ward, out, "mar")
    with pytest.raises(NotFound):
        printing.print_form(ward, out, "vital-signs", "no-such-patient")
    assert [a for a, _ in _audit(ward)] == ["print.form"] * 3


def test_record_with_amendment_history(ward: Vault, tmp_path: Path) -> None:
    lib = library()
    patient = ward_patients(ward)[0]
    when = dt.datetime.now(dt.UTC).isoformat()
    first = records.record_care(ward, lib, patient.id, "vital-signs",
                                {"effective": when, "temp": 38.4, "hr": 112,
                                 "comment": "première « saisie »"})
    records.amend(ward, lib, first.uuid, {"effective": when, "temp": 38.9, "hr": 118,
                                         "comment": "corrigé à l’instant"})
    out = tmp_path / "record.pdf"
    printing.print_record(ward, out, first.uuid)
    text = squash(all_text(out.read_bytes()))
    for expected in ("38,9 °C", "corrigé à l’instant", "Historique des révisions", "validé",
                     "modifié", "Claire Martin-Test (cadre)", patient.identity.display_name()):
        assert squash(expected) in text, expected
    assert squash("première « saisie »") not in text  # the latest revision is printed


def test_ward_handover_shows_latest_sbar_and_news2(ward: Vault, tmp_path: Path) -> None:
    lib = library()
    patient = ward_patients(ward)[0]
    now = dt.datetime.now(dt.UTC)
    records.record_care(ward, lib, patient.id, "sbar-handover", {
        "effective": now.isoformat(), "from": "Inès", "situation": "Douleur thoracique à 3 h",
        "assessment": "NEWS2 à 5",
        "recommendation": "ECG à 6 h « sans faute »"}, effective_at=now)
    out = tmp_path / "handover.pdf"
    printing.print_handover(ward, out)
    text = squash(all_text(out.read_bytes()))
    assert squash("ECG à 6 h « sans faute »") in text
    assert squash("Douleur thoracique à 3 h") in text
    printing.print_handover(ward, out, patient.id)
    assert squash("Transmission de cette équipe") in squash(all_text(out.read_bytes()))


def test_census_and_checklists(ward: Vault, tmp_path: Path) -> None:
    out = tmp_path / "c.pdf"
    printing.print_census(ward, out)
    assert squash("Liste des patients du service") in squash(all_text(out.read_bytes()))
    result = printing.print_checklist(ward, out, "start")
    text = squash(all_text(out.read_bytes()))
    assert squash("Check-list : début du mode dégradé") in text and squash("signature") in text
    assert result.pages >= 1
    every = printing.print_checklist(ward, out)
    assert every.pages > result.pages


def test_no_file_in_system_temp_and_atomic_replace(ward: Vault, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    sys_tmp = tmp_path / "systmp"
    sys_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(sys_tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "kit.pdf"
    out.write_bytes(b"old")
    printing.print_kit(ward, out, 4)
    assert out.read_bytes().startswith(b"%PDF")
    assert os.listdir(out_dir) == ["kit.pdf"]  # no temp file left beside it
    assert os.listdir(sys_tmp) == []


def test_printer_gets_the_pdf_on_stdin_and_no_file_is_left(ward: Vault, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "lp.log"
    lp = bin_dir / "lp"
    # A stand-in for CUPS' lp: records its arguments and what came on its stdin.
    lp.write_text(f"#!/bin/sh\necho \"$@\" >> {log}\nhead -c 4 >> {log}\ncat > /dev/null\n")
    lp.chmod(0o755)
    sys_tmp = tmp_path / "systmp"
    sys_tmp.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    monkeypatch.setenv("TMPDIR", str(sys_tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    result = printing.print_census(ward, None, printer="Salle-de-soins")
    assert result.path is None
    logged = log.read_text()
    assert "-d Salle-de-soins" in logged and "%PDF" in logged
    # the PDF went on lp's standard input: no file anywhere, even if the job is killed
    assert str(ward.path) not in logged and ".pdf" not in logged
    spool = ward.path / printing.SPOOL_DIR
    assert not spool.exists() or list(spool.iterdir()) == []
    assert os.listdir(sys_tmp) == []
    (action, detail), = _audit(ward)
    assert detail.endswith("printer")


def test_spool_file_for_the_print_dialog_lives_in_the_vault(ward: Vault) -> None:
    with printing.spool_file(ward) as path:
        assert path.parent == ward.path / printing.SPOOL_DIR
        result = printing.print_census(ward, path)
        assert path.read_bytes().startswith(b"%PDF") and result.pages == 1
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not path.exists()


def test_missing_lp_is_refused_and_leaves_nothing(ward: Vault,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from care_degraded.domain.errors import Refused

    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(Refused):
        printing.print_census(ward, None, printer="default")
    spool = ward.path / printing.SPOOL_DIR
    assert not spool.exists() or list(spool.iterdir()) == []


def test_kit_for_an_empty_ward_and_hours_checked(manager_vault: Vault, tmp_path: Path) -> None:
    from care_degraded.domain.errors import InvalidInput

    result = printing.print_kit(manager_vault, tmp_path / "kit.pdf", 8)
    text = squash(all_text((tmp_path / "kit.pdf").read_bytes()))
    assert squash("0 patients") in text and squash("Check-list") in text
    assert result.pages >= 5
    for hours in (0, 73):
        with pytest.raises(InvalidInput):
            printing.print_kit(manager_vault, tmp_path / "kit.pdf", hours)


def test_kit_with_long_names_and_twenty_prescriptions(manager_vault: Vault,
                                                      tmp_path: Path) -> None:
    import random

    from tests.printing.synthetic import patient
    from tests.printing.synthetic import ward as synthetic_ward

    rng = random.Random(6)
    long_name = "DE LA TOUR D’AUVERGNE-LAURAGUAIS-MONTMORENCY-LAVAL"
    heavy = patient(rng, 10, prescriptions=20, name=long_name)
    patients = [heavy, *synthetic_ward(3)]
    out = tmp_path / "kit.pdf"
    printing.print_kit(manager_vault, out, 24, patients=patients)
    pages = pages_text(out.read_bytes())
    heavy_mar = [t for t in pages if "Feuille d'administration" in t
                 and squash(long_name) in squash(t)]
    assert heavy_mar  # the long name is on the sheet, wrapped, not cut
    mar_pages = [t for t in pages if squash(long_name) in squash(t)
                 and "Administration des médicaments" in t and "sommaire" not in t]
    assert len(mar_pages) >= 2  # 20 prescriptions continue on the next page...
    # every page of the grid repeats its header
    assert all(squash("Médicament · dose · voie · rythme") in squash(t) or
               squash("Si besoin, horaires non précisés") in squash(t) for t in mar_pages)
    text = squash("\n".join(mar_pages))
    for rx in heavy.prescriptions:  # ...and every one of them is there
        assert squash(rx.drug) in text
    # Bed order, natural ("10" after "3"), whatever order the patients were given in.
    titles = [re.search(r"Administration des médicaments — ch\. (\d+)", t) for t in pages]
    beds = [int(m.group(1)) for m in titles if m]
    assert beds == sorted(beds) and set(beds) == {1, 2, 3, 10}
