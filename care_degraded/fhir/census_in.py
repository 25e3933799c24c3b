"""FHIR R4 census resources -> domain objects.

Patient -> Identity, Encounter -> where the patient lies, AllergyIntolerance ->
Allergy, MedicationRequest -> Prescription, Practitioner and Location -> the
names those point at. Each function takes one resource (a dict).

``Malformed`` means the file breaks FHIR in a way the import must not guess
about (a birth date that is not a date): the whole file is refused. A Patient
that is well-formed but unusable (no identifier) is *refused* by returning a
``Refusal`` reason instead. No message carries patient data.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from care_degraded.domain.patient import Allergy, Identity, IdentityStatus, Prescription, Sex
from care_degraded.fhir import codes
from care_degraded.fhir.datatypes import check_datetime, parse_fhir_date

Resource = Mapping[str, Any]


class Malformed(ValueError):
    """The resource breaks the FHIR rules the census relies on."""


@dataclass(frozen=True)
class Refusal:
    reason: str


@dataclass(frozen=True)
class Place:
    """A Location resource: its name, physical type (bd, ro, wa...) and parent."""

    name: str
    kind: str | None
    part_of: str | None


@dataclass(frozen=True)
class Stay:
    """What an Encounter tells about the patient's current stay."""

    status: str
    bed: str | None
    room: str | None
    unit: str | None
    admitted_at: str | None
    attending_ref: str | None


NO_KNOWN_ALLERGY = "no-known-allergy"
CURRENT_ENCOUNTER = frozenset({"in-progress", "arrived", "onleave", "triaged"})


def reference_key(reference: object) -> str | None:
    """"Patient/123" from any reference form (relative, absolute URL, with _history)."""
    if not isinstance(reference, str) or not reference:
        return None
    if reference.count("/") == 1 or reference.startswith(("urn:", "#")):
        return reference  # the common case: already "Type/id"
    parts = reference.split("/_history/")[0].rstrip("/").split("/")
    return "/".join(parts[-2:]) if len(parts) >= 2 else reference


def ref_of(element: object) -> str | None:
    if isinstance(element, dict):
        return reference_key(element.get("reference"))
    return None


def _codings(concept: object) -> list[Mapping[str, Any]]:
    if not isinstance(concept, dict):
        return []
    coding = concept.get("coding")
    return [c for c in coding if isinstance(c, dict)] if isinstance(coding, list) else []


def concept_text(concept: object) -> str | None:
    """The human text of a CodeableConcept: text, else a display, else a code."""
    if not isinstance(concept, dict):
        return None
    text = concept.get("text")
    if isinstance(text, str):
        text = text.strip()
        if text:
            return text
    for coding in _codings(concept):
        for key in ("display", "code"):
            value = coding.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return None


def first_code(concept: object) -> tuple[str | None, str | None]:
    """(code, system) of the first coding that has a code. Called for every
    coded element of every resource: written for speed, without helpers."""
    if not isinstance(concept, dict):
        return None, None
    codings = concept.get("coding")
    if not isinstance(codings, list):
        return None, None
    for coding in codings:
        if isinstance(coding, dict):
            code = coding.get("code")
            if isinstance(code, str) and code:
                system = coding.get("system")
                return code, system if isinstance(system, str) else None
    return None, None


def _str(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


# -- Patient ---------------------------------------------------------------------------
def patient_identity(resource: Resource) -> Identity | Refusal:
    """The identity of a FHIR Patient, or why it cannot be imported."""
    identifiers = [i for i in _list(resource.get("identifier"))
                   if isinstance(i, dict) and _str(i.get("value"))]
    if not identifiers:
        return Refusal("no identifier")
    status = IdentityStatus(codes.IDENTITY_STATUS_CODES.get(_identity_status_code(resource) or "",
                                                             "unknown"))
    ins, ins_system = None, None
    local: list[Mapping[str, Any]] = []
    for identifier in identifiers:
        system = _str(identifier.get("system"))
        type_code, _ = first_code(identifier.get("type"))
        if system in codes.INS_SYSTEMS or type_code in codes.INS_TYPE_CODES:
            if status is IdentityStatus.QUALIFIED and ins is None:
                ins, ins_system = _str(identifier.get("value")), system
        else:
            local.append(identifier)
    ipp = _pick_local_identifier(local)
    if ipp is None and ins is None:
        return Refusal("no IPP and no qualified INS")
    birth, used = _names(resource)
    if birth is None:
        return Refusal("no name")
    try:
        birth_date = parse_fhir_date(resource["birthDate"]) if "birthDate" in resource else None
    except ValueError:
        raise Malformed("birthDate is not a valid date") from None
    gender = resource.get("gender", "unknown")
    if gender not in {s.value for s in Sex}:
        raise Malformed("gender is not male, female, other or unknown")
    family, given = birth
    used_family, used_given = used or (None, ())
    birthplace_code, birthplace = _birthplace(resource)
    return Identity(
        birth_name=family,
        given_names=given,
        birth_date=birth_date,
        sex=Sex(gender),
        used_name=used_family if used_family and used_family != family else None,
        used_given_name=used_given[0] if used_given and used_given[:1] != given[:1] else None,
        ipp=ipp,
        ins=ins,
        ins_system=ins_system,
        status=status,
        birthplace_code=birthplace_code,
        birthplace=birthplace,
    )


def _pick_local_identifier(identifiers: list[Mapping[str, Any]]) -> str | None:
    """The hospital's own number: typed PI, else MR, else usual, else official, else first."""
    def rank(identifier: Mapping[str, Any]) -> int:
        type_code, _ = first_code(identifier.get("type"))
        use = identifier.get("use")
        if use in ("old", "temp", "secondary"):
            return 9
        return {"PI": 0, "MR": 1}.get(type_code or "", 2 if use == "usual" else 3)
    if not identifiers:
        return None
    return _str(min(identifiers, key=rank).get("value"))


def _identity_status_code(resource: Resource) -> str | None:
    for ext in _list(resource.get("extension")):
        if not isinstance(ext, dict) or ext.get("url") != codes.EXT_IDENTITY_RELIABILITY:
            continue
        for sub in _list(ext.get("extension")):
            if isinstance(sub, dict) and sub.get("url") == "identityStatus":
                if _str(sub.get("valueCode")):
                    return str(sub["valueCode"])
                code, _ = first_code({"coding": [sub.get("valueCoding")]})
                return code
    return None


def _family(name: Mapping[str, Any]) -> str | None:
    family = name.get("family")
    if isinstance(family, list):  # DSTU2 wrote family as a list of parts
        family = " ".join(p for p in family if isinstance(p, str))
    return _str(family)


def _names(resource: Resource) -> tuple[tuple[str, tuple[str, ...]] | None,
                                         tuple[str, tuple[str, ...]] | None]:
    """(birth name, used name) as (family, given names)."""
    by_use: dict[str, tuple[str, tuple[str, ...]]] = {}
    for name in _list(resource.get("name")):
        if not isinstance(name, dict):
            continue
        family = _family(name) or _str(name.get("text"))
        given = tuple(g.strip() for g in _list(name.get("given")) if _str(g))
        if family is None:
            continue
        by_use.setdefault(str(name.get("use") or "any"), (family, given))
    birth = by_use.get("official") or by_use.get("maiden") or by_use.get("any") \
        or by_use.get("usual") or next(iter(by_use.values()), None)
    used = by_use.get("usual")
    if birth is not None and not birth[1] and used is not None:
        birth = (birth[0], used[1])
    return birth, used


def _birthplace(resource: Resource) -> tuple[str | None, str | None]:
    for ext in _list(resource.get("extension")):
        if isinstance(ext, dict) and ext.get("url") == codes.EXT_BIRTHPLACE:
            address = ext.get("valueAddress")
            if not isinstance(address, dict):
                return None, None
            code = None
            for sub in _list(address.get("extension")):
                if isinstance(sub, dict) and str(sub.get("url", "")).endswith("insee-code"):
                    code = _str(sub.get("valueCode")) or first_code(
                        {"coding": [sub.get("valueCoding")]})[0]
            return code, _str(address.get("city")) or _str(address.get("text"))
    return None, None


# -- Practitioner and Location -------------------------------------------------------------
def practitioner_name(resource: Resource) -> str | None:
    for name in _list(resource.get("name")):
        if isinstance(name, dict):
            text = _str(name.get("text"))
            if text:
                return text
            parts = [p for p in _list(name.get("prefix")) + _list(name.get("given"))
                     if isinstance(p, str)]
            family = _family(name)
            return " ".join(parts + ([family] if family else [])) or None
    return None


def place(resource: Resource) -> Place:
    kind, _ = first_code(resource.get("physicalType"))
    return Place(_str(resource.get("name")) or _str(resource.get("alias")) or "",
                 kind, ref_of(resource.get("partOf")))


# -- Encounter ------------------------------------------------------------------------------
def encounter_stay(resource: Resource, places: Mapping[str, Place]) -> Stay:
    """Bed, room and unit from Encounter.location (Location resources followed up partOf)."""
    status = _str(resource.get("status")) or "unknown"
    found: dict[str, str] = {}
    for loc in _list(resource.get("location")):
        if not isinstance(loc, dict) or loc.get("status") in ("completed", "planned"):
            continue
        target = loc.get("location")
        ref = ref_of(target)
        known = places.get(ref) if ref else None
        kind, _ = first_code(loc.get("physicalType"))
        kind = kind or (known.kind if known else None) or "ro"
        name = (known.name if known else None) or (
            _str(target.get("display")) if isinstance(target, dict) else None)
        if name:
            found.setdefault(kind, name)
        while known is not None and known.part_of:  # bed -> room -> ward
            parent = places.get(known.part_of)
            if parent is None or not parent.kind:
                break
            found.setdefault(parent.kind, parent.name)
            known = parent
    period = resource.get("period")
    start = period.get("start") if isinstance(period, dict) else None
    if start is not None:
        try:
            check_datetime(start)
        except ValueError:
            raise Malformed("period.start is not a valid date-time") from None
    attending = None
    for participant in _list(resource.get("participant")):
        ref = ref_of(participant.get("individual")) if isinstance(participant, dict) else None
        if ref and ref.startswith("Practitioner/"):
            attending = ref
            break
    return Stay(status, found.get("bd"), found.get("ro"), found.get("wa") or found.get("wi"),
                start if isinstance(start, str) else None, attending)


# -- AllergyIntolerance -----------------------------------------------------------------------
def allergy(resource: Resource) -> Allergy | str | None:
    """An Allergy, NO_KNOWN_ALLERGY, or None for an inactive, resolved or refuted one."""
    clinical, _ = first_code(resource.get("clinicalStatus"))
    verification, _ = first_code(resource.get("verificationStatus"))
    if clinical in ("inactive", "resolved") or verification in ("refuted", "entered-in-error"):
        return None
    code, system = first_code(resource.get("code"))
    if code in codes.NO_KNOWN_ALLERGY_CODES:
        return NO_KNOWN_ALLERGY
    reactions: list[str] = []
    for reaction in _list(resource.get("reaction")):
        if not isinstance(reaction, dict):
            continue
        for manifestation in _list(reaction.get("manifestation")):
            text = concept_text(manifestation)
            if text and text not in reactions:
                reactions.append(text)
        description = _str(reaction.get("description"))
        if description and description not in reactions:
            reactions.append(description)
    category = next((c for c in _list(resource.get("category")) if isinstance(c, str)), None)
    return Allergy(
        substance=concept_text(resource.get("code")) or "substance non précisée",
        code=code, code_system=system, category=category,
        criticality=_str(resource.get("criticality")),
        reaction=", ".join(reactions) or None, verification=verification,
    )


# -- MedicationRequest ---------------------------------------------------------------------------
def prescription(resource: Resource, practitioners: Mapping[str, str],
                 medications: Mapping[str, str]) -> Prescription | None:
    """An active prescription; None when the request is not active."""
    if resource.get("status") != "active":
        return None
    drug = concept_text(resource.get("medicationCodeableConcept"))
    med_ref = resource.get("medicationReference")
    if drug is None and isinstance(med_ref, dict):
        drug = medications.get(ref_of(med_ref) or "") or _str(med_ref.get("display"))
    if drug is None:
        raise Malformed("MedicationRequest without a medication")
    drug_code, drug_system = first_code(resource.get("medicationCodeableConcept"))
    dosages = [d for d in _list(resource.get("dosageInstruction")) if isinstance(d, dict)]
    dosage: Mapping[str, Any] = dosages[0] if dosages else {}
    repeat = _mapping(_mapping(dosage.get("timing")).get("repeat"))
    times = tuple(sorted({str(t)[:5] for t in _list(repeat.get("timeOfDay")) if isinstance(t, str)}
                         | {codes.WHEN_TIMES[w] for w in _list(repeat.get("when"))
                            if isinstance(w, str) and w in codes.WHEN_TIMES}))
    dose_value, dose_unit, rate = _dose(dosage)
    as_needed = bool(dosage.get("asNeededBoolean")) or "asNeededCodeableConcept" in dosage
    requester = resource.get("requester")
    prescriber = None
    if isinstance(requester, dict):
        prescriber = practitioners.get(ref_of(requester) or "") or _str(requester.get("display"))
    bounds = _mapping(repeat.get("boundsPeriod"))
    validity = _mapping(_mapping(resource.get("dispenseRequest")).get("validityPeriod"))
    start = _checked(bounds.get("start") or validity.get("start") or resource.get("authoredOn"))
    end = _checked(bounds.get("end") or validity.get("end"))
    texts = [t for t in (_str(d.get("text")) for d in dosages) if t]
    return Prescription(
        key=_prescription_key(resource, drug, texts),
        drug=drug, dose_value=dose_value, dose_unit=dose_unit,
        route=_route(dosage.get("route")), times_of_day=times,
        frequency=_frequency(repeat), as_needed=as_needed,
        as_needed_condition=concept_text(dosage.get("asNeededCodeableConcept")),
        max_per_day=_ratio(dosage.get("maxDosePerPeriod")), rate=rate,
        instructions=" / ".join(texts) or None, prescriber=prescriber,
        start=start, end=end, drug_code=drug_code, drug_code_system=drug_system,
    )


def _checked(value: object) -> str | None:
    if value is None:
        return None
    try:
        return check_datetime(value)
    except ValueError:
        raise Malformed("a prescription date is not a valid date-time") from None


def _prescription_key(resource: Resource, drug: str, texts: list[str]) -> str:
    for identifier in _list(resource.get("identifier")):
        if isinstance(identifier, dict) and _str(identifier.get("value")):
            return f"{identifier.get('system') or ''}|{identifier['value']}"
    if _str(resource.get("id")):
        return f"id|{resource['id']}"
    # Neither identifier nor id: the content is all there is to recognise it by.
    body = json.dumps([drug, texts], ensure_ascii=False)
    return "content|" + hashlib.sha256(body.encode()).hexdigest()[:16]


def number_text(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _quantity(quantity: object) -> tuple[str | None, str | None]:
    if not isinstance(quantity, dict):
        return None, None
    return number_text(quantity.get("value")), _str(quantity.get("unit")) or _str(quantity.get("code"))


def _dose(dosage: Mapping[str, Any]) -> tuple[str | None, str | None, str | None]:
    for dose_rate in _list(dosage.get("doseAndRate")):
        if not isinstance(dose_rate, dict):
            continue
        value, unit = _quantity(dose_rate.get("doseQuantity"))
        low_high = dose_rate.get("doseRange")
        if value is None and isinstance(low_high, dict):
            low, unit = _quantity(low_high.get("low"))
            high, high_unit = _quantity(low_high.get("high"))
            value, unit = f"{low or '?'}-{high or '?'}", unit or high_unit
        rate_value, rate_unit = _quantity(dose_rate.get("rateQuantity"))
        rate = " ".join(p for p in (rate_value, rate_unit) if p) or None
        return value, unit, rate
    return None, None, None


def _route(route: object) -> str | None:
    code, _ = first_code(route)
    if isinstance(route, dict) and _str(route.get("text")):
        return _str(route.get("text"))
    return codes.ROUTE_LABELS_FR.get(code or "") or concept_text(route)


_PERIOD_FR = {"h": "h", "d": "j", "wk": "sem.", "mo": "mois", "min": "min"}


def _frequency(repeat: Mapping[str, Any]) -> str | None:
    frequency, period = repeat.get("frequency"), repeat.get("period")
    if not isinstance(frequency, int) or not isinstance(period, int | float):
        return None
    unit = _PERIOD_FR.get(str(repeat.get("periodUnit")), str(repeat.get("periodUnit") or ""))
    return f"{frequency} fois / {number_text(period)} {unit}".strip()


def _ratio(ratio: object) -> str | None:
    if not isinstance(ratio, dict):
        return None
    parts: Mapping[str, Any] = ratio
    num_value, num_unit = _quantity(parts.get("numerator"))
    den_value, den_unit = _quantity(parts.get("denominator"))
    if num_value is None or den_value is None:
        return None
    num = " ".join(p for p in (num_value, num_unit) if p)
    den = " ".join(p for p in (den_value, den_unit) if p)
    return f"{num}/{den}"


def medication_name(resource: Resource) -> str | None:
    return concept_text(resource.get("code"))
