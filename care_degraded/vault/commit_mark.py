"""The commit mark: a count of committed transactions kept outside the database.

Every transaction of the vault adds one to ``meta.commit_counter`` inside itself,
then, once committed, writes the new count to ``ward.mark`` with an HMAC under a key
derived from the database key. At unlock the database must hold at least the count
in the mark: a ``ward.db`` put back from an older copy, or a write-ahead log that
lost committed frames, holds less, and is refused as damage. The mark is written
after the commit, so a crash between the two leaves the database ahead of the
mark, which is consistent (the next commit or unlock moves the mark up).

The file holds two fixed-size slots written alternately, each with its own HMAC,
so a torn write leaves the other slot readable. Without the key nobody can write a
mark the vault accepts; replacing the whole folder by an old copy cannot be seen
here (the hub sees it: the device's history goes backwards).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import struct
from pathlib import Path

from care_degraded.domain.errors import DamagedData
from care_degraded.vault.connection import Connection

MARK_FILE = "ward.mark"
META_KEY = "commit_counter"
_MAGIC = b"CDMARK01"
_SLOT = len(_MAGIC) + 8 + 32  # magic, counter, HMAC-SHA256


def mark_key(dek: bytes) -> bytes:
    return hmac.new(dek, b"care-degraded/commit-mark", hashlib.sha256).digest()


def _tag(key: bytes, vault_id: str, counter: int) -> bytes:
    return hmac.new(key, _MAGIC + vault_id.encode() + struct.pack(">Q", counter),
                    hashlib.sha256).digest()


def read_mark(folder: Path, key: bytes, vault_id: str) -> int | None:
    """The highest authentic count in the mark file; None when there is no file."""
    try:
        raw = (Path(folder) / MARK_FILE).read_bytes()
    except FileNotFoundError:
        return None
    best: int | None = None
    for start in range(0, min(len(raw), 2 * _SLOT), _SLOT):
        slot = raw[start:start + _SLOT]
        if len(slot) != _SLOT or not slot.startswith(_MAGIC):
            continue
        (counter,) = struct.unpack(">Q", slot[8:16])
        if hmac.compare_digest(slot[16:], _tag(key, vault_id, counter)):
            best = counter if best is None else max(best, counter)
    if best is None:
        raise DamagedData("the vault's commit mark is damaged or was tampered with")
    return best


def write_mark(folder: Path, key: bytes, vault_id: str, counter: int) -> None:
    """Record ``counter`` (durably) unless the file already holds a higher one."""
    path = Path(folder) / MARK_FILE
    with contextlib.suppress(DamagedData):
        current = read_mark(folder, key, vault_id)
        if current is not None and current >= counter:
            return
    slot = _MAGIC + struct.pack(">Q", counter) + _tag(key, vault_id, counter)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.pwrite(fd, slot, (counter % 2) * _SLOT)
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_mark(folder: Path, key: bytes, vault_id: str, counter: int) -> None:
    """A fresh mark file holding ``counter`` under ``key`` (a new vault, a rekey)."""
    from care_degraded.vault.atomic import write_atomic

    slot = _MAGIC + struct.pack(">Q", counter) + _tag(key, vault_id, counter)
    write_atomic(Path(folder) / MARK_FILE, slot + slot)


def bump(conn: Connection) -> int:
    """Add one to the database's commit counter (inside the caller's transaction)."""
    row = conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE"
        " SET value = CAST(value AS INTEGER) + 1 RETURNING value", (META_KEY,)).fetchone()
    return int(row[0])


def db_counter(conn: Connection) -> int | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    return None if row is None else int(row[0])
