"""The ward board: one row per occupied bed, what a nurse scans at the start of a round.

One query per concern, never one per patient, so that 60 beds refresh in a few ms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from care_degraded.domain import news2 as news2_rules
from care_degraded.domain.patient import AllergyStatus, Freshness, Patient, Prescription
from care_degraded.domain.record import (
    HANDOVER_FORM_HINTS,
    MEDICATION_FORM_URL,
    RECORD_KIND,
    VITALS_FORM_URL,
    Record,
)
from care_degraded.services.census import freshness as census_freshness
from care_degraded.services.patients import ward_patients
from care_degraded.vault import Vault
from care_degraded.vault.records import pending_sync_count
from care_degraded.vault.sync_state import SyncState

__all__ = ["HANDOVER_FORM_HINTS", "MEDICATION_FORM_URL", "RECORD_KIND",
           "VITALS_FORM_URL"]

#: a record of the dose within this distance of the scheduled time closes it
DOSE_MATCH = dt.timedelta(minutes=45)
#: scheduled doses this late and still without a record are shown as overdue
OVERDUE_WINDOW = dt.timedelta(hours=2)
#: shift changes on most French wards (7 h - 14 h - 21 h, local time)
SHIFT_STARTS = (dt.time(7, 0), dt.time(14, 0), dt.time(21, 0))


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
    #: NEWS2 parameters not scored (the total is then partial: what is known)
    news2_missing: tuple[str, ...] = ()

    @property
    def news2_level(self) -> str:
        """"low" (0-4), "medium" (5-6 or any single 3), "high" (7+), "" if unknown;
        from what is known when the set is partial."""
        return news2_level(self.news2, self.news2_single_3)

    def news2_text(self, lang: str = "fr") -> str:
        """"15", "≥ 15, incomplet : T° manquante", "" when no vitals."""
        return "" if self.news2 is None else news2_rules.summary(self.news2,
                                                                 self.news2_missing, lang)


@dataclass(frozen=True)
class BannerInfo:
    ward: str
    demo: bool
    census: Freshness
    pending_sync: int
    #: when the hub last acknowledged (a verified receipt), None before the first
    last_receipt_at: dt.datetime | None = None


def news2_level(total: int | None, single_3: bool = False) -> str:
    """RCP NEWS2 clinical risk: 7+ high, 5-6 or a single 3 medium, else low."""
    return news2_rules.level(total, single_3)


def ward_board(vault: Vault, now: dt.datetime, patients: Sequence[Patient] | None = None,
               tz: dt.tzinfo | None = None) -> list[BedRow]:
    """The board rows, sorted by bed. ``patients`` defaults to the ward's present patients.

    Times are the ward's (``tz``, else the vault's zone)."""
    if patients is None:
        patients = ward_patients(vault)
    zone = tz or vault.zone
    local_now = now.astimezone(zone)
    vitals = latest_vitals(vault)
    handed_over = handovers_since(vault, shift_start(local_now))
    recorded = doses_recorded(vault, local_now - OVERDUE_WINDOW - DOSE_MATCH)
    rows = []
    for p in patients:
        v = vitals.get(p.id)
        news2 = v.news2() if v is not None else None
        rows.append(BedRow(
            bed=_bed(p), patient_id=p.id, display_name=p.identity.display_name(),
            provisional=p.is_provisional, reference=p.reference(),
            age=_age(p.identity.birth_date, local_now.date()),
            allergy_status=p.allergy_status,
            allergies=tuple(a.substance for a in p.allergies),
            last_vitals_at=v.effective_at.astimezone(zone) if v is not None else None,
            news2=news2.total if news2 is not None else None,
            news2_single_3=news2.single_3 if news2 is not None else False,
            news2_missing=news2.missing if news2 is not None and news2.total is not None
            else (),
            meds_due=meds_due(p.prescriptions, local_now, recorded.get(p.id, ()), zone=zone),
            handover_this_shift=p.id in handed_over,
        ))
    return sorted(rows, key=lambda r: (bed_sort_key(r.bed), r.display_name))


def banner_info(vault: Vault, now: dt.datetime) -> BannerInfo:
    """Ward name, demo flag, census freshness, records waiting to be synced."""
    return BannerInfo(ward=vault.ward, demo=bool(vault.keyslots.extra.get("demo")),
                      census=census_freshness(vault, now), pending_sync=pending_sync(vault),
                      last_receipt_at=last_receipt_at(vault))


def last_receipt_at(vault: Vault) -> dt.datetime | None:
    """When the hub last acknowledged revisions of this ward (its receipt's time)."""
    text = SyncState(vault.conn).last_receipt_at()
    return None if text is None else dt.datetime.fromisoformat(text)


def pending_sync(vault: Vault) -> int:
    """How many revisions wait to be acknowledged by the hub (see vault.records)."""
    return pending_sync_count(vault.conn)


def latest_vitals(vault: Vault) -> dict[str, Record]:
    """patient id -> newest valid vital signs record (the query layer's rule)."""
    return vault.records.latest_vitals_by_patient()


def handovers_since(vault: Vault, since: dt.datetime) -> set[str]:
    """Patients whose latest valid handover was written at or after ``since``.

    The same "latest handover" the handover screen and the printed sheet show: a
    handover marked entered-in-error is no handover.
    """
    cutoff = since.astimezone(dt.UTC)
    return {pid for pid, record in vault.records.latest_handovers().items()
            if record.effective_at.astimezone(dt.UTC) >= cutoff}


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
    found: dict[str, list[tuple[str, dt.datetime]]] = {}
    for pid, given in vault.records.administrations_since(since).items():
        for record in given:
            med = record.medication()
            if med.drug and med.closes_dose:
                found.setdefault(pid, []).append(
                    (med.drug.casefold(), med.planned or record.effective_at))
    return found


def meds_due(prescriptions: Iterable[Prescription], local_now: dt.datetime,
             recorded: Iterable[tuple[str, dt.datetime]] = (),
             window: dt.timedelta = dt.timedelta(hours=1),
             zone: dt.tzinfo | None = None) -> tuple[MedDue, ...]:
    """Scheduled (not as-needed) doses due within ``window``, and earlier ones not yet
    recorded (overdue, up to two hours back), overdue first."""
    # Compared in UTC: arithmetic between two times of one zone is wall-clock
    # arithmetic in Python, wrong by an hour across a change of clocks.
    done = [(d, when.astimezone(dt.UTC)) for d, when in recorded]
    now = local_now.astimezone(dt.UTC)
    due: list[tuple[dt.datetime, MedDue]] = []
    for p in prescriptions:
        drug = p.drug.casefold()
        for at in p.occurrences(now - OVERDUE_WINDOW, now + window, zone or local_now.tzinfo):
            instant = at.astimezone(dt.UTC)
            if any(d == drug and abs(when - instant) <= DOSE_MATCH for d, when in done):
                continue
            # A dose due at this very minute or in the last few is "due", not late.
            late = instant < now - dt.timedelta(minutes=5)
            due.append((instant, MedDue(p.drug, p.dose_label(), f"{at:%H:%M}", overdue=late)))
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
