"""The census and patient command lines: contracts, exit codes, JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.census.conftest import bundle, patient, write_json
from tests.conftest import MANAGER, NURSE
from tests.vault.conftest import Cli


def _as_nurse(vault_path: Path) -> list[str]:
    return ["--vault", str(vault_path), "--as", NURSE[0]]


def test_import_status_list_show_search(cli: Cli, vault_path: Path, small_census: Path) -> None:
    who = _as_nurse(vault_path)
    result = cli("census", "import", *who, str(small_census), "--json", passphrase=NURSE[2])
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    assert {k: summary[k] for k in ("imported", "updated", "unchanged", "refused", "ignored")} \
        == {"imported": 30, "updated": 0, "unchanged": 0, "refused": 0, "ignored": 0}
    again = cli("census", "import", *who, str(small_census), passphrase=NURSE[2])
    assert again.code == 0
    assert "already imported" in again.out and "unchanged: 30" in again.out
    status = cli("census", "status", *who, "--json", passphrase=NURSE[2])
    data = json.loads(status.out)
    assert data["source"] == "census.json" and data["patients"]["present"] == 30
    assert 7000 < data["age_seconds"] < 7400 and data["label"].startswith("recensement de ")
    assert "il y a 2 h" in cli("census", "status", *who, passphrase=NURSE[2]).out
    listed = json.loads(cli("patient", "list", *who, "--json", passphrase=NURSE[2]).out)
    assert len(listed) == 30 and all(p["bed"] for p in listed)
    target = listed[0]
    shown = cli("patient", "show", target["reference"], *who, "--json", passphrase=NURSE[2])
    assert json.loads(shown.out)["id"] == target["id"]
    text = cli("patient", "show", target["reference"], *who, passphrase=NURSE[2]).out
    assert target["display_name"] in text
    found = json.loads(cli("patient", "search", target["birth_name"].lower(), *who, "--json",
                           passphrase=NURSE[2]).out)
    assert target["id"] in [p["id"] for p in found]
    missing = cli("patient", "show", "no-such-id", *who, passphrase=NURSE[2])
    assert missing.code == 5


def test_malformed_file_exits_5_and_says_where(cli: Cli, vault_path: Path, tmp_path: Path) -> None:
    bad = write_json(tmp_path / "bad.json", bundle([
        patient("a", "A1", "Martin", ["Léa"], "1950-01-01"),
        patient("b", "B1", "Petit", ["Paul"], "01/02/1950")]))
    result = cli("census", "import", *_as_nurse(vault_path), str(bad), passphrase=NURSE[2])
    assert result.code == 5
    assert "entry 2 (Patient, line" in result.err and "birthDate" in result.err
    assert "Petit" not in result.err and "Martin" not in result.err and "1950" not in result.err
    as_json = cli("census", "import", *_as_nurse(vault_path), str(bad), "--json",
                  passphrase=NURSE[2])
    assert as_json.code == 5
    assert json.loads(as_json.out)["problems"][0].startswith("entry 2 (Patient, line")
    status = cli("census", "status", *_as_nurse(vault_path), "--json", passphrase=NURSE[2])
    assert json.loads(status.out)["source"] is None


def test_admit_duplicate_exits_6_lists_candidates_then_force(cli: Cli, vault_path: Path) -> None:
    who = ["--vault", str(vault_path), "--as", MANAGER[0]]
    args = ["patient", "admit", *who, "--surname", "Le Goff", "--given", "Anne-Sophie",
            "--birth-date", "1960-03-03", "--sex", "female", "--bed", "14"]
    first = cli(*args, "--json", passphrase=MANAGER[2])
    assert first.code == 0, first.err
    number = json.loads(first.out)["patient"]["provisional_number"]
    dup = cli(*[a if a != "Le Goff" else "LEGOFF" for a in args], passphrase=MANAGER[2])
    assert dup.code == 6
    assert number in dup.out and "same birth date" in dup.out
    assert "Goff" not in dup.err and "GOFF" not in dup.err
    forced = cli(*args, "--force", "--json", passphrase=MANAGER[2])
    assert forced.code == 0
    data = json.loads(forced.out)
    assert data["patient"]["identity_status"] == "provisional"
    assert len(data["duplicates_overridden"]) == 1
    bad = cli("patient", "admit", *who, "--surname", "X", "--given", "Y", "--birth-date",
              "03/03/1960", "--sex", "female", passphrase=MANAGER[2])
    assert bad.code == 2
