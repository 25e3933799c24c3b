"""Census snapshots: where each came from, when it was made, its hash, what it changed.

The snapshot the ward works from is the most recently *generated* one, not the
last imported: an old file imported late never becomes the reference.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from care_degraded.domain.clock import iso, parse_iso
from care_degraded.domain.patient import CensusSnapshot
from care_degraded.vault.connection import Connection


class SnapshotRepository:
    """Census snapshots: source, generation time, content hash, what each changed."""

    _COLUMNS = ("id, source, source_kind, generated_at, generated_at_basis, imported_at,"
                " content_sha256, patients, imported, updated, unchanged, refused, ignored,"
                " left_count, imported_by")

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def add(self, snapshot: CensusSnapshot) -> CensusSnapshot:
        """Store a snapshot (its ``id`` is ignored) and return it with its id."""
        cur = self._conn.execute(
            "INSERT INTO census_snapshots (source, source_kind, generated_at,"
            " generated_at_basis, imported_at, imported_by, content_sha256, patients, imported,"
            " updated, unchanged, refused, ignored, left_count)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (snapshot.source, snapshot.source_kind, iso(snapshot.generated_at),
             snapshot.generated_at_basis, iso(snapshot.imported_at), snapshot.imported_by,
             snapshot.content_sha256, snapshot.patients, snapshot.imported, snapshot.updated,
             snapshot.unchanged, snapshot.refused, snapshot.ignored, snapshot.left))
        return dataclasses.replace(snapshot, id=int(cur.lastrowid or 0))

    def update_counts(self, snapshot: CensusSnapshot) -> None:
        self._conn.execute(
            "UPDATE census_snapshots SET imported = ?, updated = ?, unchanged = ?,"
            " left_count = ? WHERE id = ?",
            (snapshot.imported, snapshot.updated, snapshot.unchanged, snapshot.left, snapshot.id))

    def latest(self) -> CensusSnapshot | None:
        """The snapshot the ward works from: the most recently generated one."""
        row = self._conn.execute(f"SELECT {self._COLUMNS} FROM census_snapshots"
                                 " ORDER BY generated_at DESC, id DESC LIMIT 1").fetchone()
        return None if row is None else _snapshot(row)

    def by_hash(self, sha256: str) -> CensusSnapshot | None:
        row = self._conn.execute(f"SELECT {self._COLUMNS} FROM census_snapshots"
                                 " WHERE content_sha256 = ?", (sha256,)).fetchone()
        return None if row is None else _snapshot(row)

    def all(self) -> list[CensusSnapshot]:
        rows = self._conn.execute(f"SELECT {self._COLUMNS} FROM census_snapshots ORDER BY id")
        return [_snapshot(r) for r in rows]


def _snapshot(row: Sequence[Any]) -> CensusSnapshot:
    (sid, source, kind, generated_at, basis, imported_at, sha, patients, imported, updated,
     unchanged, refused, ignored, left, imported_by) = row
    return CensusSnapshot(
        id=int(sid), source=source, source_kind=kind, generated_at=parse_iso(generated_at),
        generated_at_basis=basis, imported_at=parse_iso(imported_at), content_sha256=sha,
        patients=int(patients), imported=int(imported), updated=int(updated),
        unchanged=int(unchanged), refused=int(refused), ignored=int(ignored), left=int(left),
        imported_by=imported_by)
