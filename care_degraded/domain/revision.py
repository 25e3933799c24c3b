"""Append-only revisions: everything a person enters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class RevisionStatus(StrEnum):
    FINAL = "final"
    AMENDED = "amended"
    ENTERED_IN_ERROR = "entered-in-error"


@dataclass(frozen=True)
class Revision:
    """One immutable revision of a record.

    ``record_id`` is the uuid of the record's first revision; ``supersedes`` is the
    uuid of the revision this one replaces (None for the first).
    """

    uuid: str
    record_id: str
    kind: str
    patient_ref: str | None
    author: str
    device: str
    created_at: datetime
    supersedes: str | None
    status: RevisionStatus
    payload: dict[str, Any] = field(default_factory=dict)
    seq: int = 0

    @property
    def display_status(self) -> RevisionStatus:
        """What to show a person: a final revision that supersedes another is "amended".

        Stored statuses are final or entered-in-error; older vaults may also hold
        ``amended``, which reads the same.
        """
        if self.status is RevisionStatus.FINAL and self.supersedes is not None:
            return RevisionStatus.AMENDED
        return self.status
