"""The fast evaluator gives exactly what fhirpathpy gives (differential test), and
falls back to fhirpathpy outside its subset."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from care_degraded.questionnaire import FormSpec, load_questionnaire, validate
from care_degraded.questionnaire import fhirpath as fp
from care_degraded.questionnaire.spec import Item

ROOT = Path(__file__).resolve().parents[2]
FORM_FILES = sorted((ROOT / "forms").glob("*.json")) + sorted(
    (Path(__file__).parent / "data" / "real").glob("*.json"))


def _random_value(item: Item, rng: random.Random) -> Any:
    if item.options:
        return rng.choice(item.options).value
    low = item.min_value if isinstance(item.min_value, int | float) else 0
    high = item.max_value if isinstance(item.max_value, int | float) else 200
    if item.type == "integer":
        return rng.randint(int(low) - 2, int(high) + 2)
    if item.type in ("decimal", "quantity"):
        return round(rng.uniform(low - 1, high + 1), 1)
    if item.type == "boolean":
        return rng.random() < 0.5
    if item.type in ("string", "text"):
        return rng.choice(["a", "b", ""])
    return None


def _random_answers(spec: FormSpec, rng: random.Random) -> dict[str, Any]:
    def frame(items: tuple[Item, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for item in items:
            if item.is_group and item.repeats:
                out[item.link_id] = [frame(item.items) for _ in range(rng.randint(0, 2))]
            elif item.is_group:
                out.update(frame(item.items))
            elif item.is_question and rng.random() < 0.85:
                value = _random_value(item, rng)
                if value is not None:
                    out[item.link_id] = [value] if item.repeats else value
        return out
    return frame(spec.items)


@pytest.mark.parametrize("path", FORM_FILES, ids=lambda p: p.stem)
def test_same_results_as_fhirpathpy(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = load_questionnaire(path)
    rng = random.Random(20261129)
    cases = [_random_answers(fast, rng) for _ in range(40)]
    expected = [validate(fast, a) for a in cases]
    monkeypatch.setattr(fp, "compile_fast", lambda *args: None)
    slow = load_questionnaire(path)  # a new spec: compiled again, without the fast path
    for answers, got in zip(cases, expected, strict=True):
        want = validate(slow, answers)
        assert got.answers == want.answers, answers
        assert got.enabled == want.enabled


def _run(expression: str, **variables: Any) -> list[Any]:
    return fp.Compiled(expression, {})({}, {"resource": {}, **variables})


@pytest.mark.parametrize(("expression", "variables", "expected"), [
    ("iif(%a > 2, 'x', 'y')", {"a": [3]}, ["x"]),
    ("iif(%a > 2, 'x', 'y')", {"a": []}, ["y"]),
    ("iif(%a.empty(), {}, %a * 2)", {"a": []}, []),
    ("%a / 4", {"a": [2]}, [Decimal("0.5")]),
    ("%a / 0", {"a": [2]}, []),
    ("%a - 1.5", {"a": [2]}, [Decimal("0.5")]),
    ("%s.where($this = 3).count()", {"s": [3, 1, 3]}, [2]),
    ("%s.sum()", {"s": [1, Decimal("2.5")]}, [Decimal("3.5")]),
    ("%s.count() = 2 and %b", {"s": [1, 2], "b": [True]}, [True]),
    ("%b or %c", {"b": [], "c": [True]}, [True]),
    ("%b and %c", {"b": [], "c": [True]}, []),
    ("(%b).not()", {"b": [False]}, [True]),
    ("%o != 'oxygen'", {"o": ["air"]}, [True]),
])
def test_subset_semantics(expression: str, variables: dict[str, Any], expected: list[Any]
                          ) -> None:
    compiled = fp.Compiled(expression, {})
    assert compiled._fast is not None  # really on the fast path
    assert _run(expression, **variables) == expected


@pytest.mark.parametrize("expression", [
    "%resource.answers().value", "%a contains 'x'", "%a.toQuantity('kg')", "today()",
    "%a ~ 'x'", "%a & 'b'", "%a div 2",
])
def test_outside_the_subset_uses_fhirpathpy(expression: str) -> None:
    assert fp.Compiled(expression, {})._fast is None


def test_run_time_fallback_for_collections_and_dates() -> None:
    # a comparison over several values, or on dates: fhirpathpy decides
    assert _run("%d > @2020-01-01", d=["2021-01-01"]) is not None
    assert _run("%a > 1", a=[1, 2]) == []  # fhirpathpy refuses; the failure is contained
    # top-level $this goes to fhirpathpy, which cannot do it either: contained, counted
    this = fp.Compiled("$this", {})
    assert this({"resourceType": "QuestionnaireResponse"}, {"resource": {}}) == []
    assert this.failures == 1
