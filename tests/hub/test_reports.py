"""The recovery and outage reports render, and their figures are the hub's (text extraction)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdf
import pytest

from tests.hub.scenario import WARD_A, WARD_B, Scenario, clashing_bundle
from tests.hub.test_identities import hub_cmd


def text_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def report(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, hub: Path,
           kind: str) -> str:
    out = hub.parent / f"{kind}.pdf"
    code, text, _ = hub_cmd(capsys, monkeypatch, hub, "report", "--kind", kind, "--out",
                            str(out), "--json")
    assert code == 0 and json.loads(text)["file"] == str(out)
    assert out.stat().st_mode & 0o077 == 0
    return text_of(out)


def test_the_recovery_report_gives_each_ward_its_figures(
        hub: Path, scenario: Scenario, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # ward A's machine sends its bundle 3 (bundle 2 missing) with a clashing revision
    data, _ = clashing_bundle(scenario, hub, sequence=3)
    clash = hub.parent / "clash.cdb.age"
    clash.write_bytes(data)
    assert hub_cmd(capsys, monkeypatch, hub, "ingest", str(clash))[0] == 0
    hub_cmd(capsys, monkeypatch, hub, "link", "--provisional", scenario.numbers["dubois"],
            "--ipp", "900003", "--reason", "enregistré par les admissions")
    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "worklist", "--ward", WARD_A, "--json")
    for item in json.loads(out)[:2]:
        hub_cmd(capsys, monkeypatch, hub, "worklist mark", "--item", item["id"], "--state",
                "re-entered")
    text = report(capsys, monkeypatch, hub, "recovery")
    assert text.startswith("État de la reprise")
    assert "Lots reçus 3" in text and "Lots manquants (trous de séquence) 1" in text
    # open: Dubois's double dose and the integrity clash, both ward A
    assert "Conflits ouverts 2" in text and "Identités en attente 2" in text
    assert "Ressaisie 2 / 19 faits" in text
    ward_a = re.search(r"Médecine A \(test\) (\d+) (\d+) (\d+) (\d+) (\d+) / (\d+)", text)
    ward_b = re.search(r"Chirurgie B \(test\) (\d+) (\d+) (\d+) (\d+) (\d+) / (\d+)", text)
    assert ward_a and ward_a.groups() == ("2", "1", "2", "1", "2", "10")
    assert ward_b and ward_b.groups() == ("1", "0", "0", "1", "0", "9")
    assert "Dernier contact" in text and "jamais" not in text


def test_the_outage_summary_counts_records_checklists_incidents_and_doses(
        hub: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    text = report(capsys, monkeypatch, hub, "outage")
    assert text.startswith("Synthèse du mode dégradé")
    assert "Début (premier enregistrement) 01/12/2026 00:30" in text  # the first morphine
    assert "Enregistrements de soins 19" in text and "Admissions provisoires 3" in text
    assert "Check-lists terminées 1 / 2" in text and "non terminée" in text
    assert "Incidents signalés 1" in text and "Imprimante du poste infirmier en panne" in text
    assert "Doses en retard 1" in text and "Doses non données 1" in text
    assert "retard 130 min" in text and "non donnée (refused)" in text
    header = f"Type {WARD_B} {WARD_A} Total"
    assert header in text
    assert "Médicament 6 5 11" in text and "Constantes 1 1 2" in text
    assert "Admission provisoire 1 2 3" in text and "Soin 0 1 1" in text


def test_an_unknown_report_kind_is_a_usage_error(hub: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit) as exc:
        hub_cmd(capsys, monkeypatch, hub, "report", "--kind", "weekly", "--out", "x.pdf")
    assert exc.value.code == 2
