"""Care records: a QuestionnaireResponse about a patient, as append-only revisions.

A record's revisions share its record id. Amending writes a new revision that
supersedes the latest one; voiding writes a revision marked entered-in-error with
its reason. History stays readable, and each record keeps the form version it was
made with (the definition is stored in the vault too).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from care_degraded.domain.clock import iso, parse_iso, utcnow
from care_degraded.domain.errors import InvalidInput, NotFound, Refused
from care_degraded.domain.revision import Revision, RevisionStatus
from care_degraded.questionnaire import FormLibrary, FormSpec, as_plain, to_response, validate
from care_degraded.questionnaire.answers import is_response
from care_degraded.services import patients
from care_degraded.services.forms import keep_definition, spec_for
from care_degraded.vault import Vault

RECORD_KIND = "record"

#: Answers that say when the care happened, in order of preference. A record's
#: clinically-effective time is the first of these the form answers, else the
#: explicit ``effective_at``, else the time of saving.
EFFECTIVE_LINK_IDS = ("effective", "given-at", "occurred-at", "admitted-at", "at",
                      "period-start", "sample-at", "requested-at")


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
    payload = _payload(spec, answers, effective_at)
    with vault.transaction():
        keep_definition(vault, spec)
        return vault.revisions.append(RECORD_KIND, patient_id, payload)


def amend(vault: Vault, library: FormLibrary, record_uuid: str, answers: Mapping[str, Any],
          effective_at: datetime | None = None) -> Revision:
    """A new revision of the record, validated against the record's own form version."""
    latest = _latest_record(vault, record_uuid)
    if latest.status is RevisionStatus.ENTERED_IN_ERROR:
        raise Refused("this record was marked entered-in-error; write a new record instead")
    spec = spec_for(vault, library, latest.payload["form_url"], latest.payload.get("form_version"))
    payload = _payload(spec, answers, effective_at,
                       fallback=parse_iso(latest.payload["effective_at"]))
    with vault.transaction():
        return vault.revisions.append(RECORD_KIND, latest.patient_ref, payload,
                                      supersedes=latest.uuid, status=RevisionStatus.FINAL)


def void(vault: Vault, record_uuid: str, reason: str) -> Revision:
    """Mark a record entered-in-error; the answers stay readable in its history."""
    if not reason.strip():
        raise InvalidInput("a reason is required to mark a record entered-in-error")
    latest = _latest_record(vault, record_uuid)
    if latest.status is RevisionStatus.ENTERED_IN_ERROR:
        raise Refused("this record is already marked entered-in-error")
    payload = dict(latest.payload)
    payload["reason"] = reason.strip()
    with vault.transaction():
        return vault.revisions.append(RECORD_KIND, latest.patient_ref, payload,
                                      supersedes=latest.uuid,
                                      status=RevisionStatus.ENTERED_IN_ERROR)


def record_history(vault: Vault, record_uuid: str) -> list[Revision]:
    """Every revision of the record holding ``record_uuid`` (any of its revisions), oldest first."""
    revision = vault.revisions.get(record_uuid)
    if revision.kind != RECORD_KIND:
        raise NotFound("no such care record")
    return vault.revisions.history(revision.record_id)


def patient_records(vault: Vault, patient_id: str, library: FormLibrary | None = None,
                    lang: str = "fr") -> list[RecordSummary]:
    """The patient's records, newest first (latest revision of each)."""
    patient_id = resolve_patient(vault, patient_id)
    latest = vault.revisions.for_patient(patient_id, kind=RECORD_KIND)
    counts = dict(vault.conn.execute(
        "SELECT record_id, count(*) FROM revisions WHERE patient_ref = ? AND kind = ?"
        " GROUP BY record_id", (patient_id, RECORD_KIND)).fetchall())
    summaries = [_summary(vault, r, int(counts.get(r.record_id, 1)), library, lang)
                 for r in latest]
    return sorted(summaries, key=lambda s: (s.effective_at, s.recorded_at), reverse=True)


def all_records(vault: Vault) -> list[Revision]:
    """The latest revision of every care record on the ward, newest first."""
    return vault.revisions.by_kind(RECORD_KIND)


def latest_by_form(vault: Vault, patient_id: str, form_url: str) -> Revision | None:
    """The patient's most recent valid record made with ``form_url`` (any version)."""
    best: Revision | None = None
    for rev in vault.revisions.for_patient(patient_id, kind=RECORD_KIND):
        if rev.status is RevisionStatus.ENTERED_IN_ERROR or rev.payload.get("form_url") != form_url:
            continue
        if best is None or rev.payload["effective_at"] > best.payload["effective_at"]:
            best = rev
    return best


def as_response(vault: Vault, library: FormLibrary, revision: Revision) -> dict[str, Any]:
    """The revision as a FHIR QuestionnaireResponse."""
    payload = revision.payload
    spec = spec_for(vault, library, payload["form_url"], payload.get("form_version"))
    qr = to_response(spec, payload["answers"])
    qr["id"] = revision.uuid
    status = revision.display_status
    qr["status"] = ("entered-in-error" if status is RevisionStatus.ENTERED_IN_ERROR
                    else "amended" if status is RevisionStatus.AMENDED else "completed")
    if revision.patient_ref:
        qr["subject"] = {"reference": f"Patient/{revision.patient_ref}"}
    qr["authored"] = iso(revision.created_at)
    qr["author"] = {"display": revision.author}
    return qr


# -- helpers ---------------------------------------------------------------------------
def _payload(spec: FormSpec, answers: Mapping[str, Any], effective_at: datetime | None,
             fallback: datetime | None = None) -> dict[str, Any]:
    _check_same_form(spec, answers)
    plain = as_plain(spec, answers)
    result = validate(spec, plain)
    if not result.ok:
        # The first line names the questions (never the answers): one line for scripts.
        names = ", ".join(dict.fromkeys(p.link_id for p in result.problems))
        raise InvalidInput(f"the answers are not valid ({names})",
                           problems=[f"{p.link_id}: {p.fr} / {p.en}" for p in result.problems])
    if effective_at is None:
        effective_at = _answered_time(result.answers) or fallback or utcnow()
    return {
        "form_url": spec.url or spec.short_id,
        "form_version": spec.version,
        "form_title": spec.label("fr"),
        "effective_at": iso(effective_at),
        "answers": result.answers,
    }


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


def _answered_time(answers: Mapping[str, Any]) -> datetime | None:
    for link_id in EFFECTIVE_LINK_IDS:
        value = answers.get(link_id)
        if isinstance(value, str) and "T" in value:
            try:
                return parse_iso(value)
            except ValueError:
                continue
    return None


def _latest_record(vault: Vault, record_uuid: str) -> Revision:
    revision = vault.revisions.get(record_uuid)
    if revision.kind != RECORD_KIND:
        raise NotFound("no such care record")
    return vault.revisions.latest(revision.record_id)


def _summary(vault: Vault, rev: Revision, count: int, library: FormLibrary | None,
             lang: str) -> RecordSummary:
    payload = rev.payload
    title = str(payload.get("form_title") or payload["form_url"])
    if library is not None:
        with contextlib.suppress(NotFound):
            title = spec_for(vault, library, payload["form_url"],
                             payload.get("form_version")).label(lang)
    return RecordSummary(
        record_id=rev.record_id, uuid=rev.uuid, patient_id=rev.patient_ref,
        form_url=payload["form_url"], form_version=payload.get("form_version"),
        form_title=title, author=rev.author, recorded_at=rev.created_at,
        effective_at=parse_iso(payload["effective_at"]), status=rev.display_status,
        revisions=count, answers=dict(payload.get("answers") or {}))


def resolve_patient(vault: Vault, reference: str) -> str:
    """The internal id of the patient known by ``reference`` (id, IPP, provisional number)."""
    patient = patients.get_patient(vault, reference)
    if patient is None:
        raise NotFound("unknown patient")
    return patient.id
