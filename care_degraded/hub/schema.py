"""The hub store's schema: version 1, then ordered migration steps.

Each step is a list of statements applied in one transaction, the version written
after it (``PRAGMA user_version``); a store newer than :data:`VERSION` is refused.
"""

from __future__ import annotations

from care_degraded.vault.connection import Connection

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


#: reconciliation: IT's decisions as append-only hub revisions, with the current state
#: of each (identity links, conflict decisions, worklist states) kept beside them
STEP_2_RECONCILIATION = (
    """CREATE TABLE hub_revisions (
        seq        INTEGER PRIMARY KEY,
        uuid       TEXT NOT NULL UNIQUE,
        kind       TEXT NOT NULL,
        object     TEXT NOT NULL,
        author     TEXT NOT NULL,
        created_at TEXT NOT NULL,
        supersedes TEXT,
        body       TEXT NOT NULL
    )""",
    "CREATE INDEX hub_revisions_object ON hub_revisions (kind, object)",
    "CREATE TRIGGER hub_decisions_no_update BEFORE UPDATE ON hub_revisions"
    " BEGIN SELECT RAISE(ABORT, 'hub revisions are append-only'); END",
    "CREATE TRIGGER hub_decisions_no_delete BEFORE DELETE ON hub_revisions"
    " BEGIN SELECT RAISE(ABORT, 'hub revisions are append-only'); END",
    """CREATE TABLE ehr_imports (
        id           INTEGER PRIMARY KEY,
        source       TEXT NOT NULL,
        sha256       TEXT NOT NULL,
        generated_at TEXT NOT NULL,
        imported_at  TEXT NOT NULL,
        imported_by  TEXT NOT NULL,
        patients     INTEGER NOT NULL
    )""",
    """CREATE TABLE ehr_patients (
        ipp        TEXT PRIMARY KEY,
        birth_date TEXT,
        body       TEXT NOT NULL,
        import_id  INTEGER NOT NULL
    )""",
    "CREATE INDEX ehr_patients_birth ON ehr_patients (birth_date)",
    """CREATE TABLE identity_links (
        provisional_number TEXT PRIMARY KEY,
        target_kind        TEXT NOT NULL,
        target             TEXT NOT NULL,
        revision           TEXT NOT NULL
    )""",
    """CREATE TABLE conflict_decisions (
        conflict TEXT PRIMARY KEY,
        decision TEXT NOT NULL,
        voided   TEXT,
        reason   TEXT NOT NULL,
        actor    TEXT NOT NULL,
        at       TEXT NOT NULL,
        revision TEXT NOT NULL
    )""",
    """CREATE TABLE worklist_states (
        item      TEXT PRIMARY KEY,
        state     TEXT NOT NULL,
        reason    TEXT,
        actor     TEXT NOT NULL,
        at        TEXT NOT NULL,
        server_id TEXT,
        version   TEXT,
        error     TEXT,
        revision  TEXT NOT NULL
    )""",
)

#: version n+1 is reached by applying STEPS[n - 1] to a version n store
STEPS: tuple[tuple[str, ...], ...] = (STEP_2_RECONCILIATION,)
VERSION = 1 + len(STEPS)


def apply(conn: Connection) -> None:
    """A new store at the current version (the caller writes ``user_version``)."""
    for statement in DDL:
        conn.execute(statement)
    for step in STEPS:
        for statement in step:
            conn.execute(statement)


def migrate(conn: Connection, version: int) -> int:
    """Bring a store at ``version`` up to :data:`VERSION`, one committed step at a time."""
    while version < VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in STEPS[version - 1]:
                conn.execute(statement)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return version
