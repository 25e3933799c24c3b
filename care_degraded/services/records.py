"""Care records: a QuestionnaireResponse about a patient, as append-only revisions.

A record's revisions share its record id. Amending writes a new revision that
supersedes the latest one; voiding writes a revision marked entered-in-error with
its reason. History stays readable, and each record keeps the form version it was
made with (the definition is stored in the vault too).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from care_degraded.domain.clinical_time import EFFECTIVE_LINK_IDS, effective_time, with_offsets
from care_degraded.domain.clock import iso, utcnow
from care_degraded.domain.errors import InvalidInput, NotFound, Refused
from care_degraded.domain.record import (
    RECORD_KIND,
    Record,
    RecordKind,
    record_payload,
    voided_payload,
)
from care_degraded.domain.revision import Revision, RevisionStatus
from care_degraded.questionnaire import FormLibrary, FormSpec, as_plain, to_response, validate
from care_degraded.questionnaire.answers import is_response
from care_degraded.services import patients
from care_degraded.services.forms import keep_definition, spec_for
from care_degraded.vault import Vault
from care_degraded.vault.records import pending_sync as _pending_sync

__all__ = ["EFFECTIVE_LINK_IDS", "RECORD_KIND", "Record", "RecordKind", "RecordSummary"]


@dataclass(frozen=True)
class RecordSummary:
    """One record as the chart timeline shows it (its latest revision)."""

    record_id: str
    uuid: str
    patient_id: str | None
    form_url: str
    form_version: str | None
    form_title: str
    author: str
    recorded_at: datetime
    effective_at: datetime
    status: RevisionStatus
    revisions: int
    answers: dict[str, Any]


def record_care(vault: Vault, library: FormLibrary, patient_id: str, form: str,
                answers: Mapping[str, Any], effective_at: datetime | None = None) -> Revision:
    """Validate and store a new record; InvalidInput lists the problems by linkId."""
    patient_id = resolve_patient(vault, patient_id)
    spec = library.get(form)
    if spec.is_checklist:
        raise InvalidInput("a checklist is run with 'checklist start', not recorded as care")
    payload = _payload(vault, spec, answers, effective_at)
    with vault.transaction():
        keep_definition(vault, spec)
        return vault.revisions.append(RECORD_KIND, patient_id, payload)


def amend(vault: Vault, library: FormLibrary, record_uuid: str, answers: Mapping[str, Any],
          effective_at: datetime | None = None) -> Revision:
    """A new revision of the record, validated against the record's own form version."""
    latest = get_record(vault, record_uuid)
    if latest.voided:
        raise Refused("this record was marked entered-in-error; write a new record instead")
    spec = spec_for(vault, library, latest.form_url, latest.form_version)
    payload = _payload(vault, spec, answers, effective_at, fallback=latest.effective_at)
    with vault.transaction():
        return vault.revisions.append(RECORD_KIND, latest.patient_ref, payload,
                                      supersedes=latest.uuid, status=RevisionStatus.FINAL)


def void(vault: Vault, record_uuid: str, reason: str) -> Revision:
    """Mark a record entered-in-error; the answers stay readable in its history."""
    if not reason.strip():
        raise InvalidInput("a reason is required to mark a record entered-in-error")
    latest = get_record(vault, record_uuid)
    if latest.voided:
        raise Refused("this record is already marked entered-in-error")
    payload = voided_payload(vault.revisions.get(latest.uuid), reason.strip())
    with vault.transaction():
        return vault.revisions.append(RECORD_KIND, latest.patient_ref, payload,
                                      supersedes=latest.uuid,
                                      status=RevisionStatus.ENTERED_IN_ERROR)


# -- the query layer (every reader of care records asks these) ------------------------------
def get_record(vault: Vault, record_uuid: str) -> Record:
    """The latest revision of the care record holding revision ``record_uuid``."""
    return vault.records.get(record_uuid)


def history(vault: Vault, record_uuid: str) -> list[Record]:
    """Every revision of the care record holding ``record_uuid``, oldest first."""
    return vault.records.history(record_uuid)


def record_history(vault: Vault, record_uuid: str) -> list[Revision]:
    """Every stored revision of the care record holding ``record_uuid``, oldest first."""
    return [vault.revisions.get(r.uuid) for r in vault.records.history(record_uuid)]


def records_for(vault: Vault, patient_id: str, kinds: Iterable[RecordKind] | None = None,
                since: dt.datetime | None = None, include_voided: bool = False) -> list[Record]:
    """The patient's records, newest clinical time first (see vault.records for the rules)."""
    return vault.records.records_for(patient_id, kinds, since, include_voided)


def latest_handover(vault: Vault, patient_id: str) -> Record | None:
    """The patient's newest valid handover (SBAR or transmissions ciblées), or None."""
    return vault.records.latest_handover(patient_id)


def latest_handovers(vault: Vault, patient_ids: list[str] | None = None) -> dict[str, Record]:
    """patient id -> newest valid handover, for the whole ward in one query."""
    return vault.records.latest_handovers(patient_ids)


def latest_vitals(vault: Vault, patient_id: str) -> Record | None:
    """The patient's newest valid vital signs record, or None."""
    return vault.records.latest_vitals(patient_id)


def latest_vitals_by_patient(vault: Vault, patient_ids: list[str] | None = None
                             ) -> dict[str, Record]:
    """patient id -> newest valid vital signs record, for the whole ward in one query."""
    return vault.records.latest_vitals_by_patient(patient_ids)


def administrations(vault: Vault, patient_id: str, since: dt.datetime) -> list[Record]:
    """The patient's valid medication records whose dose time is at or after ``since``."""
    return vault.records.administrations(patient_id, since)


def administrations_since(vault: Vault, since: dt.datetime) -> dict[str, list[Record]]:
    """patient id -> valid medication records since ``since``, for the whole ward."""
    return vault.records.administrations_since(since)


def pending_sync(vault: Vault) -> list[Revision]:
    """Every revision not yet acknowledged by the hub, oldest first."""
    return _pending_sync(vault.conn)


def patient_records(vault: Vault, patient_id: str, library: FormLibrary | None = None,
                    lang: str = "fr") -> list[RecordSummary]:
    """The patient's records for the timeline, newest first, entered-in-error ones included."""
    patient_id = resolve_patient(vault, patient_id)
    found = vault.records.records_for(patient_id, include_voided=True)
    return [_summary(vault, r, library, lang) for r in found]


def all_records(vault: Vault) -> list[Record]:
    """The latest revision of every care record on the ward, newest saved first."""
    return vault.records.all_latest()


def latest_by_form(vault: Vault, patient_id: str, form_url: str) -> Record | None:
    """The patient's most recent valid record made with ``form_url`` (any version)."""
    return next((r for r in vault.records.records_for(patient_id) if r.form_url == form_url),
                None)


def as_response(vault: Vault, library: FormLibrary, record: Record | Revision) -> dict[str, Any]:
    """The record (one revision) as a FHIR QuestionnaireResponse."""
    if isinstance(record, Revision):
        record = next(r for r in vault.records.history(record.uuid) if r.uuid == record.uuid)
    spec = spec_for(vault, library, record.form_url, record.form_version)
    qr = to_response(spec, record.answers)
    qr["id"] = record.uuid
    status = record.status
    qr["status"] = ("entered-in-error" if status is RevisionStatus.ENTERED_IN_ERROR
                    else "amended" if status is RevisionStatus.AMENDED else "completed")
    if record.patient_ref:
        qr["subject"] = {"reference": f"Patient/{record.patient_ref}"}
    qr["authored"] = iso(record.recorded_at)
    qr["author"] = {"display": record.author}
    return qr


# -- helpers ---------------------------------------------------------------------------
def _payload(vault: Vault, spec: FormSpec, answers: Mapping[str, Any],
             effective_at: datetime | None, fallback: datetime | None = None) -> dict[str, Any]:
    _check_same_form(spec, answers)
    plain = as_plain(spec, answers)
    result = validate(spec, plain)
    if not result.ok:
        # The first line names the questions (never the answers): one line for scripts.
        names = ", ".join(dict.fromkeys(p.link_id for p in result.problems))
        raise InvalidInput(f"the answers are not valid ({names})",
                           problems=[f"{p.link_id}: {p.fr} / {p.en}" for p in result.problems])
    zone = vault.zone
    if effective_at is None:
        effective_at = effective_time(result.answers, zone) or fallback or utcnow()
    return record_payload(spec.url or spec.short_id, spec.version, spec.label("fr"),
                          effective_at, with_offsets(result.answers, zone), zone)


def _check_same_form(spec: FormSpec, answers: Mapping[str, Any]) -> None:
    """Refuse a QuestionnaireResponse that names another form than the one recorded.

    Its answers would be checked against the wrong questions (linkIds of different
    forms often coincide) and stored under the wrong form.
    """
    if not is_response(answers):
        return
    canonical = answers.get("questionnaire")
    if not isinstance(canonical, str) or not canonical.strip():
        return  # no form named: the one given on the command line applies
    url = canonical.strip().split("|", 1)[0]
    if url in (spec.url, spec.short_id) or url.endswith(f"Questionnaire/{spec.short_id}"):
        return
    raise InvalidInput("the QuestionnaireResponse is for another form than "
                       f"{spec.short_id} (its 'questionnaire' element)")


def _summary(vault: Vault, record: Record, library: FormLibrary | None,
             lang: str) -> RecordSummary:
    title = record.form_title or record.form_url
    if library is not None:
        with contextlib.suppress(NotFound):
            title = spec_for(vault, library, record.form_url, record.form_version).label(lang)
    return RecordSummary(
        record_id=record.record_id, uuid=record.uuid, patient_id=record.patient_ref,
        form_url=record.form_url, form_version=record.form_version,
        form_title=title, author=record.author, recorded_at=record.recorded_at,
        effective_at=record.effective_at, status=record.status,
        revisions=record.revisions, answers=record.answers)


def resolve_patient(vault: Vault, reference: str) -> str:
    """The internal id of the patient known by ``reference`` (id, IPP, provisional number)."""
    patient = patients.get_patient(vault, reference)
    if patient is None:
        raise NotFound("unknown patient")
    return patient.id
