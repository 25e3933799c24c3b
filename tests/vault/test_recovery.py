"""IT recovery: the recovery key enrols a new passphrase; the standard `age` opens the slot."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from care_degraded.domain.errors import WrongPassphrase
from care_degraded.vault import Vault
from care_degraded.vault.keyslots import KeyslotFile
from tests.conftest import MANAGER, NURSE, RecoveryKey
from tests.vault.util import assert_one_line_error, raw_connect, run_cli

NEW = "it-secours", "Informatique Secours", "phrase de secours 2026"


@pytest.fixture
def it_key(tmp_path: Path) -> Path:
    res = run_cli(["keygen", "--out", str(tmp_path / "it.key")])
    assert res.returncode == 0, res.stderr
    return tmp_path / "it.key"


@pytest.fixture
def cli_vault(tmp_path: Path, it_key: Path) -> Path:
    path = tmp_path / "ward"
    res = run_cli(["init", "--vault", str(path), "--ward", "Chirurgie B", "--user", MANAGER[0],
                   "--name", MANAGER[1], "--recovery-pubkey", f"{it_key}.pub"],
                  env={"CARE_DEGRADED_NEW_PASSPHRASE": MANAGER[2]})
    assert res.returncode == 0, res.stderr
    return path


def test_keygen_writes_an_age_key_pair(it_key: Path) -> None:
    secret = it_key.read_text()
    assert "AGE-SECRET-KEY-1" in secret
    assert (it_key.stat().st_mode & 0o077) == 0
    assert Path(f"{it_key}.pub").read_text().startswith("age1")
    res = run_cli(["keygen", "--out", str(it_key)])
    assert res.returncode == 6  # never overwrite a key
    assert_one_line_error(res.stderr)


def test_recover_with_it_key_and_new_user_logs_in(cli_vault: Path, it_key: Path) -> None:
    res = run_cli(["recover", "--vault", str(cli_vault), "--recovery-key", str(it_key),
                   "--new-user", NEW[0], "--name", NEW[1]],
                  env={"CARE_DEGRADED_NEW_PASSPHRASE": NEW[2]})
    assert res.returncode == 0, res.stderr
    with Vault.unlock(cli_vault, NEW[0], NEW[2]) as v:
        assert v.user.login == NEW[0]
        actions = [(e.actor, e.action) for e in v.audit.entries()]
        assert ("recovery-key", "recovery.open") in actions
        assert v.audit.verify().ok
    # the manager still logs in as before
    Vault.unlock(cli_vault, MANAGER[0], MANAGER[2]).close()


def test_recover_resets_a_forgotten_passphrase(vault_path: Path,
                                               recovery_key: RecoveryKey) -> None:
    Vault.recover(vault_path, recovery_key.identity, NURSE[0], NURSE[1],
                  "nouvelle phrase infirmiere").close()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_path, NURSE[0], NURSE[2])
    Vault.unlock(vault_path, NURSE[0], "nouvelle phrase infirmiere").close()


def test_age_command_line_opens_the_recovery_slot(cli_vault: Path, it_key: Path,
                                                  tmp_path: Path) -> None:
    age = shutil.which("age") or "/usr/bin/age"
    sealed = json.loads((cli_vault / "keyslots.json").read_text())["recovery"]["sealed"]
    assert sealed.startswith("-----BEGIN AGE ENCRYPTED FILE-----")
    slot = tmp_path / "recovery.age"
    slot.write_text(sealed)
    out = subprocess.run([age, "-d", "-i", str(it_key), str(slot)], capture_output=True,
                         check=True, timeout=30)
    body = json.loads(out.stdout)
    assert body["vault_id"] == KeyslotFile.load(cli_vault).vault_id
    dek = bytes.fromhex(body["dek_hex"])
    conn = raw_connect(cli_vault, dek)
    assert conn.execute("SELECT login FROM users").fetchall() == [(MANAGER[0],)]
    conn.close()


def test_a_wrong_recovery_key_is_refused(cli_vault: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.key"
    assert run_cli(["keygen", "--out", str(other)]).returncode == 0
    before = (cli_vault / "keyslots.json").read_bytes()
    res = run_cli(["recover", "--vault", str(cli_vault), "--recovery-key", str(other),
                   "--new-user", NEW[0], "--name", NEW[1]],
                  env={"CARE_DEGRADED_NEW_PASSPHRASE": NEW[2]})
    assert res.returncode == 3
    assert_one_line_error(res.stderr)
    assert (cli_vault / "keyslots.json").read_bytes() == before
    age = shutil.which("age") or "/usr/bin/age"
    sealed = json.loads(before)["recovery"]["sealed"]
    slot = tmp_path / "recovery.age"
    slot.write_text(sealed)
    assert subprocess.run([age, "-d", "-i", str(other), str(slot)], capture_output=True,
                          timeout=30, check=False).returncode != 0
