"""Identities after recovery: candidates with reasons, links by IT only, records follow, audit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from care_degraded.cli import main
from tests.conftest import MANAGER, NURSE
from tests.hub.scenario import WARD_A, WARD_B, Scenario, fresh_hub
from tests.sync.kit import IT


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str,
        secret: str = IT[2]) -> tuple[int, str, str]:
    monkeypatch.setenv("CARE_DEGRADED_PASSPHRASE", secret)
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def hub_cmd(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, hub: Path,
            action: str, *rest: str) -> tuple[int, str, str]:
    head = action.split()
    return run(capsys, monkeypatch, "hub", *head, "--dir", str(hub), "--as", IT[0], *rest)


def records_of(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, hub: Path,
               patient: str) -> set[str]:
    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "worklist", "--patient", patient, "--json")
    assert code == 0
    return {item["id"] for item in json.loads(out)}


def test_both_pairs_are_found_with_their_reasons(hub: Path, scenario: Scenario,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "identities", "--json")
    assert code == 0
    found = {i["provisional_number"]: i for i in json.loads(out)}
    a, b, dubois = (scenario.numbers[k] for k in ("lefevre-a", "lefevre-b", "dubois"))
    assert set(found) == {a, b, dubois}
    assert all(i["status"] == "pending" for i in found.values())
    assert found[a]["ward"] == WARD_A and found[b]["ward"] == WARD_B
    # the same woman on two wards, spelled differently, finds the other ward's identity
    to_b = next(c for c in found[a]["candidates"] if c.get("provisional_number") == b)
    assert "same birth date" in to_b["reasons"] and "given name: spelling" in to_b["reasons"]
    assert to_b["ward"] == WARD_B and to_b["score"] >= 80
    back = next(c for c in found[b]["candidates"] if c.get("provisional_number") == a)
    assert back["reasons"] and back["score"] == to_b["score"]
    # and her EHR registration (LEFÈVRE Marie-Anne): accents and case ignored
    ehr = next(c for c in found[b]["candidates"] if c.get("ipp") == "900001")
    assert "surname: same" in ehr["reasons"]
    # the patient the EHR registered after recovery: first, with every reason
    first = found[dubois]["candidates"][0]
    assert first["ipp"] == "900003" and first["score"] == 100
    assert first["reasons"] == ["same birth date", "surname: same", "given name: same",
                                "same sex"]
    # the man of another birth date is nobody's candidate
    assert not any(c.get("ipp") == "900002" for i in found.values() for c in i["candidates"])
    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "identities", "--ward", WARD_B, "--json")
    assert [i["provisional_number"] for i in json.loads(out)] == [b]


def test_link_unlink_link_again_records_follow_and_the_audit_holds_each_step(
        hub: Path, scenario: Scenario, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, dubois = (scenario.numbers[k] for k in ("lefevre-a", "lefevre-b", "dubois"))
    mine_a = records_of(capsys, monkeypatch, hub, a)
    mine_b = records_of(capsys, monkeypatch, hub, b)
    assert len(mine_a) == 5 and len(mine_b) == 9 and not mine_a & mine_b
    assert records_of(capsys, monkeypatch, hub, "900001") == set()
    # nothing is linked automatically, however high the score
    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "identities", "--json")
    assert all(i["link"] is None for i in json.loads(out))

    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "link", "--provisional", b, "--same-as", a,
                           "--reason", "même date, même adresse, appel du service", "--json")
    assert code == 0 and json.loads(out)["status"] == "same-as"
    assert records_of(capsys, monkeypatch, hub, a) == mine_a | mine_b
    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "link", "--provisional", a, "--ipp",
                           "900001", "--reason", "pièce d'identité vue", "--json")
    assert code == 0 and json.loads(out)["by"] == IT[0]
    assert records_of(capsys, monkeypatch, hub, "900001") == mine_a | mine_b
    assert records_of(capsys, monkeypatch, hub, b) == mine_a | mine_b

    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "unlink", "--provisional", b, "--reason",
                           "homonyme : autre patiente", "--json")
    assert code == 0 and json.loads(out)["was"] == {"kind": "same-as", "target": a}
    assert records_of(capsys, monkeypatch, hub, "900001") == mine_a
    assert records_of(capsys, monkeypatch, hub, b) == mine_b

    code, _, _ = hub_cmd(capsys, monkeypatch, hub, "link", "--provisional", b, "--ipp",
                         "900001", "--reason", "confirmé par le service")
    assert code == 0
    assert records_of(capsys, monkeypatch, hub, "900001") == mine_a | mine_b
    code, _, _ = hub_cmd(capsys, monkeypatch, hub, "link", "--provisional", dubois, "--new",
                         "--reason", "nouveau patient à créer")
    assert code == 0
    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "identities", "--json")
    status = {i["provisional_number"]: (i["status"], i["resolved"]) for i in json.loads(out)}
    assert status == {a: ("linked", "900001"), b: ("linked", "900001"),
                      dubois: ("new", dubois)}

    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "identity-audit", "--json")
    steps = [(r["object"], r["action"], r["target_kind"], r["target"], r["author"], r["reason"])
             for r in json.loads(out)]
    assert steps == [
        (b, "link", "same-as", a, IT[0], "même date, même adresse, appel du service"),
        (a, "link", "ipp", "900001", IT[0], "pièce d'identité vue"),
        (b, "unlink", "same-as", a, IT[0], "homonyme : autre patiente"),
        (b, "link", "ipp", "900001", IT[0], "confirmé par le service"),
        (dubois, "link", "new", dubois, IT[0], "nouveau patient à créer")]
    assert all(r["at"] and r["uuid"] for r in json.loads(out))


def test_refusals_and_exit_codes(hub: Path, scenario: Scenario, vault_path: Path,
                                 capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = scenario.numbers["lefevre-a"], scenario.numbers["lefevre-b"]
    code, _, err = hub_cmd(capsys, monkeypatch, hub, "link", "--provisional", "ZZZ-00009",
                           "--ipp", "900001", "--reason", "x")
    assert code == 5 and err.count("\n") == 1
    code, _, _ = hub_cmd(capsys, monkeypatch, hub, "link", "--provisional", a, "--ipp",
                         "123456789", "--reason", "x")
    assert code == 5
    code, _, _ = hub_cmd(capsys, monkeypatch, hub, "worklist", "--patient", "123456789")
    assert code == 5
    code, _, _ = hub_cmd(capsys, monkeypatch, hub, "link", "--provisional", a, "--same-as", a,
                         "--reason", "x")
    assert code == 6
    code, _, _ = hub_cmd(capsys, monkeypatch, hub, "link", "--provisional", a, "--ipp",
                         "900001", "--reason", "  ")
    assert code == 2
    code, _, _ = hub_cmd(capsys, monkeypatch, hub, "unlink", "--provisional", a, "--reason", "x")
    assert code == 6  # not linked
    hub_cmd(capsys, monkeypatch, hub, "link", "--provisional", b, "--same-as", a, "--reason", "x")
    code, _, _ = hub_cmd(capsys, monkeypatch, hub, "link", "--provisional", a, "--same-as", b,
                         "--reason", "x")
    assert code == 6  # a loop
    code, _, _ = hub_cmd(capsys, monkeypatch, hub, "link", "--provisional", b, "--ipp",
                         "900001", "--reason", "x")
    assert code == 6  # already linked: unlink first
    # a nurse or a ward manager on a hub command: refused by role
    for login, secret in (NURSE[:1] + NURSE[2:], MANAGER[:1] + MANAGER[2:]):
        code, _, err = run(capsys, monkeypatch, "hub", "identities", "--dir", str(vault_path),
                           "--as", login, secret=secret)
        assert code == 6 and "IT" in err


def test_census_import_twice_writes_nothing_the_second_time(
        tmp_path: Path, scenario: Scenario, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    hub = fresh_hub(scenario, tmp_path / "hub")
    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "census import", str(scenario.ehr_csv),
                           "--json")
    info = json.loads(out)
    assert code == 0 and info["imported"] == 3 and not info["already_imported"]
    code, out, _ = hub_cmd(capsys, monkeypatch, hub, "census import", str(scenario.ehr_csv),
                           "--json")
    assert code == 0 and json.loads(out)["already_imported"] is True
    bad = tmp_path / "bad.csv"
    bad.write_text("ipp;birth_name\n1;x\n", encoding="utf-8")
    code, _, _ = hub_cmd(capsys, monkeypatch, hub, "census import", str(bad))
    assert code == 5
