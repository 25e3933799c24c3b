"""The hub store's migration steps: a version 1 store (as the sync release wrote it) upgrades."""

from __future__ import annotations

from pathlib import Path

import pytest

from care_degraded.domain.errors import Refused
from care_degraded.hub import schema
from tests.conftest import RecoveryKey
from tests.sync.kit import make_hub, open_hub


def _as_version_1(hub: Path) -> None:
    """Take the store back to version 1: its DDL only (the reconciliation step undone)."""
    with open_hub(hub) as store:
        conn = store.conn
        for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN"
                " ('hub_revisions', 'ehr_imports', 'ehr_patients', 'identity_links',"
                " 'conflict_decisions', 'worklist_states')").fetchall():
            conn.execute(f"DROP TABLE {name}")
        conn.execute("PRAGMA user_version = 1")


def test_a_version_1_store_is_copied_then_migrated(tmp_path: Path,
                                                   recovery_key: RecoveryKey) -> None:
    hub = make_hub(tmp_path / "hub", recovery_key.recipient)
    _as_version_1(hub)
    with open_hub(hub) as store:
        assert int(store.conn.execute("PRAGMA user_version").fetchone()[0]) == schema.VERSION
        assert store.conn.execute("SELECT count(*) FROM hub_revisions").fetchone()[0] == 0
    assert (hub / "hub.db.v1.bak").exists()
    with open_hub(hub) as store:  # the second opening has nothing to do
        assert int(store.conn.execute("PRAGMA user_version").fetchone()[0]) == schema.VERSION


def test_hub_revisions_are_append_only_and_a_newer_store_is_refused(
        tmp_path: Path, recovery_key: RecoveryKey) -> None:
    hub = make_hub(tmp_path / "hub", recovery_key.recipient)
    with open_hub(hub) as store:
        store.conn.execute("INSERT INTO hub_revisions (uuid, kind, object, author, created_at,"
                           " body) VALUES ('u', 'k', 'o', 'a', 't', '{}')")
        with pytest.raises(Exception, match="append-only"):
            store.conn.execute("UPDATE hub_revisions SET body = '{\"x\": 1}'")
        with pytest.raises(Exception, match="append-only"):
            store.conn.execute("DELETE FROM hub_revisions")
        store.conn.execute(f"PRAGMA user_version = {schema.VERSION + 1}")
    with pytest.raises(Refused, match="newer"):
        open_hub(hub)
