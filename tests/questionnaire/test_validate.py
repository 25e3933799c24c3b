"""Answer validation: types, required where enabled, ranges, lengths, options."""

from __future__ import annotations

from typing import Any

import pytest

from care_degraded.questionnaire import load_questionnaire, to_response, validate
from tests.questionnaire.builders import calc, coded, ext, item, questionnaire, when

SPEC = load_questionnaire(questionnaire(
    item("temp", "decimal", required=True, extension=[
        ext("minValue", valueDecimal=30), ext("maxValue", valueDecimal=43),
        ext("maxDecimalPlaces", valueInteger=1)]),
    item("hr", "integer", extension=[ext("minValue", valueInteger=20)]),
    item("ok", "boolean"),
    item("day", "date"), item("at", "dateTime"), item("hour", "time"),
    item("note", "string", maxLength=5),
    coded("o2", "air", "oxygen"),
    item("flow", "decimal", required=True, enableWhen=[
        when("o2", "=", answerCoding={"code": "oxygen"})]),
    item("free", "open-choice", answerOption=[{"valueString": "a"}]),
    item("w", "quantity", extension=[ext("questionnaire-unitOption", valueCoding={"code": "kg"})]),
    item("tags", "string", repeats=True),
    item("double", "decimal", extension=[calc(
        "%resource.item.where(linkId='temp').answer.value * 2")]),
))


def _codes(answers: dict[str, Any]) -> dict[str, list[str]]:
    return {k: [p.code for p in v] for k, v in validate(SPEC, answers).by_link_id().items()}


def test_a_valid_response() -> None:
    result = validate(SPEC, {"temp": 37.5, "hr": 80, "ok": True, "day": "2026-11-29",
                             "at": "2026-11-29T04:00:00+01:00", "hour": "04:00",
                             "note": "abc", "o2": "oxygen", "flow": 2, "free": "other",
                             "w": {"value": 70, "unit": "kg"}, "tags": ["a", "b"]})
    assert result.ok, result.problems
    assert result.answers["double"] == 75


@pytest.mark.parametrize(("answers", "expected"), [
    ({}, {"temp": ["required"]}),
    ({"temp": "37"}, {"temp": ["type"]}),
    ({"temp": True}, {"temp": ["type"]}),
    ({"temp": float("nan")}, {"temp": ["type"]}),
    ({"temp": 29.9}, {"temp": ["min"]}),
    ({"temp": 43.5}, {"temp": ["max"]}),
    ({"temp": 37.55}, {"temp": ["decimals"]}),
    ({"temp": 37, "hr": 80.5}, {"hr": ["type"]}),
    ({"temp": 37, "hr": 10}, {"hr": ["min"]}),
    ({"temp": 37, "ok": "yes"}, {"ok": ["type"]}),
    ({"temp": 37, "day": "29/11/2026"}, {"day": ["type"]}),
    ({"temp": 37, "day": "2026-02-30"}, {"day": ["type"]}),
    ({"temp": 37, "at": "2026-11-29 04:00"}, {"at": ["type"]}),
    ({"temp": 37, "hour": "25:00"}, {"hour": ["type"]}),
    ({"temp": 37, "note": "too long"}, {"note": ["length"]}),
    ({"temp": 37, "o2": "helium"}, {"o2": ["option"]}),
    ({"temp": 37, "o2": "oxygen"}, {"flow": ["required"]}),
    ({"temp": 37, "w": {"value": 70, "unit": "lb"}}, {"w": ["unit"]}),
    ({"temp": 37, "hr": [80, 90]}, {"hr": ["repeats"]}),
    ({"temp": 37, "mystery": 1}, {"mystery": ["unknown"]}),
])
def test_problems_per_link_id(answers: dict[str, Any], expected: dict[str, list[str]]) -> None:
    assert _codes(answers) == expected


def test_required_only_where_enabled_and_disabled_answers_dropped() -> None:
    result = validate(SPEC, {"temp": 37, "o2": "air", "flow": 3})
    assert result.ok
    assert "flow" not in result.answers and "flow" not in result.enabled


def test_messages_in_french_and_english_without_the_answer() -> None:
    secret = "Dupont-Secret"
    result = validate(SPEC, {"temp": 37, "note": secret})
    (problem,) = result.problems
    assert problem.fr.startswith("Texte trop long") and problem.en.startswith("Text too long")
    assert problem.message("en") == problem.en and problem.message() == problem.fr
    assert secret not in problem.fr + problem.en
    typed = validate(SPEC, {"temp": "x"}).problems[0]
    assert "nombre" in typed.fr and "number" in typed.en


def test_a_questionnaire_response_is_accepted_too() -> None:
    qr = to_response(SPEC, {"temp": 38.2, "o2": "air"})
    result = validate(SPEC, qr)
    assert result.ok and result.answers["temp"] == 38.2 and result.answers["o2"] == "air"


def test_repeating_groups_are_validated_per_occurrence() -> None:
    spec = load_questionnaire(questionnaire(item("allergy", "group", repeats=True, required=True,
                                                 item=[item("what", "string", required=True),
                                                       item("how", "string")])))
    assert validate(spec, {"allergy": [{"what": "latex"}]}).ok
    assert [p.code for p in validate(spec, {}).problems] == ["required"]
    bad = validate(spec, {"allergy": [{"what": "latex"}, {"how": "rash"}]})
    assert [(p.link_id, p.code, p.occurrence) for p in bad.problems] == [
        ("what", "required", (1,))]


def test_a_non_repeating_group_may_be_written_nested() -> None:
    spec = load_questionnaire(questionnaire(item("bp", "group", item=[
        item("sbp", "integer", required=True), item("dbp", "integer")])))
    result = validate(spec, {"bp": {"sbp": 120, "dbp": 80}})
    assert result.ok and result.answers == {"sbp": 120, "dbp": 80}


def test_hidden_read_only_and_calculated_items_are_never_required() -> None:
    spec = load_questionnaire(questionnaire(
        item("h", "string", required=True, extension=[ext("questionnaire-hidden",
                                                          valueBoolean=True)]),
        item("r", "string", required=True, readOnly=True),
        item("c", "integer", required=True, extension=[calc("{}")]),
    ))
    assert validate(spec, {}).ok
