"""Opening an existing vault database: every check happens before anything is written.

In order: the write-ahead log is scanned by hand (see ``walscan``), the commit mark
is read (see ``commit_mark``), then the database is opened *read-only* to check its
pages and that it holds at least the marked count of commits. Only then is the
read-write connection opened. A read-only connection never checkpoints, so a
refused vault is left as it was found (SQLite's shared-memory index, which it
rebuilds at every first open, is put back byte for byte too).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from care_degraded.domain.errors import DamagedData
from care_degraded.vault import migrations
from care_degraded.vault.commit_mark import META_KEY, mark_key, read_mark
from care_degraded.vault.connection import (
    DB_FILE,
    Connection,
    DatabaseError,
    check_pages,
    connect,
    connect_read_only,
)
from care_degraded.vault.walscan import refuse_if_damaged

DAMAGED = "the vault database is damaged or was tampered with"


def open_db(path: Path, dek: bytes, vault_id: str, full_check: bool = True) -> Connection:
    """The read-write connection to ``path``'s database once it is proven sound.

    ``full_check`` walks every page first (``PRAGMA quick_check``); without it only
    the pages an unlock reads are checked now (SQLCipher refuses any damaged page
    when it is read) and the caller runs the full check afterwards.
    """
    db = path / DB_FILE
    # An empty file would be taken by SQLite for a new database and silently rebuilt.
    if db.stat().st_size == 0:
        raise DamagedData(DAMAGED)
    refuse_if_damaged(path / f"{DB_FILE}-wal")
    marked = read_mark(path, mark_key(dek), vault_id)
    _read_only_check(path, dek, full_check, marked)
    try:
        return connect(db, dek)
    except DatabaseError:
        raise DamagedData(DAMAGED) from None


def _read_only_check(path: Path, dek: bytes, full_check: bool, marked: int | None) -> None:
    """Check pages and commit counter without writing; DamagedData if unsound."""
    db = path / DB_FILE
    wal, shm = path / f"{DB_FILE}-wal", path / f"{DB_FILE}-shm"
    had = {p: p.read_bytes() if p.exists() else None for p in (wal, shm)}
    conn: Connection | None = None
    refused = True
    try:
        conn = connect_read_only(db, dek)
        if full_check:
            check_pages(conn)
        if migrations.current_version(conn) == 0:
            raise DatabaseError("no schema in an existing vault")
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
        except DatabaseError as exc:
            if "no such table" not in str(exc):
                raise
            row = None
        counter = None if row is None else int(row[0])
        if marked is not None and (counter is None or counter < marked):
            raise DamagedData("the vault database is older than its commit mark: it was put "
                              "back from an older copy or lost committed records")
        if marked is None and counter is not None:
            raise DamagedData("the vault's commit mark (ward.mark) is missing")
        refused = False
    except (DatabaseError, ValueError):
        raise DamagedData(DAMAGED) from None
    finally:
        if conn is not None:
            conn.close()
        if refused:
            _put_back(had)


def _put_back(had: dict[Path, bytes | None]) -> None:
    """Leave a refused vault's side files as they were before the read-only look.

    The read-only connection never writes the log; it may have created an empty one
    and rebuilt the shared-memory index, which are undone here.
    """
    for side, content in had.items():
        if content is None:
            with contextlib.suppress(FileNotFoundError):
                side.unlink()
        elif side.name.endswith("-shm") and side.exists() and side.read_bytes() != content:
            side.write_bytes(content)
