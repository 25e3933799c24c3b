"""The crisis log (main courante): who decided, learned, did or saw what, and when.

Each entry is a record of kind ``crisis-entry`` (optional patient) made of
append-only revisions: amending writes a new revision carrying the whole entry,
voiding writes one marked entered-in-error with its reason. The sync sends them
like every other revision. Every reader of the log asks this module.
"""

from __future__ import annotations

from care_degraded.domain.crisis_entry import (
    CRISIS_KIND,
    CrisisCategory,
    CrisisEntry,
    entry_payload,
    voided_entry_payload,
)
from care_degraded.domain.errors import InvalidInput, NotFound, Refused
from care_degraded.domain.revision import Revision, RevisionStatus
from care_degraded.services.records import resolve_patient
from care_degraded.vault import Vault

__all__ = ["CATEGORIES", "CrisisCategory", "CrisisEntry", "add_entry", "amend_entry",
           "entries", "entry_history", "get_entry", "void_entry"]

CATEGORIES = tuple(c.value for c in CrisisCategory)


def category(value: str | CrisisCategory) -> CrisisCategory:
    """The category named ``value``; InvalidInput listing the accepted ones otherwise."""
    try:
        return CrisisCategory(value)
    except ValueError:
        raise InvalidInput(f"unknown crisis log category (accepted: {', '.join(CATEGORIES)})",
                           reason="crisis_category",
                           params={"accepted": ", ".join(CATEGORIES)}) from None


def _text(text: str) -> str:
    # Stored exactly as typed; only an entry with nothing in it is refused.
    if not text.strip():
        raise InvalidInput("a crisis log entry needs a text", reason="crisis_text_empty")
    return text


def add_entry(vault: Vault, kind: str | CrisisCategory, text: str,
              patient: str | None = None) -> CrisisEntry:
    """Write a new entry by the unlocked user, timed by the vault's clock."""
    cat = category(kind)
    body = _text(text)
    patient_id = resolve_patient(vault, patient) if patient else None
    with vault.transaction():
        rev = vault.revisions.append(CRISIS_KIND, patient_id,
                                     entry_payload(cat, body, vault.clock()))
    return CrisisEntry.from_history([rev])


def amend_entry(vault: Vault, entry: str, text: str,
                kind: str | CrisisCategory | None = None) -> CrisisEntry:
    """A new revision of the entry holding revision ``entry``; its time is kept."""
    latest = get_entry(vault, entry)
    if latest.voided:
        raise Refused("this crisis log entry was marked entered-in-error; write a new one")
    cat = category(kind) if kind is not None else latest.category
    with vault.transaction():
        vault.revisions.append(CRISIS_KIND, latest.patient_ref,
                               entry_payload(cat, _text(text), latest.at),
                               supersedes=latest.uuid, status=RevisionStatus.FINAL)
    return get_entry(vault, latest.entry_id)


def void_entry(vault: Vault, entry: str, reason: str) -> CrisisEntry:
    """Mark the entry entered-in-error; its text stays readable in its history."""
    if not reason.strip():
        raise InvalidInput("a reason is required to mark an entry entered-in-error",
                           reason="crisis_reason_empty")
    latest = get_entry(vault, entry)
    if latest.voided:
        raise Refused("this crisis log entry is already marked entered-in-error")
    payload = voided_entry_payload(vault.revisions.get(latest.uuid), reason.strip())
    with vault.transaction():
        vault.revisions.append(CRISIS_KIND, latest.patient_ref, payload,
                               supersedes=latest.uuid,
                               status=RevisionStatus.ENTERED_IN_ERROR)
    return get_entry(vault, latest.entry_id)


# -- the query layer ------------------------------------------------------------------------
def entry_history(vault: Vault, entry: str) -> list[Revision]:
    """Every revision of the entry holding revision ``entry``, oldest first."""
    rev = vault.revisions.get(entry) if entry else None
    if rev is None or rev.kind != CRISIS_KIND:
        raise NotFound("no such crisis log entry")
    return vault.revisions.history(rev.record_id)


def get_entry(vault: Vault, entry: str) -> CrisisEntry:
    """The latest state of the entry holding revision ``entry`` (any of its uuids)."""
    return CrisisEntry.from_history(entry_history(vault, entry))


def entries(vault: Vault, include_voided: bool = True) -> list[CrisisEntry]:
    """The crisis log in the order it was kept (oldest first)."""
    out = [get_entry(vault, r.record_id) for r in vault.revisions.by_kind(CRISIS_KIND)]
    if not include_voided:
        out = [e for e in out if not e.voided]
    return sorted(out, key=lambda e: (e.at, e.entry_id))
