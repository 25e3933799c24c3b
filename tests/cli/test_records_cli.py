"""record and checklist command lines: the contract scripts rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NURSE


def run(*args: str, env_pass: str = NURSE[2]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CARE_DEGRADED_PASSPHRASE": env_pass}
    return subprocess.run([sys.executable, "-m", "care_degraded", *args], capture_output=True,
                          text=True, env=env, check=False)


@pytest.fixture
def patient(vault_path: Path) -> str:
    out = run("patient", "admit", "--vault", str(vault_path), "--as", NURSE[0], "--surname",
              "Zéphyrin-Test", "--given", "Éloïse", "--birth-date", "1937-05-06",
              "--sex", "female", "--bed", "7")
    assert out.returncode == 0, out.stderr
    listed = run("patient", "list", "--vault", str(vault_path), "--as", NURSE[0], "--json")
    data = json.loads(listed.stdout)
    rows = data if isinstance(data, list) else data["patients"]
    return str(rows[0]["id"])


def test_record_add_amend_void_list_show(tmp_path: Path, vault_path: Path, patient: str) -> None:
    v = ["--vault", str(vault_path), "--as", NURSE[0]]
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"hr": 88, "rr": 16, "spo2": 97, "o2": "air",
                                   "effective": "2026-11-29T04:00:00Z"}), "utf-8")
    out = run("record", "add", *v, "--patient", patient, "--form", "vital-signs",
              "--answers", str(answers), "--json")
    assert out.returncode == 0, out.stderr
    uuid = json.loads(out.stdout)["uuid"]
    answers.write_text(json.dumps({"hr": 90, "effective": "2026-11-29T04:00:00Z"}), "utf-8")
    out = run("record", "amend", *v, "--record", uuid, "--answers", str(answers), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["supersedes"] == uuid
    out = run("record", "void", *v, "--record", uuid, "--reason", "mauvais patient")
    assert out.returncode == 0, out.stderr
    out = run("record", "show", *v, "--record", uuid, "--history", "--json")
    history = json.loads(out.stdout)
    assert [r["status"] for r in history] == ["final", "final", "entered-in-error"]
    assert history[-1]["reason"] == "mauvais patient"
    out = run("record", "list", *v, "--patient", patient, "--json")
    assert [r["status"] for r in json.loads(out.stdout)] == ["entered-in-error"]


def test_invalid_answers_exit_5_listing_link_ids(tmp_path: Path, vault_path: Path,
                                                 patient: str) -> None:
    v = ["--vault", str(vault_path), "--as", NURSE[0]]
    answers = tmp_path / "bad.json"
    answers.write_text(json.dumps({"hr": 999, "spo2": "high", "effective": "x"}), "utf-8")
    out = run("record", "add", *v, "--patient", patient, "--form", "vital-signs",
              "--answers", str(answers))
    assert out.returncode == 5
    assert "hr:" in out.stderr and "spo2:" in out.stderr
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1  # the problems are on the one line
    listed = run("record", "list", *v, "--json")
    assert json.loads(listed.stdout) == []
    answers.write_text("{not json", "utf-8")
    out = run("record", "add", *v, "--patient", patient, "--form", "vital-signs",
              "--answers", str(answers))
    assert out.returncode == 5 and len(out.stderr.strip().splitlines()) == 1


def test_questionnaire_response_is_accepted(tmp_path: Path, vault_path: Path,
                                            patient: str) -> None:
    qr = {"resourceType": "QuestionnaireResponse", "status": "completed",
          "item": [{"linkId": "effective", "answer": [{"valueDateTime": "2026-11-29T04:00:00Z"}]},
                   {"linkId": "hr", "answer": [{"valueInteger": 71}]}]}
    answers = tmp_path / "qr.json"
    answers.write_text(json.dumps(qr), "utf-8")
    out = run("record", "add", "--vault", str(vault_path), "--as", NURSE[0], "--patient",
              patient, "--form", "vital-signs", "--answers", str(answers), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["answers"]["hr"] == 71


def test_checklist_start_tick_show(vault_path: Path) -> None:
    v = ["--vault", str(vault_path), "--as", NURSE[0]]
    out = run("checklist", "start", *v, "--phase", "shift", "--json")
    assert out.returncode == 0, out.stderr
    state = json.loads(out.stdout)
    item = state["items"][0]["link_id"]
    out = run("checklist", "tick", *v, "--run", state["run_id"], "--item", item, "--json")
    ticked = json.loads(out.stdout)["items"][0]
    assert ticked["checked"] and ticked["by"] == NURSE[0] and ticked["at"]
    out = run("checklist", "show", *v, "--run", state["run_id"])
    assert out.returncode == 0 and "[x]" in out.stdout
    out = run("checklist", "tick", *v, "--run", state["run_id"], "--item", "nope")
    assert out.returncode == 5


def test_out_of_range_exit_5_with_link_id_and_limit(tmp_path: Path, vault_path: Path,
                                                    patient: str) -> None:
    v = ["--vault", str(vault_path), "--as", NURSE[0]]
    answers = tmp_path / "hr.json"
    answers.write_text(json.dumps({"hr": 300, "effective": "2026-11-29T04:00:00Z"}), "utf-8")
    out = run("record", "add", *v, "--patient", patient, "--form", "vital-signs",
              "--answers", str(answers))
    assert out.returncode == 5
    assert "hr:" in out.stderr and "20–250 /min" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_partial_vitals_show_json_has_news2_total_level_and_missing(
        tmp_path: Path, vault_path: Path, patient: str) -> None:
    v = ["--vault", str(vault_path), "--as", NURSE[0]]
    answers = tmp_path / "1a.json"
    answers.write_text(json.dumps({"hr": 131, "sbp": 85, "rr": 29, "spo2": 88, "o2": "air",
                                   "avpu": "V", "effective": "2026-11-29T04:00:00Z"}), "utf-8")
    out = run("record", "add", *v, "--patient", patient, "--form", "vital-signs",
              "--answers", str(answers), "--json")
    assert out.returncode == 0, out.stderr
    uuid = json.loads(out.stdout)["uuid"]
    shown = json.loads(run("record", "show", *v, "--record", uuid, "--json").stdout)
    news2 = shown["answers"]
    assert news2["news2-total"] == 15 and news2["news2-level"] == "high"
    assert news2["news2-missing"] == "temp"
    assert shown["news2"] == {"total": 15, "level": "high", "partial": True,
                              "missing": ["temp"]}
