"""Encrypted backups, proven by opening them, and restore.

A backup is a complete vault folder (database + keyslot file) encrypted with the same
key: any enrolled passphrase or IT's recovery key opens it. It is written next to its
destination under a temporary name and renamed only once verified, so a half-written
backup never looks like a finished one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from care_degraded.domain.errors import DamagedData, InvalidInput, Refused
from care_degraded.vault import commit_mark
from care_degraded.vault.atomic import fsync_dir, write_atomic
from care_degraded.vault.commit_mark import MARK_FILE
from care_degraded.vault.connection import (
    DB_FILE,
    Connection,
    DatabaseError,
    checkpoint,
    connect,
    private_files,
)
from care_degraded.vault.keyslots import KEYSLOT_FILE, KeyslotFile
from care_degraded.vault.leftovers import clean_partial_backups, held
from care_degraded.vault.unlock_audit import BACKUP_APPLICATION_ID

if TYPE_CHECKING:
    from care_degraded.vault.vault import Vault

SQLITE_HEADER = b"SQLite format 3\x00"
#: digests of the backup's files, written once the copy is verified, so that a
#: restore (which has no key) can still tell a damaged backup from a sound one
MANIFEST_FILE = "backup.json"
MANIFEST_FORMAT = "care-degraded-backup"
_FILES = (DB_FILE, KEYSLOT_FILE, MARK_FILE)


def copy_database(conn: Connection, dek: bytes, folder: Path, keyslots: KeyslotFile,
                  exist_ok: bool = False) -> None:
    """Write an encrypted copy of ``conn``'s database and the keyslots into ``folder``.

    The copy is opened again with the key and checked before this returns.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, mode=0o700, exist_ok=exist_ok)
    target = folder / DB_FILE
    checkpoint(conn)
    private_files(target)
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{dek.hex()}'\"", (str(target),))
    try:
        conn.execute("SELECT sqlcipher_export('backup')").fetchall()
        conn.execute(f"PRAGMA backup.user_version = {version}")
        # opened as a live vault later (a restore), it takes a new device prefix
        conn.execute(f"PRAGMA backup.application_id = {BACKUP_APPLICATION_ID}")
        row = conn.execute("SELECT value FROM backup.meta WHERE key = ?",
                           (commit_mark.META_KEY,)).fetchone()
    finally:
        conn.execute("DETACH DATABASE backup")
    keyslots.save(folder)
    if row is not None:
        # the copy carries its own mark, so that a restore of it opens
        commit_mark.replace_mark(folder, commit_mark.mark_key(dek), keyslots.vault_id,
                                 int(row[0]))
    _fsync_file(target)
    fsync_dir(folder)
    verify_copy(conn, dek, folder)
    manifest = {"format": MANIFEST_FORMAT, "version": 1, "vault_id": keyslots.vault_id,
                "files": {name: _digest(folder / name) for name in _FILES
                          if (folder / name).exists()}}
    write_atomic(folder / MANIFEST_FILE, json.dumps(manifest, indent=1, sort_keys=True)
                 .encode("utf-8"))


def verify_copy(source: Connection, dek: bytes, folder: Path) -> None:
    """Open the copy with the key; integrity checks clean and the same contents."""
    try:
        copy = connect(Path(folder) / DB_FILE, dek)
    except DatabaseError:
        raise DamagedData("the backup could not be opened: it is not valid") from None
    try:
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise DamagedData("the backup failed its integrity check")
        if copy.execute("PRAGMA cipher_integrity_check").fetchall():
            raise DamagedData("the backup failed its encryption integrity check")
        tables = [r[0] for r in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            want = source.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            got = copy.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            if want != got:
                raise DamagedData("the backup does not hold the same rows as the vault")
        KeyslotFile.load(Path(folder))
    finally:
        copy.close()


def write_backup(vault: Vault, target: Path, dek: bytes) -> Path:
    """``backup --to DIR``: DIR must be new or empty; returns the backup folder."""
    target = Path(target).resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise Refused(f"backup destination is not empty: {target}")
    if target == vault.path.resolve() or vault.path.resolve() in target.parents:
        raise InvalidInput("a backup must not be written inside the vault it copies")
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_partial_backups(target.parent)  # what a killed backup left
    partial = target.parent / f".{target.name}.partial-{uuid.uuid4().hex[:8]}"
    try:
        partial.mkdir(mode=0o700)
        with held(partial):
            copy_database(vault.conn, dek, partial, vault.keyslots, exist_ok=True)
        if target.exists():
            target.rmdir()
        os.rename(partial, target)
        fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    with vault.transaction():
        vault.audit.append("backup", target.name)
    return target


def restore_backup(source: Path, vault_dir: Path, force: bool = False) -> Path | None:
    """Copy a backup into ``vault_dir``. An existing vault is kept aside, never erased.

    Returns where the replaced vault was moved (or None).
    """
    source, vault_dir = Path(source), Path(vault_dir)
    check_backup_folder(source)
    from care_degraded.vault.vault import is_vault

    moved: Path | None = None
    if vault_dir.exists() and is_vault(vault_dir):
        if not force:
            raise Refused(f"a vault already exists in {vault_dir}: use --force to replace it")
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        moved = vault_dir.with_name(f"{vault_dir.name}.replaced-{stamp}")
    elif vault_dir.exists() and any(vault_dir.iterdir()):
        raise Refused(f"{vault_dir} is not empty and holds no vault: refusing to write there")
    partial = vault_dir.with_name(f".{vault_dir.name}.restoring-{uuid.uuid4().hex[:8]}")
    partial.mkdir(parents=True, mode=0o700)
    try:
        for name in _FILES:
            if name == MARK_FILE and not (source / name).exists():
                continue  # a backup made before commit marks existed
            shutil.copyfile(source / name, partial / name)
            os.chmod(partial / name, 0o600)
            _fsync_file(partial / name)
            if _digest(source / name) != _digest(partial / name):
                raise DamagedData("the restored copy differs from the backup")
        fsync_dir(partial)
        if moved is not None:
            os.rename(vault_dir, moved)
        elif vault_dir.exists():
            vault_dir.rmdir()
        os.rename(partial, vault_dir)
        fsync_dir(vault_dir.parent)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return moved


def check_backup_folder(folder: Path) -> None:
    """A backup folder holds a readable keyslot file and an encrypted database."""
    if not (folder / DB_FILE).is_file() or not (folder / KEYSLOT_FILE).is_file():
        raise InvalidInput(f"not a backup folder (needs {DB_FILE} and {KEYSLOT_FILE}): {folder}")
    KeyslotFile.load(folder)
    with (folder / DB_FILE).open("rb") as fh:
        head = fh.read(16)
    if len(head) < 16 or head == SQLITE_HEADER:
        raise DamagedData("the backup database is damaged or not encrypted")
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text("utf-8"))
        files = manifest["files"]
        if manifest.get("format") != MANIFEST_FORMAT or not isinstance(files, dict):
            raise ValueError
    except FileNotFoundError:
        raise DamagedData(f"the backup has no {MANIFEST_FILE}: it is incomplete") from None
    except (ValueError, KeyError, TypeError):
        raise DamagedData(f"the backup's {MANIFEST_FILE} is damaged") from None
    for name in _FILES:
        if name == MARK_FILE and name not in files and not (folder / name).exists():
            continue
        if not (folder / name).exists() or files.get(name) != _digest(folder / name):
            raise DamagedData(f"the backup is damaged: {name} does not match its digest")


def _fsync_file(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError), open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
