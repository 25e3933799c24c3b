"""Reading FHIR JSON elements defensively: references, CodeableConcepts, strings.

Census files come from many systems; every reader here accepts what is absent or
oddly shaped and returns None rather than failing, leaving the decision to the
resource mappers (census_in, medication_in).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Resource = Mapping[str, Any]


class Malformed(ValueError):
    """The resource breaks the FHIR rules the census relies on (no patient data inside)."""


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
        reference = element.get("reference")
        # the common "Type/id" form answered here, without the general parser
        if isinstance(reference, str) and reference.count("/") == 1:
            return reference
        return reference_key(reference)
    return None


def codings(concept: object) -> list[Mapping[str, Any]]:
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
    for coding in codings(concept):
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


def text_of(value: object) -> str | None:
    """A non-blank string, stripped; None for anything else."""
    if isinstance(value, str):
        value = value.strip()  # stripped once: called for every text of every resource
        return value or None
    return None


def mapping(value: object) -> Mapping[str, Any]:
    """The value if it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def items(value: object) -> list[Any]:
    """The value if it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []
