"""Answers from outside (files, other systems): nothing is silently lost, nothing crashes."""

from __future__ import annotations

import pytest

from care_degraded.questionnaire import from_response, load_questionnaire, validate
from care_degraded.services.forms import library
from tests.questionnaire.builders import calc, item, questionnaire

SPEC = load_questionnaire(questionnaire(
    item("hr", "integer"), item("notes", "string", repeats=True),
    item("total", "integer", extension=[calc(
        "%resource.item.where(linkId='hr').answer.value + 1")]),
))


def test_two_answers_to_a_single_question_are_kept_and_reported() -> None:
    qr = {"resourceType": "QuestionnaireResponse",
          "item": [{"linkId": "hr", "answer": [{"valueInteger": 80}, {"valueInteger": 140}]}]}
    assert from_response(SPEC, qr)["hr"] == [80, 140]
    assert [p.code for p in validate(SPEC, qr).problems] == ["repeats"]


def test_the_same_question_twice_is_kept_and_reported() -> None:
    qr = {"resourceType": "QuestionnaireResponse",
          "item": [{"linkId": "hr", "answer": [{"valueInteger": 80}]},
                   {"linkId": "hr", "answer": [{"valueInteger": 140}]},
                   {"linkId": "notes", "answer": [{"valueString": "a"}]},
                   {"linkId": "notes", "answer": [{"valueString": "b"}]}]}
    plain = from_response(SPEC, qr)
    assert plain["hr"] == [80, 140] and plain["notes"] == ["a", "b"]
    assert [(p.link_id, p.code) for p in validate(SPEC, qr).problems] == [("hr", "repeats")]


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinity_are_type_problems_even_under_scores(number: float) -> None:
    result = validate(SPEC, {"hr": number})
    assert [(p.link_id, p.code) for p in result.problems] == [("hr", "type")]
    vitals = library().get("vital-signs")
    answers = {"effective": "2026-11-29T04:00:00Z", "temp": number, "rr": number, "hr": 80}
    result = validate(vitals, answers)  # NEWS2 compares these: no crash
    assert {(p.link_id, p.code) for p in result.problems} == {("temp", "type"), ("rr", "type")}


def test_a_one_element_list_for_a_single_question_is_stored_as_its_value() -> None:
    vitals = library().get("vital-signs")
    result = validate(vitals, {"effective": "2026-11-29T04:00:00Z", "o2": ["oxygen"],
                               "o2-flow": [2], "hr": [80]})
    assert result.ok, result.problems
    assert (result.answers["o2"], result.answers["o2-flow"], result.answers["hr"]) == (
        "oxygen", 2, 80)
    assert result.answers["news2-o2"] == 2  # the score reads it as before
