"""`care-degraded user add|passwd|disable|list`: roles, passphrase policy, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from care_degraded.vault.keyslots import KeyslotFile
from tests.conftest import MANAGER, NURSE
from tests.vault.conftest import Cli
from tests.vault.conftest import cli as _cli_fixture

cli = _cli_fixture


def _one_line(err: str) -> None:
    assert "Traceback" not in err
    assert len([x for x in err.splitlines() if x.strip()]) == 1, err


def _as(vault: Path, who: tuple[str, str, str], *argv: str) -> list[str]:
    return [*argv, "--vault", str(vault), "--as", who[0]]


def test_manager_adds_a_user_who_can_log_in(vault_path: Path, cli: Cli) -> None:
    res = cli(*_as(vault_path, MANAGER, "user", "add"), "--login", "ide2", "--name",
              "Noé Test", "--role", "nurse", passphrase=MANAGER[2],
              new_passphrase="phrase de noe 2026")
    assert res.code == 0, res.err
    res = cli(*_as(vault_path, ("ide2", "", ""), "user", "list"), "--json",
              passphrase="phrase de noe 2026")
    assert res.code == 0, res.err
    users = {u["login"]: u for u in json.loads(res.out)}
    assert users["ide2"] == {"login": "ide2", "name": "Noé Test", "role": "nurse",
                             "active": True}
    assert set(users) == {MANAGER[0], NURSE[0], "ide2"}


def test_nurse_cannot_add_or_disable(vault_path: Path, cli: Cli) -> None:
    before = (vault_path / "keyslots.json").read_bytes()
    res = cli(*_as(vault_path, NURSE, "user", "add"), "--login", "ide2", "--name", "N",
              passphrase=NURSE[2], new_passphrase="phrase de noe 2026")
    assert res.code == 6
    _one_line(res.err)
    res = cli(*_as(vault_path, NURSE, "user", "disable"), "--login", MANAGER[0],
              passphrase=NURSE[2])
    assert res.code == 6
    _one_line(res.err)
    assert (vault_path / "keyslots.json").read_bytes() == before


def test_weak_or_duplicate_new_user_is_invalid_input(vault_path: Path, cli: Cli) -> None:
    for weak in ("court", "motdepasse", "12345678"):
        res = cli(*_as(vault_path, MANAGER, "user", "add"), "--login", "ide2", "--name", "N",
                  passphrase=MANAGER[2], new_passphrase=weak)
        assert res.code == 5, weak
        _one_line(res.err)
    res = cli(*_as(vault_path, MANAGER, "user", "add"), "--login", NURSE[0], "--name", "N",
              passphrase=MANAGER[2], new_passphrase="phrase tout a fait correcte")
    assert res.code == 5
    _one_line(res.err)
    assert len(KeyslotFile.load(vault_path).slots) == 2


def test_passwd_changes_only_ones_own_passphrase(vault_path: Path, cli: Cli) -> None:
    res = cli(*_as(vault_path, NURSE, "user", "passwd"), passphrase=NURSE[2],
              new_passphrase="nouvelle phrase de nuit")
    assert res.code == 0, res.err
    res = cli(*_as(vault_path, NURSE, "user", "list"), passphrase=NURSE[2])
    assert res.code == 3
    res = cli(*_as(vault_path, NURSE, "user", "list"), passphrase="nouvelle phrase de nuit")
    assert res.code == 0
    res = cli(*_as(vault_path, MANAGER, "user", "list"), passphrase=MANAGER[2])
    assert res.code == 0
    res = cli(*_as(vault_path, NURSE, "user", "passwd"), passphrase="nouvelle phrase de nuit",
              new_passphrase="1234")
    assert res.code == 5
    _one_line(res.err)


def test_disable_keeps_history(vault_path: Path, cli: Cli) -> None:
    res = cli(*_as(vault_path, MANAGER, "user", "disable"), "--login", NURSE[0],
              passphrase=MANAGER[2])
    assert res.code == 0, res.err
    res = cli(*_as(vault_path, NURSE, "user", "list"), passphrase=NURSE[2])
    assert res.code == 3
    _one_line(res.err)
    res = cli(*_as(vault_path, MANAGER, "user", "list"), "--json", passphrase=MANAGER[2])
    users = {u["login"]: u["active"] for u in json.loads(res.out)}
    assert users == {MANAGER[0]: True, NURSE[0]: False}
    res = cli(*_as(vault_path, MANAGER, "user", "list"), passphrase=MANAGER[2])
    assert "(disabled)" in res.out
    res = cli(*_as(vault_path, MANAGER, "user", "disable"), "--login", MANAGER[0],
              passphrase=MANAGER[2])
    assert res.code == 6  # not oneself
    res = cli("audit", "verify", "--vault", str(vault_path), "--as", MANAGER[0],
              passphrase=MANAGER[2])
    assert res.code == 0
