"""The command-line contract of issue 2 §3: exact flags, one-line errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from care_degraded.vault import Vault
from tests.conftest import MANAGER, NURSE, RecoveryKey
from tests.vault.conftest import Cli
from tests.vault.conftest import cli as _cli_fixture
from tests.vault.util import assert_one_line_error, run_cli

cli = _cli_fixture


def _one_line(err: str) -> None:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("care-degraded: "), err


def test_keygen_init_status_chain(tmp_path: Path, cli: Cli) -> None:
    key = tmp_path / "it" / "recovery.key"
    res = cli("keygen", "--out", str(key))
    assert res.code == 0, res.err
    assert key.exists() and Path(f"{key}.pub").exists()
    ward = tmp_path / "ward"
    res = cli("init", "--vault", str(ward), "--ward", "Médecine A", "--user", "cadre",
              "--name", "Claire Test", "--recovery-pubkey", f"{key}.pub",
              new_passphrase="phrase du cadre 2026")
    assert res.code == 0, res.err
    res = cli("status", "--vault", str(ward), "--json")
    assert res.code == 0
    info = json.loads(res.out)
    assert info["ward"] == "Médecine A" and info["unlocked"] is False
    assert info["enrolled_slots"] == 1 and info["recovery_slot"] is True
    res = cli("status", "--vault", str(ward), "--as", "cadre", "--json",
              passphrase="phrase du cadre 2026")
    assert res.code == 0, res.err
    info = json.loads(res.out)
    assert info["unlocked"] is True and info["users"] == 1
    res = cli("status", "--vault", str(ward))
    assert res.code == 0 and "Médecine A" in res.out
    # init again over it: refused, nothing touched
    before = (ward / "keyslots.json").read_bytes()
    res = cli("init", "--vault", str(ward), "--ward", "X", "--user", "cadre2", "--name", "Y",
              "--recovery-pubkey", f"{key}.pub", new_passphrase="phrase du cadre 2026")
    assert res.code == 6
    _one_line(res.err)
    assert (ward / "keyslots.json").read_bytes() == before


def test_init_refuses_a_weak_passphrase_and_a_bad_key(tmp_path: Path, cli: Cli,
                                                      recovery_key: RecoveryKey) -> None:
    pub = tmp_path / "it.pub"
    pub.write_text(recovery_key.recipient + "\n")
    res = cli("init", "--vault", str(tmp_path / "w"), "--ward", "W", "--user", "cadre",
              "--name", "C", "--recovery-pubkey", str(pub), new_passphrase="azerty")
    assert res.code == 5
    _one_line(res.err)
    assert not (tmp_path / "w" / "ward.db").exists()
    bad = tmp_path / "bad.pub"
    bad.write_text("not a key\n")
    res = cli("init", "--vault", str(tmp_path / "w2"), "--ward", "W", "--user", "cadre",
              "--name", "C", "--recovery-pubkey", str(bad), new_passphrase="phrase correcte ok")
    assert res.code == 5
    _one_line(res.err)


def test_demo_prints_its_logins(tmp_path: Path, cli: Cli) -> None:
    res = cli("demo", "--vault", str(tmp_path / "demo"))
    assert res.code == 0, res.err
    assert "cadre" in res.out and "ide1" in res.out
    res = cli("demo", "--vault", str(tmp_path / "demo"))
    assert res.code == 6
    _one_line(res.err)


def test_status_audit_backup_restore(vault_path: Path, tmp_path: Path, cli: Cli) -> None:
    res = cli("audit", "verify", "--vault", str(vault_path), "--as", NURSE[0], "--json",
              passphrase=NURSE[2])
    assert res.code == 0 and json.loads(res.out)["ok"] is True
    res = cli("backup", "--vault", str(vault_path), "--as", MANAGER[0], "--to",
              str(tmp_path / "bk"), passphrase=MANAGER[2])
    assert res.code == 0, res.err
    res = cli("backup", "--vault", str(vault_path), "--as", MANAGER[0], "--to",
              str(tmp_path / "bk"), passphrase=MANAGER[2])
    assert res.code == 6  # destination not empty
    _one_line(res.err)
    res = cli("restore", "--from", str(tmp_path / "bk"), "--vault", str(vault_path))
    assert res.code == 6
    _one_line(res.err)
    res = cli("restore", "--from", str(tmp_path / "bk"), "--vault", str(vault_path), "--force")
    assert res.code == 0, res.err
    assert "kept in" in res.out


def test_recover_command(vault_path: Path, tmp_path: Path, cli: Cli,
                         recovery_key: RecoveryKey) -> None:
    key = tmp_path / "it.key"
    key.write_text(recovery_key.identity + "\n")
    res = cli("recover", "--vault", str(vault_path), "--recovery-key", str(key),
              "--new-user", "dsi", "--name", "Informatique", new_passphrase="phrase de la dsi")
    assert res.code == 0, res.err
    Vault.unlock(vault_path, "dsi", "phrase de la dsi").close()


@pytest.mark.parametrize("argv", [
    ["status", "--vault"],                              # missing value
    ["backup", "--vault", "X", "--as", "cadre"],        # missing --to
    ["restore", "--vault", "X"],                        # missing --from
    ["recover", "--vault", "X", "--recovery-key", "K"],  # missing --new-user/--name
    ["user", "frobnicate"],
    ["nonsense"],
])
def test_usage_errors_exit_2(argv: list[str], cli: Cli) -> None:
    res = cli(*argv)
    assert res.code == 2
    assert "Traceback" not in res.err


def test_no_passphrase_without_a_terminal_is_a_usage_error(vault_path: Path, cli: Cli) -> None:
    res = cli("status", "--vault", str(vault_path), "--as", NURSE[0])
    assert res.code == 2
    _one_line(res.err)


def test_passphrase_file(vault_path: Path, tmp_path: Path, cli: Cli) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(NURSE[2] + "\n")
    res = cli("status", "--vault", str(vault_path), "--as", NURSE[0], "--passphrase-file",
              str(secret), "--json")
    assert res.code == 0, res.err


def test_exit_codes_3_and_4(vault_path: Path, cli: Cli) -> None:
    res = cli("status", "--vault", str(vault_path), "--as", NURSE[0], passphrase="pas la bonne")
    assert res.code == 3
    _one_line(res.err)
    res = cli("status", "--vault", str(vault_path), "--as", "inconnu", passphrase=NURSE[2])
    assert res.code == 3
    _one_line(res.err)
    db = vault_path / "ward.db"
    data = bytearray(db.read_bytes())
    data[len(data) - 300] ^= 0xFF
    db.write_bytes(bytes(data))
    res = cli("audit", "verify", "--vault", str(vault_path), "--as", NURSE[0],
              passphrase=NURSE[2])
    assert res.code == 4
    _one_line(res.err)  # nothing from SQLCipher's own log either


def test_no_vault_is_invalid_input(tmp_path: Path, cli: Cli) -> None:
    res = cli("status", "--vault", str(tmp_path / "nothing"))
    assert res.code == 5
    _one_line(res.err)


def test_the_installed_console_script_keeps_the_contract(vault_path: Path) -> None:
    """The real executable: exit codes and one-line errors, no traceback."""
    ok = run_cli(["status", "--vault", str(vault_path), "--as", NURSE[0], "--json"],
                 env={"CARE_DEGRADED_PASSPHRASE": NURSE[2]})
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["unlocked"] is True
    wrong = run_cli(["status", "--vault", str(vault_path), "--as", NURSE[0]],
                    env={"CARE_DEGRADED_PASSPHRASE": "pas la bonne phrase"})
    assert wrong.returncode == 3
    assert_one_line_error(wrong.stderr)
    (vault_path / "keyslots.json").write_text("{}")
    damaged = run_cli(["status", "--vault", str(vault_path), "--as", NURSE[0]],
                      env={"CARE_DEGRADED_PASSPHRASE": NURSE[2]})
    assert damaged.returncode == 4
    assert_one_line_error(damaged.stderr)
    usage = run_cli(["backup"])
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
