"""Plain answers <-> QuestionnaireResponse, both ways."""

from __future__ import annotations

from care_degraded.questionnaire import as_plain, from_response, load_questionnaire, to_response
from tests.questionnaire.builders import coded, ext, item, questionnaire

SPEC = load_questionnaire(questionnaire(
    item("t", "decimal"), item("b", "boolean"), item("d", "date"),
    coded("c", "air", "oxygen"),
    item("i", "choice", answerOption=[{"valueInteger": 1}, {"valueInteger": 2}]),
    item("oc", "open-choice", answerOption=[{"valueString": "a"}]),
    item("w", "quantity", extension=[ext("questionnaire-unit", valueCoding={"code": "kg"})]),
    item("vitals", "group", item=[item("hr", "integer"), item("multi", "string", repeats=True)]),
    item("dose", "group", repeats=True, item=[
        item("drug", "string"),
        item("check", "group", repeats=True, item=[item("who", "string")])]),
    item("q", "string", item=[item("sub", "string")]),
))

PLAIN = {"t": 37.2, "b": False, "d": "2026-11-29", "c": "oxygen", "i": 2, "oc": "free text",
         "w": {"value": 70, "unit": "kg"}, "hr": 80, "multi": ["x", "y"],
         "dose": [{"drug": "A", "check": [{"who": "B"}, {"who": "C"}]}, {"drug": "D"}],
         "q": "main", "sub": "child"}


def test_round_trip() -> None:
    qr = to_response(SPEC, PLAIN)
    assert qr["resourceType"] == "QuestionnaireResponse"
    assert qr["questionnaire"] == "https://care-degraded.example/fhir/Questionnaire/test|1"
    assert from_response(SPEC, qr) == PLAIN


def test_fhir_shapes() -> None:
    qr = to_response(SPEC, PLAIN)
    by_id = {i["linkId"]: i for i in qr["item"]}
    assert by_id["c"]["answer"] == [{"valueCoding": {"system": "urn:test", "code": "oxygen",
                                                     "display": "OXYGEN"}}]
    assert by_id["i"]["answer"] == [{"valueInteger": 2}]
    assert by_id["oc"]["answer"] == [{"valueString": "free text"}]
    assert by_id["w"]["answer"][0]["valueQuantity"]["code"] == "kg"
    assert [i["linkId"] for i in by_id["vitals"]["item"]] == ["hr", "multi"]
    assert len([i for i in qr["item"] if i["linkId"] == "dose"]) == 2
    assert by_id["q"]["answer"][0]["item"][0]["linkId"] == "sub"  # R4: children of answers


def test_bare_number_for_quantity_takes_the_item_unit_and_empty_values_are_left_out() -> None:
    qr = to_response(SPEC, {"w": 70, "t": None, "multi": [], "d": ""})
    assert [i["linkId"] for i in qr["item"]] == ["w"]
    assert qr["item"][0]["answer"][0]["valueQuantity"] == {
        "value": 70, "unit": "kg", "system": "http://unitsofmeasure.org", "code": "kg"}


def test_as_plain_accepts_both() -> None:
    assert as_plain(SPEC, {"t": 1}) == {"t": 1}
    assert as_plain(SPEC, to_response(SPEC, {"t": 1})) == {"t": 1}


def test_initial_answers() -> None:
    from care_degraded.questionnaire import initial_answers
    spec = load_questionnaire(questionnaire(
        item("a", "string", initial=[{"valueString": "x"}]),
        item("b", "choice", answerOption=[{"valueCoding": {"code": "y"}, "initialSelected": True},
                                          {"valueCoding": {"code": "z"}}]),
        item("r", "group", repeats=True, item=[item("c", "string",
                                                    initial=[{"valueString": "no"}])]),
        item("m", "string", repeats=True, initial=[{"valueString": "1"}, {"valueString": "2"}]),
    ))
    assert initial_answers(spec) == {"a": "x", "b": "y", "m": ["1", "2"]}
