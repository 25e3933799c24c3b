"""A synthetic census: a FHIR R4 collection Bundle of invented patients.

Deterministic: the same seed (and the same ``generated_at``) gives the same bytes.
Used by ``care-degraded census generate``, the demo ward, tests and benchmarks.
Each patient has an IPP (a few only a qualified INS), a bed, allergies and 0-15
active prescriptions with the times of day a MAR is pre-filled with.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from care_degraded.census import synthetic_data as data
from care_degraded.domain.names import compact_name
from care_degraded.fhir import codes

#: Default Bundle.timestamp, so that the same seed always gives the same file.
DEFAULT_GENERATED_AT = dt.datetime(2026, 1, 15, 6, 0, tzinfo=dt.UTC)
IPP_SYSTEM = "https://example.org/fhir/sid/ipp"
RX_SYSTEM = "https://example.org/fhir/sid/prescription"
_PRESCRIPTION_COUNTS = tuple(range(16))
# Most inpatients have 4-9 lines; a few none, a few 15.
_PRESCRIPTION_WEIGHTS = (3, 3, 4, 6, 8, 9, 10, 10, 9, 8, 7, 6, 5, 4, 3, 2)


def generate(
    patients: int,
    seed: int,
    *,
    beds: int | None = None,
    generated_at: dt.datetime | None = None,
    unit: str | None = None,
) -> dict[str, Any]:
    """Build the census Bundle as a dict (see :func:`write`, which streams it)."""
    header, entries = _build(patients, seed, beds, generated_at, unit)
    return {**header, "entry": list(entries)}


def write(
    path: str | Path,
    patients: int,
    seed: int,
    *,
    beds: int | None = None,
    generated_at: dt.datetime | None = None,
    unit: str | None = None,
) -> Path:
    """Write the census Bundle to ``path`` atomically, one entry per line."""
    path = Path(path)
    header, entries = _build(patients, seed, beds, generated_at, unit)
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":"))[:-1]
    fd, tmp = tempfile.mkstemp(prefix=".census-", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(head + ',"entry":[\n')
            first = True
            for entry in entries:
                if not first:
                    out.write(",\n")
                out.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
                first = False
            out.write("\n]}\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _build(
    patients: int, seed: int, beds: int | None, generated_at: dt.datetime | None,
    unit: str | None,
) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    if patients < 0:
        raise ValueError("patients must be >= 0")
    at = (generated_at or DEFAULT_GENERATED_AT).astimezone(dt.UTC).replace(microsecond=0)
    bed_count = beds if beds is not None else max(1, math.ceil(patients / 0.93))
    if bed_count < patients:
        raise ValueError("fewer beds than patients")
    header = {
        "resourceType": "Bundle",
        "id": f"census-{seed}",
        "meta": {"source": "care-degraded synthetic census"},
        "type": "collection",
        "timestamp": at.isoformat().replace("+00:00", "Z"),
    }
    return header, _entries(patients, seed, bed_count, at, unit)


def _entries(
    patients: int, seed: int, bed_count: int, at: dt.datetime, unit: str | None,
) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for index, (given, family) in enumerate(data.PRACTITIONERS, 1):
        yield _entry({
            "resourceType": "Practitioner", "id": f"pr-{index:02d}",
            "name": [{"use": "official", "family": family, "given": [given], "prefix": ["Dr"]}],
        })
    layout = list(_bed_layout(bed_count, rng, unit))
    seen: set[str] = set()
    for bed_id, bed, room, ward in layout:
        for lid, name, kind, parent in (
            (f"ward-{_slug(ward)}", ward, "wa", None),
            (f"room-{_slug(ward)}-{room}", room, "ro", f"ward-{_slug(ward)}"),
            (bed_id, bed, "bd", f"room-{_slug(ward)}-{room}"),
        ):
            if lid not in seen:
                seen.add(lid)
                yield _entry(_location(lid, name, kind, parent))
    occupied = rng.sample(layout, patients)
    for number, place in enumerate(occupied, 1):
        yield from _patient(rng, number, place, at)


def _bed_layout(count: int, rng: random.Random, unit: str | None) -> Iterator[tuple[str, str, str, str]]:
    """(location id, bed, room, ward): single and double rooms, 30 beds per ward.

    With ``unit`` every bed is on that one ward and rooms are numbered 1, 2...;
    otherwise wards of 30 beds take turns through ``UNITS`` and rooms are
    numbered by ward (101, 102... 201...).
    """
    made, room_no, ward_index = 0, 0, -1
    while made < count:
        if not unit and made // 30 != ward_index:
            ward_index, room_no = made // 30, 0
        ward = unit or data.UNITS[ward_index % len(data.UNITS)]
        if not unit and ward_index >= len(data.UNITS):
            ward = f"{ward} {ward_index // len(data.UNITS) + 1}"
        room_no += 1
        room = str(room_no) if unit else f"{ward_index + 1}{room_no:02d}"
        double = rng.random() < 0.45 and count - made >= 2
        for letter in ("A", "B") if double else ("",):
            bed = f"{room}{letter}"
            yield f"bed-{_slug(ward)}-{bed}", bed, room, ward
            made += 1


def _patient(
    rng: random.Random, number: int, place: tuple[str, str, str, str], at: dt.datetime,
) -> Iterator[dict[str, Any]]:
    bed_id, _bed, room, ward = place
    pid, eid = f"p-{number:06d}", f"e-{number:06d}"
    female = rng.random() < 0.52
    sex = "female" if female else "male"
    birth = _birth_date(rng, at)
    birth_name = _surname(rng)
    given_pool = data.FEMALE_GIVEN if female else data.MALE_GIVEN
    given = [rng.choice(given_pool) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
    names: list[dict[str, Any]] = [{"use": "official", "family": birth_name, "given": given}]
    if female and rng.random() < 0.35:
        names.append({"use": "usual", "family": _surname(rng), "given": given[:1]})
    resource: dict[str, Any] = {
        "resourceType": "Patient", "id": pid,
        "identifier": [],
        "name": names, "gender": sex, "birthDate": birth.isoformat(),
    }
    has_ipp = rng.random() < 0.97
    ins_roll = rng.random()
    if has_ipp:
        resource["identifier"].append({
            "use": "usual",
            "type": {"coding": [{"system": codes.V2_0203, "code": "PI"}]},
            "system": IPP_SYSTEM, "value": f"{8000000 + number * 7 + rng.randrange(7):08d}",
        })
    status = "VALI"
    if not has_ipp or ins_roll < 0.3:
        status = "QUAL"
        resource["identifier"].append({
            "use": "official",
            "type": {"coding": [{"system": codes.FR_CORE_V2_0203, "code": "INS-NIR-TEST"}]},
            "system": codes.INS_NIR_TEST, "value": _nir(rng, female, birth),
        })
    elif ins_roll < 0.4:
        status = "PROV"
    resource["extension"] = [
        {"url": codes.EXT_IDENTITY_RELIABILITY, "extension": [
            {"url": "identityStatus", "valueCoding": {"system": codes.IDENTITY_STATUS_SYSTEM, "code": status}},
        ]},
        _birthplace(rng),
    ]
    yield _entry(resource)
    practitioner = f"pr-{rng.randrange(len(data.PRACTITIONERS)) + 1:02d}"
    admitted = at - dt.timedelta(minutes=rng.randrange(30, 60 * 24 * 21))
    yield _entry({
        "resourceType": "Encounter", "id": eid, "status": "in-progress",
        "class": {"system": codes.V3_ACT_CODE, "code": "IMP", "display": "inpatient encounter"},
        "subject": {"reference": f"Patient/{pid}"},
        "participant": [{"individual": {"reference": f"Practitioner/{practitioner}"}}],
        "period": {"start": _iso(admitted)},
        "location": [
            _encounter_location(f"Location/{bed_id}", "bd"),
            _encounter_location(f"Location/room-{_slug(ward)}-{room}", "ro"),
            _encounter_location(f"Location/ward-{_slug(ward)}", "wa"),
        ],
    })
    yield from _allergies(rng, pid)
    for line in range(rng.choices(_PRESCRIPTION_COUNTS, _PRESCRIPTION_WEIGHTS)[0]):
        yield _entry(_prescription(rng, pid, eid, f"{pid}-rx{line + 1:02d}", practitioner, admitted))


def _prescription(
    rng: random.Random, pid: str, eid: str, rx_id: str, practitioner: str, admitted: dt.datetime,
) -> dict[str, Any]:
    drug = rng.choice(data.DRUGS)
    start = admitted + dt.timedelta(minutes=rng.randrange(0, 600))
    repeat: dict[str, Any] = {"boundsPeriod": {"start": _iso(start)}}
    if drug.atc and drug.atc.startswith("J01"):  # antibiotics: a 7-day course
        repeat["boundsPeriod"]["end"] = _iso(start + dt.timedelta(days=7))
    if drug.times:
        repeat.update(frequency=len(drug.times), period=1, periodUnit="d",
                      timeOfDay=[f"{t}:00" for t in drug.times])
    dose: dict[str, Any] = {"doseQuantity": {
        "value": float(drug.dose) if "." in drug.dose else int(drug.dose),
        "unit": drug.unit_label, "system": codes.UCUM, "code": drug.unit,
    }}
    if drug.rate:
        value, unit = drug.rate.split(" ", 1)
        dose["rateQuantity"] = {"value": int(value), "unit": unit, "system": codes.UCUM, "code": unit}
    route = data.ROUTES[drug.route]
    when = ", ".join(drug.times) if drug.times else f"si {drug.as_needed}"
    dosage: dict[str, Any] = {
        "text": f"{drug.dose.replace('.', ',')} {drug.unit_label} {route}, {when}",
        "timing": {"repeat": repeat},
        "route": {"coding": [{"system": codes.SNOMED, "code": drug.route}], "text": route},
        "doseAndRate": [dose],
    }
    if drug.as_needed:
        dosage["asNeededCodeableConcept"] = {"text": drug.as_needed}
        count, per = drug.max_per_day.split("/") if drug.max_per_day else ("", "")
        dosage["maxDosePerPeriod"] = {
            "numerator": {"value": int(count.split()[0]), "unit": "fois"},
            "denominator": {"value": int(per.split()[0]), "unit": "h", "system": codes.UCUM, "code": "h"},
        }
    medication: dict[str, Any] = {"text": drug.drug}
    if drug.atc:
        medication["coding"] = [{"system": codes.ATC, "code": drug.atc}]
    return {
        "resourceType": "MedicationRequest", "id": rx_id,
        "identifier": [{"system": RX_SYSTEM, "value": rx_id}],
        "status": "active", "intent": "order",
        "medicationCodeableConcept": medication,
        "subject": {"reference": f"Patient/{pid}"},
        "encounter": {"reference": f"Encounter/{eid}"},
        "authoredOn": _iso(start),
        "requester": {"reference": f"Practitioner/{practitioner}"},
        "dosageInstruction": [dosage],
    }


def _allergies(rng: random.Random, pid: str) -> Iterator[dict[str, Any]]:
    roll = rng.random()
    if roll < 0.15:  # not documented: no resource at all
        return
    base = {
        "resourceType": "AllergyIntolerance",
        "clinicalStatus": {"coding": [{"system": codes.ALLERGY_CLINICAL, "code": "active"}]},
        "verificationStatus": {"coding": [{"system": codes.ALLERGY_VERIFICATION, "code": "confirmed"}]},
        "patient": {"reference": f"Patient/{pid}"},
    }
    if roll < 0.7:
        yield _entry({**base, "id": f"{pid}-nka", "code": {
            "coding": [{"system": codes.SNOMED, "code": codes.NO_KNOWN_ALLERGY}],
            "text": "Aucune allergie connue"}})
        return
    for n, (substance, code, category, criticality, reaction) in enumerate(
            rng.sample(data.ALLERGIES, rng.choice((1, 1, 1, 2, 3))), 1):
        yield _entry({
            **base, "id": f"{pid}-al{n}", "type": "allergy", "category": [category],
            "criticality": criticality,
            "code": {"coding": [{"system": codes.SNOMED, "code": code}], "text": substance},
            "reaction": [{"manifestation": [{"text": reaction}]}],
        })


def _surname(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.08:  # compound surname (double nom)
        first, second = rng.sample(data.SURNAMES, 2)
        return f"{first}-{second}"
    if roll < 0.11:
        return f"{rng.choice(data.SURNAMES)} {rng.choice(data.SURNAMES)}"
    return rng.choice(data.SURNAMES)


def _birth_date(rng: random.Random, at: dt.datetime) -> dt.date:
    # Inpatients are mostly old: a triangular age distribution peaking at 78.
    age_days = int(rng.triangular(18, 101, 78) * 365.25)
    return at.date() - dt.timedelta(days=age_days)


def _nir(rng: random.Random, female: bool, birth: dt.date) -> str:
    """A well-formed NIR (sex, year, month, commune, order, key 97 - n mod 97)."""
    body = (f"{2 if female else 1}{birth.year % 100:02d}{birth.month:02d}"
            f"{rng.randrange(1, 96):02d}{rng.randrange(1, 990):03d}{rng.randrange(1, 999):03d}")
    return f"{body}{97 - int(body) % 97:02d}"


def _birthplace(rng: random.Random) -> dict[str, Any]:
    code, city = rng.choice(data.BIRTHPLACES)
    return {"url": codes.EXT_BIRTHPLACE, "valueAddress": {
        "city": city, "country": "FRA",
        "extension": [{"url": codes.EXT_INSEE_CODE, "valueCoding": {"code": code}}]}}


def _location(lid: str, name: str, kind: str, part_of: str | None) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Location", "id": lid, "name": name,
        "physicalType": {"coding": [{"system": codes.LOCATION_PHYSICAL_TYPE, "code": kind}]},
    }
    if part_of:
        resource["partOf"] = {"reference": f"Location/{part_of}"}
    return resource


def _encounter_location(reference: str, kind: str) -> dict[str, Any]:
    return {"location": {"reference": reference}, "status": "active",
            "physicalType": {"coding": [{"system": codes.LOCATION_PHYSICAL_TYPE, "code": kind}]}}


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"https://example.org/fhir/{resource['resourceType']}/{resource['id']}",
            "resource": resource}


def _slug(text: str) -> str:
    return compact_name(text)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
