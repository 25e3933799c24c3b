"""Backup is proven by opening it; restore never erases and refuses damaged backups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from care_degraded.domain.errors import DamagedData, InvalidInput, Refused
from care_degraded.services.vaults import restore
from care_degraded.vault import Vault
from tests.conftest import MANAGER, NURSE
from tests.vault.conftest import Cli


def _write(vault_path: Path, n: int, text: str = "note") -> list[str]:
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v, v.transaction():
        return [v.revisions.append("note", "P1", {"text": f"{text} {i}"}).uuid
                for i in range(n)]


def test_backup_opens_as_a_vault(vault_path: Path, tmp_path: Path, cli: Cli) -> None:
    uuids = _write(vault_path, 5)
    res = cli("backup", "--vault", str(vault_path), "--as", MANAGER[0],
              "--to", str(tmp_path / "bk"), passphrase=MANAGER[2])
    assert res.code == 0, res.err
    assert "verified" in res.out
    # the proof: unlock the backup folder itself, with another user's passphrase
    with Vault.unlock(tmp_path / "bk", NURSE[0], NURSE[2]) as b:
        assert {r.uuid for r in b.revisions.iter_all()} == set(uuids)
        assert b.conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        assert b.audit.verify().ok
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        assert "backup" in [e.action for e in v.audit.entries()]


def test_backup_destination_must_be_empty(manager_vault: Vault, tmp_path: Path) -> None:
    dest = tmp_path / "full"
    dest.mkdir()
    (dest / "something.txt").write_text("x")
    with pytest.raises(Refused) as err:
        manager_vault.backup(dest)
    assert err.value.exit_code == 6
    assert sorted(p.name for p in dest.iterdir()) == ["something.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert manager_vault.backup(empty) == empty.resolve()
    with pytest.raises(InvalidInput):
        manager_vault.backup(manager_vault.path / "inside")


def test_restore_refuses_to_overwrite_without_force(vault_path: Path, tmp_path: Path,
                                                    cli: Cli) -> None:
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        v.backup(tmp_path / "bk")
    later = _write(vault_path, 3, "after the backup")
    before = (vault_path / "ward.db").read_bytes()
    res = cli("restore", "--from", str(tmp_path / "bk"), "--vault", str(vault_path))
    assert res.code == 6
    assert len(res.err.strip().splitlines()) == 1 and "--force" in res.err
    assert (vault_path / "ward.db").read_bytes() == before
    # with --force: the old vault is moved aside, whole
    res = cli("restore", "--from", str(tmp_path / "bk"), "--vault", str(vault_path), "--force")
    assert res.code == 0, res.err
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("vault.replaced-")]
    assert len(aside) == 1
    with Vault.unlock(aside[0], NURSE[0], NURSE[2]) as old:
        assert set(later) <= {r.uuid for r in old.revisions.iter_all()}
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as new:
        assert not set(later) & {r.uuid for r in new.revisions.iter_all()}
        assert "restore" in [e.action for e in new.audit.entries()]


def test_restore_into_an_empty_place(manager_vault: Vault, tmp_path: Path) -> None:
    manager_vault.backup(tmp_path / "bk")
    assert restore(tmp_path / "bk", tmp_path / "new") is None
    Vault.unlock(tmp_path / "new", NURSE[0], NURSE[2]).close()


def _flip_db(folder: Path) -> None:
    db = folder / "ward.db"
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0x10
    db.write_bytes(bytes(data))


def _drop_manifest(folder: Path) -> None:
    (folder / "backup.json").unlink()


def _truncate_db(folder: Path) -> None:
    db = folder / "ward.db"
    db.write_bytes(db.read_bytes()[:8192])


def _flip_keyslots(folder: Path) -> None:
    path = folder / "keyslots.json"
    body = json.loads(path.read_text())
    body["ward"] = body["ward"] + "!"
    path.write_text(json.dumps(body))


@pytest.mark.parametrize("damage", [_flip_db, _truncate_db, _flip_keyslots, _drop_manifest],
                         ids=lambda f: f.__name__.lstrip("_"))
def test_a_damaged_backup_is_refused_on_restore(manager_vault: Vault, tmp_path: Path,
                                                cli: Cli, damage: object) -> None:
    _write_many(manager_vault)
    manager_vault.backup(tmp_path / "bk")
    damage(tmp_path / "bk")  # type: ignore[operator]
    res = cli("restore", "--from", str(tmp_path / "bk"), "--vault", str(tmp_path / "new"))
    assert res.code == 4, res.err
    assert len(res.err.strip().splitlines()) == 1
    assert not (tmp_path / "new").exists()
    with pytest.raises(DamagedData):
        restore(tmp_path / "bk", tmp_path / "new2")


def _write_many(v: Vault) -> None:
    with v.transaction():
        for i in range(60):
            v.revisions.append("note", "P2", {"text": "y" * 200, "i": i})
