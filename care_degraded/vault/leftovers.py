"""What a killed process can leave behind, removed at unlock and at start.

A print job killed while the interface's print dialog held its spool file, and a
backup killed half way (``.NAME.partial-*``), leave files with patient data in
them. Each is locked (``flock``) by the process writing it while it works, so
what is found unlocked here belongs to no live process and is removed.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

SPOOL_DIR = "print-spool"


def _unlocked(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def clean_spool(vault_dir: Path) -> int:
    """Remove print spool files no live job holds; how many were removed."""
    spool = Path(vault_dir) / SPOOL_DIR
    removed = 0
    with contextlib.suppress(FileNotFoundError):
        for path in spool.glob("job-*.pdf"):
            if _unlocked(path):
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed += 1
    return removed


def clean_partial_backups(folder: Path) -> int:
    """Remove half-written backups (``.NAME.partial-*``) no live backup holds."""
    removed = 0
    with contextlib.suppress(FileNotFoundError):
        for path in Path(folder).glob(".*.partial-*"):
            if path.is_dir() and _unlocked(path):
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
    return removed


@contextlib.contextmanager
def held(path: Path) -> Iterator[None]:
    """Hold a lock on ``path`` (a file or folder) while it is being written."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
