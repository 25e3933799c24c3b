"""FHIRPath for SDC expressions, on top of fhirpathpy, with its rough edges filed off.

- fhirpathpy's parser silently recovers from syntax errors; :func:`parse_strict`
  raises instead, so a broken expression is a loader warning, not a wrong score.
- Expressions are parsed once (cached) and compiled once per FormSpec; answer
  look-ups are walked natively and the score subset runs in ``fastpath.py``; the
  rest runs in fhirpathpy with the FHIR R4 model, so ``answer.value`` resolves
  ``valueCoding``/``valueInteger``...
- fhirpathpy raises bare exceptions on some inputs (``sum()`` on answers, top-level
  ``$this``, unknown variables): an evaluation that fails gives no value and is
  counted in ``Compiled.failures``; ``sum()`` and SDC ``answers()`` are replaced.
- ``ordinal()`` / ``weight()`` (SDC) are provided from the form's answer-option scores.
- fhirpathpy keeps global state while evaluating, so evaluation takes a lock.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from antlr4 import CommonTokenStream, InputStream, ParseTreeWalker
from antlr4.error.ErrorListener import ErrorListener
from fhirpathpy import apply_parsed_path
from fhirpathpy.engine.nodes import ResourceNode
from fhirpathpy.models import models
from fhirpathpy.parser.ASTPathListener import ASTPathListener
from fhirpathpy.parser.generated.FHIRPathLexer import FHIRPathLexer
from fhirpathpy.parser.generated.FHIRPathParser import FHIRPathParser

from care_degraded.questionnaire.fastpath import Unsupported, compile_fast

_R4 = models["r4"]
_LOCK = threading.Lock()


class _Raise(ErrorListener):  # type: ignore[misc]
    def syntaxError(self, recognizer: Any, offending: Any, line: int, column: int,
                    msg: str, e: Any) -> None:
        raise ValueError(f"syntax error at column {column}")


@functools.lru_cache(maxsize=2048)
def parse_strict(expression: str) -> Any:
    """Parse a FHIRPath expression; ValueError on any syntax error.

    Cached: the loader checks an expression and the engine then compiles the same
    text, and every version of a form repeats most expressions (antlr is slow)."""
    listener = _Raise()
    lexer = FHIRPathLexer(InputStream(expression))
    lexer.removeErrorListeners()
    lexer.addErrorListener(listener)
    parser = FHIRPathParser(CommonTokenStream(lexer))
    parser.buildParseTrees = True
    parser.removeErrorListeners()
    parser.addErrorListener(listener)
    ast = ASTPathListener()  # type: ignore[no-untyped-call]
    try:
        tree = parser.expression()
    except ValueError:
        raise
    except Exception as exc:  # noqa: BLE001 - antlr raises its own hierarchy
        raise ValueError(type(exc).__name__) from None
    # The expression must be consumed whole ("a b" would otherwise parse as "a").
    if parser.getCurrentToken().type != -1:  # Token.EOF
        raise ValueError("unexpected text after the expression")
    ParseTreeWalker().walk(ast, tree)
    return ast.parentStack[0]


ScoreTable = dict[tuple[str | None, str | None], float]


class Compiled:
    """One parsed expression, ready to run against a QuestionnaireResponse dict."""

    def __init__(self, expression: str, scores: ScoreTable) -> None:
        self.expression = expression
        self._ast = parse_strict(expression)
        table = _score_functions(scores)
        self._options = {"userInvocationTable": table}
        self._steps = _answer_path(expression)
        self._fast = compile_fast(self._ast, _answer_path, _walk_answers,
                                  table["ordinal"]["fn"])
        #: evaluations that raised inside fhirpathpy (counted, never logged with data)
        self.failures = 0

    def __call__(self, resource: Any, variables: dict[str, Any]) -> list[Any]:
        if self._steps is not None:
            found = _walk_answers(variables.get("resource"), self._steps)
            if found is not None:
                return found
        if self._fast is not None:
            try:
                return self._fast(variables, None)
            except Unsupported:
                pass  # this time the values need the full engine
            except ArithmeticError:
                # NaN or infinite input (json accepts them): no score rather than a crash;
                # validation then reports the answer itself.
                self.failures += 1
                return []
        if isinstance(resource, dict) and "resourceType" not in resource:
            # A response item as context: typed, so that ``answer.value`` resolves.
            resource = ResourceNode.create_node(  # type: ignore[no-untyped-call]
                resource, "QuestionnaireResponse.item")
        try:
            with _LOCK:
                result: list[Any] = apply_parsed_path(  # type: ignore[no-untyped-call]
                    resource, self._ast, variables, _R4, self._options)
        except Exception:  # noqa: BLE001 - fhirpathpy raises bare TypeErrors and worse
            # A form's expression failing on some answers leaves the value empty
            # (shown as not computed) rather than stopping the nurse's entry.
            self.failures += 1
            return []
        return result


# Answer look-ups ("%resource.item.where(linkId='hr').answer.value") are most of
# what forms compute with, and fhirpathpy's where() costs ~0.7 ms on a vitals
# response. They are recognised at compile time and walked natively; any value the
# walk cannot type exactly as fhirpathpy would (dates, quantities...) falls back.
_STEP = re.compile(r"\.(item|repeat\(item\)|answer|value|code|where\(linkId\s*=\s*'([^']*)'\))")
_SIMPLE_VALUE_KEYS = frozenset({"valueBoolean", "valueInteger", "valueDecimal", "valueString",
                                "valueCoding"})


def _answer_path(expression: str) -> tuple[tuple[str, str | None], ...] | None:
    text = expression.strip()
    if not text.startswith("%resource"):
        return None
    pos = len("%resource")
    steps: list[tuple[str, str | None]] = []
    while pos < len(text):
        m = _STEP.match(text, pos)
        if m is None:
            return None
        kind = m.group(1)
        steps.append(("where", m.group(2)) if kind.startswith("where") else (kind, None))
        pos = m.end()
    names = [k for k, _ in steps]
    if "value" not in names or names[-1] not in ("value", "code"):
        return None
    return tuple(steps)


def _walk_answers(resource: Any, steps: tuple[tuple[str, str | None], ...]) -> list[Any] | None:
    if not isinstance(resource, dict):
        return None
    nodes: list[Any] = [resource]
    for kind, arg in steps:
        out: list[Any] = []
        if kind == "item":
            for n in nodes:
                out.extend(n.get("item") or [])
        elif kind == "repeat(item)":
            _descendants(nodes, out)
        elif kind == "where":
            out = [n for n in nodes if n.get("linkId") == arg]
        elif kind == "answer":
            for n in nodes:
                out.extend(n.get("answer") or [])
        elif kind == "value":
            for n in nodes:
                for key, value in n.items():
                    if key.startswith("value"):
                        if key not in _SIMPLE_VALUE_KEYS:
                            return None
                        out.append(Decimal(str(value)) if isinstance(value, float) else value)
        else:  # code
            out = [n["code"] for n in nodes if isinstance(n, dict) and "code" in n]
        nodes = out
    return nodes


def _descendants(nodes: list[Any], out: list[Any]) -> None:
    # Like FHIRPath repeat(item): follows ``item`` only, not ``answer.item``.
    for n in nodes:
        for child in n.get("item") or []:
            out.append(child)
            _descendants([child], out)


def _score_functions(scores: ScoreTable) -> dict[str, Any]:
    by_code = {code: value for (_system, code), value in scores.items()}

    def score(inputs: list[Any]) -> list[Any]:
        out: list[Any] = []
        for value in inputs:
            if isinstance(value, dict):
                key = (value.get("system"), value.get("code"))
                found = scores.get(key, by_code.get(value.get("code")))
                if found is not None:
                    out.append(Decimal(str(found)))
            elif isinstance(value, int | Decimal | float) and not isinstance(value, bool):
                # An integer answer option is its own score.
                out.append(Decimal(str(value)))
        return out

    fn: Callable[[list[Any]], list[Any]] = score
    return {"ordinal": {"fn": fn, "arity": {0: []}}, "weight": {"fn": fn, "arity": {0: []}},
            "sum": {"fn": _sum, "arity": {0: []}},
            "answers": {"fn": _answers, "arity": {0: []}}}


def _answers(inputs: list[Any]) -> list[Any]:
    """SDC ``answers()``: every answer below the input (items and nested answers)."""
    out: list[Any] = []

    def walk(node: dict[str, Any]) -> None:
        for item in node.get("item") or []:
            for answer in item.get("answer") or []:
                # Typed nodes, so that ``.value`` resolves valueCoding, valueInteger...
                out.append(ResourceNode.create_node(  # type: ignore[no-untyped-call]
                    answer, "QuestionnaireResponse.item.answer"))
                walk(answer)
            walk(item)

    for node in inputs:
        if isinstance(node, dict):
            walk(node)
    return out


def _sum(inputs: list[Any]) -> list[Any]:
    # fhirpathpy's sum() adds the raw nodes and fails on ``answer.value.sum()``; this
    # one receives plain values (floats already turned into Decimal).
    total: Any = 0
    for value in inputs:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            return []
        total += value
    return [total]


def plain_result(values: list[Any]) -> Any:
    """A FHIRPath result as one plain value: None if empty, a float for decimals."""
    if not values:
        return None
    value = values[0]
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None  # from an infinite answer: no score (the answer is reported)
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict) and "code" in value:
        return value.get("code")
    return value
