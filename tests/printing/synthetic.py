"""Synthetic ward patients for printing tests and the print benchmark (fixed seed)."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from care_degraded.domain.patient import (
    Allergy,
    AllergyStatus,
    Identity,
    IdentityStatus,
    Location,
    Patient,
    Prescription,
    PresenceStatus,
    Sex,
)

SURNAMES = ["Lefèvre", "Bérenger", "Nguyễn", "Ørsted", "Dubœuf", "Martin", "Lemaître", "Crépin",
            "Fournier-Lagrange", "Saint-Exupéry", "Gaël", "Da Costa", "Müller", "Benoît"]
GIVEN = ["Éloïse", "Zoé", "Gaëtan", "Chloé", "Jérôme", "Anaïs", "Noël", "Hélène", "Maël", "Cécile"]
DRUGS = [
    ("Paracétamol", "1", "g", "PO", ("08:00", "14:00", "20:00")),
    ("Énoxaparine sodique (Lovenox®) solution injectable", "4000", "UI", "SC", ("20:00",)),
    ("Amoxicilline + acide clavulanique", "1", "g", "IV", ("06:00", "14:00", "22:00")),
    ("Furosémide", "40", "mg", "PO", ("08:00",)),
    ("Insuline asparte selon protocole glycémique", "", "", "SC", ("07:30", "11:30", "18:30")),
    ("Oméprazole", "20", "mg", "PO", ("08:00",)),
    ("Chlorure de potassium (Diffu-K®)", "600", "mg", "PO", ("08:00", "20:00")),
    ("Bisoprolol", "2,5", "mg", "PO", ("08:00",)),
    ("Tramadol", "50", "mg", "PO", ()),
]


def prescription(rng: random.Random, n: int) -> Prescription:
    drug, dose, unit, route, times = DRUGS[rng.randrange(len(DRUGS))]
    prn = not times
    return Prescription(key=f"rx-{n}", drug=drug, dose_value=dose or None, dose_unit=unit or None,
                        route=route, times_of_day=times, as_needed=prn,
                        as_needed_condition="douleur EN > 4" if prn else None,
                        max_per_day="4" if prn else None,
                        frequency=f"{len(times)} fois par jour" if times else None)


def patient(rng: random.Random, bed: int, prescriptions: int | None = None,
            provisional: bool = False, name: str | None = None) -> Patient:
    surname = name or rng.choice(SURNAMES)
    ident = Identity(
        birth_name=surname, given_names=(rng.choice(GIVEN),),
        birth_date=dt.date(1930 + rng.randrange(70), 1 + rng.randrange(12), 1 + rng.randrange(28)),
        sex=rng.choice([Sex.FEMALE, Sex.MALE]),
        ipp=None if provisional else f"90{rng.randrange(10**6):06d}",
        provisional_number=f"AB12-{bed:04d}" if provisional else None,
        status=IdentityStatus.PROVISIONAL if provisional else IdentityStatus.VALIDATED)
    count = rng.randrange(2, 9) if prescriptions is None else prescriptions
    allergies = (Allergy("Pénicilline", criticality="high", reaction="œdème de Quincke"),) \
        if rng.random() < 0.3 else ()
    return Patient(
        id=str(uuid.UUID(int=rng.getrandbits(128))), identity=ident,
        location=Location("Médecine B", str(bed), str(bed)), presence=PresenceStatus.PRESENT,
        allergy_status=AllergyStatus.PRESENT if allergies else AllergyStatus.NONE_KNOWN,
        allergies=allergies, prescriptions=tuple(prescription(rng, i) for i in range(count)),
        attending="Dr Lévêque")


def ward(count: int, seed: int = 6) -> list[Patient]:
    rng = random.Random(seed)
    beds = list(range(1, count + 1))
    rng.shuffle(beds)  # the kit must sort by bed itself
    return [patient(rng, bed, provisional=(i == 1)) for i, bed in enumerate(beds)]
