"""Build a FormSpec from FHIR R4 Questionnaire JSON.

A valid Questionnaire written elsewhere always loads: what we do not support becomes
a warning naming the linkId. A malformed one raises a single InvalidInput naming the
file and the item. Nothing here reads answers; the engine does that.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from care_degraded.domain.errors import InvalidInput
from care_degraded.questionnaire import extensions as ext
from care_degraded.questionnaire.links import Malformed as _Malformed
from care_degraded.questionnaire.links import check_links
from care_degraded.questionnaire.spec import (
    SUPPORTED_TYPES,
    UNSUPPORTED_TYPES,
    AnswerOption,
    Coding,
    EnableWhen,
    Expression,
    FormSpec,
    Item,
    Text,
)

OPERATORS = frozenset({"exists", "=", "!=", ">", "<", ">=", "<="})
_OPTION_KINDS = ("Coding", "String", "Integer", "Date", "Time", "Reference")
_ANSWER_KEYS = ("Boolean", "Decimal", "Integer", "Date", "DateTime", "Time", "String",
                "Coding", "Quantity", "Reference", "Uri", "Attachment")




def load_questionnaire(source: str | Path | dict[str, Any]) -> FormSpec:
    """Load a Questionnaire from a JSON file path or an already parsed dict.

    Raises InvalidInput (exit 5) naming the file and the item when the definition is
    malformed. Unsupported parts are listed in ``FormSpec.warnings``.
    """
    if isinstance(source, dict):
        label, data = "<dict>", source
    else:
        path = Path(source)
        label = str(path)
        try:
            # utf-8-sig: files saved by Windows editors start with a byte-order mark.
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except FileNotFoundError as exc:
            raise InvalidInput(f"{label}: file not found") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"{label}: cannot read the file ({type(exc).__name__})") from exc
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"{label}: not valid JSON (line {exc.lineno}, column {exc.colno})"
                               ) from exc
        except RecursionError:
            raise InvalidInput(f"{label}: not a form (JSON nested too deeply)") from None
    builder = _Builder(label)
    try:
        return builder.build(data)
    except _Malformed as exc:
        message = str(exc)
        if builder.current and repr(builder.current) not in message:
            message += f" (in item {builder.current!r})"
        raise InvalidInput(f"{label}: {message}") from None
    except (TypeError, AttributeError, ValueError, KeyError, IndexError, RecursionError) as exc:
        # A value of the wrong JSON type somewhere deep: still one clear line.
        where = f"item {builder.current!r}" if builder.current else "the Questionnaire"
        raise InvalidInput(f"{label}: malformed definition in {where} "
                           f"({type(exc).__name__})") from None


class _Builder:
    def __init__(self, label: str) -> None:
        self.label = label
        self.current: str | None = None
        self.warnings: list[str] = []
        self.value_sets: dict[str, tuple[AnswerOption, ...]] = {}

    def warn(self, where: str | None, message: str) -> None:
        self.warnings.append(f"{where or 'Questionnaire'}: {message}")

    # -- top level -------------------------------------------------------------------
    def build(self, data: Any) -> FormSpec:
        if not isinstance(data, dict):
            raise _Malformed("not a JSON object")
        if data.get("resourceType") != "Questionnaire":
            raise _Malformed("resourceType is not Questionnaire")
        for contained in _list(data.get("contained")):
            if isinstance(contained, dict) and contained.get("resourceType") == "ValueSet":
                self.value_sets["#" + str(contained.get("id"))] = _value_set_options(contained)
        variables: list[Expression] = []
        for e in _list(data.get("extension")):
            url = _extension_url(e)
            if url == ext.VARIABLE:
                expr = self.expression(e, None)
                if expr is not None:
                    variables.append(expr)
            elif url not in ext.IGNORED_FORM:
                self.warn(None, f"extension {url} not supported")
        items = tuple(self.item(i, path=()) for i in _list(data.get("item")))
        meta = data.get("meta") or {}
        spec = FormSpec(
            url=_opt_str(data.get("url")), version=_opt_str(data.get("version")),
            id=_opt_str(data.get("id")), name=_opt_str(data.get("name")),
            title=_text(data.get("title"), data.get("_title")),
            status=str(data.get("status") or "unknown"),
            items=items, codes=tuple(_coding(c) for c in _list(data.get("code"))),
            tags=tuple(_coding(c) for c in _list(meta.get("tag"))),
            language=_opt_str(data.get("language")), variables=tuple(variables),
            warnings=tuple(self.warnings), source=self.label, resource=data,
        )
        self.current = None
        check_links(spec)
        return spec

    # -- items -----------------------------------------------------------------------
    def item(self, raw: Any, path: tuple[str, ...]) -> Item:
        if not isinstance(raw, dict):
            raise _Malformed(f"an item under {path[-1] if path else 'the root'!r} "
                             "is not an object")
        link_id = raw.get("linkId")
        if not isinstance(link_id, str) or not link_id.strip():
            after = f" (after {self.current!r})" if self.current else ""
            raise _Malformed(f"an item has no linkId{after}")
        self.current = link_id
        kind = raw.get("type")
        if kind not in SUPPORTED_TYPES and kind not in UNSUPPORTED_TYPES:
            raise _Malformed(f"item {link_id!r} has an unknown type {kind!r}")
        supported = kind in SUPPORTED_TYPES
        if not supported:
            self.warn(link_id, f"type {kind} not supported (shown, not validated)")
        fields: dict[str, Any] = {}
        variables: list[Expression] = []
        for e in _list(raw.get("extension")):
            self.item_extension(link_id, e, fields, variables)
        options = tuple(self.option(link_id, o) for o in _list(raw.get("answerOption")))
        vs = _opt_str(raw.get("answerValueSet"))
        if vs and not options:
            if vs in self.value_sets:
                options = self.value_sets[vs]
            else:
                self.warn(link_id, f"answerValueSet {vs} not available: any code accepted")
        if kind == "choice" and not options and (not vs or vs.startswith("#")):
            # A '#id' value set lives in the form itself: missing or empty, the choice
            # has no options at all (an external URL may be known elsewhere: warned).
            raise _Malformed(f"item {link_id!r} is a choice without answer options")
        enable_when = tuple(self.enable_when(link_id, w) for w in _list(raw.get("enableWhen")))
        behavior = raw.get("enableBehavior") or "any"
        if behavior not in ("any", "all"):
            raise _Malformed(f"item {link_id!r} has enableBehavior {behavior!r}")
        if len(enable_when) > 1 and "enableBehavior" not in raw:
            self.warn(link_id, "several enableWhen without enableBehavior: 'any' assumed")
        initial = tuple(v for v in (self.answer_value(link_id, i, "initial")
                                    for i in _list(raw.get("initial"))) if v is not None)
        max_length = raw.get("maxLength")
        if max_length is not None and (not isinstance(max_length, int) or max_length < 0):
            raise _Malformed(f"item {link_id!r} has an invalid maxLength")
        children = tuple(self.item(c, path + (link_id,)) for c in _list(raw.get("item")))
        self.current = link_id
        return Item(
            link_id=link_id, type=str(kind), text=_text(raw.get("text"), raw.get("_text")),
            prefix=_opt_str(raw.get("prefix")),
            codes=tuple(_coding(c) for c in _list(raw.get("code"))),
            required=bool(raw.get("required", False)), repeats=bool(raw.get("repeats", False)),
            read_only=bool(raw.get("readOnly", False)), max_length=max_length,
            initial=initial, options=options, answer_value_set=vs,
            enable_when=enable_when, enable_behavior=behavior,
            variables=tuple(variables), items=children, supported=supported, **fields,
        )

    def item_extension(self, link_id: str, e: Any, fields: dict[str, Any],
                       variables: list[Expression]) -> None:
        url = _extension_url(e)
        value = _extension_value(e)
        if url == ext.MIN_VALUE:
            fields["min_value"] = value
        elif url == ext.MAX_VALUE:
            fields["max_value"] = value
        elif url == ext.MAX_DECIMAL_PLACES:
            fields["max_decimal_places"] = int(value)
        elif url == ext.UNIT:
            fields["unit"] = _coding(value)
        elif url == ext.UNIT_OPTION:
            fields.setdefault("unit_options", ())
            fields["unit_options"] += (_coding(value),)
        elif url == ext.ITEM_CONTROL:
            codings = _list((value or {}).get("coding"))
            fields["item_control"] = _opt_str(codings[0].get("code")) if codings else None
        elif url == ext.ENTRY_FORMAT:
            fields["entry_format"] = _opt_str(value)
        elif url == ext.SHORT_TEXT and isinstance(value, str):
            fields["short_text"] = _text(value, e.get("_valueString"))
        elif url == ext.PLAUSIBLE_RANGE and isinstance(value, dict):
            for end, key in (("low", "plausible_low"), ("high", "plausible_high")):
                bound = (value.get(end) or {}).get("value")
                if isinstance(bound, int | float) and not isinstance(bound, bool):
                    fields[key] = bound
        elif url == ext.HIDDEN:
            fields["hidden"] = bool(value)
        elif url == ext.VARIABLE:
            expr = self.expression(e, link_id)
            if expr is not None:
                variables.append(expr)
        elif url == ext.CALCULATED:
            fields["calculated_expression"] = self.expression(e, link_id)
        elif url == ext.ENABLE_WHEN_EXPRESSION:
            fields["enable_when_expression"] = self.expression(e, link_id)
        elif url not in ext.IGNORED_ITEM:
            self.warn(link_id, f"extension {url} not supported")

    def expression(self, e: dict[str, Any], link_id: str | None) -> Expression | None:
        value = e.get("valueExpression")
        if not isinstance(value, dict) or not isinstance(value.get("expression"), str):
            self.warn(link_id, f"extension {e.get('url')} without an expression: ignored")
            return None
        language = str(value.get("language") or "text/fhirpath")
        if language != "text/fhirpath":
            self.warn(link_id, f"expression language {language} not supported")
            return None
        expr = Expression(expression=value["expression"], language=language,
                          name=_opt_str(value.get("name")))
        error = ext.compile_error(expr.expression)
        if error:
            self.warn(link_id, f"FHIRPath expression not understood ({error}): ignored")
            return None
        return expr

    def option(self, link_id: str, raw: Any) -> AnswerOption:
        if not isinstance(raw, dict):
            raise _Malformed(f"item {link_id!r} has an answerOption that is not an object")
        score = None
        for e in _list(raw.get("extension")):
            url = _extension_url(e)
            if url in ext.SCORE:
                score = float(_extension_value(e))
            elif url not in ext.IGNORED_OPTION:
                self.warn(link_id, f"answerOption extension {url} not supported")
        selected = bool(raw.get("initialSelected", False))
        for kind in _OPTION_KINDS:
            key = "value" + kind
            if key not in raw:
                continue
            value = raw[key]
            if kind == "Coding":
                coding = _coding(value)
                if not coding.code and not coding.display:
                    raise _Malformed(f"item {link_id!r} has an answer coding without code")
                display = coding.display
                return AnswerOption(value=coding.code or str(coding.display), kind=kind,
                                    coding=coding, display=display, score=score,
                                    initial_selected=selected)
            if kind == "Reference":
                self.warn(link_id, "answerOption valueReference not supported")
                value = str((value or {}).get("reference"))
            display = _text(str(value), raw.get("_" + key)) if kind == "String" else None
            return AnswerOption(value=value, kind=kind, display=display, score=score,
                                initial_selected=selected)
        raise _Malformed(f"item {link_id!r} has an answerOption without a value")

    def enable_when(self, link_id: str, raw: Any) -> EnableWhen:
        if not isinstance(raw, dict) or not isinstance(raw.get("question"), str):
            raise _Malformed(f"item {link_id!r} has an enableWhen without a question")
        op = raw.get("operator")
        if op not in OPERATORS:
            raise _Malformed(f"item {link_id!r} has an enableWhen operator {op!r}")
        answer = self.answer_value(link_id, raw, "enableWhen")
        if answer is None:
            raise _Malformed(f"item {link_id!r} has an enableWhen without an answer")
        return EnableWhen(question=raw["question"], operator=op, answer=answer)

    def answer_value(self, link_id: str, raw: Any, what: str) -> Any:
        if not isinstance(raw, dict):
            raise _Malformed(f"item {link_id!r} has a malformed {what}")
        for key in _ANSWER_KEYS:
            if "value" + key in raw:
                return plain_value(key, raw["value" + key])
        if "answerBoolean" in raw:
            return bool(raw["answerBoolean"])
        for key in _ANSWER_KEYS:
            if "answer" + key in raw:
                return plain_value(key, raw["answer" + key])
        return None


def plain_value(kind: str, value: Any) -> Any:
    """A FHIR ``value[x]`` (kind without the prefix) as a plain answer value."""
    if kind == "Coding":
        if not isinstance(value, dict):
            raise _Malformed("a coding is not an object")
        return value.get("code") or value.get("display")
    if kind == "Quantity":
        if not isinstance(value, dict):
            raise _Malformed("a quantity is not an object")
        return {"value": value.get("value"), "unit": value.get("unit") or value.get("code")}
    if kind == "Reference" and isinstance(value, dict):
        return value.get("reference")
    if kind == "Attachment":
        return None
    return value


def _value_set_options(vs: dict[str, Any]) -> tuple[AnswerOption, ...]:
    concepts: list[dict[str, Any]] = []
    for inc in _list((vs.get("compose") or {}).get("include")):
        for c in _list(inc.get("concept")):
            concepts.append({"system": inc.get("system"), **c})
    if not concepts:
        concepts = [c for c in _list((vs.get("expansion") or {}).get("contains"))
                    if isinstance(c, dict)]
    return tuple(AnswerOption(value=c.get("code"), kind="Coding", coding=_coding(c),
                              display=_text(c.get("display"), c.get("_display")),
                              score=_score(c))
                 for c in concepts if c.get("code"))


def _score(element: dict[str, Any]) -> float | None:
    for e in _list(element.get("extension")):
        if _extension_url(e) in ext.SCORE:
            return float(_extension_value(e))
    return None


def _text(value: Any, element: Any) -> Text | None:
    if value is None:
        return None
    translations = []
    if isinstance(element, dict):
        for e in _list(element.get("extension")):
            if _extension_url(e) != ext.TRANSLATION:
                continue
            parts = {p.get("url"): p for p in _list(e.get("extension")) if isinstance(p, dict)}
            lang = (parts.get("lang") or {}).get("valueCode")
            content = (parts.get("content") or {}).get("valueString")
            if isinstance(lang, str) and isinstance(content, str):
                translations.append((lang, content))
    return Text(default=str(value), translations=tuple(translations))


def _coding(raw: Any) -> Coding:
    if not isinstance(raw, dict):
        raise _Malformed("a coding is not an object")
    return Coding(system=_opt_str(raw.get("system")), code=_opt_str(raw.get("code")),
                  display=_text(raw.get("display"), raw.get("_display")))


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Malformed(f"expected a list, found {type(value).__name__}")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _extension_url(e: Any) -> str:
    if not isinstance(e, dict) or not isinstance(e.get("url"), str):
        raise _Malformed("an extension has no url")
    return str(e["url"])


def _extension_value(e: dict[str, Any]) -> Any:
    return next((v for k, v in e.items() if k.startswith("value")), None)
