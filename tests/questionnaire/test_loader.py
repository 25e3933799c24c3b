"""Loading Questionnaires: features, warnings for the unsupported, one clear error
for the malformed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from care_degraded.domain.errors import InvalidInput
from care_degraded.questionnaire import load_questionnaire
from tests.questionnaire.builders import (
    calc,
    coded,
    ext,
    item,
    questionnaire,
    translated,
    variable,
    when,
)


def test_items_carry_every_supported_feature() -> None:
    q = questionnaire(
        item("t", "decimal", required=True, readOnly=True, _text=translated("Temp"),
             extension=[ext("minValue", valueDecimal=30), ext("maxValue", valueDecimal=43),
                        ext("maxDecimalPlaces", valueInteger=1),
                        ext("questionnaire-unit", valueCoding={"code": "Cel"}),
                        ext("entryFormat", valueString="37,5"),
                        ext("questionnaire-hidden", valueBoolean=True),
                        ext("questionnaire-itemControl", valueCodeableConcept={
                            "coding": [{"code": "slider"}]})]),
        item("s", "string", maxLength=5, repeats=True, initial=[{"valueString": "a"}]),
        item("q", "quantity", extension=[
            ext("questionnaire-unitOption", valueCoding={"code": "kg"}),
            ext("questionnaire-unitOption", valueCoding={"code": "g"})]),
    )
    spec = load_questionnaire(q)
    t = spec.item("t")
    assert (t.required, t.read_only, t.hidden) == (True, True, True)
    assert (t.min_value, t.max_value, t.max_decimal_places) == (30, 43, 1)
    assert t.unit is not None and t.unit.code == "Cel"
    assert (t.item_control, t.entry_format) == ("slider", "37,5")
    assert t.label("fr") == "t" and t.label("en") == "Temp" and t.label("en-GB") == "Temp"
    s = spec.item("s")
    assert s.max_length == 5 and s.repeats and s.initial == ("a",)
    assert [u.code for u in spec.item("q").unit_options] == ["kg", "g"]
    assert spec.warnings == ()


def test_answer_options_of_every_kind_and_their_scores() -> None:
    q = questionnaire(
        coded("c", "a", "b", scores=(0, 2)),
        item("i", "choice", answerOption=[{"valueInteger": 1}, {"valueInteger": 2}]),
        item("d", "choice", answerOption=[{"valueDate": "2026-01-01"}]),
        item("h", "choice", answerOption=[{"valueTime": "08:00:00"}]),
        item("o", "open-choice", answerOption=[{"valueString": "x", "_valueString":
                                                translated("ex")}]),
    )
    spec = load_questionnaire(q)
    assert [(o.value, o.score) for o in spec.item("c").options] == [("a", 0), ("b", 2)]
    assert spec.item("c").options[1].label() == "B"
    assert [o.value for o in spec.item("i").options] == [1, 2]
    assert spec.item("d").options[0].kind == "Date"
    assert spec.item("h").options[0].value == "08:00:00"
    assert spec.item("o").options[0].label("en") == "ex"


def test_answer_value_set_points_to_a_contained_value_set() -> None:
    vs = {"resourceType": "ValueSet", "id": "yn", "compose": {"include": [
        {"system": "urn:yn", "concept": [
            {"code": "y", "display": "Oui", "extension": [
                {"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue",
                 "valueDecimal": 1}]},
            {"code": "n", "display": "Non"}]}]}}
    spec = load_questionnaire(questionnaire(item("a", "choice", answerValueSet="#yn"),
                                            contained=[vs]))
    opts = spec.item("a").options
    assert [(o.value, o.score, o.coding.system if o.coding else None) for o in opts] == [
        ("y", 1.0, "urn:yn"), ("n", None, "urn:yn")]


def test_enable_when_and_expressions_are_read() -> None:
    spec = load_questionnaire(questionnaire(
        item("a", "integer"),
        item("b", "string", enableWhen=[when("a", ">", answerInteger=2),
                                        when("a", "exists", answerBoolean=True)],
             enableBehavior="all"),
        item("c", "integer", extension=[variable("x", "1"), calc("%x + 1")]),
    ))
    b = spec.item("b")
    assert [(w.question, w.operator, w.answer) for w in b.enable_when] == [
        ("a", ">", 2), ("a", "exists", True)]
    assert b.enable_behavior == "all"
    c = spec.item("c")
    assert c.variables[0].name == "x" and c.calculated_expression is not None


def test_unsupported_types_and_extensions_warn_with_the_link_id() -> None:
    spec = load_questionnaire(questionnaire(
        item("photo", "attachment"), item("who", "reference"), item("site", "url"),
        item("x", "string", extension=[{"url": "http://example.org/odd", "valueString": "?"}]),
        item("y", "integer", extension=[calc("((")]),
        item("z", "integer", extension=[{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/"
                                         "sdc-questionnaire-calculatedExpression",
                                         "valueExpression": {"language": "text/cql",
                                                             "expression": "1"}}]),
    ))
    text = "\n".join(spec.warnings)
    for link_id in ("photo", "who", "site", "x", "y", "z"):
        assert f"{link_id}:" in text
    assert not spec.item("photo").supported
    assert spec.item("y").calculated_expression is None  # broken FHIRPath is dropped


@pytest.mark.parametrize(("definition", "fragment"), [
    ({"resourceType": "Patient"}, "not Questionnaire"),
    (questionnaire({"type": "string"}), "no linkId"),
    (questionnaire(item("a", "string"), item("a", "integer")), "'a' is used twice"),
    (questionnaire(item("a", "group", item=[item("a", "string")])), "'a' is used twice"),
    (questionnaire(item("b", "string", enableWhen=[when("nowhere", "=", answerString="x")])),
     "'nowhere'"),
    (questionnaire(item("a", "string", enableWhen=[when("b", "exists", answerBoolean=True)]),
                   item("b", "string", enableWhen=[when("a", "exists", answerBoolean=True)])),
     "cycle"),
    (questionnaire(item("g", "group", enableWhen=[when("c", "exists", answerBoolean=True)],
                        item=[item("c", "string")])), "cycle"),
    (questionnaire(item("c", "choice")), "'c' is a choice without answer options"),
    (questionnaire(item("c", "choice", answerValueSet="#absent")),
     "'c' is a choice without answer options"),
    (questionnaire(item("k", "weird")), "'k' has an unknown type"),
    (questionnaire(item("e", "string", enableWhen=[when("e2", "~", answerString="x")]),
                   item("e2", "string")), "operator"),
    (questionnaire(item("m", "string", maxLength="long")), "'m'"),
    (questionnaire(item("n", "string", item="oops")), "'n'"),
])
def test_malformed_definitions_raise_one_clear_error(definition: dict, fragment: str) -> None:
    with pytest.raises(InvalidInput) as err:
        load_questionnaire(definition)
    assert fragment in str(err.value)
    assert err.value.exit_code == 5


def test_bad_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"resourceType": "Questionnaire",', encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"broken\.json: not valid JSON \(line 1"):
        load_questionnaire(path)
    with pytest.raises(InvalidInput, match="file not found"):
        load_questionnaire(tmp_path / "absent.json")


def test_file_errors_name_the_file_and_the_item(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(questionnaire(item("hr", "integer"), item("hr", "integer"))),
                    encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"dup\.json: linkId 'hr' is used twice"):
        load_questionnaire(path)


def test_form_spec_is_immutable() -> None:
    spec = load_questionnaire(questionnaire(item("a", "string")))
    with pytest.raises(AttributeError):
        spec.items = ()  # type: ignore[misc]
    assert isinstance(spec.items, tuple) and isinstance(spec.item("a").options, tuple)
