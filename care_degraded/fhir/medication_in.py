"""FHIR R4 MedicationRequest -> Prescription: what the MAR is pre-filled with.

Only active requests become prescriptions. Times of day come from
``timing.repeat.timeOfDay`` or, failing that, from the ``when`` event codes
(MORN, NOON...) at the clock times a ward gives them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from care_degraded.domain.patient import Prescription
from care_degraded.fhir import codes
from care_degraded.fhir.datatypes import check_datetime
from care_degraded.fhir.elements import (
    Malformed,
    Resource,
    concept_text,
    first_code,
    items,
    ref_of,
    text_of,
)

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def prescription(resource: Resource, practitioners: Mapping[str, str],
                 medications: Mapping[str, str]) -> Prescription | None:
    """An active prescription; None when the request is not active.

    Called for every MedicationRequest of a census (tens of thousands): written
    with plain lookups and few helper calls, for speed.
    """
    if resource.get("status") != "active":
        return None
    concept = resource.get("medicationCodeableConcept")
    drug = concept_text(concept)
    if drug is None:
        med_ref = resource.get("medicationReference")
        if isinstance(med_ref, dict):
            drug = medications.get(ref_of(med_ref) or "") or text_of(med_ref.get("display"))
        if drug is None:
            raise Malformed("MedicationRequest without a medication")
    drug_code, drug_system = first_code(concept)
    instructions = resource.get("dosageInstruction")
    dosages = ([d for d in instructions if isinstance(d, dict)]
               if isinstance(instructions, list) else [])
    dosage: Mapping[str, Any] = dosages[0] if dosages else _EMPTY
    timing = dosage.get("timing")
    repeat = timing.get("repeat") if isinstance(timing, dict) else None
    if not isinstance(repeat, dict):
        repeat = _EMPTY
    dose_value, dose_unit, rate = _dose(dosage)
    as_needed = bool(dosage.get("asNeededBoolean")) or "asNeededCodeableConcept" in dosage
    requester = resource.get("requester")
    prescriber = None
    if isinstance(requester, dict):
        prescriber = practitioners.get(ref_of(requester) or "") or text_of(requester.get("display"))
    bounds = repeat.get("boundsPeriod")
    if not isinstance(bounds, dict):
        bounds = _EMPTY
    dispense = resource.get("dispenseRequest")
    validity = dispense.get("validityPeriod") if isinstance(dispense, dict) else None
    if not isinstance(validity, dict):
        validity = _EMPTY
    start = _checked(bounds.get("start") or validity.get("start") or resource.get("authoredOn"))
    end = _checked(bounds.get("end") or validity.get("end"))
    texts = [t for t in (text_of(d.get("text")) for d in dosages) if t]
    return Prescription(
        key=_prescription_key(resource, drug, texts),
        drug=drug, dose_value=dose_value, dose_unit=dose_unit,
        route=_route(dosage.get("route")), times_of_day=_times(repeat),
        frequency=_frequency(repeat), as_needed=as_needed,
        as_needed_condition=concept_text(dosage.get("asNeededCodeableConcept")),
        max_per_day=_ratio(dosage.get("maxDosePerPeriod")), rate=rate,
        instructions=" / ".join(texts) or None, prescriber=prescriber,
        start=start, end=end, drug_code=drug_code, drug_code_system=drug_system,
        route_code=_route_code(dosage.get("route")),
    )


def _times(repeat: Mapping[str, Any]) -> tuple[str, ...]:
    """Clock times "HH:MM", sorted, from timeOfDay and the ``when`` event codes."""
    found: set[str] = set()
    time_of_day = repeat.get("timeOfDay")
    if isinstance(time_of_day, list):
        found.update(t[:5] for t in time_of_day if isinstance(t, str))
    when = repeat.get("when")
    if isinstance(when, list):
        found.update(codes.WHEN_TIMES[w] for w in when
                     if isinstance(w, str) and w in codes.WHEN_TIMES)
    return tuple(sorted(found))


def _checked(value: object) -> str | None:
    if value is None:
        return None
    try:
        return check_datetime(value)
    except ValueError:
        raise Malformed("a prescription date is not a valid date-time") from None


def _prescription_key(resource: Resource, drug: str, texts: list[str]) -> str:
    for identifier in items(resource.get("identifier")):
        if isinstance(identifier, dict) and text_of(identifier.get("value")):
            return f"{identifier.get('system') or ''}|{identifier['value']}"
    if text_of(resource.get("id")):
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
    return number_text(quantity.get("value")), text_of(quantity.get("unit")) or text_of(quantity.get("code"))


def _dose(dosage: Mapping[str, Any]) -> tuple[str | None, str | None, str | None]:
    dose_and_rate = dosage.get("doseAndRate")
    if not isinstance(dose_and_rate, list):
        return None, None, None
    for dose_rate in dose_and_rate:
        if not isinstance(dose_rate, dict):
            continue
        value, unit = _quantity(dose_rate.get("doseQuantity"))
        low_high = dose_rate.get("doseRange")
        if value is None and isinstance(low_high, dict):
            low, unit = _quantity(low_high.get("low"))
            high, high_unit = _quantity(low_high.get("high"))
            value, unit = f"{low or '?'}-{high or '?'}", unit or high_unit
        rate_quantity = dose_rate.get("rateQuantity")
        if rate_quantity is None:  # the usual case: no rate, no call
            return value, unit, None
        rate_value, rate_unit = _quantity(rate_quantity)
        rate = " ".join(p for p in (rate_value, rate_unit) if p) or None
        return value, unit, rate
    return None, None, None


def _route_code(route: object) -> str | None:
    """The SNOMED CT code of the route, if the census coded it."""
    if not isinstance(route, dict):
        return None
    for coding in route.get("coding") or ():
        if isinstance(coding, dict) and "snomed" in str(coding.get("system") or "") \
                and isinstance(coding.get("code"), str):
            return str(coding["code"])
    return None


def _route(route: object) -> str | None:
    if not isinstance(route, dict):
        return None
    text = text_of(route.get("text"))
    if text:
        return text
    code, _ = first_code(route)
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
