"""A small, exact evaluator for the FHIRPath that scores are written in.

fhirpathpy walks its parse tree in pure Python with much ceremony (~0.1 ms for a
NEWS2 band); a vitals form runs a dozen such expressions at every keystroke. This
module compiles the common subset to closures: literals, ``%variables``, ``iif``,
comparisons, ``=``/``!=``, ``+ - * /``, ``and``/``or``, ``empty() exists() count()
sum() not()``, ``where(...)`` over ``$this`` and answer look-ups. Anything else —
at compile time or at run time (a date, a quantity, a collection where one value
is expected) — raises :class:`Unsupported` and the caller falls back to fhirpathpy,
so results never differ; a differential test keeps it that way.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

Env = dict[str, Any]
Fn = Callable[[Env, Any], list[Any]]  # (variables, $this) -> collection


class Unsupported(Exception):
    """Outside the subset: use fhirpathpy for this expression (or this evaluation)."""


def compile_fast(ast: Any, answer_path: Callable[[str], Any],
                 walk: Callable[[Any, Any], list[Any] | None],
                 score: Callable[[list[Any]], list[Any]]) -> Fn | None:
    """A closure for ``ast`` (fhirpathpy's parse tree), or None if outside the subset.

    ``answer_path``/``walk`` recognise and run answer look-ups; ``score`` is the
    form's ``ordinal()``/``weight()``."""
    try:
        return _Compiler(answer_path, walk, score).node(ast["children"][0])
    except (Unsupported, KeyError, IndexError, TypeError, ValueError):
        return None


def _number(value: Any) -> int | Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise Unsupported
    number: int | Decimal = value
    return number


def _single(values: list[Any]) -> Any:
    if len(values) > 1:
        raise Unsupported  # fhirpathpy decides what a collection here means
    return values[0] if values else None


def _truth(values: list[Any]) -> bool | None:
    value = _single(values)
    if value is None or isinstance(value, bool):
        return value
    raise Unsupported


class _Compiler:
    def __init__(self, answer_path: Callable[[str], Any],
                 walk: Callable[[Any, Any], list[Any] | None],
                 score: Callable[[list[Any]], list[Any]]) -> None:
        self.answer_path = answer_path
        self.walk = walk
        self.score = score

    def node(self, n: dict[str, Any]) -> Fn:
        kind = n["type"]
        text = n.get("text")
        if isinstance(text, str) and text.startswith("%resource"):
            steps = self.answer_path(text)
            if steps is None:
                raise Unsupported
            return self._answers(steps)
        handler = getattr(self, "_" + kind, None)
        if handler is None:
            raise Unsupported
        result: Fn = handler(n)
        return result

    def _answers(self, steps: Any) -> Fn:
        def run(env: Env, this: Any) -> list[Any]:
            found = self.walk(env.get("resource"), steps)
            if found is None:
                raise Unsupported
            return found
        return run

    # -- terms -----------------------------------------------------------------------
    def _TermExpression(self, n: dict[str, Any]) -> Fn:
        return self.node(n["children"][0])

    def _ParenthesizedTerm(self, n: dict[str, Any]) -> Fn:
        return self.node(n["children"][0])

    def _LiteralTerm(self, n: dict[str, Any]) -> Fn:
        lit = n["children"][0]
        kind, text = lit["type"], lit.get("text", "")
        value: list[Any]
        if kind == "NullLiteral":
            value = []
        elif kind == "BooleanLiteral":
            value = [text == "true"]
        elif kind == "NumberLiteral":
            value = [Decimal(text) if "." in text else int(text)]
        elif kind == "StringLiteral" and "\\" not in text:
            value = [text[1:-1]]
        else:
            raise Unsupported
        return lambda env, this: list(value)

    def _ExternalConstantTerm(self, n: dict[str, Any]) -> Fn:
        name = n["children"][0]["children"][0]["text"]
        if name in ("resource", "questionnaire", "context", "ucum"):
            raise Unsupported  # navigated from: needs the full engine

        def run(env: Env, this: Any) -> list[Any]:
            if name not in env:
                raise Unsupported
            value = env[name]
            return list(value) if isinstance(value, list) else [value]
        return run

    def _InvocationTerm(self, n: dict[str, Any]) -> Fn:
        inner = n["children"][0]
        if inner["type"] == "ThisInvocation":
            def this_value(env: Env, this: Any) -> list[Any]:
                if this is None:
                    raise Unsupported  # $this outside where(): the input resource
                return [this]
            return this_value
        if inner["type"] == "FunctionInvocation":
            return self._function(inner, None)
        raise Unsupported

    def _InvocationExpression(self, n: dict[str, Any]) -> Fn:
        left, right = n["children"]
        if right["type"] != "FunctionInvocation":
            raise Unsupported
        return self._function(right, self.node(left))

    # -- functions -------------------------------------------------------------------
    def _function(self, n: dict[str, Any], receiver: Fn | None) -> Fn:
        functn = n["children"][0]
        name = functn["children"][0]["text"]
        params = functn["children"][1]["children"] if len(functn["children"]) > 1 else []
        args = [self.node(p) for p in params]
        if receiver is None:
            if name == "iif" and len(args) in (2, 3):
                return self._iif(args)
            raise Unsupported
        simple: dict[str, Callable[[list[Any]], list[Any]]] = {
            "empty": lambda xs: [not xs], "exists": lambda xs: [bool(xs)],
            "count": lambda xs: [len(xs)], "sum": _sum, "not": _not,
            "ordinal": self.score, "weight": self.score,
        }
        if name in simple and not args:
            fn = simple[name]
            return lambda env, this: fn(receiver(env, this))
        if name == "where" and len(args) == 1:
            (criterion,) = args

            def where(env: Env, this: Any) -> list[Any]:
                return [x for x in receiver(env, this) if _truth(criterion(env, x)) is True]
            return where
        raise Unsupported

    def _iif(self, args: list[Fn]) -> Fn:
        cond, then = args[0], args[1]
        other = args[2] if len(args) == 3 else (lambda env, this: [])

        def run(env: Env, this: Any) -> list[Any]:
            return then(env, this) if _truth(cond(env, this)) is True else other(env, this)
        return run

    # -- operators -------------------------------------------------------------------
    def _binary(self, n: dict[str, Any]) -> tuple[str, Fn, Fn]:
        (op,) = n["terminalNodeText"]
        left, right = (self.node(c) for c in n["children"])
        return op, left, right

    def _InequalityExpression(self, n: dict[str, Any]) -> Fn:
        op, left, right = self._binary(n)
        compare: Callable[[Any, Any], bool] = {
            "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
            ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}[op]

        def run(env: Env, this: Any) -> list[Any]:
            a, b = _single(left(env, this)), _single(right(env, this))
            if a is None or b is None:
                return []
            return [compare(_number(a), _number(b))]
        return run

    def _EqualityExpression(self, n: dict[str, Any]) -> Fn:
        op, left, right = self._binary(n)
        if op not in ("=", "!="):
            raise Unsupported

        def run(env: Env, this: Any) -> list[Any]:
            a, b = _single(left(env, this)), _single(right(env, this))
            if a is None or b is None:
                return []
            for v in (a, b):
                if not isinstance(v, bool | int | Decimal | str):
                    raise Unsupported
            if isinstance(a, bool) != isinstance(b, bool) or isinstance(a, str) != isinstance(
                    b, str):
                raise Unsupported
            return [(a == b) is (op == "=")]
        return run

    def _AdditiveExpression(self, n: dict[str, Any]) -> Fn:
        op, left, right = self._binary(n)
        if op not in ("+", "-"):
            raise Unsupported

        def run(env: Env, this: Any) -> list[Any]:
            a, b = _single(left(env, this)), _single(right(env, this))
            if a is None or b is None:
                return []
            x, y = _number(a), _number(b)
            return [x + y if op == "+" else x - y]
        return run

    def _MultiplicativeExpression(self, n: dict[str, Any]) -> Fn:
        op, left, right = self._binary(n)
        if op not in ("*", "/"):
            raise Unsupported

        def run(env: Env, this: Any) -> list[Any]:
            a, b = _single(left(env, this)), _single(right(env, this))
            if a is None or b is None:
                return []
            x, y = _number(a), _number(b)
            if op == "*":
                return [x * y]
            try:
                return [Decimal(x) / Decimal(y)]
            except (InvalidOperation, ZeroDivisionError):
                return []
        return run

    def _AndExpression(self, n: dict[str, Any]) -> Fn:
        _op, left, right = self._binary(n)

        def run(env: Env, this: Any) -> list[Any]:
            a, b = _truth(left(env, this)), _truth(right(env, this))
            if a is False or b is False:
                return [False]
            return [True] if a is True and b is True else []
        return run

    def _OrExpression(self, n: dict[str, Any]) -> Fn:
        op, left, right = self._binary(n)
        if op != "or":
            raise Unsupported

        def run(env: Env, this: Any) -> list[Any]:
            a, b = _truth(left(env, this)), _truth(right(env, this))
            if a is True or b is True:
                return [True]
            return [False] if a is False and b is False else []
        return run


def _sum(values: list[Any]) -> list[Any]:
    total: Any = 0
    for v in values:
        total += _number(v)
    return [total]


def _not(values: list[Any]) -> list[Any]:
    value = _truth(values)
    return [] if value is None else [not value]
