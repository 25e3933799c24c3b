"""Every vault file is 0600 whatever the umask; a killed backup's leftovers are removed."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from care_degraded.vault import Vault
from care_degraded.vault.leftovers import clean_partial_backups, held
from tests.conftest import MANAGER, NURSE, RecoveryKey


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_vault_and_its_backup_are_private(tmp_path: Path, recovery_key: RecoveryKey,
                                                loose_umask: None) -> None:
    path = tmp_path / "vault"
    with Vault.create(path, ward="Modes", login=MANAGER[0], display_name=MANAGER[1],
                      passphrase=MANAGER[2], recovery_recipient=recovery_key.recipient) as v:
        with v.transaction():
            v.revisions.append("note", "P1", {"text": "x"})
        names = {p.name for p in path.iterdir()}
        assert {"ward.db", "ward.db-wal", "ward.db-shm", "keyslots.json", "ward.mark"} <= names
        for p in path.iterdir():
            if p.is_file():
                assert _mode(p) == 0o600, p.name
        backup = v.backup(tmp_path / "bk")
    for p in backup.iterdir():
        assert _mode(p) == 0o600, p.name


def test_an_existing_loose_database_is_made_private_at_unlock(vault_path: Path,
                                                              loose_umask: None) -> None:
    os.chmod(vault_path / "ward.db", 0o644)
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]):
        assert _mode(vault_path / "ward.db") == 0o600
        assert _mode(vault_path / "ward.db-wal") == 0o600


def test_a_killed_backup_is_removed_by_the_next_one(manager_vault: Vault,
                                                    tmp_path: Path) -> None:
    dest = tmp_path / "backups"
    dest.mkdir()
    stale = dest / ".lundi.partial-0badc0de"
    stale.mkdir()
    (stale / "ward.db").write_bytes(b"half a copy")
    busy = dest / ".mardi.partial-00c0ffee"
    busy.mkdir()
    with held(busy):  # a backup still being written by another process is left alone
        assert clean_partial_backups(dest) == 1
    assert not stale.exists() and busy.exists()
    busy.rmdir()
    (stale).mkdir()
    manager_vault.backup(dest / "mercredi")
    assert sorted(p.name for p in dest.iterdir()) == ["mercredi"]
