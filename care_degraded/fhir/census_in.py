"""FHIR R4 census resources -> domain objects.

Patient -> Identity, Encounter -> where the patient lies, AllergyIntolerance ->
Allergy, Practitioner and Location -> the names those point at; MedicationRequest
-> Prescription lives in medication_in. Each function takes one resource (a dict).

``Malformed`` means the file breaks FHIR in a way the import must not guess
about (a birth date that is not a date): the whole file is refused. A Patient
that is well-formed but unusable (no identifier) is *refused* by returning a
``Refusal`` reason instead. No message carries patient data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from care_degraded.domain.patient import Allergy, Identity, IdentityStatus, Sex
from care_degraded.fhir import codes
from care_degraded.fhir.datatypes import check_datetime, parse_fhir_date
from care_degraded.fhir.elements import (
    Malformed,
    Resource,
    concept_text,
    first_code,
    items,
    ref_of,
    reference_key,
    text_of,
)
from care_degraded.fhir.medication_in import medication_name, prescription

__all__ = ["CURRENT_ENCOUNTER", "NO_KNOWN_ALLERGY", "Malformed", "Place", "Refusal", "Resource",
           "Stay", "allergy", "concept_text", "encounter_stay", "first_code",
           "medication_name", "patient_identity", "place", "practitioner_name", "prescription",
           "ref_of", "reference_key"]


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


# -- Patient ---------------------------------------------------------------------------
def patient_identity(resource: Resource) -> Identity | Refusal:
    """The identity of a FHIR Patient, or why it cannot be imported."""
    identifiers = [i for i in items(resource.get("identifier"))
                   if isinstance(i, dict) and text_of(i.get("value"))]
    if not identifiers:
        return Refusal("no identifier")
    status = IdentityStatus(codes.IDENTITY_STATUS_CODES.get(_identity_status_code(resource) or "",
                                                             "unknown"))
    ins, ins_system = None, None
    local: list[Mapping[str, Any]] = []
    for identifier in identifiers:
        system = text_of(identifier.get("system"))
        type_code, _ = first_code(identifier.get("type"))
        if system in codes.INS_SYSTEMS or type_code in codes.INS_TYPE_CODES:
            if status is IdentityStatus.QUALIFIED and ins is None:
                ins, ins_system = text_of(identifier.get("value")), system
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
    return text_of(min(identifiers, key=rank).get("value"))


def _identity_status_code(resource: Resource) -> str | None:
    for ext in items(resource.get("extension")):
        if not isinstance(ext, dict) or ext.get("url") != codes.EXT_IDENTITY_RELIABILITY:
            continue
        for sub in items(ext.get("extension")):
            if isinstance(sub, dict) and sub.get("url") == "identityStatus":
                if text_of(sub.get("valueCode")):
                    return str(sub["valueCode"])
                code, _ = first_code({"coding": [sub.get("valueCoding")]})
                return code
    return None


def _family(name: Mapping[str, Any]) -> str | None:
    family = name.get("family")
    if isinstance(family, list):  # DSTU2 wrote family as a list of parts
        family = " ".join(p for p in family if isinstance(p, str))
    return text_of(family)


def _names(resource: Resource) -> tuple[tuple[str, tuple[str, ...]] | None,
                                         tuple[str, tuple[str, ...]] | None]:
    """(birth name, used name) as (family, given names)."""
    by_use: dict[str, tuple[str, tuple[str, ...]]] = {}
    for name in items(resource.get("name")):
        if not isinstance(name, dict):
            continue
        family = _family(name) or text_of(name.get("text"))
        given = tuple(g.strip() for g in items(name.get("given")) if text_of(g))
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
    for ext in items(resource.get("extension")):
        if isinstance(ext, dict) and ext.get("url") == codes.EXT_BIRTHPLACE:
            address = ext.get("valueAddress")
            if not isinstance(address, dict):
                return None, None
            code = None
            for sub in items(address.get("extension")):
                if isinstance(sub, dict) and str(sub.get("url", "")).endswith("insee-code"):
                    code = text_of(sub.get("valueCode")) or first_code(
                        {"coding": [sub.get("valueCoding")]})[0]
            return code, text_of(address.get("city")) or text_of(address.get("text"))
    return None, None


# -- Practitioner and Location -------------------------------------------------------------
def practitioner_name(resource: Resource) -> str | None:
    for name in items(resource.get("name")):
        if isinstance(name, dict):
            text = text_of(name.get("text"))
            if text:
                return text
            parts = [p for p in items(name.get("prefix")) + items(name.get("given"))
                     if isinstance(p, str)]
            family = _family(name)
            return " ".join(parts + ([family] if family else [])) or None
    return None


def place(resource: Resource) -> Place:
    kind, _ = first_code(resource.get("physicalType"))
    return Place(text_of(resource.get("name")) or text_of(resource.get("alias")) or "",
                 kind, ref_of(resource.get("partOf")))


# -- Encounter ------------------------------------------------------------------------------
def encounter_stay(resource: Resource, places: Mapping[str, Place]) -> Stay:
    """Bed, room and unit from Encounter.location (Location resources followed up partOf)."""
    status = text_of(resource.get("status")) or "unknown"
    found: dict[str, str] = {}
    for loc in items(resource.get("location")):
        if not isinstance(loc, dict) or loc.get("status") in ("completed", "planned"):
            continue
        target = loc.get("location")
        ref = ref_of(target)
        known = places.get(ref) if ref else None
        kind, _ = first_code(loc.get("physicalType"))
        kind = kind or (known.kind if known else None) or "ro"
        name = (known.name if known else None) or (
            text_of(target.get("display")) if isinstance(target, dict) else None)
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
    for participant in items(resource.get("participant")):
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
    for reaction in items(resource.get("reaction")):
        if not isinstance(reaction, dict):
            continue
        for manifestation in items(reaction.get("manifestation")):
            text = concept_text(manifestation)
            if text and text not in reactions:
                reactions.append(text)
        description = text_of(reaction.get("description"))
        if description and description not in reactions:
            reactions.append(description)
    category = next((c for c in items(resource.get("category")) if isinstance(c, str)), None)
    return Allergy(
        substance=concept_text(resource.get("code")) or "substance non précisée",
        code=code, code_system=system, category=category,
        criticality=text_of(resource.get("criticality")),
        reaction=", ".join(reactions) or None, verification=verification,
    )
