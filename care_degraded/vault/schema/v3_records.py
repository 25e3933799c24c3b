"""Schema version 3: form definitions kept with records; signed revisions.

A record names its form url and version; keeping the definition here means the
record still displays and validates after the form file changes or disappears.
"""

from __future__ import annotations

from care_degraded.vault.connection import Connection

DDL = (
    """CREATE TABLE form_definitions (
        url        TEXT NOT NULL,
        version    TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        definition TEXT NOT NULL,
        stored_at  TEXT NOT NULL,
        PRIMARY KEY (url, version)
    )""",
    # Each revision is signed with the device's Ed25519 key from this version on
    # (older revisions have none and are reported as unsigned, not as forged).
    "ALTER TABLE revisions ADD COLUMN signature TEXT",
)


def apply(conn: Connection) -> None:
    for statement in DDL:
        conn.execute(statement)
