"""`care-degraded print ...` command lines (the contract in issue 6)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from care_degraded.cli import main
from care_degraded.services import census, records
from care_degraded.services.forms import library
from care_degraded.services.patients import ward_patients
from care_degraded.vault import Vault
from tests.conftest import MANAGER
from tests.printing.helpers import all_text, squash


@pytest.fixture
def ward_path(vault_path: Path) -> Path:
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as vault:
        census.populate_demo(vault, patients=3, beds=4, seed=6)
    return vault_path


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARE_DEGRADED_PASSPHRASE", MANAGER[2])


def _run(*args: str) -> int:
    return main(["print", *args])


def test_print_each_kind(ward_path: Path, tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--vault", str(ward_path), "--as", MANAGER[0]]
    with Vault.unlock(ward_path, MANAGER[0], MANAGER[2]) as vault:
        patient = ward_patients(vault)[0]
        record = records.record_care(vault, library(), patient.id, "vital-signs", {
            "effective": dt.datetime.now(dt.UTC).isoformat(), "temp": 37.9})
    runs = {
        "record": ["--record", record.uuid],
        "kit": ["--hours", "8"],
        "form": ["--form", "vital-signs", "--patient", patient.reference()],
        "handover": [],
        "census": [],
        "checklist": ["--form", "checklist-downtime-start"],
    }
    for kind, extra in runs.items():
        out = tmp_path / f"{kind}.pdf"
        assert _run(kind, *base, "--out", str(out), "--json", *extra) == 0, kind
        summary = json.loads(capsys.readouterr().out)
        assert summary["what"] == kind and summary["pages"] >= 1
        assert out.read_bytes().startswith(b"%PDF")
    kit_text = squash(all_text((tmp_path / "kit.pdf").read_bytes()))
    assert squash(patient.identity.display_name()) in kit_text


def test_usage_errors(ward_path: Path, tmp_path: Path) -> None:
    base = ["--vault", str(ward_path), "--as", MANAGER[0]]
    assert _run("form", *base, "--out", str(tmp_path / "x.pdf")) == 2  # no --form
    assert _run("record", *base, "--out", str(tmp_path / "x.pdf")) == 2  # no --record
    assert _run("census", *base) == 2  # neither --out nor --printer
    assert _run("form", *base, "--out", str(tmp_path / "x.pdf"), "--form", "nope") == 5


def test_verify_qr_tells_patient_form_and_sheet_or_refuses(
        ward_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from care_degraded.services import printing

    with Vault.unlock(ward_path, MANAGER[0], MANAGER[2]) as vault:
        patient = ward_patients(vault)[0]
        result = printing.print_form(vault, tmp_path / "f.pdf", "mar", patient.id)
    payload = result.payloads[0]
    base = ["--vault", str(ward_path), "--as", MANAGER[0]]
    assert _run("verify-qr", *base, payload) == 0
    plain = capsys.readouterr().out
    assert f"verified sheet {result.job}-0001" in plain
    assert patient.identity.display_name() in plain and "Administration" in plain
    assert _run("verify-qr", *base, "--json", payload) == 0
    told = json.loads(capsys.readouterr().out)
    assert told["ok"] is True
    assert told["patient"]["id"] == patient.id
    assert told["patient"]["name"] == patient.identity.display_name()
    assert told["form"]["url"].endswith("/medication-administration")
    assert told["sheet"] == f"{result.job}-0001"
    forged = payload.replace(patient.id, "00000000-0000-0000-0000-000000000000")
    assert _run("verify-qr", *base, forged) == 4
    err = capsys.readouterr().err
    assert "forged" in err and patient.id not in err


def test_printer_option_goes_through_lp(ward_path: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "lp.log"
    (bin_dir / "lp").write_text(f"#!/bin/sh\necho \"$@\" >> {log}\nhead -c 4 >> {log}\n")
    (bin_dir / "lp").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    base = ["--vault", str(ward_path), "--as", MANAGER[0]]
    assert _run("checklist", *base, "--printer", "--form", "shift") == 0
    assert "checklist" in capsys.readouterr().out
    logged = log.read_text()
    # default queue, the PDF on lp's standard input (no file named)
    assert "-d" not in logged and str(ward_path) not in logged and "%PDF" in logged


def test_a_killed_printer_job_leaves_no_patient_pdf(ward_path: Path, tmp_path: Path) -> None:
    import os
    import signal

    from tests.vault.util import run_cli

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # lp takes the job, then the printing process is killed mid-job
    (bin_dir / "lp").write_text("#!/bin/sh\nhead -c 100 > /dev/null\nkill -9 $PPID\n")
    (bin_dir / "lp").chmod(0o755)
    # and a spool file an earlier killed print dialog left
    spool = ward_path / "print-spool"
    spool.mkdir(exist_ok=True)
    (spool / "job-old.pdf").write_bytes(b"%PDF- Durand-Test")
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}", "CARE_DEGRADED_PASSPHRASE": MANAGER[2]}
    done = run_cli(["print", "census", "--vault", str(ward_path), "--as", MANAGER[0],
                    "--printer"], env=env)
    assert done.returncode == -signal.SIGKILL
    # the unlock of that run removed the old one; the killed job wrote none
    assert list(spool.iterdir()) == []


def test_verify_qr_of_a_blank_form_names_no_patient(
        ward_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from care_degraded.services import printing

    with Vault.unlock(ward_path, MANAGER[0], MANAGER[2]) as vault:
        result = printing.print_form(vault, tmp_path / "f.pdf", "downtime-admission")
    base = ["--vault", str(ward_path), "--as", MANAGER[0]]
    assert _run("verify-qr", *base, "--json", result.payloads[-1]) == 0
    told = json.loads(capsys.readouterr().out)
    assert told["patient"] is None
    assert told["form"]["title"] == "Admission en mode dégradé"
    assert told["sheet"].endswith(f"-{result.pages:04d}")


def test_kit_for_one_patient_with_chosen_sheets_and_labels(
        ward_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfReader

    base = ["--vault", str(ward_path), "--as", MANAGER[0]]
    with Vault.unlock(ward_path, MANAGER[0], MANAGER[2]) as vault:
        patients = ward_patients(vault)
    one = patients[0]
    out = tmp_path / "kit.pdf"
    assert _run("kit", *base, "--out", str(out), "--patient", one.reference(),
                "--sheets", "mar,flowsheet") == 0
    text = squash(all_text(out.read_bytes()))
    assert squash(one.identity.display_name()) in text
    assert all(squash(p.identity.display_name()) not in text for p in patients[1:])
    assert "Fichedesynthèse" not in text and "Feuilled'administration" in text
    assert "Feuilledesurveillance" in text and "Listedespatients" not in text
    assert _run("kit", *base, "--out", str(out), "--sheets", "mar,bogus") == 5
    assert "unknown sheet bogus" in capsys.readouterr().err
    labels = tmp_path / "labels.pdf"
    assert _run("labels", *base, "--out", str(labels), "--patient", one.reference(),
                "--count", "6", "--json") == 0
    assert json.loads(capsys.readouterr().out)["pages"] == 1
    assert len(PdfReader(labels).pages) == 1
    assert _run("labels", *base, "--out", str(labels)) == 2  # --patient required


def test_form_from_a_file_loads_external_value_set_with_a_warning(
        ward_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = tmp_path / "ext.json"
    form.write_text(json.dumps({
        "resourceType": "Questionnaire", "url": "https://example.org/Questionnaire/ext",
        "status": "active", "title": "Évaluation externe", "item": [
            {"linkId": "diag", "type": "choice", "text": "Diagnostic principal",
             "answerValueSet": "http://snomed.info/sct?fhir_vs=isa/404684003"}]}),
        encoding="utf-8")
    base = ["--vault", str(ward_path), "--as", MANAGER[0]]
    out = tmp_path / "ext.pdf"
    assert _run("form", *base, "--out", str(out), "--form", str(form)) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "answerValueSet" in err
    text = squash(all_text(out.read_bytes()))
    assert squash("Diagnostic principal") in text and squash("en clair") in text
    assert squash("IPP / n° provisoire") in text  # identity boxes on the blank form
    assert _run("form", *base, "--out", str(out), "--form", str(tmp_path / "none.json")) == 5


def test_checklist_record_and_shifts(ward_path: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    from care_degraded.services import checklists

    base = ["--vault", str(ward_path), "--as", MANAGER[0]]
    with Vault.unlock(ward_path, MANAGER[0], MANAGER[2]) as vault:
        run = checklists.start_run(vault, library(), "shift")
        checklists.tick(vault, library(), run.run_id, run.items[0].link_id, True)
    out = tmp_path / "run.pdf"
    assert _run("checklist", *base, "--out", str(out), "--record", run.run_id) == 0
    capsys.readouterr()
    text = squash(all_text(out.read_bytes()))
    assert "☑" in text and squash("à faire") in text and "déroulé" in text
    assert _run("shifts", *base, "--set", "07:00-19:00,19:00-07:00") == 0
    assert capsys.readouterr().out.strip() == "07:00-19:00,19:00-07:00"
    assert _run("shifts", *base, "--set", "7h-19h") == 5
    assert _run("shifts", *base, "--json") == 0
    assert json.loads(capsys.readouterr().out) == {"shifts": ["07:00-19:00", "19:00-07:00"]}
