"""Junk definitions never crash the loader with anything but InvalidInput."""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from care_degraded.domain.errors import InvalidInput
from care_degraded.questionnaire import load_questionnaire, validate

TYPES = ["group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time",
         "string", "text", "choice", "open-choice", "quantity", "attachment", "url", "bogus"]
LINK_IDS = ["a", "b", "c", "d"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=True),
                    st.text(max_size=4), st.sampled_from(LINK_IDS + TYPES))
junk = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=8)
extension = st.fixed_dictionaries({"url": st.sampled_from([
    "http://hl7.org/fhir/StructureDefinition/minValue",
    "http://hl7.org/fhir/StructureDefinition/maxDecimalPlaces",
    "http://hl7.org/fhir/StructureDefinition/questionnaire-unit",
    "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl",
    "http://hl7.org/fhir/StructureDefinition/variable",
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression",
    "http://example.org/x"]), "valueExpression": junk, "valueInteger": junk,
    "valueCoding": junk, "valueCodeableConcept": junk})


def items(depth: int) -> st.SearchStrategy[Any]:
    child = items(depth - 1) if depth else st.just([])
    item = st.fixed_dictionaries(
        {"linkId": st.one_of(st.sampled_from(LINK_IDS), junk), "type": st.sampled_from(TYPES)},
        optional={"text": junk, "required": junk, "repeats": st.booleans(), "maxLength": junk,
                  "answerOption": st.lists(st.one_of(junk, st.fixed_dictionaries(
                      {"valueCoding": junk})), max_size=2),
                  "enableWhen": st.lists(st.fixed_dictionaries(
                      {"question": st.sampled_from(LINK_IDS),
                       "operator": st.sampled_from(["=", "exists", ">", "??"]),
                       "answerInteger": junk}), max_size=2),
                  "enableBehavior": junk, "initial": junk, "answerValueSet": junk,
                  "extension": st.lists(extension, max_size=2), "item": child})
    return st.lists(st.one_of(item, junk), max_size=3)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({"resourceType": st.just("Questionnaire"), "item": items(2)},
                             optional={"contained": junk, "extension": junk, "meta": junk}),
       st.dictionaries(st.sampled_from(LINK_IDS), junk, max_size=3))
def test_junk_never_crashes(definition: dict[str, Any], answers: dict[str, Any]) -> None:
    try:
        spec = load_questionnaire(definition)
    except InvalidInput:
        return
    with contextlib.suppress(InvalidInput):
        validate(spec, answers)  # a loaded form must also survive junk answers
