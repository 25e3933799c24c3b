"""Real-world R4 Questionnaires (see data/real/README.md): they load, warn on what we
do not support, and what we support works."""

from __future__ import annotations

from pathlib import Path

import pytest

from care_degraded.questionnaire import (
    compute,
    enabled_items,
    from_response,
    load_questionnaire,
    to_response,
    validate,
)

REAL = Path(__file__).parent / "data" / "real"
FILES = sorted(REAL.glob("*.json"))


def test_there_are_about_a_dozen() -> None:
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_loads_and_round_trips_an_empty_response(path: Path) -> None:
    spec = load_questionnaire(path)
    assert list(spec.walk())
    for warning in spec.warnings:  # each names where it applies
        assert ": " in warning
    result = validate(spec, {})
    assert from_response(spec, to_response(spec, result.answers)) == result.answers


def test_warnings_name_the_link_id() -> None:
    spec = load_questionnaire(REAL / "sdc-all-data-types.json")
    assert any(w.startswith("id-attachment: type attachment") for w in spec.warnings)
    assert any(w.startswith("id-choice: answerValueSet") for w in spec.warnings)
    # the rest of the form still validates
    assert [p.link_id for p in validate(spec, {"id-integer": "x"}).problems] == ["id-integer"]


def test_phq9_total_from_contained_value_set_ordinals() -> None:
    spec = load_questionnaire(REAL / "sdc-phq9.json")
    answers = {f"H1/T1/Q{i}": "Nearly every day" for i in range(1, 10)}
    assert compute(spec, answers) == {"H1/TS": 27}
    assert compute(spec, {"H1/T1/Q1": "Several-days"}) == {"H1/TS": 1}
    assert [p.code for p in validate(spec, {"H1/T1/Q1": "Sometimes"}).problems] == ["option"]


def test_bmi_from_variables() -> None:
    spec = load_questionnaire(REAL / "sdc-weight-height.json")
    assert compute(spec, {"/29463-7": 70, "/8302-2": 70}) == {"/39156-5": 22.1}


def test_hunger_vital_sign_picks_a_coding_from_the_questionnaire() -> None:
    spec = load_questionnaire(REAL / "sdc-hunger-vital-signs.json")
    assert compute(spec, {"/88123-5": "LA28397-0"}) == {"/88124-3": "LA19952-3"}
    assert compute(spec, {"/88122-7": "LA28398-8"}) == {"/88124-3": "LA19983-8"}
    assert compute(spec, {}) == {"/88124-3": None}


def test_variable_scope_in_repeating_groups() -> None:
    spec = load_questionnaire(REAL / "lforms-variable-scope.json")
    result = validate(spec, {"/groupA": [{"/groupA/fieldB": [1]}, {"/groupA/fieldB": [10]}]})
    assert [o["/groupA/fieldC"] for o in result.answers["/groupA"]] == [8, 17]
    assert result.answers["/groupB/fieldE"] == 16
    assert "/groupB/fieldD" not in result.answers  # %Y is out of scope there


def test_enable_when_form() -> None:
    spec = load_questionnaire(REAL / "lforms-enablewhen.json")
    assert enabled_items(spec, {"4.1": "Diabetes"}) >= {"4.1", "4.2", "4.5"}
    assert "4.3" not in enabled_items(spec, {"4.1": "Diabetes"})
    assert enabled_items(spec, {"4.1": "Other", "4.3": "x"}) >= {"4.3", "4.4"}
    assert validate(spec, {"4.1": "Other", "4.3": "asthme", "4.4": "y"}).ok


def test_glasgow_from_the_fhir_specification() -> None:
    spec = load_questionnaire(REAL / "hl7-r4-glasgow-gcs.json")
    assert [o.value for o in spec.item("1.3").options][-1] == "LA6556-0"
    assert validate(spec, {"1.1": "LA6561-0", "1.2": "LA6567-7", "1.3": "LA6556-0"}).ok


def test_nested_repeating_groups() -> None:
    spec = load_questionnaire(REAL / "sdc-repeatable-nested-groups.json")
    answers = {"ba91450b-6e67-40dc-8629-0f1b60577774": [
        {"b7e29109-f729-4359-aa29-6c9e7c7b2318": "a", "68ca912397a145bd9e9f265702b5cf45": [
            {"b7e29109-f729-4359-aa29-6c9e7c7b2328": "x"},
            {"b7e29109-f729-4359-aa29-6c9e7c7b2328": "y"}]},
        {"b7e29109-f729-4359-aa29-6c9e7c7b2318": "b"}]}
    assert validate(spec, answers).ok
    assert from_response(spec, to_response(spec, answers)) == answers


def test_vital_signs_panel_degrades_where_fhirpathpy_cannot_follow() -> None:
    spec = load_questionnaire(REAL / "lforms-vital-signs-panel.json")
    assert spec.item("/3141-9").initial == ({"value": None, "unit": "lbs"},)
    result = validate(spec, {"/3141-9": {"value": 70, "unit": "kg"}, "/8867-4": 72})
    assert result.ok and "/39156-5" not in result.answers  # toQuantity(): not computed


def test_gad7_scores_are_read_even_without_an_expression() -> None:
    spec = load_questionnaire(REAL / "lforms-gad7.json")
    assert spec.warnings == ()
    q2 = spec.item("/68509-9")
    assert [(o.value, o.score) for o in q2.options][2] == ("LA18938-3", 2.0)
    assert validate(spec, {"/69725-0": "LA6571-9", "/70274-6": 3}).ok


def test_initial_values() -> None:
    from care_degraded.questionnaire import initial_answers
    spec = load_questionnaire(REAL / "sdc-initial-value.json")
    assert initial_answers(spec) == {"1acf93a7-0890-44cd-be48-542defb35248": "373066001",
                                     "init-val-string": "YUP"}
    assert validate(spec, initial_answers(spec)).ok
