"""A care record as every reader sees it: typed, immutable, read in one place.

A ``Record`` is the latest revision of a record chain (or any one revision, for a
history), with its form, patient, clinical time in the ward's zone, author, device
and status. Readers ask it for answers, vitals, NEWS2, the medication given or not
and handover sections; nobody above the vault reads the stored payload dict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from care_degraded.domain import news2 as news2_rules
from care_degraded.domain.clinical_time import localize, stored, try_parse_clinical
from care_degraded.domain.revision import Revision, RevisionStatus

#: The revision kind of a care record (checklist runs and patients have their own).
RECORD_KIND = "record"
FORM_BASE = "https://care-degraded.example/fhir/Questionnaire/"
VITALS_FORM_URL = FORM_BASE + "vital-signs"
MEDICATION_FORM_URL = FORM_BASE + "medication-administration"
SBAR_FORM_URL = FORM_BASE + "sbar-handover"
TARGETED_NOTES_FORM_URL = FORM_BASE + "targeted-notes"
#: forms whose records are a handover (SBAR, transmissions ciblées, local variants)
HANDOVER_FORM_HINTS = ("handover", "transmission", "sbar", "targeted-notes")
NEWS2_PARAMETERS = ("news2-rr", "news2-spo2", "news2-o2", "news2-sbp", "news2-hr",
                    "news2-avpu", "news2-temp")
VITALS_VALUES = ("temp", "hr", "sbp", "dbp", "rr", "spo2", "spo2-scale2", "o2", "o2-flow",
                 "o2-device", "avpu", "pain", "weight")
SBAR_SECTIONS = ("situation", "background", "assessment", "recommendation")


class RecordKind(StrEnum):
    """What a care record is about, from its form."""

    VITALS = "vitals"
    MEDICATION = "medication"
    HANDOVER = "handover"
    CARE = "care"  # any other care form (pain, glucose, notes...)


def kind_of(form_url: str) -> RecordKind:
    url = form_url.lower()
    if url == VITALS_FORM_URL or url.endswith("/vital-signs") or url == "vital-signs":
        return RecordKind.VITALS
    if url == MEDICATION_FORM_URL or url.endswith("medication-administration"):
        return RecordKind.MEDICATION
    if any(h in url for h in HANDOVER_FORM_HINTS):
        return RecordKind.HANDOVER
    return RecordKind.CARE


@dataclass(frozen=True)
class News2:
    """A NEWS2 as recorded: the total (None when not computed) and its parameters."""

    total: int | None
    parameters: Mapping[str, int]  # "news2-rr" -> 0..3, only those scored
    missing: tuple[str, ...]  # parameters not scored

    @property
    def single_3(self) -> bool:
        """One parameter scored 3: escalate even with a low total."""
        return any(v >= 3 for v in self.parameters.values())

    @property
    def partial(self) -> bool:
        return self.total is None or bool(self.missing)

    @property
    def level(self) -> str:
        """Escalation level from what is known (see domain.news2.level)."""
        return news2_rules.level(self.total, self.single_3)

    def summary(self, lang: str = "fr") -> str:
        """"15" or "≥ 15, incomplet : T° manquante"."""
        return news2_rules.summary(self.total, self.missing, lang)


@dataclass(frozen=True)
class Medication:
    """A medication administration record."""

    drug: str | None
    dose: object
    unit: str | None
    route: str | None
    status: str | None  # given | not-given | delayed
    planned: dt.datetime | None
    given_at: dt.datetime | None
    not_given_reason: str | None
    reason_detail: str | None

    @property
    def given(self) -> bool:
        return self.status == "given"

    @property
    def closes_dose(self) -> bool:
        """Given or not given closes the scheduled dose; a delayed dose stays due."""
        return bool(self.drug) and self.status != "delayed"


@dataclass(frozen=True)
class Record:
    """One revision of a care record, typed. Build with :meth:`from_revision`."""

    record_id: str
    uuid: str
    revision_kind: str
    patient_ref: str | None
    form_url: str
    form_version: str | None
    form_title: str
    effective_at: dt.datetime  # aware, in the ward's zone
    recorded_at: dt.datetime  # aware, in the ward's zone
    author: str
    device: str
    stored_status: RevisionStatus
    supersedes: str | None
    reason: str | None  # why it was marked entered-in-error
    seq: int
    chain: tuple[str, ...] = ()  # uuids of the record's revisions, oldest first, when read
    # Kept private and handed out as copies: nobody can change a record once read.
    _answers: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _extra: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # -- construction -----------------------------------------------------------------
    @classmethod
    def from_revision(cls, rev: Revision, zone: dt.tzinfo,
                      chain: tuple[str, ...] = ()) -> Record:
        payload = rev.payload
        answers = payload.get("answers") or {}
        raw_when = payload.get("effective_at")
        effective = try_parse_clinical(raw_when, zone) if raw_when else None
        extra = {k: v for k, v in payload.items()
                 if k not in ("form_url", "form_version", "form_title", "effective_at",
                              "answers", "reason")}
        return cls(
            record_id=rev.record_id, uuid=rev.uuid, revision_kind=rev.kind,
            patient_ref=rev.patient_ref, form_url=str(payload.get("form_url") or ""),
            form_version=_text(payload.get("form_version")),
            form_title=str(payload.get("form_title") or payload.get("form_url") or ""),
            effective_at=(effective or localize(rev.created_at, zone)).astimezone(zone),
            recorded_at=rev.created_at.astimezone(zone), author=rev.author, device=rev.device,
            stored_status=rev.status, supersedes=rev.supersedes,
            reason=_text(payload.get("reason")), seq=rev.seq, chain=chain,
            # the revision was just read: its answers are taken, not copied (every
            # accessor hands out copies, so the record cannot be changed through them)
            _answers=answers, _extra=extra)

    # -- status ------------------------------------------------------------------------------
    @property
    def status(self) -> RevisionStatus:
        """What to show: final, entered-in-error, or amended (a final that supersedes one)."""
        if self.stored_status is RevisionStatus.FINAL and self.supersedes is not None:
            return RevisionStatus.AMENDED
        return self.stored_status

    @property
    def voided(self) -> bool:
        return self.stored_status is RevisionStatus.ENTERED_IN_ERROR

    @property
    def revisions(self) -> int:
        """How many revisions the record has (1 when the chain was not read)."""
        return max(1, len(self.chain))

    @property
    def kind(self) -> RecordKind:
        return kind_of(self.form_url)

    # -- answers ----------------------------------------------------------------------------
    @property
    def answers(self) -> dict[str, Any]:
        """The answers by linkId as stored (nested groups kept); a fresh copy each call."""
        copied: dict[str, Any] = plain_copy(self._answers)
        return copied

    @cached_property
    def _flat(self) -> dict[str, Any]:
        return flatten(self._answers)

    def answer(self, link_id: str) -> Any:
        """The answer to ``link_id`` wherever it sits in the groups (None if unanswered)."""
        value = self._flat.get(link_id)
        return plain_copy(value)

    def text(self, link_id: str) -> str | None:
        value = self.answer(link_id)
        return None if value in (None, "") else str(value)

    def time(self, link_id: str, zone: dt.tzinfo | None = None) -> dt.datetime | None:
        """A date-time answer, naive ones read in the ward's zone (the record's own)."""
        found = try_parse_clinical(self.answer(link_id), zone or self.effective_at.tzinfo
                                   or dt.UTC)
        return found.astimezone(self.effective_at.tzinfo) if found else None

    def extra(self, key: str) -> Any:
        """A non-answer field of the payload (checklist state and the like)."""
        return plain_copy(self._extra.get(key))

    # -- typed readings -------------------------------------------------------------------------
    def vitals(self) -> dict[str, Any]:
        """The vital signs recorded (only those answered), by linkId."""
        return {k: self.answer(k) for k in VITALS_VALUES if self.answer(k) not in (None, "")}

    def news2(self) -> News2:
        parts = {}
        for key in NEWS2_PARAMETERS:
            value = self._flat.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                parts[key] = value
        total = self._flat.get("news2-total")
        number = int(total) if isinstance(total, int | float) and not isinstance(total, bool) \
            else None
        if number is None and parts:
            # Recorded with a form that gave no total for a partial set: the sum of what
            # is known, as the form computes it now (an alarm never disappears).
            number = sum(parts.values())
        return News2(number, parts, news2_rules.missing_from(parts))

    def medication(self) -> Medication:
        return Medication(
            drug=self.text("drug"), dose=self.answer("dose"), unit=self.text("unit"),
            route=self.text("route"), status=self.text("status"),
            planned=self.time("planned"), given_at=self.time("given-at"),
            not_given_reason=self.text("not-given-reason"),
            reason_detail=self.text("reason-detail"))

    @property
    def handover_kind(self) -> str | None:
        """"sbar" or "dar" (transmissions ciblées) for a handover, else None."""
        if self.kind is not RecordKind.HANDOVER:
            return None
        return "sbar" if "sbar" in self.form_url.lower() else "dar"

    def handover_sections(self) -> tuple[tuple[str, str], ...]:
        """(part, text) of a handover: the SBAR parts, or each target's focus and notes."""
        if self.handover_kind == "sbar":
            return tuple((k, str(self._flat[k])) for k in SBAR_SECTIONS
                         if self._flat.get(k) not in (None, ""))
        out: list[tuple[str, str]] = []
        targets = self._answers.get("target") or []
        for target in targets if isinstance(targets, list) else []:
            if not isinstance(target, dict):
                continue
            for key in ("focus", "data", "actions", "results"):
                if target.get(key) not in (None, ""):
                    out.append((key, str(target[key])))
        return tuple(out)

    def handover_summary(self) -> str:
        """One line: the SBAR situation, or the focus of each target."""
        sections = self.handover_sections()
        if self.handover_kind == "sbar":
            return next((text for part, text in sections if part == "situation"), "")
        return " · ".join(text for part, text in sections if part == "focus")


# -- what is stored ------------------------------------------------------------------------
def record_payload(form_url: str, form_version: str | None, form_title: str,
                   effective_at: dt.datetime, answers: Mapping[str, Any],
                   zone: dt.tzinfo) -> dict[str, Any]:
    """The stored body of a care record revision (the clinical time with its offset)."""
    return {"form_url": form_url, "form_version": form_version, "form_title": form_title,
            "effective_at": stored(effective_at, zone), "answers": dict(answers)}


def voided_payload(rev: Revision, reason: str) -> dict[str, Any]:
    """The body of the entered-in-error revision of ``rev``: the same, with its reason."""
    payload = dict(rev.payload)
    payload["reason"] = reason
    return payload


def flatten(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers of nested groups (as plain dicts or lists of dicts) brought to one level."""
    flat: dict[str, Any] = {}
    for key, value in answers.items():
        if isinstance(value, Mapping):
            flat.update(flatten(value))
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            for item in value:
                flat.update(flatten(item))
        else:
            flat[str(key)] = value
    return flat


def plain_copy(value: Any) -> Any:
    """A deep copy of JSON-shaped data (dicts, lists, scalars), faster than deepcopy."""
    if isinstance(value, Mapping):
        return {k: plain_copy(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_copy(v) for v in value]
    return value


def _text(value: object) -> str | None:
    return None if value in (None, "") else str(value)
