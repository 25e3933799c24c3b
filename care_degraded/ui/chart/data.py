"""What the chart reads and writes, through the services only (run on the vault lane).

Every function here takes the vault and is meant to run inside an ``Operation``:
none of them may be called on the GUI thread while another operation works.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from care_degraded.domain.errors import NotFound
from care_degraded.domain.patient import Patient, Prescription
from care_degraded.domain.revision import Revision
from care_degraded.questionnaire import FormLibrary, FormSpec
from care_degraded.services import records
from care_degraded.services.forms import spec_for
from care_degraded.services.records import RecordSummary
from care_degraded.ui.chart.record_panel import DigestPlan, digest_plan, record_digest
from care_degraded.ui.chart.timeline import PreparedRows, prepare_rows
from care_degraded.vault import Vault

#: Quick actions of the chart: (key, form short id), in button order.
QUICK_FORMS = (
    ("vitals", "vital-signs"),
    ("medication", "medication-administration"),
    ("note", "targeted-notes"),
    ("pain", "pain"),
    ("glucose", "capillary-glucose"),
)
#: linkIds that hold a record's clinical time, first found wins.
EFFECTIVE_LINK_IDS = ("effective", "given-at", "admitted-at")


@dataclass
class ChartData:
    patient: Patient | None
    records: list[RecordSummary]
    authors: dict[str, str] = field(default_factory=dict)  # login -> display name
    prepared: PreparedRows | None = None  # timeline texts, formatted off the GUI thread
    digest: Callable[[RecordSummary], str] | None = None  # "at a glance", on demand


def find_patient(vault: Vault, patient_id: str) -> Patient | None:
    """The patient, from the patients service (None while it is not installed)."""
    try:
        service = importlib.import_module("care_degraded.services.patients")
    except ModuleNotFoundError:
        return None
    for name in ("get_patient", "get", "patient", "find_patient"):
        fn = getattr(service, name, None)
        if callable(fn):
            found = fn(vault, patient_id)
            return found if isinstance(found, Patient) else None
    return None


def load_chart(vault: Vault, library: FormLibrary, patient_id: str, lang: str) -> ChartData:
    """Patient identity, timeline of records and author names."""
    patient = find_patient(vault, patient_id)
    summaries = records.patient_records(vault, patient_id, library, lang)
    authors = {u.login: u.display_name for u in vault.users.list()}
    # The forms' definitions are read here, on the vault lane; the digests themselves
    # are written later, on screen, only for the rows that are shown.
    plans: dict[tuple[str, str | None], tuple[FormSpec, DigestPlan] | None] = {}
    for key in {(s.form_url, s.form_version) for s in summaries}:
        try:
            spec = spec_for(vault, library, *key)
            plans[key] = (spec, digest_plan(spec))
        except NotFound:
            plans[key] = None

    def digest(summary: RecordSummary) -> str:
        found = plans.get((summary.form_url, summary.form_version))
        if found is None:
            return ""
        return record_digest(found[0], summary.answers, lang, plan=found[1])

    return ChartData(patient, summaries, authors, prepare_rows(summaries, authors, lang),
                     digest)


def history(vault: Vault, record_uuid: str) -> list[Revision]:
    return records.record_history(vault, record_uuid)


def form_of(vault: Vault, library: FormLibrary, summary: RecordSummary) -> FormSpec:
    """The exact form version the record was made with."""
    return spec_for(vault, library, summary.form_url, summary.form_version)


def effective_time(answers: Mapping[str, Any]) -> dt.datetime | None:
    """The clinical time typed in the form (measurement, administration), if any."""
    for link_id in EFFECTIVE_LINK_IDS:
        value = answers.get(link_id)
        if isinstance(value, str) and "T" in value:
            try:
                parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
            return parsed if parsed.tzinfo else parsed.astimezone()
    return None


def save_new(vault: Vault, library: FormLibrary, patient_id: str, spec: FormSpec,
             answers: Mapping[str, Any]) -> Revision:
    form = spec.url or spec.short_id
    if spec.version:
        form = f"{form}|{spec.version}"
    return records.record_care(vault, library, patient_id, form, answers,
                               effective_at=effective_time(answers))


def save_amendment(vault: Vault, library: FormLibrary, record_uuid: str,
                   answers: Mapping[str, Any]) -> Revision:
    return records.amend(vault, library, record_uuid, answers,
                         effective_at=effective_time(answers))


def void(vault: Vault, record_uuid: str, reason: str) -> Revision:
    return records.void(vault, record_uuid, reason)


# -- pre-filled answers ------------------------------------------------------------------
def now_iso(now: dt.datetime | None = None) -> str:
    moment = (now or dt.datetime.now().astimezone()).astimezone()
    return moment.replace(second=0, microsecond=0).isoformat(timespec="seconds")


def prefill(spec: FormSpec, now: dt.datetime | None = None,
            prescription: Prescription | None = None) -> dict[str, Any]:
    """Answers a new record starts with: the time now, and the prescription if given."""
    out: dict[str, Any] = {}
    index = {i.link_id: i for i in spec.walk()}
    for link_id in ("effective", "given-at"):
        if link_id in index and index[link_id].type == "dateTime":
            out[link_id] = now_iso(now)
    if prescription is not None:
        out.update(medication_prefill(spec, prescription, now))
    return out


def medication_prefill(spec: FormSpec, rx: Prescription,
                       now: dt.datetime | None = None) -> dict[str, Any]:
    """The medication administration form filled from an active prescription."""
    index = {i.link_id: i for i in spec.walk()}
    out: dict[str, Any] = {}
    if "drug" in index:
        out["drug"] = rx.drug
    if "dose" in index and rx.dose_value:
        with contextlib.suppress(ValueError):
            out["dose"] = float(rx.dose_value.replace(",", ".").strip())
    for link_id, raw in (("unit", rx.dose_unit), ("route", rx.route)):
        item = index.get(link_id)
        if item is None or not raw:
            continue
        for opt in item.options:
            if str(opt.value).lower() == raw.lower() or opt.label("fr").lower() == raw.lower():
                out[link_id] = opt.value
                break
    planned = next_planned(rx, now)
    if planned is not None and "planned" in index:
        out["planned"] = now_iso(planned)
    return out


def next_planned(rx: Prescription, now: dt.datetime | None = None) -> dt.datetime | None:
    """The scheduled time closest to now (the dose the nurse is most likely giving)."""
    moment = (now or dt.datetime.now().astimezone()).astimezone()
    best: dt.datetime | None = None
    for text in rx.times_of_day:
        try:
            hour, minute = (int(p) for p in text.split(":")[:2])
        except ValueError:
            continue
        for day in (-1, 0, 1):
            candidate = (moment + dt.timedelta(days=day)).replace(
                hour=hour, minute=minute, second=0, microsecond=0)
            if best is None or abs(candidate - moment) < abs(best - moment):
                best = candidate
    return best
