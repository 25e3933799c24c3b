"""The back-entry worklist: counts match the records, states audited, the ward's sheet."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest

from care_degraded.hub import decisions, worklist
from tests.hub.scenario import WARD_A, WARD_B, Scenario
from tests.hub.test_identities import hub_cmd
from tests.sync.kit import IT, open_hub


def listed(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, hub: Path,
           *filters: str) -> list[dict[str, object]]:
    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "worklist", *filters, "--json")
    assert code == 0
    result: list[dict[str, object]] = json.loads(out)
    return result


def test_the_worklist_counts_match_the_records(hub: Path, scenario: Scenario,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    items = listed(capsys, monkeypatch, hub)
    with open_hub(hub) as store:
        chains = {str(r[0]) for r in store.conn.execute(
            "SELECT DISTINCT record_id FROM received_revisions"
            " WHERE kind IN ('record', 'admission')")}
    assert {i["id"] for i in items} == chains and len(items) == 19
    by_ward = {w: [i for i in items if i["ward"] == w] for w in (WARD_A, WARD_B)}
    assert len(by_ward[WARD_A]) == 10 and len(by_ward[WARD_B]) == 9
    assert listed(capsys, monkeypatch, hub, "--ward", WARD_A) == by_ward[WARD_A]
    kinds = {(i["kind"], i["export"]) for i in items}
    assert kinds == {("admission", "by-hand"), ("care", "by-hand"), ("vitals", "automatic"),
                     ("medication", "automatic"), ("handover", "automatic")}
    assert sum(i["export"] == "by-hand" for i in items) == 4
    assert {i["state"] for i in items} == {"to-do"}
    # per ward, patient, then clinical time
    keys = [(i["ward"], i["patient"], i["effective_at"]) for i in items]
    assert keys == sorted(keys)


def test_states_are_marked_audited_and_the_export_outcome_is_recorded(
        hub: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    items = listed(capsys, monkeypatch, hub, "--ward", WARD_A)
    pain = next(i for i in items if i["kind"] == "care")
    vitals = next(i for i in items if i["kind"] == "vitals")
    med = next(i for i in items if i["kind"] == "medication")
    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "worklist mark", "--item", str(pain["id"]),
                           "--state", "re-entered", "--json")
    assert code == 0 and json.loads(out)["by"] == IT[0]
    code, _, _ = hub_cmd(capsys, monkeypatch, hub, "worklist mark", "--item", str(med["id"]),
                         "--state", "not-needed")
    assert code == 2  # not needed says why
    code, _, _ = hub_cmd(capsys, monkeypatch, hub, "worklist mark", "--item", "no-such-item",
                         "--state", "re-entered")
    assert code == 5
    with open_hub(hub) as store:
        worklist.record_export_outcome(store, str(vitals["id"]), server_id="Observation/42",
                                       version="1")
        worklist.record_export_outcome(store, str(med["id"]), error="HTTP 422: dose unit")
        trail = [(r.kind, r.object, r.body) for r in decisions.history(store, "worklist.")]
    assert trail == [
        ("worklist.state", pain["id"], {"state": "re-entered", "reason": None}),
        ("worklist.export", vitals["id"], {"outcome": "exported", "server_id": "Observation/42",
                                           "version": "1"}),
        ("worklist.export", med["id"], {"outcome": "failed", "error": "HTTP 422: dose unit"})]
    after = {i["id"]: i for i in listed(capsys, monkeypatch, hub, "--ward", WARD_A)}
    assert after[pain["id"]]["state"] == "re-entered" and after[pain["id"]]["by"] == IT[0]
    assert after[pain["id"]]["at"]
    assert (after[vitals["id"]]["state"], after[vitals["id"]]["server_id"],
            after[vitals["id"]]["version"]) == ("exported", "Observation/42", "1")
    assert (after[med["id"]]["state"], after[med["id"]]["error"]) == ("to-do",
                                                                        "HTTP 422: dose unit")
    # a scanned line (its QR text) opens that line
    found = listed(capsys, monkeypatch, hub, "--scan", worklist.SCAN_PREFIX + str(pain["id"]))
    assert [i["id"] for i in found] == [pain["id"]]


def test_the_ward_sheet_lists_every_line_in_french(hub: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "worklist.pdf"
    code, text, _ = hub_cmd(capsys, monkeypatch, hub, "worklist print", "--ward", WARD_B,
                            "--out", str(out), "--json")
    info = json.loads(text)
    assert code == 0 and info["items"] == 9 and out.stat().st_mode & 0o077 == 0
    pdf = pypdf.PdfReader(out)
    words = " ".join(page.extract_text() for page in pdf.pages)
    assert f"Ressaisie dans le DPI — {WARD_B}" in words
    assert "9 lignes" in words and "à faire : 9" in words
    assert words.count("Médicament") == 6 and "Constantes" in words
    assert "Admission provisoire" in words and "à ressaisir à la main" in words
    assert words.count("export automatique") == 8
    # each line names the patient as the ward knows them, to find the paper file
    assert " ".join(words.split()).count("LEFEVRE Marianne, né(e) le 07/03/1948") == 9
    code, _, _ = hub_cmd(capsys, monkeypatch, hub, "worklist print", "--ward", "Nowhere",
                         "--out", str(out))
    assert code == 5
