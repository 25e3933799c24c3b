"""`care-degraded form list|check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from care_degraded.cli import main

FORMS = Path(__file__).resolve().parents[2] / "forms"
REAL = Path(__file__).parent / "data" / "real"


def test_form_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["form", "list", "--json", "--forms", str(FORMS)]) == 0
    forms = json.loads(capsys.readouterr().out)
    by_id = {f["id"]: f for f in forms}
    vitals = by_id["vital-signs"]
    assert vitals["url"] == "https://care-degraded.example/fhir/Questionnaire/vital-signs"
    assert vitals["version"] == "1.1.0" and vitals["checklist"] is False
    assert by_id["checklist-downtime-start"]["phase"] == "start"


def test_form_list_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["form", "list", "--forms", str(FORMS)]) == 0
    out = capsys.readouterr().out
    assert "vital-signs" in out and "checklist (recovery)" in out


def test_form_check_the_shipped_library_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["form", "check", str(FORMS), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and all(not f["warnings"] for f in report["files"])
    assert len(report["files"]) == 19  # 17 forms and two older versions in archive/


def test_form_check_prints_warnings_and_still_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["form", "check", str(REAL / "sdc-all-data-types.json")]) == 0
    out = capsys.readouterr().out
    assert "warning: id-attachment: type attachment not supported" in out


def test_form_check_invalid_exits_5(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.json").write_text((REAL / "lforms-enablewhen.json").read_text("utf-8"),
                                        encoding="utf-8")
    (tmp_path / "bad.json").write_text(json.dumps({
        "resourceType": "Questionnaire", "status": "draft",
        "item": [{"linkId": "x", "type": "choice"}]}), encoding="utf-8")
    assert main(["form", "check", str(tmp_path), "--json"]) == 5
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    bad = [f for f in report["files"] if not f["ok"]]
    assert len(bad) == 1 and "'x' is a choice without answer options" in bad[0]["error"]
    assert "1 problem(s) in 2 form file(s)" in captured.err
    assert main(["form", "check", str(tmp_path / "bad.json")]) == 5
    assert "INVALID" in capsys.readouterr().out


def test_form_check_missing_path_exits_5(tmp_path: Path) -> None:
    assert main(["form", "check", str(tmp_path / "none.json")]) == 5


def test_form_check_of_a_folder_without_forms_exits_5(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("not a form", "utf-8")
    assert main(["form", "check", str(tmp_path)]) == 5
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "no form file" in err


def test_form_check_accepts_a_file_saved_with_a_byte_order_mark(tmp_path: Path) -> None:
    text = (FORMS / "pain.json").read_text("utf-8")
    (tmp_path / "pain.json").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert main(["form", "check", str(tmp_path / "pain.json")]) == 0


def test_the_shipped_folder_named_as_the_establishments_loads_once(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARE_DEGRADED_FORMS", str(FORMS / "."))
    assert main(["form", "list", "--json"]) == 0
    ids = [f["id"] for f in json.loads(capsys.readouterr().out)]
    assert len(ids) == len(set(ids)) and "vital-signs" in ids
