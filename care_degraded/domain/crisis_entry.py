"""A crisis log (main courante) entry as stored: typed, immutable, read in one place.

An entry is a record (revision kind ``crisis-entry``) with an optional patient.
Amending writes a new revision carrying the whole entry; marking it entered-in-error
writes a revision with its reason. The time of the entry is set when it is first
written and kept by every later revision, so the log stays in the order it was kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from care_degraded.domain.clock import iso, parse_iso
from care_degraded.domain.revision import Revision, RevisionStatus

CRISIS_KIND = "crisis-entry"


class CrisisCategory(StrEnum):
    DECISION = "decision"
    INFORMATION = "information"
    ACTION = "action"
    INCIDENT = "incident"
    PATIENT = "patient"  # an event about one patient


@dataclass(frozen=True)
class CrisisEntry:
    """The latest revision of one entry, with who first wrote it."""

    entry_id: str
    uuid: str
    at: dt.datetime
    author: str  # who wrote the entry first
    category: CrisisCategory
    text: str
    patient_ref: str | None
    status: RevisionStatus
    revised_by: str  # who wrote the latest revision
    revised_at: dt.datetime
    reason: str | None  # why it was marked entered-in-error
    revisions: int

    @property
    def voided(self) -> bool:
        return self.status is RevisionStatus.ENTERED_IN_ERROR

    @classmethod
    def from_history(cls, history: Sequence[Revision]) -> CrisisEntry:
        """The entry from its revisions, oldest first."""
        first, latest = history[0], history[-1]
        payload = latest.payload
        reason = payload.get("reason")
        return cls(entry_id=first.record_id, uuid=latest.uuid,
                   at=parse_iso(str(payload["at"])), author=first.author,
                   category=CrisisCategory(str(payload["category"])),
                   text=str(payload["text"]), patient_ref=latest.patient_ref,
                   status=latest.display_status, revised_by=latest.author,
                   revised_at=latest.created_at,
                   reason=str(reason) if reason is not None else None,
                   revisions=len(history))

    def to_json(self) -> dict[str, Any]:
        return {"entry_id": self.entry_id, "uuid": self.uuid, "at": iso(self.at),
                "author": self.author, "category": self.category.value, "text": self.text,
                "patient": self.patient_ref, "status": self.status.value,
                "revised_by": self.revised_by, "revised_at": iso(self.revised_at),
                "reason": self.reason, "revisions": self.revisions}


def entry_payload(category: CrisisCategory, text: str, at: dt.datetime) -> dict[str, Any]:
    """The body of an entry's revision."""
    return {"category": category.value, "text": text, "at": iso(at)}


def voided_entry_payload(rev: Revision, reason: str) -> dict[str, Any]:
    """The body of the entered-in-error revision of ``rev``: the same, with its reason."""
    payload = dict(rev.payload)
    payload["reason"] = reason
    return payload
