"""Patient use cases: the ward list, one patient, search, admission during the outage.

Admission gives a *provisional identity*: the device's prefix and a counter, so
that no two ward machines ever hand out the same number. It is written as an
append-only revision (kind ``admission``) because a person typed it, and it is
refused with the likely duplicates listed unless the user insists (``force``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from care_degraded.census.matching import (
    Candidate,
    LikelyDuplicate,
    birth_dates_to_check,
    find_candidates,
)
from care_degraded.domain.errors import InvalidInput
from care_degraded.domain.names import name_tokens
from care_degraded.domain.patient import Identity, IdentityStatus, Location, Patient, Sex
from care_degraded.domain.revision import Revision
from care_degraded.vault import Vault
from care_degraded.vault.patients import PatientRepository

__all__ = ["Admission", "Candidate", "LikelyDuplicate", "admit_patient", "find_duplicates",
           "find_patient", "get_patient", "list_patients", "search_patients", "ward_patients"]

ADMISSION_KIND = "admission"


def ward_patients(vault: Vault) -> list[Patient]:
    """Patients present on the ward, in bed order, with allergies and active prescriptions."""
    return PatientRepository(vault.conn).ward_list()


def list_patients(vault: Vault, include_left: bool = False) -> list[Patient]:
    """The ward list; with ``include_left``, also those the census no longer lists."""
    return PatientRepository(vault.conn).ward_list(include_left=include_left)


def get_patient(vault: Vault, reference: str) -> Patient | None:
    """A patient by internal id, IPP, provisional number or INS; None if there is none."""
    return PatientRepository(vault.conn).find(reference)


find_patient = get_patient


def search_patients(vault: Vault, query: str, limit: int = 50) -> list[Patient]:
    """By name (accent-, case-, hyphen-insensitive and phonetic), IPP, provisional
    number, room or bed; present patients and closer matches first."""
    return PatientRepository(vault.conn).search(query, limit)


def find_duplicates(vault: Vault, surname: str, given_names: list[str], birth_date: dt.date,
                    used_name: str | None = None) -> list[Candidate]:
    """Known patients (census or provisional, present or left) who may be this person."""
    known = PatientRepository(vault.conn).with_birth_date(birth_dates_to_check(birth_date))
    return find_candidates(surname, given_names, birth_date, known, used_name)


@dataclass(frozen=True)
class Admission:
    patient: Patient
    revision: Revision
    overridden: tuple[Candidate, ...]  # duplicates the user chose to admit past


def admit_patient(vault: Vault, *, surname: str, given_names: list[str],
                  birth_date: dt.date, sex: Sex | str, bed: str | None = None,
                  room: str | None = None, unit: str | None = None,
                  used_name: str | None = None, force: bool = False) -> Admission:
    """Admit someone the census does not know: a provisional identity, numbered
    with the device prefix. Likely duplicates raise LikelyDuplicate unless ``force``."""
    surname, used = surname.strip(), (used_name or "").strip() or None
    given = tuple(g.strip() for g in given_names if g.strip())
    if not name_tokens(surname):
        raise InvalidInput("the surname is empty")
    if not given:
        raise InvalidInput("the given name is empty")
    today = vault.clock().date()
    if birth_date > today or birth_date.year < today.year - 130:
        raise InvalidInput("the birth date is not plausible")
    sex = Sex(sex)
    with vault.transaction():
        candidates = find_duplicates(vault, surname, list(given), birth_date, used)
        if candidates and not force:
            raise LikelyDuplicate(candidates)
        repo = PatientRepository(vault.conn)
        number = repo.next_provisional_number(vault.device.prefix)
        identity = Identity(birth_name=surname, given_names=given, birth_date=birth_date,
                            sex=sex, used_name=used if used != surname else None,
                            status=IdentityStatus.PROVISIONAL, provisional_number=number)
        location = Location(unit=unit or vault.ward, room=room or None, bed=bed or None)
        patient = repo.insert_provisional(identity, location, vault.clock())
        payload = {
            "patient_id": patient.id,
            "identity": _identity_payload(identity),
            "location": dataclasses.asdict(location),
            "duplicates_overridden": [c.patient.id for c in candidates],
            "duplicate_reasons": {c.patient.id: list(c.reasons) for c in candidates},
        }
        revision = vault.revisions.append(kind=ADMISSION_KIND, patient_ref=patient.id,
                                          payload=payload)
        vault.audit.append("patient.admit", f"patient:{patient.id}:{number}")
    return Admission(patient, revision, tuple(candidates))


def _identity_payload(identity: Identity) -> dict[str, object]:
    data = dataclasses.asdict(identity)
    data["given_names"] = list(identity.given_names)
    data["birth_date"] = identity.birth_date.isoformat() if identity.birth_date else None
    data["sex"] = identity.sex.value
    data["status"] = identity.status.value
    return data
