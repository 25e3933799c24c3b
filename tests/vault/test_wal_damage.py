"""A damaged write-ahead log or an older ward.db is refused before any file changes."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

from care_degraded.domain.errors import DamagedData
from care_degraded.vault import Vault
from care_degraded.vault.commit_mark import MARK_FILE
from care_degraded.vault.walscan import FRAME_HEADER, HEADER, scan
from tests.conftest import NURSE
from tests.vault.crashkit import kill_writer
from tests.vault.util import dek_from_slot, digests

RECORDS = 20


class _Exactly:
    """A stand-in random source: the writer acknowledges exactly ``n`` records."""

    def __init__(self, n: int) -> None:
        self.n = n

    def randint(self, _a: int, _b: int) -> int:
        return self.n


def _killed_writer(vault_path: Path) -> list[str]:
    dek = dek_from_slot(vault_path, NURSE[0], NURSE[2])
    acknowledged = kill_writer(vault_path, NURSE[0], dek,
                               _Exactly(RECORDS))  # type: ignore[arg-type]
    assert len(acknowledged) >= RECORDS
    assert scan(vault_path / "ward.db-wal").commits >= RECORDS
    return acknowledged


def _frame_offsets(wal: Path) -> tuple[int, list[tuple[int, int]]]:
    """Page size and (offset, commit field) of every whole frame of the current salts."""
    raw = wal.read_bytes()
    page = struct.unpack(">I", raw[8:12])[0]
    salts = raw[16:24]
    frames = []
    off = HEADER
    while off + FRAME_HEADER + page <= len(raw):
        if raw[off + 8:off + 16] == salts:
            frames.append((off, struct.unpack(">I", raw[off + 4:off + 8])[0]))
        off += FRAME_HEADER + page
    return page, frames


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x04
    path.write_bytes(bytes(data))


def _stored(vault_path: Path) -> set[str]:
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        return {r.uuid for r in v.revisions.iter_all() if r.kind == "crash-test"}


@pytest.mark.parametrize("where", ["first-frame-page", "middle-frame-page", "middle-header",
                                   "last-commit-page", "last-commit-salt",
                                   "last-commit-size", "wal-header-salt"])
def test_a_damaged_wal_is_refused_before_any_file_changes(vault_path: Path,
                                                          where: str) -> None:
    acknowledged = _killed_writer(vault_path)
    wal = vault_path / "ward.db-wal"
    page, frames = _frame_offsets(wal)
    commits = [off for off, commit in frames if commit]
    middle = frames[len(frames) // 2][0]
    offset = {
        "first-frame-page": frames[0][0] + FRAME_HEADER + 100,
        "middle-frame-page": middle + FRAME_HEADER + page // 2,
        "middle-header": middle + 2,  # the page number: covered by the checksum
        "last-commit-page": commits[-1] + FRAME_HEADER + 10,
        "last-commit-salt": commits[-1] + 9,
        "last-commit-size": commits[-1] + 7,
        "wal-header-salt": 17,
    }[where]
    _flip(wal, offset)
    before = digests(vault_path)
    if where.startswith("last-commit"):
        # the last commit may be one the killed writer never acknowledged (killed
        # between its commit and its mark): then dropping it loses nothing
        try:
            assert set(acknowledged) <= _stored(vault_path)
            return
        except DamagedData:
            assert digests(vault_path) == before
    for _ in range(2):  # and again: the first refusal changed nothing
        with pytest.raises(DamagedData) as err:
            Vault.unlock(vault_path, NURSE[0], NURSE[2])
        assert err.value.exit_code == 4
        assert digests(vault_path) == before


def test_a_torn_tail_after_the_last_commit_opens_normally(vault_path: Path) -> None:
    acknowledged = _killed_writer(vault_path)
    wal = vault_path / "ward.db-wal"
    raw = wal.read_bytes()
    page = struct.unpack(">I", raw[8:12])[0]
    # half a frame of a transaction that never committed (current salts, no commit size)
    torn = struct.pack(">II", 3, 0) + raw[16:24] + b"\0" * 8 + b"\x5a" * (page // 2)
    wal.write_bytes(raw + torn)
    assert set(acknowledged) <= _stored(vault_path)


def test_the_uncommitted_tail_of_a_killed_writer_opens_normally(vault_path: Path) -> None:
    acknowledged = _killed_writer(vault_path)
    assert set(acknowledged) <= _stored(vault_path)


def test_an_older_ward_db_put_back_is_refused(vault_path: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copyfile(vault_path / "ward.db", old)
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v, v.transaction():
        v.revisions.append("note", "P1", {"text": "écrit après la copie"})
    shutil.copyfile(old, vault_path / "ward.db")
    before = digests(vault_path)
    with pytest.raises(DamagedData, match="older than its commit mark"):
        Vault.unlock(vault_path, NURSE[0], NURSE[2])
    assert digests(vault_path) == before


def test_a_copy_taken_during_a_session_put_back_is_refused(vault_path: Path,
                                                           tmp_path: Path) -> None:
    v = Vault.unlock(vault_path, NURSE[0], NURSE[2])
    try:
        v.checkpoint()
        shutil.copyfile(vault_path / "ward.db", tmp_path / "mid.db")
        with v.transaction():
            v.revisions.append("note", "P1", {"text": "écrit après la copie"})
    finally:
        v.close()
    shutil.copyfile(tmp_path / "mid.db", vault_path / "ward.db")
    with pytest.raises(DamagedData):
        Vault.unlock(vault_path, NURSE[0], NURSE[2])


def test_a_missing_or_forged_mark_is_damage(vault_path: Path) -> None:
    mark = vault_path / MARK_FILE
    saved = mark.read_bytes()
    mark.unlink()
    with pytest.raises(DamagedData, match="missing"):
        Vault.unlock(vault_path, NURSE[0], NURSE[2])
    mark.write_bytes(bytes(b ^ 1 for b in saved))
    with pytest.raises(DamagedData, match="commit mark"):
        Vault.unlock(vault_path, NURSE[0], NURSE[2])
    # one torn slot: the other one still holds a count the database meets
    mark.write_bytes(saved[: len(saved) // 2] + b"\0" * (len(saved) // 2))
    Vault.unlock(vault_path, NURSE[0], NURSE[2]).close()


def test_every_commit_moves_the_mark(vault: Vault) -> None:
    from care_degraded.vault.commit_mark import db_counter, mark_key, read_mark

    start = read_mark(vault.path, mark_key(vault._key()), vault.vault_id)
    for _ in range(3):
        with vault.transaction():
            vault.audit.append("test", "x")
    assert read_mark(vault.path, mark_key(vault._key()), vault.vault_id) == (start or 0) + 3
    assert db_counter(vault.conn) == (start or 0) + 3
