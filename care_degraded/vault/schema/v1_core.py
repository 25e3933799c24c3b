"""Schema version 1: ward metadata, device, users, revisions, audit."""

from __future__ import annotations

from care_degraded.vault.connection import Connection

DDL = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE device (
    id          TEXT PRIMARY KEY,
    prefix      TEXT NOT NULL UNIQUE,
    signing_key BLOB NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE TABLE users (
    login        TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('nurse', 'manager', 'it')),
    active       INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    created_by   TEXT,
    disabled_at  TEXT,
    disabled_by  TEXT
);
CREATE TABLE revisions (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE,
    record_id   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    patient_ref TEXT,
    author      TEXT NOT NULL,
    device      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    supersedes  TEXT REFERENCES revisions (uuid),
    status      TEXT NOT NULL,
    payload     TEXT NOT NULL
);
CREATE INDEX revisions_patient ON revisions (patient_ref, seq);
CREATE INDEX revisions_record ON revisions (record_id, seq);
CREATE INDEX revisions_kind ON revisions (kind, seq);
CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    device    TEXT NOT NULL,
    action    TEXT NOT NULL,
    object    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
"""


def apply(conn: Connection) -> None:
    for statement in DDL.split(";\n"):
        if statement.strip():
            conn.execute(statement)
