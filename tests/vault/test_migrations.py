"""Migrations: every fixture vault (tests/vault/fixtures/v*/) upgrades with its data intact;
a schema newer than the program is refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from care_degraded.domain.errors import Refused
from care_degraded.vault import Vault, migrations
from care_degraded.vault.keyslots import KeyslotFile
from tests.conftest import MANAGER, NURSE
from tests.vault.conftest import Cli
from tests.vault.util import dek_from_slot, digests, raw_connect

FIXTURES = Path(__file__).with_name("fixtures")
FIXTURE_DIRS = sorted((p for p in FIXTURES.glob("v*") if (p / "expected.json").is_file()),
                      key=lambda p: int(p.name[1:]))


def test_there_is_a_fixture_for_schema_1() -> None:
    assert [p.name for p in FIXTURE_DIRS][:1] == ["v1"]


def test_every_older_schema_version_has_its_fixture() -> None:
    # A version is released once a newer step exists: its vaults are in the wards.
    # (Build one with tests/vault/fixtures/make_fixture.py --schema N from that release.)
    older = {f"v{step.version}" for step in migrations.STEPS[:-1]}
    assert older <= {p.name for p in FIXTURE_DIRS}


@pytest.mark.parametrize("fixture", FIXTURE_DIRS, ids=lambda p: p.name)
def test_fixture_upgrades_to_the_latest_schema(fixture: Path, tmp_path: Path) -> None:
    expected: dict[str, Any] = json.loads((fixture / "expected.json").read_text("utf-8"))
    old = int(expected["schema_version"])
    path = tmp_path / "vault"
    shutil.copytree(fixture / "vault", path)
    login, secret = expected["manager"]
    dek = dek_from_slot(path, login, secret)
    conn = raw_connect(path, dek)
    assert migrations.current_version(conn) == old  # the fixture really is that version
    conn.close()

    with Vault.unlock(path, login, secret) as v:
        assert migrations.current_version(v.conn) == migrations.latest_version()
        assert v.vault_id == expected["vault_id"]
        assert v.device.id == expected["device_id"]
        users = [[u.login, u.display_name, u.role.value, u.active] for u in v.users.list()]
        assert users == expected["users"]
        revisions = [[r.uuid, r.record_id, r.kind, r.patient_ref, r.author, r.supersedes,
                      r.status.value, r.payload] for r in v.revisions.iter_all()]
        assert revisions == expected["revisions"]
        assert v.audit.verify().ok
        assert len(v.audit.entries()) > expected["audit_rows"]
        assert v.signing_key() is not None
    assert KeyslotFile.load(path).schema_version == migrations.latest_version()

    backups = sorted((path / "backups").glob("*")) if (path / "backups").exists() else []
    if old < migrations.latest_version():
        assert len(backups) == 1, backups
        assert backups[0].name.startswith(f"before-schema-{migrations.latest_version()}"
                                          f"-from-{old}-")
        # the backup holds the vault as it was: old schema, same rows, opens with the key
        conn = raw_connect(backups[0], dek)
        assert migrations.current_version(conn) == old
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        assert conn.execute("SELECT count(*) FROM revisions").fetchone()[0] == len(
            expected["revisions"])
        conn.close()
        with Vault.unlock(backups[0], *expected["nurse"]) as b:  # it is a whole vault
            assert b.revisions.count() == len(expected["revisions"])
    else:
        assert backups == []

    # the upgraded vault opens again without migrating twice, for the nurse too
    with Vault.unlock(path, *expected["nurse"]) as v:
        assert v.revisions.count() == len(expected["revisions"])
    after = sorted((path / "backups").glob("*")) if (path / "backups").exists() else []
    assert after == backups
    # IT's recovery key kept working across the upgrade
    Vault.recover(path, (fixture / "recovery.key").read_text(), "it-fx", "IT Fixture",
                  "fixture it passphrase").close()


def test_newer_schema_is_refused_with_a_clear_message(vault_path: Path, cli: Cli) -> None:
    conn = raw_connect(vault_path, dek_from_slot(vault_path, MANAGER[0], MANAGER[2]))
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = digests(vault_path, ["ward.db", "keyslots.json"])
    with pytest.raises(Refused) as err:
        Vault.unlock(vault_path, NURSE[0], NURSE[2])
    assert err.value.exit_code == 6
    assert "99" in str(err.value) and "newer" in str(err.value)
    res = cli("status", "--vault", str(vault_path), "--as", NURSE[0], passphrase=NURSE[2])
    assert res.code == 6
    assert len(res.err.strip().splitlines()) == 1 and "newer" in res.err
    assert digests(vault_path, ["ward.db", "keyslots.json"]) == before
    assert not (vault_path / "backups").exists()
