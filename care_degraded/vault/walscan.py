"""Read the write-ahead log before SQLite does, to tell a crash from damage.

When SQLite opens a database whose WAL holds a frame with a bad checksum, it keeps
the frames before it and silently drops that frame and every one after it, then the
next checkpoint makes the loss permanent. After a crash (SIGKILL, power cut) the
only frames past the last good commit are those of a transaction that never
committed: none of them is a *commit* frame of the current WAL generation. So a
commit frame with the current salts found at or after the first frame that fails
its checksum means committed work would be dropped: that is damage, and it is
reported before any file is opened by SQLite.

Format (https://www.sqlite.org/fileformat2.html#walformat): a 32-byte header
(magic, version, page size, checkpoint sequence, salt-1, salt-2, checksum), then
frames of a 24-byte header (page number, database size for a commit frame or 0,
salt-1, salt-2, cumulative checksum) and one page. SQLCipher encrypts the pages;
the frame headers and checksums are SQLite's own.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from care_degraded.domain.errors import DamagedData

HEADER = 32
FRAME_HEADER = 24
_MAGICS = {0x377F0682: "<", 0x377F0683: ">"}  # checksum words little / big endian
_MASK = 0xFFFFFFFF


@dataclass(frozen=True)
class WalScan:
    """What a WAL holds: frames SQLite will keep, commit frames it would drop."""

    frames: int  # whole frames in the file
    valid_frames: int  # frames of the current generation whose checksums hold
    commits: int  # commit frames SQLite will replay
    dropped_commits: int  # commit frames of the current generation it would drop
    header_ok: bool

    @property
    def damaged(self) -> bool:
        return self.dropped_commits > 0 or (not self.header_ok and self.frames > 0)


def checksum(data: bytes, order: str, s0: int = 0, s1: int = 0) -> tuple[int, int]:
    """SQLite's WAL checksum over ``data`` (a multiple of 8 bytes), continued from s0, s1."""
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & _MASK
        s1 = (s1 + words[i + 1] + s0) & _MASK
    return s0, s1


def scan(wal: Path) -> WalScan:
    """Walk every frame of ``wal`` (a missing or empty file is an empty scan)."""
    try:
        raw = Path(wal).read_bytes()
    except FileNotFoundError:
        return WalScan(0, 0, 0, 0, True)
    if len(raw) < HEADER:
        # SQLite ignores a WAL shorter than its header; nothing was committed in it.
        return WalScan(0, 0, 0, 0, True)
    magic, _version, page_size, _ckpt, salt1, salt2, c0, c1 = struct.unpack(">8I", raw[:HEADER])
    order = _MAGICS.get(magic)
    sizeable = page_size >= 512 and page_size & (page_size - 1) == 0 and page_size <= 65536
    frame_size = FRAME_HEADER + (page_size if sizeable else 4096)
    frames = (len(raw) - HEADER) // frame_size
    if order is None or not sizeable or checksum(raw[:24], order) != (c0, c1):
        commits_in_file = sum(
            1 for i in range(frames)
            if struct.unpack_from(">I", raw, HEADER + i * frame_size + 4)[0] != 0)
        # a header SQLite refuses hides every frame behind it
        return WalScan(frames, 0, 0, commits_in_file, frames == 0)
    s0, s1 = c0, c1
    valid = commits = 0
    dropped = 0
    broken = False
    for i in range(frames):
        off = HEADER + i * frame_size
        pgno, commit, f_salt1, f_salt2, f0, f1 = struct.unpack_from(">6I", raw, off)
        current = (f_salt1, f_salt2) == (salt1, salt2)
        if not broken:
            if current and pgno != 0:
                n0, n1 = checksum(raw[off:off + 8], order, s0, s1)
                n0, n1 = checksum(raw[off + FRAME_HEADER:off + frame_size], order, n0, n1)
                if (n0, n1) == (f0, f1):
                    s0, s1 = n0, n1
                    valid += 1
                    if commit:
                        commits += 1
                    continue
            broken = True
        if current and commit:
            dropped += 1
    return WalScan(frames, valid, commits, dropped, True)


def refuse_if_damaged(wal: Path) -> WalScan:
    """Raise DamagedData when opening would silently drop committed transactions."""
    result = scan(wal)
    if result.damaged:
        raise DamagedData("the vault's write-ahead log is damaged: committed records would "
                          "be lost (nothing was changed; restore from a backup or call IT)")
    return result
