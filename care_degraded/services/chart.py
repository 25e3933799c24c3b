"""What a patient's chart needs: identity, records, their forms, and new-record pre-fill.

The interface formats; the rules (which records, which times, what a new medication
record starts with) are here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from care_degraded.domain.errors import NotFound
from care_degraded.domain.patient import Patient, Prescription
from care_degraded.domain.record import Record
from care_degraded.domain.revision import Revision
from care_degraded.questionnaire import FormLibrary, FormSpec
from care_degraded.services import medication, records
from care_degraded.services import patients as patient_service
from care_degraded.services.forms import spec_for
from care_degraded.services.records import RecordSummary
from care_degraded.vault import Vault

#: a dose is pre-filled with the scheduled time nearest to now, within this distance
PLANNED_SEARCH = dt.timedelta(days=1)


@dataclass(frozen=True)
class ChartRecords:
    """A chart as read from the vault: the patient, the timeline and the forms used."""

    patient: Patient | None
    records: list[RecordSummary]
    authors: dict[str, str]  # login -> display name
    forms: dict[tuple[str, str | None], FormSpec | None]  # (url, version) -> definition
    zone: dt.tzinfo  # the ward's: times shown are its wall clock


def load_chart(vault: Vault, library: FormLibrary, patient_id: str,
               lang: str = "fr") -> ChartRecords:
    """The patient, every record (latest revision; entered-in-error ones marked) and forms."""
    patient = patient_service.get_patient(vault, patient_id)
    summaries = records.patient_records(vault, patient_id, library, lang)
    authors = {u.login: u.display_name for u in vault.users.list()}
    forms: dict[tuple[str, str | None], FormSpec | None] = {}
    for key in {(s.form_url, s.form_version) for s in summaries}:
        try:
            forms[key] = spec_for(vault, library, *key)
        except NotFound:
            forms[key] = None
    return ChartRecords(patient, summaries, authors, forms, vault.zone)


def history(vault: Vault, record_uuid: str) -> list[Record]:
    """Every revision of the record, oldest first."""
    return records.history(vault, record_uuid)


def save_new(vault: Vault, library: FormLibrary, patient_id: str, spec: FormSpec,
             answers: Mapping[str, Any]) -> Revision:
    """A new record made with this exact form version (its clinical time from the answers)."""
    form = spec.url or spec.short_id
    if spec.version:
        form = f"{form}|{spec.version}"
    return records.record_care(vault, library, patient_id, form, answers)


def save_amendment(vault: Vault, library: FormLibrary, record_uuid: str,
                   answers: Mapping[str, Any]) -> Revision:
    return records.amend(vault, library, record_uuid, answers)


def void(vault: Vault, record_uuid: str, reason: str) -> Revision:
    return records.void(vault, record_uuid, reason)


# -- pre-filled answers ------------------------------------------------------------------
def now_iso(now: dt.datetime | None = None, zone: dt.tzinfo | None = None) -> str:
    """The minute ``now`` (default: the present) with its offset, in ``zone`` (default:
    this machine's)."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(zone)
    return moment.replace(second=0, microsecond=0).isoformat(timespec="seconds")


def prefill(spec: FormSpec, now: dt.datetime | None = None,
            prescription: Prescription | None = None,
            zone: dt.tzinfo | None = None) -> dict[str, Any]:
    """Answers a new record starts with: the time now, and the prescription if given."""
    out: dict[str, Any] = {}
    index = {i.link_id: i for i in spec.walk()}
    for link_id in ("effective", "given-at"):
        if link_id in index and index[link_id].type == "dateTime":
            out[link_id] = now_iso(now, zone)
    if prescription is not None:
        out.update(medication_prefill(spec, prescription, now, zone))
    return out


def medication_prefill(spec: FormSpec, rx: Prescription, now: dt.datetime | None = None,
                       zone: dt.tzinfo | None = None) -> dict[str, Any]:
    """The medication administration form filled from an active prescription."""
    index = {i.link_id: i for i in spec.walk()}
    out: dict[str, Any] = {}
    if "drug" in index:
        out["drug"] = rx.drug
    if "dose" in index and rx.dose_value:
        with contextlib.suppress(ValueError):
            out["dose"] = float(rx.dose_value.replace(",", ".").strip())
    unit = index.get("unit")
    if unit is not None and rx.dose_unit:
        for opt in unit.options:
            if str(opt.value).lower() == rx.dose_unit.lower() or \
                    opt.label("fr").lower() == rx.dose_unit.lower():
                out["unit"] = opt.value
                break
    route = index.get("route")
    if route is not None:
        # by code (SNOMED CT from the census) or French synonyms, never by exact text
        found = medication.route_option(rx.route_code, rx.route,
                                        {str(o.value) for o in route.options})
        if found is not None:
            out["route"] = found
    if "high-risk" in index and medication.is_high_risk(rx):
        out["high-risk"] = True  # from the prescription; a drug not listed stays unanswered
    planned = next_planned(rx, now, zone)
    if planned is not None and "planned" in index:
        out["planned"] = now_iso(planned, zone)
    return out


def next_planned(rx: Prescription, now: dt.datetime | None = None,
                 zone: dt.tzinfo | None = None) -> dt.datetime | None:
    """The scheduled time closest to now (the dose the nurse is most likely giving)."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(zone)
    found = rx.occurrences(moment - PLANNED_SEARCH, moment + PLANNED_SEARCH,
                           zone or moment.tzinfo)
    # differences taken in UTC: same-zone arithmetic is wall-clock arithmetic in Python
    utc = moment.astimezone(dt.UTC)
    return min(found, key=lambda at: abs(at.astimezone(dt.UTC) - utc), default=None)
