"""Schema migrations: ordered steps, ``PRAGMA user_version`` written after each one.

A vault whose schema is newer than this program is refused. Before migrating an
existing vault, the caller takes an encrypted backup (see ``Vault.unlock``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from care_degraded.domain.errors import Refused
from care_degraded.vault.connection import Connection
from care_degraded.vault.schema import v1_core, v2_census, v3_records, v4_sync


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


# Append new steps at the end; never edit a released one.
STEPS: list[Migration] = [
    Migration(1, "core", v1_core.apply),
    Migration(2, "census", v2_census.apply),
    Migration(3, "records", v3_records.apply),
    Migration(4, "sync", v4_sync.apply),
]


def latest_version() -> int:
    return STEPS[-1].version


def current_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def pending(conn: Connection) -> list[Migration]:
    """Steps still to run; refuses a schema newer than this program knows."""
    version = current_version(conn)
    if version > latest_version():
        raise Refused(
            f"this vault has schema version {version}, newer than this program "
            f"({latest_version()}): install the newer care-degraded"
        )
    return [m for m in STEPS if m.version > version]


def migrate(conn: Connection, steps: list[Migration]) -> None:
    """Run ``steps`` in order, each in its own transaction with its version."""
    for step in steps:
        conn.execute("BEGIN IMMEDIATE")
        try:
            step.apply(conn)
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
