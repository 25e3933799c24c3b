"""Plain answers <-> FHIR QuestionnaireResponse.

The plain form is what nurses' screens, scripts and ``--answers FILE.json`` use::

    {"temp": 37.2, "hr": 88, "o2": "air", "doses": [{"drug": "...", "dose": 1}]}

- one key per linkId; questions that repeat hold a list;
- a non-repeating group adds no level: its children sit beside it;
- a repeating group holds a list of dicts, one per occurrence;
- a coded choice is its code; a quantity is a number (in the item's unit) or
  ``{"value": 70, "unit": "kg"}``; dates, times and dateTimes are ISO strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from care_degraded.domain.errors import InvalidInput
from care_degraded.questionnaire.spec import FormSpec, Item

Answers = dict[str, Any]

_SCALAR_KEYS = {
    "boolean": "valueBoolean", "decimal": "valueDecimal", "integer": "valueInteger",
    "date": "valueDate", "dateTime": "valueDateTime", "time": "valueTime",
    "string": "valueString", "text": "valueString", "url": "valueUri",
}
_UCUM = "http://unitsofmeasure.org"


def is_response(data: Any) -> bool:
    """True when ``data`` looks like a QuestionnaireResponse rather than plain answers."""
    return isinstance(data, Mapping) and data.get("resourceType") == "QuestionnaireResponse"


def as_plain(spec: FormSpec, data: Mapping[str, Any]) -> Answers:
    """Plain answers from either a QuestionnaireResponse or a plain mapping."""
    if is_response(data):
        return from_response(spec, data)
    if not isinstance(data, Mapping):
        raise InvalidInput("answers must be a JSON object")
    groups = {i.link_id: i.repeats for i in spec.walk() if i.is_group}
    return _flatten(data, groups)


def _flatten(frame: Mapping[str, Any], groups: dict[str, bool]) -> Answers:
    # Accept a non-repeating group written as a nested object ({"bp": {"sbp": 120}}):
    # silently ignoring it would lose what the nurse typed.
    out: Answers = {}
    for key, value in frame.items():
        if key in groups and not groups[key] and isinstance(value, Mapping):
            out.update(_flatten(value, groups))
        elif key in groups and groups[key] and isinstance(value, list):
            out[key] = [_flatten(o, groups) if isinstance(o, Mapping) else o for o in value]
        else:
            out[key] = value
    return out


def initial_answers(spec: FormSpec) -> Answers:
    """The form's starting answers: ``initial`` values and ``initialSelected`` options
    (items inside repeating groups are left to the interface, per occurrence)."""
    out: Answers = {}

    def visit(items: tuple[Item, ...]) -> None:
        for item in items:
            if item.is_group and item.repeats:
                continue
            values = list(item.initial) or [o.value for o in item.options if o.initial_selected]
            if values and item.is_question:
                out[item.link_id] = values if item.repeats else values[0]
            visit(item.items)

    visit(spec.items)
    return out


def to_response(spec: FormSpec, answers: Mapping[str, Any], *,
                status: str = "completed") -> dict[str, Any]:
    """A FHIR R4 QuestionnaireResponse (dict) holding ``answers`` for ``spec``."""
    qr: dict[str, Any] = {"resourceType": "QuestionnaireResponse", "status": status}
    if spec.url:
        qr["questionnaire"] = f"{spec.url}|{spec.version}" if spec.version else spec.url
    qr["item"] = _items(spec.items, answers)
    return qr


def _items(items: tuple[Item, ...], frame: Mapping[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in items:
        if item.type == "display":
            continue
        if item.is_group:
            if item.repeats:
                for occurrence in _as_list(frame.get(item.link_id)):
                    if isinstance(occurrence, Mapping):
                        children = _items(item.items, occurrence)
                        if children:
                            out.append(node(item, children=children))
            else:
                children = _items(item.items, frame)
                if children:
                    out.append(node(item, children=children))
            continue
        answers = [a for a in (answer_element(item, v) for v in _as_list(frame.get(item.link_id)))
                   if a]
        nested = _items(item.items, frame) if item.items else []
        if nested:
            if answers:
                answers[0]["item"] = nested
            else:
                out.append(node(item, children=nested))
                continue
        if answers:
            out.append(node(item, answers=answers))
    return out


def node(item: Item, *, children: list[dict[str, Any]] | None = None,
          answers: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    node: dict[str, Any] = {"linkId": item.link_id}
    if item.text is not None:
        node["text"] = item.text.default
    if answers:
        node["answer"] = answers
    if children:
        node["item"] = children
    return node


def answer_element(item: Item, value: Any) -> dict[str, Any] | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, Mapping) and any(k.startswith("value") and k != "value"
                                          for k in value):
        return dict(value)  # already a FHIR answer ({"valueCoding": ...})
    if item.type in ("choice", "open-choice"):
        opt = item.option_for(value)
        if opt is not None and opt.coding is not None:
            coding = {k: v for k, v in (("system", opt.coding.system), ("code", opt.coding.code))
                      if v}
            if opt.coding.display is not None:
                coding["display"] = opt.coding.display.default
            return {"valueCoding": coding}
        if opt is not None:
            return {f"value{opt.kind}": opt.value}
        if item.options and item.options[0].kind == "Coding" and item.type == "choice":
            return {"valueCoding": {"code": str(value)}}
        if isinstance(value, bool):
            return {"valueBoolean": value}
        if isinstance(value, int):
            return {"valueInteger": value}
        return {"valueString": str(value)}
    if item.type == "quantity":
        if isinstance(value, Mapping):
            number, unit = value.get("value"), value.get("unit")
        else:
            number, unit = value, None
        if unit is None and item.unit is not None:
            unit = item.unit.code or (item.unit.display.default if item.unit.display else None)
        quantity: dict[str, Any] = {"value": number}
        if unit:
            quantity.update(unit=unit, system=_UCUM, code=unit)
        return {"valueQuantity": quantity}
    key = _SCALAR_KEYS.get(item.type)
    if key is None:
        return None  # attachment/reference given as plain value: not representable
    return {key: value}


def from_response(spec: FormSpec, qr: Mapping[str, Any]) -> Answers:
    """Plain answers read from a QuestionnaireResponse (unknown linkIds are kept)."""
    items = qr.get("item") or []
    if not isinstance(items, list):
        raise InvalidInput("QuestionnaireResponse.item must be a list")
    index = {i.link_id: i for i in spec.walk()}
    out: Answers = {}
    _read(items, index, out)
    return out


def _read(nodes: list[Any], index: dict[str, Item], frame: Answers) -> None:
    for node in nodes:
        if not isinstance(node, Mapping) or not isinstance(node.get("linkId"), str):
            raise InvalidInput("a QuestionnaireResponse item has no linkId")
        link_id = node["linkId"]
        item = index.get(link_id)
        if item is not None and item.is_group and item.repeats:
            occurrence: Answers = {}
            _read(list(node.get("item") or []), index, occurrence)
            frame.setdefault(link_id, []).append(occurrence)
            continue
        values = []
        for answer in node.get("answer") or []:
            if not isinstance(answer, Mapping):
                raise InvalidInput(f"item {link_id!r}: an answer is not an object")
            values.append(answer_value(answer))
            _read(list(answer.get("item") or []), index, frame)
        if values:
            # Several answers to a question that does not repeat (in one item or in two
            # items with the same linkId) stay a list, so that validation reports it:
            # keeping only one would silently lose what was sent.
            if link_id in frame:
                earlier = frame[link_id]
                values = [*(earlier if isinstance(earlier, list) else [earlier]), *values]
            repeats = item.repeats if item is not None else False
            frame[link_id] = values if repeats or len(values) > 1 else values[0]
        _read(list(node.get("item") or []), index, frame)


def answer_value(answer: Mapping[str, Any]) -> Any:
    """The plain value of one FHIR ``answer`` (or ``initial``) element."""
    for key, value in answer.items():
        if not key.startswith("value"):
            continue
        if key == "valueCoding" and isinstance(value, Mapping):
            return value.get("code") or value.get("display")
        if key == "valueQuantity" and isinstance(value, Mapping):
            unit = value.get("unit") or value.get("code")
            if unit is None:
                return value.get("value")  # a bare number, as it was typed
            return {"value": value.get("value"), "unit": unit}
        if key == "valueReference" and isinstance(value, Mapping):
            return value.get("reference")
        return value
    return None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]
