"""Opening the SQLCipher database with the raw key and the house pragmas."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

DB_FILE = "ward.db"

if TYPE_CHECKING:
    # sqlcipher3 ships no type hints; its API is the standard library's.
    from sqlite3 import Connection as Connection
    from sqlite3 import DatabaseError as DatabaseError
    from sqlite3 import OperationalError as OperationalError
else:
    Connection = sqlcipher3.Connection
    DatabaseError = sqlcipher3.DatabaseError
    OperationalError = sqlcipher3.OperationalError


def raw_key_pragma(dek: bytes) -> str:
    """The ``x'<64 hex>'`` form: SQLCipher uses these bytes as the key, no KDF.

    Handing the bytes (or their hex) as a plain passphrase would send them
    through PBKDF2 instead, which costs time and is not what the design says.
    """
    if len(dek) != 32:
        raise ValueError("the database key is 32 bytes")
    return f"PRAGMA key = \"x'{dek.hex()}'\""


def private_files(path: Path) -> None:
    """Make the database file (created if new) and its side files readable by us only.

    SQLite gives the -wal and -shm files the database file's permissions, so a
    database made 0600 before SQLite opens it keeps all three private.
    """
    path = Path(path)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for name in (path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")):
        with contextlib.suppress(FileNotFoundError):
            if name.stat().st_mode & 0o077:
                os.chmod(name, 0o600)


def connect(path: Path, dek: bytes) -> Connection:
    """Open (or create) the encrypted database; the key is set first, always."""
    private_files(path)
    conn: Connection = sqlcipher3.connect(str(path), isolation_level=None,
                                          check_same_thread=False)
    # SQLCipher logs failed page checks to stderr; the command line promises one
    # clear line there, and the typed error below says it better.
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(raw_key_pragma(dek))
    # Touching the schema is what makes SQLCipher check the key: a wrong key or a
    # damaged file fails here, before any pragma could write.
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def is_busy(exc: BaseException) -> bool:
    """SQLite gave up waiting for another connection's lock (after ``busy_timeout``)."""
    text = str(exc).lower()
    return isinstance(exc, OperationalError) and ("locked" in text or "busy" in text)


def check_pages(conn: Connection) -> None:
    """Raise DatabaseError unless every page in use reads back authentic and sound.

    ``quick_check`` walks every b-tree page through the pager, so each page's HMAC
    is checked on the way (and the WAL's newer copies are the ones read). Run before
    anything is written at unlock, so that a damaged page anywhere in the file is
    reported as damage rather than found in the middle of a shift.
    """
    if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise DatabaseError("database structure damaged")


def checkpoint(conn: Connection) -> None:
    """Fold the WAL into the main file and empty it (close, lock, backup)."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def connect_read_only(path: Path, dek: bytes) -> Connection:
    """A read-only connection: it never writes the database or its log, never checkpoints."""
    conn: Connection = sqlcipher3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                          isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(raw_key_pragma(dek))
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn
