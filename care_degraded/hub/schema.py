"""The hub store's schema (version 1)."""

from __future__ import annotations

from care_degraded.vault.connection import Connection

VERSION = 1

DDL = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE users (
        login TEXT PRIMARY KEY, display_name TEXT NOT NULL, created_at TEXT NOT NULL)""",
    """CREATE TABLE enrolments (
        id         TEXT PRIMARY KEY,
        ward       TEXT NOT NULL,
        secret     TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        device_id  TEXT UNIQUE
    )""",
    """CREATE TABLE devices (
        id            TEXT PRIMARY KEY,
        enrolment_id  TEXT REFERENCES enrolments (id),
        vault_id      TEXT,
        ward          TEXT NOT NULL,
        public_key    TEXT NOT NULL,
        vouched_by    TEXT,
        bound_at      TEXT NOT NULL,
        revoked_at    TEXT,
        revoked_by    TEXT
    )""",
    """CREATE TABLE bundles (
        id             TEXT PRIMARY KEY,
        device_id      TEXT NOT NULL,
        sequence       INTEGER NOT NULL,
        previous_id    TEXT,
        created_at     TEXT NOT NULL,
        received_at    TEXT NOT NULL,
        received_by    TEXT NOT NULL,
        audit_seq      INTEGER NOT NULL,
        audit_hash     TEXT NOT NULL,
        revision_count INTEGER NOT NULL,
        revisions      INTEGER NOT NULL,
        accepted       INTEGER NOT NULL,
        held           INTEGER NOT NULL,
        conflicts      INTEGER NOT NULL,
        receipt        BLOB NOT NULL
    )""",
    "CREATE INDEX bundles_device ON bundles (device_id, sequence)",
    """CREATE TABLE received_revisions (
        uuid        TEXT PRIMARY KEY,
        record_id   TEXT NOT NULL,
        kind        TEXT NOT NULL,
        patient_ref TEXT,
        author      TEXT NOT NULL,
        device      TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        supersedes  TEXT,
        status      TEXT NOT NULL,
        payload     TEXT NOT NULL,
        signature   TEXT NOT NULL,
        ward_seq    INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        bundle_id   TEXT NOT NULL
    )""",
    "CREATE INDEX revisions_device ON received_revisions (device)",
    """CREATE TABLE conflicts (
        id          INTEGER PRIMARY KEY,
        uuid        TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        revision    TEXT NOT NULL,
        bundle_id   TEXT NOT NULL,
        received_at TEXT NOT NULL,
        UNIQUE (uuid, sha256)
    )""",
    """CREATE TABLE patients (
        id         TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        device_id  TEXT NOT NULL,
        body       TEXT NOT NULL,
        bundle_id  TEXT NOT NULL,
        PRIMARY KEY (id, sha256)
    )""",
    """CREATE TABLE forms (
        url TEXT NOT NULL, version TEXT NOT NULL, sha256 TEXT NOT NULL,
        definition TEXT NOT NULL, PRIMARY KEY (url, version, sha256))""",
    """CREATE TABLE alerts (
        id        INTEGER PRIMARY KEY,
        device_id TEXT NOT NULL,
        bundle_id TEXT NOT NULL,
        kind      TEXT NOT NULL,
        detail    TEXT NOT NULL,
        at        TEXT NOT NULL
    )""",
    """CREATE TABLE journal (
        seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
        action TEXT NOT NULL, object TEXT NOT NULL)""",
    "CREATE TRIGGER hub_revisions_no_update BEFORE UPDATE ON received_revisions"
    " BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END",
    "CREATE TRIGGER hub_revisions_no_delete BEFORE DELETE ON received_revisions"
    " BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END",
)


def apply(conn: Connection) -> None:
    for statement in DDL:
        conn.execute(statement)
