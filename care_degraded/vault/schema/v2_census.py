"""Schema version 2: the census (snapshots, patients, active prescriptions).

Names stay inside the encrypted database like everything else; the search
columns hold folded and phonetic forms of the names so that a search never has to
decrypt and fold every row in Python.
"""

from __future__ import annotations

from care_degraded.vault.connection import Connection

DDL = (
    """CREATE TABLE census_snapshots (
        id                 INTEGER PRIMARY KEY,
        source             TEXT NOT NULL,
        source_kind        TEXT NOT NULL,
        generated_at       TEXT NOT NULL,
        generated_at_basis TEXT NOT NULL,
        imported_at        TEXT NOT NULL,
        imported_by        TEXT NOT NULL,
        content_sha256     TEXT NOT NULL UNIQUE,
        patients           INTEGER NOT NULL,
        imported           INTEGER NOT NULL,
        updated            INTEGER NOT NULL,
        unchanged          INTEGER NOT NULL,
        refused            INTEGER NOT NULL,
        ignored            INTEGER NOT NULL,
        left_count         INTEGER NOT NULL
    )""",
    """CREATE TABLE patients (
        id                 TEXT PRIMARY KEY,
        origin             TEXT NOT NULL CHECK (origin IN ('census', 'ward')),
        ipp                TEXT UNIQUE,
        ins                TEXT,
        ins_system         TEXT,
        provisional_number TEXT UNIQUE,
        identity_status    TEXT NOT NULL,
        birth_name         TEXT NOT NULL,
        used_name          TEXT,
        given_names        TEXT NOT NULL,
        used_given_name    TEXT,
        birth_date         TEXT,
        sex                TEXT NOT NULL,
        birthplace_code    TEXT,
        birthplace         TEXT,
        unit               TEXT,
        room               TEXT,
        bed                TEXT,
        admitted_at        TEXT,
        attending          TEXT,
        allergy_status     TEXT NOT NULL,
        allergies          TEXT NOT NULL,
        presence           TEXT NOT NULL CHECK (presence IN ('present', 'left')),
        left_at            TEXT,
        census_hash        TEXT,
        first_snapshot_id  INTEGER REFERENCES census_snapshots (id),
        last_snapshot_id   INTEGER REFERENCES census_snapshots (id),
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        search_terms       TEXT NOT NULL,
        search_phonetic    TEXT NOT NULL,
        CHECK (ipp IS NOT NULL OR ins IS NOT NULL OR provisional_number IS NOT NULL)
    )""",
    "CREATE INDEX patients_birth_date ON patients (birth_date)",
    "CREATE INDEX patients_bed ON patients (bed)",
    "CREATE INDEX patients_room ON patients (room)",
    "CREATE INDEX patients_ins ON patients (ins)",
    # Patients are never deleted: records and the audit trail point at them.
    """CREATE TRIGGER patients_no_delete BEFORE DELETE ON patients
       BEGIN SELECT RAISE(ABORT, 'patients are never deleted'); END""",
    """CREATE TABLE prescriptions (
        patient_id  TEXT NOT NULL REFERENCES patients (id),
        rx_key      TEXT NOT NULL,
        position    INTEGER NOT NULL,
        active      INTEGER NOT NULL,
        data        TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        PRIMARY KEY (patient_id, rx_key)
    )""",
    """CREATE TABLE provisional_counters (
        prefix TEXT PRIMARY KEY,
        last   INTEGER NOT NULL
    )""",
)


def apply(conn: Connection) -> None:
    for statement in DDL:
        conn.execute(statement)
