"""Apply a parsed census to the vault: one transaction, idempotent, nothing deleted.

* the same file twice: its content hash is known, nothing is written;
* a snapshot older than the ward's current one is refused (it would roll back);
* each listed patient is imported, updated or left unchanged (per-patient digest);
* census patients the snapshot no longer lists are flagged ``left``;
* ward-admitted (provisional) patients are never touched by a census.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from care_degraded.census.model import ParsedCensus, Refusal
from care_degraded.domain.errors import Refused
from care_degraded.domain.patient import CensusEntry, CensusSnapshot
from care_degraded.vault.census_snapshots import SnapshotRepository
from care_degraded.vault.connection import Connection
from care_degraded.vault.patients import (
    CensusRow,
    PatientRepository,
    census_row,
)

_BATCH = 500  # new patients per INSERT batch


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, for the screen, the command line (--json) and tests."""

    source: str
    content_sha256: str
    generated_at: dt.datetime
    generated_at_basis: str
    already_imported: bool
    imported: int
    updated: int
    unchanged: int
    left: int
    refused: int
    ignored: int
    refused_details: list[Refusal] = field(default_factory=list)
    ignored_details: dict[str, int] = field(default_factory=dict)
    snapshot_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source, "content_sha256": self.content_sha256,
            "generated_at": self.generated_at.isoformat(),
            "generated_at_basis": self.generated_at_basis,
            "already_imported": self.already_imported, "snapshot_id": self.snapshot_id,
            "imported": self.imported, "updated": self.updated, "unchanged": self.unchanged,
            "left": self.left, "refused": self.refused, "ignored": self.ignored,
            "refused_details": [{"where": r.where, "reason": r.reason}
                                for r in self.refused_details],
            "ignored_details": dict(sorted(self.ignored_details.items())),
        }


def apply_census(conn: Connection, parsed: ParsedCensus, *, imported_by: str,
                 now: dt.datetime, audit: Callable[[str, str], object] | None = None,
                 ) -> ImportSummary:
    """Write ``parsed`` into the vault. Call inside one transaction."""
    snapshots = SnapshotRepository(conn)
    patients = PatientRepository(conn)
    known = snapshots.by_hash(parsed.content_sha256)
    if known is not None:
        return already_imported(known, parsed)
    latest = snapshots.latest()
    if latest is not None and parsed.generated_at < latest.generated_at:
        raise Refused("this census is older than the one the ward already has "
                      f"({latest.generated_at.isoformat(timespec='minutes')}); nothing was imported")
    index = patients.census_index()
    present = sum(1 for _, _, presence in index.values() if presence == "present")
    if not parsed.entries and present:
        # An empty export is far likelier a failed one than an emptied ward.
        raise Refused(f"this census lists no patient while {present} are on the ward; "
                      "nothing was imported")
    snapshot = snapshots.add(CensusSnapshot(
        id=0, source=parsed.source, source_kind=parsed.source_kind,
        generated_at=parsed.generated_at, generated_at_basis=parsed.generated_at_basis,
        imported_at=now, content_sha256=parsed.content_sha256, patients=len(parsed.entries),
        refused=len(parsed.refused), ignored=parsed.ignored_count, imported_by=imported_by))
    seen: set[str] = set()
    imported = updated = 0
    unchanged: list[str] = []
    new: list[tuple[CensusEntry, CensusRow]] = []
    for entry in parsed.entries:
        ident = entry.identity
        key = f"ipp:{ident.ipp}" if ident.ipp else f"ins:{ident.ins}"
        prepared = census_row(entry)
        current = index.get(key)
        if current is None:
            new.append((entry, prepared))
            if len(new) >= _BATCH:  # flush as we go: fast, and memory stays bounded
                seen.update(patients.insert_census_many(new, snapshot.id, now))
                imported += len(new)
                new.clear()
            continue
        pid, old_digest, presence = current
        if old_digest == prepared.digest and presence == "present":
            unchanged.append(pid)
        else:
            patients.update_census(pid, entry, snapshot.id, now, prepared)
            updated += 1
        seen.add(pid)
    if new:
        seen.update(patients.insert_census_many(new, snapshot.id, now))
        imported += len(new)
    patients.touch_census(unchanged, snapshot.id)
    gone = [pid for pid, _, presence in index.values() if pid not in seen and presence == "present"]
    patients.mark_left(gone, now)
    snapshot = CensusSnapshot(**{**snapshot.__dict__, "imported": imported, "updated": updated,
                                 "unchanged": len(unchanged), "left": len(gone)})
    snapshots.update_counts(snapshot)
    if audit is not None:
        audit("census.import", f"snapshot:{snapshot.id}:{parsed.content_sha256[:16]}")
    return ImportSummary(
        source=parsed.source, content_sha256=parsed.content_sha256,
        generated_at=parsed.generated_at, generated_at_basis=parsed.generated_at_basis,
        already_imported=False, imported=imported, updated=updated, unchanged=len(unchanged),
        left=len(gone), refused=len(parsed.refused), ignored=parsed.ignored_count,
        refused_details=list(parsed.refused), ignored_details=dict(parsed.ignored),
        snapshot_id=snapshot.id)


def already_imported(known: CensusSnapshot, parsed: ParsedCensus | None = None) -> ImportSummary:
    """The summary of a file imported before: everything unchanged, nothing written.

    Without ``parsed`` (the file was recognised by its hash alone, unread) the
    refusal details are not repeated; the counts come from the first import.
    """
    return ImportSummary(
        source=parsed.source if parsed else known.source, content_sha256=known.content_sha256,
        generated_at=known.generated_at, generated_at_basis=known.generated_at_basis,
        already_imported=True, imported=0, updated=0, unchanged=known.patients, left=0,
        refused=known.refused, ignored=known.ignored,
        refused_details=list(parsed.refused) if parsed else [],
        ignored_details=dict(parsed.ignored) if parsed else {}, snapshot_id=known.id)
