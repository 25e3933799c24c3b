"""What a form does with answers: enableWhen, calculated scores (FHIRPath).

Expressions are compiled once per FormSpec and cached on it. Evaluation context
(a documented simplification of SDC): the input, ``%context`` and ``%resource`` are
the whole QuestionnaireResponse, ``%questionnaire`` the form; write expressions
from ``%resource`` (``%resource.repeat(item).where(linkId='x')``).
Variables are visible to the item that defines them and its descendants.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from care_degraded.questionnaire.answers import answer_element, node, to_response
from care_degraded.questionnaire.fhirpath import Compiled, ScoreTable, plain_result
from care_degraded.questionnaire.spec import EnableWhen, Expression, FormSpec, Item

Scopes = tuple[Mapping[str, Any], ...]


class CompiledForm:
    """Everything derived once from a FormSpec: parents, compiled expressions."""

    def __init__(self, spec: FormSpec) -> None:
        self.spec = spec
        self.parent: dict[str, Item] = {}
        self.scores: ScoreTable = {}
        for item in spec.walk():
            for child in item.items:
                self.parent[child.link_id] = item
            for opt in item.options:
                if opt.score is not None and opt.coding is not None:
                    self.scores.setdefault((opt.coding.system, opt.coding.code), opt.score)
        self.exprs: dict[str, Compiled] = {}
        for expr in spec.variables:
            self._compile(expr)
        for item in spec.walk():
            for expr in item.variables:
                self._compile(expr)
            for maybe in (item.calculated_expression, item.enable_when_expression):
                if maybe is not None:
                    self._compile(maybe)
        self.calculated = tuple(i for i in spec.walk() if i.calculated_expression is not None)
        self.has_expressions = bool(self.exprs)

    def _compile(self, expr: Expression) -> None:
        if expr.expression not in self.exprs:
            self.exprs[expr.expression] = Compiled(expr.expression, self.scores)

    def ancestors(self, item: Item) -> list[Item]:
        """Outermost first."""
        chain: list[Item] = []
        current = self.parent.get(item.link_id)
        while current is not None:
            chain.append(current)
            current = self.parent.get(current.link_id)
        return chain[::-1]


def compiled(spec: FormSpec) -> CompiledForm:
    """The CompiledForm of ``spec`` (built once, then cached on the spec)."""
    cache: CompiledForm | None = spec.__dict__.get("_compiled")
    if cache is None:
        cache = CompiledForm(spec)
        object.__setattr__(spec, "_compiled", cache)
    return cache


# -- calculated values ----------------------------------------------------------------
def compute(spec: FormSpec, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Values of the calculated items of the top level and of non-repeating groups.

    Calculated items inside a repeating group are computed per occurrence and written
    into the occurrence dicts by :func:`apply_calculations`; here they are skipped.
    """
    merged = apply_calculations(spec, answers)
    out: dict[str, Any] = {}
    cf = compiled(spec)
    for item in cf.calculated:
        if not any(a.repeats and a.is_group for a in cf.ancestors(item)):
            out[item.link_id] = merged.get(item.link_id)
    return out


def apply_calculations(spec: FormSpec, answers: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``answers`` with every calculated item (re)computed, in form order.

    Each result is visible to the calculations after it (NEWS2 sub-scores, then total).
    """
    cf = compiled(spec)
    result: dict[str, Any] = dict(_deep_copy(answers))
    if not cf.calculated:
        return result
    for item in cf.calculated:
        # A value typed for a calculated item is never trusted: it is recomputed.
        for frame in _frames(cf.ancestors(item), result):
            frame.pop(item.link_id, None)
    qr = to_response(spec, result)
    base_vars: dict[str, Any] = {"resource": qr, "questionnaire": spec.resource}
    for expr in spec.variables:
        base_vars[str(expr.name)] = cf.exprs[expr.expression](qr, base_vars)
    for item in cf.calculated:
        chain = cf.ancestors(item)
        changed = False
        for frame, nodes in _scopes(chain, result, qr):
            variables = dict(base_vars)
            # Group variables run on that group's response item (SDC %context);
            # the item's own expressions on its parent's.
            holders = [*zip(chain, nodes, strict=True), (item, nodes[-1] if nodes else qr)]
            for holder, where in holders:
                variables["context"] = where
                for expr in holder.variables:
                    variables[str(expr.name)] = cf.exprs[expr.expression](where, variables)
            assert item.calculated_expression is not None
            context = variables["context"]
            value = plain_result(cf.exprs[item.calculated_expression.expression](context,
                                                                                 variables))
            if frame.get(item.link_id) != value:
                changed = True
                if value is None:
                    frame.pop(item.link_id, None)
                else:
                    frame[item.link_id] = value
        if changed and not _patch(qr, chain, item, result.get(item.link_id)):
            # Later expressions must see this result: rebuild the response.
            qr = to_response(spec, result)
            base_vars["resource"] = qr
    return result


def _patch(qr: dict[str, Any], chain: list[Item], item: Item, value: Any) -> bool:
    """Write one calculated value into the response in place (much cheaper than a
    rebuild). False when the item sits in a repeating group or under a question."""
    if any(g.repeats or not g.is_group for g in chain):
        return False
    container = qr
    for group in chain:
        children = container.setdefault("item", [])
        found = next((c for c in children if c.get("linkId") == group.link_id), None)
        if found is None:
            found = node(group)
            children.append(found)
        container = found
    children = container.setdefault("item", [])
    existing = next((c for c in children if c.get("linkId") == item.link_id), None)
    element = answer_element(item, value)
    if element is None:
        if existing is not None:
            children.remove(existing)
    elif existing is None:
        children.append(node(item, answers=[element]))
    else:
        existing["answer"] = [element]
    return True


def _scopes(chain: list[Item], answers: dict[str, Any], qr: dict[str, Any]
            ) -> list[tuple[dict[str, Any], list[Any]]]:
    """Where an item lives: (its answer dict, the response node of each ancestor),
    once per occurrence of the repeating groups above it."""
    scopes: list[tuple[dict[str, Any], list[Any]]] = [(answers, [])]
    for group in chain:
        nxt: list[tuple[dict[str, Any], list[Any]]] = []
        for frame, nodes in scopes:
            parent = nodes[-1] if nodes else qr
            children = [c for c in (parent.get("item") or []) if isinstance(c, dict)
                        and c.get("linkId") == group.link_id] if isinstance(parent, dict) else []
            if group.is_group and group.repeats:
                # to_response leaves out empty occurrences: pair the others in order.
                pending = iter(children)
                for occ in frame.get(group.link_id) or []:
                    if isinstance(occ, dict):
                        node = next(pending, {}) if _has_answer(occ) else {}
                        nxt.append((occ, [*nodes, node]))
            else:
                nxt.append((frame, [*nodes, children[0] if children else {}]))
        scopes = nxt
    return scopes


def _has_answer(frame: Mapping[str, Any]) -> bool:
    return any(v not in (None, "", []) for v in frame.values())


def _frames(chain: list[Item], answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The answer dicts an item lives in: one per occurrence of its repeating groups."""
    frames = [answers]
    for group in chain:
        if group.is_group and group.repeats:
            frames = [occ for f in frames for occ in (f.get(group.link_id) or [])
                      if isinstance(occ, dict)]
    return frames


def _deep_copy(value: Any) -> Any:  # answers are plain JSON: dicts, lists, scalars
    if isinstance(value, Mapping):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value


# -- enableWhen -----------------------------------------------------------------------
class Enablement:
    """Decides whether items are enabled, for one set of answers (memoised)."""

    def __init__(self, spec: FormSpec, answers: Mapping[str, Any]) -> None:
        self.spec = spec
        self.cf = compiled(spec)
        self.answers = answers
        self._memo: dict[tuple[str, int], bool] = {}
        self._qr: dict[str, Any] | None = None

    def enabled(self, item: Item, scopes: Scopes) -> bool:
        """Is ``item`` enabled where ``scopes`` (innermost answer dict first) apply?"""
        key = (item.link_id, id(scopes[0]))
        if key in self._memo:
            return self._memo[key]
        result = self._own(item, scopes)
        parent = self.cf.parent.get(item.link_id)
        if result and parent is not None:
            outer = scopes[1:] if parent.is_group and parent.repeats and len(scopes) > 1 \
                else scopes
            result = self.enabled(parent, outer)
        self._memo[key] = result
        return result

    def _own(self, item: Item, scopes: Scopes) -> bool:
        if item.enable_when:
            checks = (self._check(w, scopes) for w in item.enable_when)
            ok = all(checks) if item.enable_behavior == "all" else any(checks)
            if not ok:
                return False
        if item.enable_when_expression is not None:
            if self._qr is None:
                self._qr = to_response(self.spec, self.answers)
            variables: dict[str, Any] = {
                "resource": self._qr, "questionnaire": self.spec.resource, "context": self._qr}
            for expr in self.spec.variables:
                variables[str(expr.name)] = self.cf.exprs[expr.expression](self._qr, variables)
            out = self.cf.exprs[item.enable_when_expression.expression](self._qr, variables)
            return out == [True]
        return True

    def _check(self, when: EnableWhen, scopes: Scopes) -> bool:
        values: list[Any] = []
        for depth, frame in enumerate(scopes):
            if when.question in frame:
                target = self.cf.spec.item(when.question)
                if self.enabled(target, scopes[depth:]):
                    raw = frame[when.question]
                    values = [v for v in (raw if isinstance(raw, list) else [raw])
                              if v is not None and v != ""]
                break
        if when.operator == "exists":
            return bool(values) == bool(when.answer)
        if when.operator == "!=":
            # R4: "true if no answer has a value equal to the enableWhen answer" —
            # so also true when there is no answer (as android-fhir reads it).
            return not any(_equal(v, when.answer) for v in values)
        if not values:
            return False
        if when.operator == "=":
            return any(_equal(v, when.answer) for v in values)
        return any(_compare(v, when.answer, when.operator) for v in values)


def _number_or_text(value: Any) -> Any:
    if isinstance(value, Mapping):
        return value.get("value")
    return value


def _equal(a: Any, b: Any) -> bool:
    a, b = _number_or_text(a), _number_or_text(b)
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return bool(a == b)


def _compare(a: Any, b: Any, op: str) -> bool:
    a, b = _number_or_text(a), _number_or_text(b)
    if isinstance(a, str) and isinstance(b, str):
        a, b = _as_time(a), _as_time(b)
    try:
        if op == ">":
            return bool(a > b)
        if op == "<":
            return bool(a < b)
        if op == ">=":
            return bool(a >= b)
        return bool(a <= b)
    except TypeError:
        return False


def _as_time(text: str) -> Any:
    for parse in (dt.date.fromisoformat, dt.time.fromisoformat, dt.datetime.fromisoformat):
        try:
            return parse(text)
        except ValueError:
            continue
    return text


def enabled_items(spec: FormSpec, answers: Mapping[str, Any]) -> set[str]:
    """linkIds enabled given ``answers`` (an item in a repeating group counts as
    enabled if it is enabled in at least one occurrence, or if there is none)."""
    en = Enablement(spec, answers)
    out: set[str] = set()
    cf = compiled(spec)
    for item in spec.walk():
        chain = cf.ancestors(item)
        scopes_list: list[Scopes] = [(answers,)]
        for group in chain:
            if group.is_group and group.repeats:
                scopes_list = [(occ, *s) for s in scopes_list
                               for occ in (s[0].get(group.link_id) or [])
                               if isinstance(occ, Mapping)] or scopes_list
        if any(en.enabled(item, s) for s in scopes_list):
            out.add(item.link_id)
    return out
