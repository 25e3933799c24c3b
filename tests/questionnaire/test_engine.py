"""enableWhen (every operator, any/all, chains) and FHIRPath calculations."""

from __future__ import annotations

from typing import Any

import pytest

from care_degraded.questionnaire import compute, enabled_items, load_questionnaire
from tests.questionnaire.builders import (
    calc,
    coded,
    enable_expr,
    item,
    questionnaire,
    variable,
    when,
)


def _enabled(target: dict[str, Any], answers: dict[str, Any], *others: dict[str, Any]) -> bool:
    spec = load_questionnaire(questionnaire(*others, target))
    return target["linkId"] in enabled_items(spec, answers)


@pytest.mark.parametrize(("op", "answer", "value", "expected"), [
    ("=", {"answerInteger": 5}, 5, True), ("=", {"answerInteger": 5}, 6, False),
    ("!=", {"answerInteger": 5}, 6, True), ("!=", {"answerInteger": 5}, 5, False),
    (">", {"answerInteger": 5}, 6, True), (">", {"answerInteger": 5}, 5, False),
    ("<", {"answerInteger": 5}, 4, True), ("<", {"answerInteger": 5}, 5, False),
    (">=", {"answerInteger": 5}, 5, True), (">=", {"answerInteger": 5}, 4, False),
    ("<=", {"answerInteger": 5}, 5, True), ("<=", {"answerInteger": 5}, 6, False),
    ("exists", {"answerBoolean": True}, 1, True), ("exists", {"answerBoolean": True}, None, False),
    ("exists", {"answerBoolean": False}, None, True),
    ("exists", {"answerBoolean": False}, 3, False),
    (">", {"answerDecimal": 37.5}, 38.1, True),
])
def test_every_operator(op: str, answer: dict[str, Any], value: Any, expected: bool) -> None:
    answers = {} if value is None else {"n": value}
    target = item("t", "string", enableWhen=[when("n", op, **answer)])
    assert _enabled(target, answers, item("n", "decimal")) is expected


def test_no_answer_disables_comparisons_but_not_exists_false_nor_not_equal() -> None:
    for op in ("=", ">", "<", ">=", "<="):
        target = item("t", "string", enableWhen=[when("n", op, answerInteger=1)])
        assert not _enabled(target, {}, item("n", "integer"))
    # "!=": true if no answer equals the value, vacuously so without an answer
    target = item("t", "string", enableWhen=[when("n", "!=", answerInteger=1)])
    assert _enabled(target, {}, item("n", "integer"))


def test_codings_dates_times_and_booleans() -> None:
    c = coded("c", "oxygen", "air")
    assert _enabled(item("t", "string", enableWhen=[
        when("c", "=", answerCoding={"system": "urn:test", "code": "oxygen"})]),
        {"c": "oxygen"}, c)
    assert _enabled(item("t", "string", enableWhen=[when("d", ">", answerDate="2000-01-01")]),
                    {"d": "2001-05-02"}, item("d", "date"))
    assert not _enabled(item("t", "string", enableWhen=[
        when("h", ">", answerTime="11:11:11")]), {"h": "09:00:00"}, item("h", "time"))
    assert _enabled(item("t", "string", enableWhen=[when("b", "=", answerBoolean=False)]),
                    {"b": False}, item("b", "boolean"))


def test_any_and_all() -> None:
    conds = [when("a", "=", answerInteger=1), when("b", "=", answerInteger=1)]
    others = (item("a", "integer"), item("b", "integer"))
    any_item = item("t", "string", enableWhen=conds, enableBehavior="any")
    all_item = item("t", "string", enableWhen=conds, enableBehavior="all")
    assert _enabled(any_item, {"a": 1, "b": 0}, *others)
    assert not _enabled(all_item, {"a": 1, "b": 0}, *others)
    assert _enabled(all_item, {"a": 1, "b": 1}, *others)


def test_repeating_answers_match_if_any_answer_matches() -> None:
    target = item("t", "string", enableWhen=[when("c", "=", answerCoding={"code": "b"})])
    assert _enabled(target, {"c": ["a", "b"]}, coded("c", "a", "b", repeats=True))


def test_disabled_question_counts_as_unanswered_and_groups_disable_children() -> None:
    spec = load_questionnaire(questionnaire(
        item("o2", "boolean"),
        item("flow", "decimal", enableWhen=[when("o2", "=", answerBoolean=True)]),
        item("high", "display", enableWhen=[when("flow", ">", answerDecimal=6)]),
        item("g", "group", enableWhen=[when("o2", "=", answerBoolean=True)],
             item=[item("device", "string")]),
    ))
    on = enabled_items(spec, {"o2": True, "flow": 8})
    assert {"flow", "high", "g", "device"} <= on
    off = enabled_items(spec, {"o2": False, "flow": 8})  # stale flow must not count
    assert not {"flow", "high", "g", "device"} & off


def test_enable_when_expression() -> None:
    spec = load_questionnaire(questionnaire(
        item("age", "integer"),
        item("adult", "string", extension=[enable_expr(
            "%resource.item.where(linkId='age').answer.value >= 18")]),
    ))
    assert "adult" in enabled_items(spec, {"age": 40})
    assert "adult" not in enabled_items(spec, {"age": 12})
    assert "adult" not in enabled_items(spec, {})


def test_calculations_chain_in_form_order() -> None:
    spec = load_questionnaire(questionnaire(
        item("a", "integer"), item("b", "integer"),
        item("sum", "integer", extension=[calc(
            "%resource.item.where(linkId='a').answer.value + "
            "%resource.item.where(linkId='b').answer.value")]),
        item("double", "integer", extension=[calc(
            "%resource.item.where(linkId='sum').answer.value * 2")]),
    ))
    assert compute(spec, {"a": 2, "b": 3}) == {"sum": 5, "double": 10}
    assert compute(spec, {"a": 2}) == {"sum": None, "double": None}


def test_iif_variables_and_form_level_variables() -> None:
    spec = load_questionnaire(questionnaire(
        item("t", "decimal"),
        item("fever", "string", extension=[
            variable("limit", "38"), calc("iif(%t > %limit, 'oui', 'non')")]),
        extension=[variable("t", "%resource.item.where(linkId='t').answer.value")],
    ))
    assert compute(spec, {"t": 39.2}) == {"fever": "oui"}
    assert compute(spec, {"t": 37.0}) == {"fever": "non"}


def test_sum_of_ordinal_scores_and_weight() -> None:
    spec = load_questionnaire(questionnaire(
        item("g", "group", item=[coded("q1", "a", "b", scores=(0, 2)),
                                 coded("q2", "a2", "b2", scores=(1, 3))]),
        item("total", "integer", extension=[calc(
            "%resource.item.where(linkId='g').item.answer.value.ordinal().sum()")]),
        item("total2", "integer", extension=[calc(
            "%resource.repeat(item).answer.value.weight().sum()")]),
    ))
    assert compute(spec, {"q1": "b", "q2": "b2"}) == {"total": 5, "total2": 10}
    assert compute(spec, {}) == {"total": 0, "total2": 0}


def test_questionnaire_variable_and_answers_function() -> None:
    spec = load_questionnaire(questionnaire(
        coded("q", "a", "b", scores=(1, 4)),
        item("n", "integer", extension=[calc("%resource.answers().value.ordinal().sum()")]),
        item("count", "integer", extension=[calc("%questionnaire.item.count()")]),
    ))
    assert compute(spec, {"q": "b"}) == {"n": 4, "count": 3}


def test_typed_values_for_calculated_items_are_recomputed() -> None:
    spec = load_questionnaire(questionnaire(
        item("a", "integer"),
        item("b", "integer", extension=[calc("%resource.item.where(linkId='a').answer.value")]),
    ))
    assert compute(spec, {"a": 1, "b": 99}) == {"b": 1}


def test_calculations_in_repeating_groups_use_each_occurrence() -> None:
    spec = load_questionnaire(questionnaire(item(
        "line", "group", repeats=True,
        extension=[variable("q", "item.where(linkId='qty').answer.value")],
        item=[item("qty", "integer"), item("twice", "integer", extension=[calc("%q * 2")])])))
    from care_degraded.questionnaire.engine import apply_calculations
    out = apply_calculations(spec, {"line": [{"qty": 1}, {"qty": 5}]})
    assert out["line"] == [{"qty": 1, "twice": 2}, {"qty": 5, "twice": 10}]


def test_a_failing_expression_leaves_the_value_empty() -> None:
    # toQuantity() with units is beyond fhirpathpy; the form must still work.
    spec = load_questionnaire(questionnaire(
        item("w", "quantity"),
        item("kg", "decimal", extension=[calc(
            "%resource.item.where(linkId='w').answer.value.toQuantity('kg').value")]),
        item("undefined", "decimal", extension=[calc("%nowhere + 1")]),
    ))
    assert compute(spec, {"w": {"value": 70, "unit": "kg"}})["undefined"] is None


def test_fhirpath_is_compiled_once_per_form() -> None:
    from care_degraded.questionnaire.engine import compiled
    spec = load_questionnaire(questionnaire(item("a", "integer", extension=[calc("1 + 1")])))
    assert compiled(spec) is compiled(spec)
    assert compute(spec, {}) == {"a": 2}
