"""The ward board: one row per occupied bed, what a nurse scans at the start of a round.

One query per concern, never one per patient, so that 60 beds refresh in a few ms.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from care_degraded.domain.patient import AllergyStatus, Freshness, Patient, Prescription
from care_degraded.services.census import freshness as census_freshness
from care_degraded.services.patients import ward_patients
from care_degraded.vault import Vault

VITALS_FORM_URL = "https://care-degraded.example/fhir/Questionnaire/vital-signs"
MEDICATION_FORM_URL = "https://care-degraded.example/fhir/Questionnaire/medication-administration"
#: a record of the dose within this distance of the scheduled time closes it
DOSE_MATCH = dt.timedelta(minutes=45)
#: scheduled doses this late and still without a record are shown as overdue
OVERDUE_WINDOW = dt.timedelta(hours=2)
RECORD_KIND = "record"
HANDOVER_KINDS = ("handover",)
#: forms whose records count as a handover when written as care records
HANDOVER_FORM_HINTS = ("handover", "transmission", "sbar", "targeted-notes")
#: shift changes on most French wards (7 h - 14 h - 21 h, local time)
SHIFT_STARTS = (dt.time(7, 0), dt.time(14, 0), dt.time(21, 0))
#: meta key the sync outbox will write once bundles exist
SYNC_MARK_KEY = "sync.last_exported_seq"


@dataclass(frozen=True)
class MedDue:
    drug: str
    dose: str
    at: str  # "HH:MM", local time
    overdue: bool = False  # scheduled time passed and no administration recorded


@dataclass(frozen=True)
class BedRow:
    """What the board shows for one patient."""

    bed: str
    patient_id: str
    display_name: str
    provisional: bool
    reference: str  # IPP or provisional number
    age: int | None
    allergy_status: AllergyStatus
    allergies: tuple[str, ...]
    last_vitals_at: dt.datetime | None
    news2: int | None
    news2_single_3: bool  # one parameter scored 3: escalate even with a low total
    meds_due: tuple[MedDue, ...]
    handover_this_shift: bool

    @property
    def news2_level(self) -> str:
        """"low" (0-4), "medium" (5-6 or any single 3), "high" (7+), "" if unknown."""
        return news2_level(self.news2, self.news2_single_3)


@dataclass(frozen=True)
class BannerInfo:
    ward: str
    demo: bool
    census: Freshness
    pending_sync: int


def news2_level(total: int | None, single_3: bool = False) -> str:
    """RCP NEWS2 clinical risk: 7+ high, 5-6 medium, a single 3 low-medium, else low."""
    if total is None:
        return ""
    if total >= 7:
        return "high"
    if total >= 5 or single_3:
        return "medium"
    return "low"


def ward_board(vault: Vault, now: dt.datetime, patients: Sequence[Patient] | None = None,
               tz: dt.tzinfo | None = None) -> list[BedRow]:
    """The board rows, sorted by bed. ``patients`` defaults to the ward's present patients."""
    if patients is None:
        patients = ward_patients(vault)
    local_now = now.astimezone(tz)
    vitals = latest_vitals(vault)
    handed_over = handovers_since(vault, shift_start(local_now))
    recorded = doses_recorded(vault, local_now - OVERDUE_WINDOW - DOSE_MATCH)
    rows = [
        BedRow(
            bed=_bed(p), patient_id=p.id, display_name=p.identity.display_name(),
            provisional=p.is_provisional, reference=p.reference(),
            age=_age(p.identity.birth_date, local_now.date()),
            allergy_status=p.allergy_status,
            allergies=tuple(a.substance for a in p.allergies),
            last_vitals_at=vitals[p.id][0] if p.id in vitals else None,
            news2=vitals[p.id][1] if p.id in vitals else None,
            news2_single_3=vitals[p.id][2] if p.id in vitals else False,
            meds_due=meds_due(p.prescriptions, local_now, recorded.get(p.id, ())),
            handover_this_shift=p.id in handed_over,
        )
        for p in patients
    ]
    return sorted(rows, key=lambda r: (bed_sort_key(r.bed), r.display_name))


def banner_info(vault: Vault, now: dt.datetime) -> BannerInfo:
    """Ward name, demo flag, census freshness, records waiting to be synced."""
    return BannerInfo(ward=vault.ward, demo=bool(vault.keyslots.extra.get("demo")),
                      census=census_freshness(vault, now), pending_sync=pending_sync(vault))


def pending_sync(vault: Vault) -> int:
    """Revisions written since the last export (all of them until sync exists)."""
    mark = vault.meta(SYNC_MARK_KEY)
    after = int(mark) if mark and mark.isdigit() else 0
    row = vault.conn.execute("SELECT count(*) FROM revisions WHERE seq > ?", (after,)).fetchone()
    return int(row[0])


def latest_vitals(vault: Vault) -> dict[str, tuple[dt.datetime, int | None, bool]]:
    """patient id -> (effective time, NEWS2 total, any single parameter at 3)."""
    # SQLite's JSON functions pick the vitals records and their effective time, so
    # only one payload per patient is parsed in Python.
    rows = vault.conn.execute(
        "SELECT patient_ref, json_extract(payload, '$.effective_at') AS eff, payload"
        " FROM revisions WHERE kind = ? AND status != 'entered-in-error'"
        " AND patient_ref IS NOT NULL AND json_extract(payload, '$.form_url') = ?"
        " AND seq IN (SELECT max(seq) FROM revisions WHERE kind = ? GROUP BY record_id)",
        (RECORD_KIND, VITALS_FORM_URL, RECORD_KIND)).fetchall()
    newest: dict[str, tuple[dt.datetime, str]] = {}
    for patient_ref, effective, body in rows:
        try:
            when = dt.datetime.fromisoformat(str(effective))
        except ValueError:
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        current = newest.get(patient_ref)
        if current is None or when > current[0]:
            newest[patient_ref] = (when, body)
    best: dict[str, tuple[dt.datetime, int | None, bool]] = {}
    for patient_ref, (when, body) in newest.items():
        total, single = _news2(json.loads(body).get("answers") or {})
        best[patient_ref] = (when, total, single)
    return best


def handovers_since(vault: Vault, since: dt.datetime) -> set[str]:
    """Patients with a handover (or a handover-like record) written since ``since``."""
    cutoff = since.astimezone(dt.UTC).isoformat(timespec="microseconds")
    marks = ",".join("?" for _ in HANDOVER_KINDS)
    hints = " OR ".join("lower(json_extract(payload, '$.form_url')) LIKE ?"
                        for _ in HANDOVER_FORM_HINTS)
    rows = vault.conn.execute(
        f"SELECT DISTINCT patient_ref FROM revisions WHERE created_at >= ?"
        f" AND patient_ref IS NOT NULL AND (kind IN ({marks}) OR (kind = ? AND ({hints})))",
        (cutoff, *HANDOVER_KINDS, RECORD_KIND, *(f"%{h}%" for h in HANDOVER_FORM_HINTS)))
    return {str(r[0]) for r in rows}


def shift_start(local_now: dt.datetime) -> dt.datetime:
    """Start of the shift ``local_now`` falls in (an aware datetime, same zone)."""
    today = local_now.date()
    starts = [dt.datetime.combine(today, t, local_now.tzinfo) for t in SHIFT_STARTS]
    earlier = [s for s in starts if s <= local_now]
    if earlier:
        return earlier[-1]
    return dt.datetime.combine(today - dt.timedelta(days=1), SHIFT_STARTS[-1], local_now.tzinfo)


def doses_recorded(vault: Vault, since: dt.datetime) -> dict[str, list[tuple[str, dt.datetime]]]:
    """patient id -> (drug, planned time) of doses recorded as given or not given.

    A "delayed" dose stays due. The planned time is what the nurse confirmed on the
    form (pre-filled from the prescription's schedule); the record time stands in
    when it is missing.
    """
    rows = vault.conn.execute(
        "SELECT patient_ref, json_extract(payload, '$.answers.drug'),"
        " json_extract(payload, '$.answers.planned'), json_extract(payload, '$.effective_at'),"
        " json_extract(payload, '$.answers.status')"
        " FROM revisions WHERE kind = ? AND status != 'entered-in-error'"
        " AND patient_ref IS NOT NULL AND json_extract(payload, '$.form_url') = ?"
        " AND created_at >= ?"
        " AND seq IN (SELECT max(seq) FROM revisions WHERE kind = ? GROUP BY record_id)",
        # written after the dose, but possibly back-entered hours later: a day of margin
        (RECORD_KIND, MEDICATION_FORM_URL,
         (since - dt.timedelta(days=1)).astimezone(dt.UTC).isoformat(), RECORD_KIND)).fetchall()
    found: dict[str, list[tuple[str, dt.datetime]]] = {}
    for patient_ref, drug, planned, effective, status in rows:
        if not drug or status == "delayed":
            continue
        when = _parse_time(planned) or _parse_time(effective)
        if when is not None and when >= since:
            found.setdefault(str(patient_ref), []).append((str(drug).casefold(), when))
    return found


def meds_due(prescriptions: Iterable[Prescription], local_now: dt.datetime,
             recorded: Iterable[tuple[str, dt.datetime]] = (),
             window: dt.timedelta = dt.timedelta(hours=1)) -> tuple[MedDue, ...]:
    """Scheduled (not as-needed) doses due within ``window``, and earlier ones not yet
    recorded (overdue, up to two hours back), overdue first."""
    done = list(recorded)
    due: list[tuple[dt.datetime, MedDue]] = []
    for p in prescriptions:
        if p.as_needed:
            continue
        drug = p.drug.casefold()
        for text in p.times_of_day:
            for at in _occurrences(text, local_now):
                if not (local_now - OVERDUE_WINDOW <= at < local_now + window):
                    continue
                if any(d == drug and abs(when - at) <= DOSE_MATCH for d, when in done):
                    continue
                # A dose due at this very minute or in the last few is "due", not late.
                late = at < local_now - dt.timedelta(minutes=5)
                due.append((at, MedDue(p.drug, p.dose_label(), text, overdue=late)))
    return tuple(m for _at, m in sorted(due, key=lambda pair: (not pair[1].overdue, pair[0])))


def bed_sort_key(bed: str) -> tuple[tuple[int, str], ...]:
    """"2" before "10", "12A" after "12": natural order as beds are numbered."""
    parts: list[tuple[int, str]] = []
    number = ""
    for char in bed:
        if char.isdigit():
            number += char
            continue
        if number:
            parts.append((int(number), ""))
            number = ""
        parts.append((-1, char.lower()))
    if number:
        parts.append((int(number), ""))
    return tuple(parts) if parts else ((10**9, ""),)


# -- helpers -----------------------------------------------------------------------------
def _bed(p: Patient) -> str:
    return p.location.bed or p.location.room or ""


def _age(birth: dt.date | None, today: dt.date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _occurrences(text: str, local_now: dt.datetime) -> list[dt.datetime]:
    """The schedule time "HH:MM" yesterday, today and tomorrow (around midnight)."""
    try:
        hour, minute = (int(x) for x in text.strip().split(":")[:2])
        today = local_now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    except ValueError:
        return []
    return [today + dt.timedelta(days=d) for d in (-1, 0, 1)]


def _parse_time(value: object) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.astimezone()


def _news2(answers: Mapping[str, Any]) -> tuple[int | None, bool]:
    flat = _flatten(answers)
    total = flat.get("news2-total")
    parts = [v for k, v in flat.items()
             if k.startswith("news2-") and k not in ("news2-total", "news2-level")]
    single = any(isinstance(v, int) and not isinstance(v, bool) and v >= 3 for v in parts)
    if isinstance(total, int | float) and not isinstance(total, bool):
        return int(total), single
    return None, single


def _flatten(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers of nested groups (as plain dicts or lists of dicts) brought to one level."""
    flat: dict[str, Any] = {}
    for key, value in answers.items():
        if isinstance(value, Mapping):
            flat.update(_flatten(value))
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            for item in value:
                flat.update(_flatten(item))
        else:
            flat[str(key)] = value
    return flat

