"""Schema version 4: what was sent to the hub and what the hub acknowledged.

A revision stays in the outbox until a verified hub receipt names it
(``sync_acks``). ``sync_bundles`` numbers the bundles of each device without gaps;
a bundle pushed over the network keeps its encrypted bytes until acknowledged so
that a push cut in the middle sends the very same bundle again.
"""

from __future__ import annotations

from care_degraded.vault.connection import Connection

DDL = (
    """CREATE TABLE sync_bundles (
        id              INTEGER PRIMARY KEY,
        device          TEXT NOT NULL,
        sequence        INTEGER NOT NULL,
        bundle_id       TEXT NOT NULL UNIQUE,
        previous_id     TEXT,
        created_at      TEXT NOT NULL,
        revisions       INTEGER NOT NULL,
        data            BLOB,
        acknowledged_at TEXT,
        UNIQUE (device, sequence)
    )""",
    """CREATE TABLE sync_acks (
        uuid            TEXT PRIMARY KEY,
        bundle_id       TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('accepted', 'held', 'conflict')),
        acknowledged_at TEXT NOT NULL
    )""",
)


def apply(conn: Connection) -> None:
    for statement in DDL:
        conn.execute(statement)
