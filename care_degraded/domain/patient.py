"""Patients as the ward knows them: identity, bed, allergies, active prescriptions.

Everything here is a frozen dataclass: the census importer builds them, the vault
stores and returns them, screens and printouts read them. No I/O.

Vocabulary (French hospital identity rules, "identitovigilance"):

* IPP - the hospital's local patient number (identifiant permanent du patient).
* INS - the national health identifier; kept only when the identity is
  *qualified* (``IdentityStatus.QUALIFIED``), as the national rules require.
* A *provisional* identity is one created on the ward during the outage; its
  number is the device prefix plus a counter, so two machines never collide.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Sex(StrEnum):
    """Administrative sex, with the FHIR ``AdministrativeGender`` codes."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class IdentityStatus(StrEnum):
    """Reliability of an identity (French RNIV statuses, plus ``provisional``).

    ``provisional`` is ours: an identity typed on the ward during the outage,
    to be reconciled by IT afterwards.
    """

    PROVISIONAL = "provisional"  # admitted on the ward during the outage
    RECOVERED = "recovered"  # identité récupérée (from the EHR, not checked)
    VALIDATED = "validated"  # identité validée (ID document seen)
    QUALIFIED = "qualified"  # identité qualifiée (validated + INS checked)
    UNKNOWN = "unknown"  # the source did not say


class PresenceStatus(StrEnum):
    """Whether the patient is on the ward according to the latest census."""

    PRESENT = "present"
    LEFT = "left"  # no longer in the latest census: kept, never deleted


class AllergyStatus(StrEnum):
    """What is known about allergies: "none known" is not "not documented"."""

    NOT_DOCUMENTED = "not-documented"
    NONE_KNOWN = "none-known"
    PRESENT = "present"


@dataclass(frozen=True)
class Identity:
    """Who the patient is. Names are kept as written by the source."""

    birth_name: str  # nom de naissance
    given_names: tuple[str, ...]  # prénoms (first one is the used first name)
    birth_date: dt.date | None
    sex: Sex = Sex.UNKNOWN
    used_name: str | None = None  # nom utilisé (e.g. married name)
    used_given_name: str | None = None  # prénom utilisé
    ipp: str | None = None
    ins: str | None = None  # only when status is QUALIFIED
    ins_system: str | None = None  # NIR or NIA OID
    status: IdentityStatus = IdentityStatus.UNKNOWN
    provisional_number: str | None = None
    birthplace_code: str | None = None  # INSEE code (COG)
    birthplace: str | None = None

    @property
    def display_surname(self) -> str:
        """The surname to show first: used name when there is one."""
        return self.used_name or self.birth_name

    @property
    def first_given(self) -> str:
        if self.used_given_name:
            return self.used_given_name
        return self.given_names[0] if self.given_names else ""

    def display_name(self) -> str:
        """"USEDNAME (née BIRTHNAME) Given", as wristbands and forms print it."""
        surname = self.display_surname.upper()
        if self.used_name and self.used_name != self.birth_name:
            born = "née" if self.sex is Sex.FEMALE else "né"
            surname = f"{surname} ({born} {self.birth_name.upper()})"
        return f"{surname} {self.first_given}".strip()

    @property
    def is_provisional(self) -> bool:
        """A provisional identity (RNIV): typed on the ward, or flagged so by the EHR.

        Either way it must be shown as provisional wherever the patient appears.
        """
        return self.status is IdentityStatus.PROVISIONAL

    @property
    def admitted_on_ward(self) -> bool:
        """Given a provisional number on a ward machine during the outage."""
        return self.provisional_number is not None


@dataclass(frozen=True)
class Location:
    """Where the patient lies. Every part is optional: a census may omit any."""

    unit: str | None = None  # unité de soins
    room: str | None = None
    bed: str | None = None

    def label(self) -> str:
        parts = []
        if self.room:
            parts.append(f"ch. {self.room}")
        if self.bed and self.bed != self.room:
            parts.append(f"lit {self.bed}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Allergy:
    """An allergy or intolerance (FHIR AllergyIntolerance)."""

    substance: str
    code: str | None = None
    code_system: str | None = None
    category: str | None = None  # food | medication | environment | biologic
    criticality: str | None = None  # low | high | unable-to-assess
    reaction: str | None = None
    verification: str | None = None  # confirmed | unconfirmed | ...


@dataclass(frozen=True)
class Prescription:
    """An active prescription, as the MAR needs it (FHIR MedicationRequest).

    ``dose_value`` stays a string so that "0.5" or "2,5" are never rounded by a
    float; ``times_of_day`` are "HH:MM" strings, the MAR's pre-filled columns.
    """

    key: str  # stable across snapshots: the MedicationRequest identifier or id
    drug: str
    dose_value: str | None = None
    dose_unit: str | None = None
    route: str | None = None
    times_of_day: tuple[str, ...] = ()
    frequency: str | None = None  # human text, e.g. "3 fois par jour"
    as_needed: bool = False
    as_needed_condition: str | None = None
    max_per_day: str | None = None
    rate: str | None = None  # infusion rate, e.g. "83 mL/h"
    instructions: str | None = None
    prescriber: str | None = None
    start: str | None = None  # ISO date or date-time as given
    end: str | None = None
    drug_code: str | None = None
    drug_code_system: str | None = None
    #: the route's SNOMED CT code when the census gave one (dosage.route.coding)
    route_code: str | None = None

    def dose_label(self) -> str:
        dose = " ".join(p for p in (self.dose_value, self.dose_unit) if p)
        return " ".join(p for p in (dose, self.route) if p)

    def occurrences(self, start: dt.datetime, end: dt.datetime,
                    zone: dt.tzinfo | None = None) -> list[dt.datetime]:
        """The scheduled doses in ``[start, end)``: each "HH:MM" on each local day.

        THE dose schedule (board, chart, MAR). Times are wall-clock times of ``zone``
        (``start``'s zone by default; give a ``ZoneInfo`` so that a change of offset
        inside the span is right). A time skipped when clocks go forward is given at
        the same instant read with the earlier offset (02:30 -> 03:30); a time that
        happens twice when they go back is given once, the first time. As-needed
        prescriptions have no schedule. Returned aware, in ``zone``, in order.
        """
        if self.as_needed:
            return []
        zone = zone or start.tzinfo
        if zone is None or start.tzinfo is None or end.tzinfo is None:
            raise ValueError("occurrences need aware start and end times")
        clock: list[dt.time] = []
        for text in self.times_of_day:
            try:
                hour, minute = (int(x) for x in text.strip().split(":")[:2])
                clock.append(dt.time(hour, minute))
            except ValueError:
                continue  # an unreadable time is shown as written on the MAR, never guessed
        begin, stop = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
        found: set[dt.datetime] = set()
        day = start.astimezone(zone).date() - dt.timedelta(days=1)
        last = end.astimezone(zone).date() + dt.timedelta(days=1)
        while day <= last:
            for at in clock:
                instant = dt.datetime.combine(day, at, zone).astimezone(dt.UTC)
                if begin <= instant < stop:
                    found.add(instant)
            day += dt.timedelta(days=1)
        return [instant.astimezone(zone) for instant in sorted(found)]


@dataclass(frozen=True)
class CensusEntry:
    """One patient as a census snapshot describes them, before storage."""

    identity: Identity
    location: Location = field(default_factory=Location)
    allergy_status: AllergyStatus = AllergyStatus.NOT_DOCUMENTED
    allergies: tuple[Allergy, ...] = ()
    prescriptions: tuple[Prescription, ...] = ()
    admitted_at: str | None = None
    attending: str | None = None  # médecin responsable, display name


@dataclass(frozen=True)
class Patient:
    """A patient stored in the vault, census-sourced or provisional."""

    id: str  # internal, stable (UUID); never printed alone
    identity: Identity
    location: Location
    presence: PresenceStatus
    allergy_status: AllergyStatus
    allergies: tuple[Allergy, ...]
    prescriptions: tuple[Prescription, ...]
    admitted_at: str | None = None
    attending: str | None = None
    left_at: str | None = None  # ISO date-time the census stopped listing them
    updated_at: str | None = None

    @property
    def is_provisional(self) -> bool:
        return self.identity.is_provisional

    def reference(self) -> str:
        """The number staff use: IPP, else provisional number, else internal id."""
        return self.identity.ipp or self.identity.provisional_number or self.id


@dataclass(frozen=True)
class CensusSnapshot:
    """A census import: where it came from, when it was made, what it changed."""

    id: int
    source: str  # file name (never a full path: it may name a person's folder)
    source_kind: str  # fhir | csv | generated
    generated_at: dt.datetime  # aware, UTC
    generated_at_basis: str  # bundle-timestamp | meta-lastUpdated | file-mtime
    imported_at: dt.datetime  # aware, UTC
    content_sha256: str
    patients: int
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    ignored: int = 0
    left: int = 0
    imported_by: str = ""


@dataclass(frozen=True)
class Freshness:
    """How old the ward's census is, for every screen and printout."""

    snapshot: CensusSnapshot | None
    now: dt.datetime

    #: older than this, screens and printouts should show the census as stale
    STALE_AFTER = dt.timedelta(hours=24)

    @property
    def age(self) -> dt.timedelta | None:
        if self.snapshot is None:
            return None
        return self.now - self.snapshot.generated_at

    @property
    def stale(self) -> bool:
        """No census at all, or one older than :attr:`STALE_AFTER`."""
        age = self.age
        return age is None or age > self.STALE_AFTER

    def label(self, lang: str = "fr", tz: dt.tzinfo | None = None) -> str:
        """"recensement de 14:05, il y a 2 h 10" (or the English sentence).

        ``tz`` is the zone used for the clock time (the machine's by default).
        """
        if self.snapshot is None:
            return "aucun recensement importé" if lang == "fr" else "no census imported"
        local = self.snapshot.generated_at.astimezone(tz)
        age = self.age or dt.timedelta(0)
        clock = local.strftime("%H:%M")
        same_day = local.date() == self.now.astimezone(tz).date()
        when = clock if same_day else local.strftime("%d/%m/%Y %H:%M")
        ago = format_age(age, lang)
        if lang == "fr":
            return f"recensement de {when}, il y a {ago}"
        return f"census of {when}, {ago} ago"


def format_age(age: dt.timedelta, lang: str = "fr") -> str:
    """"2 h 10", "45 min", "3 j 4 h": short ages as wards write them."""
    minutes = max(0, int(age.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    day = "j" if lang == "fr" else "d"
    if days:
        return f"{days} {day} {hours} h"
    if hours:
        return f"{hours} h {mins:02d}"
    return f"{mins} min"
