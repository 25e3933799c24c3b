"""How a calculated item is computed, in words a nurse can apply on paper.

Scores such as NEWS2 are written in the form as FHIRPath ladders::

    iif(%rr.empty(), {}, iif(%rr <= 8, 3, iif(%rr <= 11, 1, ... 3)))

This module reads that small subset (``iif``, comparisons of a ``%variable``
with a literal, ``empty()``/``exists()``) into :class:`Rule` lists, and turns a
ladder over one numeric variable into bands ("9-11 : 1"). Anything else is left
to a plain description: the printer never guesses a rule it cannot read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from care_degraded.domain.numbers import decimal_text
from care_degraded.questionnaire.spec import FormSpec, Item

_TOKEN = re.compile(r"\s*(?:(iif)\b|(%[A-Za-z_][\w-]*)|(\.empty\(\)|\.exists\(\))|"
                    r"(<=|>=|!=|=|<|>)|(-?\d+(?:\.\d+)?)|'((?:[^'\\]|\\.)*)'|(true|false)\b|"
                    r"(\{\})|([(),]))")
_NEGATE = {"<=": ">", "<": ">=", ">": "<=", ">=": "<", "=": "!=", "!=": "="}


@dataclass(frozen=True)
class Cond:
    var: str
    op: str  # <= < > >= = != empty exists
    value: Any = None


@dataclass
class Rule:
    """``value`` applies when every condition holds."""

    conds: list[Cond] = field(default_factory=list)
    value: Any = None


class _Unreadable(Exception):
    pass


def _tokens(text: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise _Unreadable(text[pos:pos + 20])
        pos = m.end()
        iif, var, fn, op, num, string, boolean, empty, punct = m.groups()
        if iif:
            out.append(("iif", None))
        elif var:
            out.append(("var", var[1:]))
        elif fn:
            out.append(("fn", fn[1:-2]))
        elif op:
            out.append(("op", op))
        elif num is not None:
            out.append(("lit", Decimal(num)))
        elif string is not None:
            out.append(("lit", string))
        elif boolean:
            out.append(("lit", boolean == "true"))
        elif empty:
            out.append(("lit", None))
        else:
            out.append(("p", punct))
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, Any]]) -> None:
        self.t = tokens
        self.i = 0

    def take(self, kind: str, value: Any = None) -> Any:
        if self.i >= len(self.t):
            raise _Unreadable("end")
        k, v = self.t[self.i]
        if k != kind or (value is not None and v != value):
            raise _Unreadable(f"{k}:{v}")
        self.i += 1
        return v

    def expr(self, conds: list[Cond], rules: list[Rule]) -> None:
        kind, value = self.t[self.i] if self.i < len(self.t) else ("", None)
        if kind == "lit":
            self.i += 1
            if value is not None:  # {} means "no score yet": nothing to print
                rules.append(Rule(list(conds), value))
            return
        self.take("iif")
        self.take("p", "(")
        cond = self.cond()
        self.take("p", ",")
        self.expr([*conds, cond], rules)
        self.take("p", ",")
        self.expr([*conds, _negate(cond)], rules)
        self.take("p", ")")

    def cond(self) -> Cond:
        var = self.take("var")
        kind, value = self.t[self.i]
        if kind == "fn":
            self.i += 1
            return Cond(var, value)
        op = self.take("op")
        return Cond(var, op, self.take("lit"))


def _negate(c: Cond) -> Cond:
    if c.op in ("empty", "exists"):
        return Cond(c.var, "exists" if c.op == "empty" else "empty")
    return Cond(c.var, _NEGATE[c.op], c.value)


def rules_of(expression: str) -> list[Rule] | None:
    """The rules of a ladder expression, or None if it uses anything else."""
    try:
        parser = _Parser(_tokens(expression))
        rules: list[Rule] = []
        parser.expr([], rules)
        if parser.i != len(parser.t):
            return None
    except (_Unreadable, IndexError):
        return None
    # "is empty" / "exists" guards only say "nothing to compute yet".
    for rule in rules:
        rule.conds = [c for c in rule.conds if c.op != "exists"]
    if any(c.op == "empty" for r in rules for c in r.conds):
        return None
    return rules


@dataclass(frozen=True)
class Band:
    """One band of a numeric ladder: ``low < x <= high`` (either side open)."""

    low: Decimal | None
    low_inclusive: bool
    high: Decimal | None
    high_inclusive: bool
    value: Any
    qualifier: str = ""  # extra condition in words, "(Oxygène)"

    def text(self) -> str:
        step = _step(self.low if self.low is not None else self.high)
        low = self.low
        if low is not None and not self.low_inclusive:
            low = low + step
        high = self.high
        if high is not None and not self.high_inclusive:
            high = high - step
        if low is None and high is not None:
            core = f"≤ {_num(high)}"
        elif high is None and low is not None:
            core = f"≥ {_num(low)}"
        elif low is not None and high is not None:
            core = _num(low) if low == high else f"{_num(low)}–{_num(high)}"
        else:
            core = "tout"
        return f"{core} {self.qualifier}".strip()


def _step(value: Decimal | None) -> Decimal:
    if value is None:
        return Decimal(1)
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) and exponent < 0 else 0)


def _num(value: Decimal) -> str:
    return decimal_text(value, "fr")  # the scoring rules are printed in French


@dataclass
class Ladder:
    """A calculated item read as bands over one variable, grouped by context."""

    variable: str
    rows: list[tuple[str, list[Band]]]  # (context in words, bands ascending)


class Describer:
    """Turns variables and codes of one form into the words printed on paper."""

    def __init__(self, spec: FormSpec, lang: str = "fr") -> None:
        self.spec = spec
        self.lang = lang
        self.var_items: dict[str, Item] = {}
        self.parents: dict[str, Item] = {c.link_id: i for i in spec.walk() for c in i.items}
        for expr in spec.variables:
            self._bind(expr.name, expr.expression)
        for item in spec.walk():
            for expr in item.variables:
                self._bind(expr.name, expr.expression)

    def _bind(self, name: str | None, expression: str) -> None:
        found = re.findall(r"linkId\s*=\s*'([^']+)'", expression)
        if name and found and found[-1] in self.spec._index():
            self.var_items[name] = self.spec.item(found[-1])

    def item_label(self, link_id: str) -> str:
        """An item's label, with its group's when another item has the same label."""
        index = self.spec._index()
        if link_id not in index:
            return link_id
        label = index[link_id].label(self.lang)
        if sum(1 for i in index.values() if i.label(self.lang) == label) > 1 and \
                link_id in self.parents:
            return f"{self.parents[link_id].label(self.lang)} — {label}"
        return label

    def var_label(self, var: str) -> str:
        item = self.var_items.get(var)
        return item.label(self.lang) if item is not None else var

    def value_label(self, var: str, value: Any) -> str:
        item = self.var_items.get(var)
        if isinstance(value, bool):
            return "oui" if value else "non"
        if item is not None:
            opt = item.option_for(value)
            if opt is not None:
                return opt.label(self.lang)
        return _num(value) if isinstance(value, Decimal) else str(value)

    def cond_text(self, c: Cond, short: bool = False) -> str:
        """One condition in words; ``short`` drops the variable name for choices."""
        item = self.var_items.get(c.var)
        value = self.value_label(c.var, c.value)
        if item is not None and item.options and c.op in ("=", "!="):
            if c.op == "=":
                return value if short else f"{self.var_label(c.var)} = {value}"
            others = [o.label(self.lang) for o in item.options if o.value != c.value]
            if len(others) == 1:
                return others[0] if short else f"{self.var_label(c.var)} = {others[0]}"
            return f"autre que {value}" if short else f"{self.var_label(c.var)} ≠ {value}"
        if isinstance(c.value, bool) and c.op in ("=", "!="):
            yes = c.value == (c.op == "=")
            return f"{self.var_label(c.var)} : {'oui' if yes else 'non'}"
        symbol = {"<=": "≤", ">=": "≥", "!=": "≠"}.get(c.op, c.op)
        return f"{self.var_label(c.var)} {symbol} {value}"

    def ladder(self, item: Item) -> Ladder | None:
        """Bands over the one numeric variable this item's score reads, if it is a ladder."""
        if item.calculated_expression is None:
            return None
        rules = rules_of(item.calculated_expression.expression)
        if not rules:
            return None
        numeric = {c.var for r in rules for c in r.conds
                   if c.op in ("<=", "<", ">", ">=") and isinstance(c.value, Decimal)}
        if len(numeric) != 1:
            return None
        var = numeric.pop()
        grouped: dict[str, list[Band]] = {}
        for rule in rules:
            context: list[str] = []
            qualifier: list[str] = []
            low: Decimal | None = None
            high: Decimal | None = None
            low_inc = high_inc = True
            seen_band = False
            for c in rule.conds:
                if c.var == var and c.op in ("<=", "<", ">", ">="):
                    seen_band = True
                    if c.op in ("<=", "<") and (high is None or c.value < high):
                        high, high_inc = c.value, c.op == "<="
                    elif c.op in (">", ">=") and (low is None or c.value > low):
                        low, low_inc = c.value, c.op == ">="
                elif seen_band:
                    qualifier.append(self.cond_text(c, short=True))
                else:
                    context.append(self.cond_text(c))
            band = Band(low, low_inc, high, high_inc, rule.value,
                        f"({', '.join(qualifier)})" if qualifier else "")
            grouped.setdefault(" et ".join(context), []).append(band)
        rows = [(ctx, sorted(bands, key=lambda b: (b.low is not None, b.low or 0)))
                for ctx, bands in grouped.items()]
        return Ladder(var, rows)

    def result_label(self, item: Item, value: Any) -> str:
        """A computed value in words: the item's own option label for a coded result."""
        option = item.option_for(value)
        if option is not None:
            return option.label(self.lang)
        return self.value_label("", value)

    def describe(self, item: Item) -> str:
        """How to compute ``item``, in one short text."""
        expr = item.calculated_expression
        if expr is None:
            return ""
        ladder = self.ladder(item)
        if ladder is not None:
            parts = []
            for context, bands in ladder.rows:
                text = " · ".join(f"{b.text()} : {self.result_label(item, b.value)}"
                                  for b in bands)
                parts.append(f"si {context} : {text}" if context else text)
            return f"{self.var_label(ladder.variable)} : " + " ; ".join(parts)
        rules = rules_of(expr.expression)
        if rules:
            return " · ".join(
                (", ".join(self.cond_text(c, short=True) for c in r.conds) or "sinon")
                + f" : {self.result_label(item, r.value)}" for r in rules)
        formula = self.formula(expr.expression)
        if formula:
            if re.match(r"iif\(%\w+\.count\(\)\s*>=\s*1\s*,", expr.expression):
                # a partial total: what is known, said as "≥" while a part is missing
                return f"= {formula} ; partiel (≥) si un paramètre manque"
            return f"= {formula}, quand tout est renseigné" if expr.expression.startswith(
                "iif(") else f"= {formula}"
        return "calculé à l'écran ; à défaut, selon le protocole du service"

    def formula(self, expression: str) -> str | None:
        """Sums and differences of answers or points, in words; None if anything else.

        ``iif(<all answered>, X, {})`` is read as X: the guard only says "wait until
        every part is answered".
        """
        text = expression.strip()
        guarded = _split_iif(text)
        if guarded is not None:
            guard, then, otherwise = guarded
            if otherwise.strip() != "{}" or not _only_guards(guard):
                return None
            text = then.strip()

        def answers_sum(m: re.Match[str]) -> str:
            return f"somme des « {self.item_label(m.group(1))} »"

        text = re.sub(r"%resource(?:\.repeat\(item\)|\.item)*\.where\(linkId='([^']+)'\)"
                      r"(?:\.item)*\.answer\.value\.sum\(\)", answers_sum, text)
        text = re.sub(r"%([A-Za-z_][\w-]*)\.ordinal\(\)",
                      lambda m: f"points « {self.var_label(m.group(1))} »", text)
        text = re.sub(r"%([A-Za-z_][\w-]*)\.sum\(\)",
                      lambda m: f"somme des « {self.var_label(m.group(1))} »", text)
        rest = re.sub(r"«[^»]*»", "", text)  # labels may hold brackets of their own
        if any(ch in rest for ch in "%()'{}[]$") or re.search(r"\.\w", rest):
            return None
        return text.replace(" - ", " − ")


def _split_iif(text: str) -> tuple[str, str, str] | None:
    """The three arguments of a top-level ``iif(a, b, c)``, or None."""
    if not (text.startswith("iif(") and text.endswith(")")):
        return None
    depth = 0
    parts: list[str] = []
    current: list[str] = []
    for ch in text[4:-1]:
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else None


def _only_guards(condition: str) -> bool:
    """True for "every part is answered" guards: ``%a.exists() and %b.count() = 7``."""
    for part in re.split(r"\s+and\s+", condition.strip()):
        if not re.fullmatch(r"%[A-Za-z_][\w-]*\.(exists\(\)|count\(\)\s*(=|>=)\s*\d+)",
                            part.strip()):
            return False
    return True
