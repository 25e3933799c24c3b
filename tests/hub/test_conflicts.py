"""Conflicts and double entries: flagged, decided by IT (audited), still decided after re-ingest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from care_degraded.hub import decisions
from care_degraded.hub.conflicts import parse_max
from care_degraded.services import hub as hub_service
from tests.hub.scenario import WARD_A, WARD_B, Scenario, clashing_bundle
from tests.hub.test_identities import hub_cmd
from tests.sync.kit import IT, open_hub


def conflicts(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
              hub: Path) -> list[dict[str, object]]:
    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "conflicts", "--json")
    assert code == 0
    found: list[dict[str, object]] = json.loads(out)
    return found


def by_kind(found: list[dict[str, object]]) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    for c in found:
        out.setdefault(str(c["kind"]), []).append(c)
    return out


def link_lefevre(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                 hub: Path, scenario: Scenario) -> None:
    for key in ("lefevre-a", "lefevre-b"):
        code, _, _ = hub_cmd(capsys, monkeypatch, hub, "link", "--provisional",
                             scenario.numbers[key], "--ipp", "900001", "--reason", "vérifiée")
        assert code == 0


def test_the_same_dose_twice_on_one_machine_is_flagged(hub: Path, scenario: Scenario,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    found = by_kind(conflicts(capsys, monkeypatch, hub))
    assert set(found) == {"double-dose"}  # nothing else before IT links anyone
    (dose,) = found["double-dose"]
    assert dose["patient"] == scenario.numbers["dubois"] and dose["status"] == "open"
    revisions = dose["revisions"]
    assert isinstance(revisions, list) and len(revisions) == 2
    assert {r["ward"] for r in revisions} == {WARD_A} and len({r["device"] for r in revisions}) == 1
    assert "on one device" in str(dose["detail"]) and dose["due"] == "2026-12-01T12:00:00+01:00"


def test_after_linking_double_entries_across_machines_are_flagged(
        hub: Path, scenario: Scenario, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    link_lefevre(capsys, monkeypatch, hub, scenario)
    found = by_kind(conflicts(capsys, monkeypatch, hub))
    assert set(found) == {"double-dose", "prn-max", "vitals-twice", "linked-same-time"}
    across = next(c for c in found["double-dose"] if c["patient"] == "900001")
    assert "on 2 devices" in str(across["detail"])
    assert {r["ward"] for r in across["revisions"]} == {WARD_A, WARD_B}  # type: ignore[attr-defined]
    (prn,) = found["prn-max"]
    assert prn["maximum"] == "4 prises/24 h" and len(prn["revisions"]) == 5  # type: ignore[arg-type]
    (vitals,) = found["vitals-twice"]
    assert {r["effective_at"] for r in vitals["revisions"]} == {  # type: ignore[attr-defined]
        "2026-12-01T08:00:00+01:00", "2026-12-01T08:04:00+01:00"}
    (same,) = found["linked-same-time"]
    assert all("sbar" in r["form"] for r in same["revisions"])  # type: ignore[attr-defined]


def test_an_integrity_conflict_is_listed_with_both_versions(
        hub: Path, scenario: Scenario, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    data, uuid = clashing_bundle(scenario, hub)
    clash = hub.parent / "clash.cdb.age"
    clash.write_bytes(data)
    code, _, _ = hub_cmd(capsys, monkeypatch, hub, "ingest", str(clash))
    assert code == 0
    (integrity,) = by_kind(conflicts(capsys, monkeypatch, hub))["integrity"]
    versions = integrity["revisions"]
    assert isinstance(versions, list) and {r["uuid"] for r in versions} == {uuid}
    assert [r["held"] for r in versions] == [True, False]
    assert versions[0]["sha256"] != versions[1]["sha256"]
    assert integrity["patient"] == scenario.numbers["lefevre-a"]


def test_decisions_are_audited_and_stay_after_re_ingesting_the_same_bundles(
        hub: Path, scenario: Scenario, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    link_lefevre(capsys, monkeypatch, hub, scenario)
    found = by_kind(conflicts(capsys, monkeypatch, hub))
    dubois = found["double-dose"][[c["patient"] for c in found["double-dose"]].index(
        scenario.numbers["dubois"])]
    vitals = found["vitals-twice"][0]
    second = dubois["revisions"][1]["uuid"]  # type: ignore[index]
    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "resolve", "--conflict", str(dubois["id"]),
                           "--decision", "void", "--revision", second, "--reason",
                           "même prise saisie deux fois", "--json")
    assert code == 0 and json.loads(out)["by"] == IT[0]
    code, _, _ = hub_cmd(capsys, monkeypatch, hub, "resolve", "--conflict", str(vitals["id"]),
                         "--decision", "keep-both", "--reason", "deux relevés réels")
    assert code == 0
    # refusals: unknown conflict, void without the revision, a revision of another conflict
    assert hub_cmd(capsys, monkeypatch, hub, "resolve", "--conflict", "C-000000000000",
                   "--decision", "keep-both", "--reason", "x")[0] == 5
    prn = found["prn-max"][0]
    assert hub_cmd(capsys, monkeypatch, hub, "resolve", "--conflict", str(prn["id"]),
                   "--decision", "void", "--reason", "x")[0] == 5
    assert hub_cmd(capsys, monkeypatch, hub, "resolve", "--conflict", str(prn["id"]),
                   "--decision", "void", "--revision", second, "--reason", "x")[0] == 5
    assert hub_cmd(capsys, monkeypatch, hub, "resolve", "--conflict", str(prn["id"]),
                   "--decision", "void", "--revision", second, "--reason", " ")[0] == 2

    # the voided administration leaves the worklist as not needed, with the reason
    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "worklist", "--patient",
                           scenario.numbers["dubois"], "--json")
    voided = [i for i in json.loads(out) if i["revision"] == second]
    assert voided[0]["state"] == "not-needed" and "même prise" in voided[0]["reason"]

    with open_hub(hub) as store:  # the same bundles again: nothing changes
        again = hub_service.ingest_files(store, scenario.bundles)
        assert again["duplicates"] == 2 and again["accepted"] == 0
        trail = [(r.object, r.author, r.body["decision"], r.body["reason"])
                 for r in decisions.history(store, "conflict.")]
    assert trail == [(dubois["id"], IT[0], "void", "même prise saisie deux fois"),
                     (vitals["id"], IT[0], "keep-both", "deux relevés réels")]
    after = {c["id"]: c for c in conflicts(capsys, monkeypatch, hub)}
    assert after[dubois["id"]]["status"] == "resolved"
    assert after[dubois["id"]]["decision"]["voided"] == second  # type: ignore[index]
    assert after[vitals["id"]]["status"] == "resolved"
    assert after[prn["id"]]["status"] == "open"
    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "conflicts", "--open", "--json")
    assert dubois["id"] not in {c["id"] for c in json.loads(out)}


def test_the_maximum_per_day_is_read_as_written() -> None:
    assert parse_max("4 prises/24 h") == (4, "", parse_max("4/1 d")[2])  # type: ignore[index]
    most, unit, span = parse_max("3 g/1 d")  # type: ignore[misc]
    assert (most, unit, span.total_seconds()) == (3, "g", 86400)
    assert parse_max("4 par jour si besoin") is None and parse_max(None) is None
