"""What a census file turns into before it reaches the vault."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from care_degraded.domain.patient import CensusEntry

#: how many problems a refused file lists (the count is always complete)
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Refusal:
    """A patient left out of the import, and why. ``where`` names a line or an
    entry, never the patient."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class ParsedCensus:
    """A census file read and checked, ready to be applied in one transaction."""

    source: str  # file name only
    source_kind: str  # fhir | csv
    content_sha256: str
    generated_at: dt.datetime
    generated_at_basis: str
    entries: list[CensusEntry] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)

    @property
    def ignored_count(self) -> int:
        return sum(self.ignored.values())
