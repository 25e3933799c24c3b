"""FHIRPath for SDC expressions, on top of fhirpathpy, with its rough edges filed off.

- fhirpathpy's parser silently recovers from syntax errors; :func:`parse_strict`
  raises instead, so a broken expression is a loader warning, not a wrong score.
- Expressions are parsed once per FormSpec (:class:`CompiledForm`) and run with the
  FHIR R4 model, so ``answer.value`` resolves ``valueCoding``/``valueInteger``...
- ``ordinal()`` / ``weight()`` (SDC) are provided from the form's answer-option scores.
- fhirpathpy keeps global state while evaluating, so evaluation takes a lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from antlr4 import CommonTokenStream, InputStream, ParseTreeWalker
from antlr4.error.ErrorListener import ErrorListener
from fhirpathpy import apply_parsed_path
from fhirpathpy.models import models
from fhirpathpy.parser.ASTPathListener import ASTPathListener
from fhirpathpy.parser.generated.FHIRPathLexer import FHIRPathLexer
from fhirpathpy.parser.generated.FHIRPathParser import FHIRPathParser

_R4 = models["r4"]
_LOCK = threading.Lock()


class _Raise(ErrorListener):  # type: ignore[misc]
    def syntaxError(self, recognizer: Any, offending: Any, line: int, column: int,
                    msg: str, e: Any) -> None:
        raise ValueError(f"syntax error at column {column}")


def parse_strict(expression: str) -> Any:
    """Parse a FHIRPath expression; ValueError on any syntax error."""
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
        self._options = {"userInvocationTable": _score_functions(scores)}

    def __call__(self, resource: Any, variables: dict[str, Any]) -> list[Any]:
        with _LOCK:
            result: list[Any] = apply_parsed_path(  # type: ignore[no-untyped-call]
                resource, self._ast, variables, _R4, self._options)
        return result


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
    return {"ordinal": {"fn": fn, "arity": {0: []}}, "weight": {"fn": fn, "arity": {0: []}}}


def plain_result(values: list[Any]) -> Any:
    """A FHIRPath result as one plain value: None if empty, a float for decimals."""
    if not values:
        return None
    value = values[0]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict) and "code" in value:
        return value.get("code")
    return value
