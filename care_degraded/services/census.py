"""Census use cases: import a snapshot, tell its freshness, generate synthetic ones.

Screens and printouts call :func:`freshness` to say how old the ward's census is
("recensement de 14:05, il y a 2 h 10"); the command line and the interface
call :func:`import_census`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from care_degraded.census import generator
from care_degraded.census.fhir_census import read_fhir_stream
from care_degraded.census.importer import ImportSummary, already_imported, apply_census
from care_degraded.census.model import ParsedCensus
from care_degraded.census.reader import read_census
from care_degraded.domain.errors import InvalidInput
from care_degraded.domain.patient import CensusSnapshot, Freshness
from care_degraded.vault import Vault
from care_degraded.vault.census_snapshots import SnapshotRepository
from care_degraded.vault.patients import PatientRepository

__all__ = ["CensusStatus", "ImportSummary", "census_status", "freshness", "generate_census",
           "import_census", "import_parsed", "latest_snapshot", "populate_demo"]


def import_census(vault: Vault, path: str | Path) -> ImportSummary:
    """Read ``path`` (FHIR Bundle or CSV) and apply it in one transaction.

    A malformed file raises InvalidInput (nothing imported); a census older than
    the ward's current one raises Refused; the same file twice changes nothing.
    """
    digest = file_sha256(path)
    known = SnapshotRepository(vault.conn).by_hash(digest)
    if known is not None:  # the very same bytes: no need to read them again
        return already_imported(known)
    parsed = read_census(path)
    return import_parsed(vault, parsed)


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes (the snapshot's content hash)."""
    digest = hashlib.sha256()
    try:
        with Path(path).open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise InvalidInput(f"cannot read the census file: {exc.strerror}") from None
    return digest.hexdigest()


def import_parsed(vault: Vault, parsed: ParsedCensus) -> ImportSummary:
    """Apply an already parsed census (one transaction, audited)."""
    with vault.transaction() as conn:
        return apply_census(conn, parsed, imported_by=vault.user.login, now=vault.clock(),
                            audit=vault.audit.append)


def latest_snapshot(vault: Vault) -> CensusSnapshot | None:
    """The snapshot the ward works from (the most recently generated one)."""
    return SnapshotRepository(vault.conn).latest()


def freshness(vault: Vault, now: dt.datetime | None = None) -> Freshness:
    """How old the ward's census is; ``.label()`` gives the sentence to print."""
    return Freshness(latest_snapshot(vault), now or vault.clock())


@dataclass(frozen=True)
class CensusStatus:
    """What ``census status`` reports: the current snapshot, its age, the counts."""

    freshness: Freshness
    present: int
    left: int
    admitted_on_ward: int  # provisional identities given on this ward, still present
    snapshots: int

    def to_json(self) -> dict[str, Any]:
        snap = self.freshness.snapshot
        age = self.freshness.age
        return {
            "source": snap.source if snap else None,
            "source_kind": snap.source_kind if snap else None,
            "generated_at": snap.generated_at.isoformat() if snap else None,
            "generated_at_basis": snap.generated_at_basis if snap else None,
            "imported_at": snap.imported_at.isoformat() if snap else None,
            "imported_by": snap.imported_by if snap else None,
            "content_sha256": snap.content_sha256 if snap else None,
            "age_seconds": int(age.total_seconds()) if age is not None else None,
            "label": self.freshness.label("fr"),
            "patients": {"present": self.present, "left": self.left,
                         "admitted_on_ward": self.admitted_on_ward},
            "snapshots": self.snapshots,
        }


def census_status(vault: Vault, now: dt.datetime | None = None) -> CensusStatus:
    counts = PatientRepository(vault.conn).counts()
    snapshots = len(SnapshotRepository(vault.conn).all())
    return CensusStatus(freshness(vault, now), counts["present"], counts["left"],
                        counts["admitted_on_ward"], snapshots)


def generate_census(path: str | Path, patients: int, seed: int,
                    generated_at: dt.datetime | None = None, beds: int | None = None) -> Path:
    """Write a synthetic census (FHIR collection Bundle); same seed, same file."""
    return generator.write(path, patients, seed, beds=beds, generated_at=generated_at)


def populate_demo(vault: Vault, patients: int = 28, beds: int = 30, seed: int = 1,
                  unit: str | None = None) -> ImportSummary:
    """Fill a demo ward: ``patients`` synthetic patients on ``beds`` beds.

    The census is built in memory (never in a temporary file) and dated an hour
    and a half ago, as a morning export would be.
    """
    now = vault.clock()
    made_at = (now - dt.timedelta(minutes=95)).replace(second=0, microsecond=0)
    bundle = generator.generate(patients, seed, beds=beds, generated_at=made_at,
                                unit=unit or vault.ward)
    raw = json.dumps(bundle, ensure_ascii=False).encode("utf-8")
    parsed = read_fhir_stream(io.BytesIO(raw), f"demo-census-{seed}.json")
    return import_parsed(vault, parsed)
