"""Small helpers that write FHIR R4 Questionnaire JSON for the form library.

The JSON files in forms/ are what the toolkit reads; this code only generates
them (``python forms/_source/generate.py``), so that every form gets the same
translation, unit and score extensions without hand-copied boilerplate.
"""

from __future__ import annotations

from typing import Any

BASE = "https://care-degraded.example/fhir/"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
FHIR = "http://hl7.org/fhir/StructureDefinition/"
SDC = "http://hl7.org/fhir/uv/sdc/StructureDefinition/"
FORM_KIND = BASE + "CodeSystem/form-kind"
PHASE = BASE + "CodeSystem/checklist-phase"
ROLE = BASE + "CodeSystem/ward-role"

Json = dict[str, Any]


def translated(en: str) -> Json:
    """The ``_text`` / ``_display`` element carrying the English translation."""
    return {"extension": [{"url": FHIR + "translation", "extension": [
        {"url": "lang", "valueCode": "en"}, {"url": "content", "valueString": en}]}]}


def coding(system: str, code: str, fr: str, en: str | None = None) -> Json:
    out: Json = {"system": system, "code": code, "display": fr}
    if en:
        out["_display"] = translated(en)
    return out


def opt(code: str, fr: str, en: str, score: float | None = None,
        system: str | None = None) -> Json:
    """An answer option (valueCoding), with an ordinalValue score if given."""
    out: Json = {"valueCoding": coding(system or BASE + "CodeSystem/local", code, fr, en)}
    if score is not None:
        out["extension"] = [{"url": FHIR + "ordinalValue", "valueDecimal": score}]
    return out


def fhirpath(expression: str, name: str | None = None) -> Json:
    value: Json = {"language": "text/fhirpath", "expression": expression}
    if name:
        value["name"] = name
    return value


def variable(name: str, expression: str) -> Json:
    return {"url": FHIR + "variable", "valueExpression": fhirpath(expression, name)}


def answer_of(link_id: str) -> str:
    """FHIRPath for the answers of an item anywhere in the response."""
    return f"%resource.repeat(item).where(linkId='{link_id}').answer.value"


def q(link_id: str, kind: str, fr: str, en: str, **kw: Any) -> Json:
    """One item. Keywords: required, repeats, read_only, max_length, loinc, unit,
    units, min, max, decimals, control, options, when, behavior, calc, hidden,
    entry, initial, items, variables, code, prefix, short, plausible."""
    item: Json = {"linkId": link_id}
    if "loinc" in kw:
        item["code"] = [{"system": LOINC, "code": kw["loinc"][0], "display": kw["loinc"][1]}]
    if "code" in kw:
        item["code"] = [kw["code"]]
    if "prefix" in kw:
        item["prefix"] = kw["prefix"]
    item["text"] = fr
    item["_text"] = translated(en)
    item["type"] = kind
    ext: list[Json] = []
    for name in kw.get("variables", ()):
        ext.append(variable(*name))
    for key, url in (("min", "minValue"), ("max", "maxValue")):
        if key in kw:
            value = kw[key]
            vkey = {"integer": "valueInteger", "date": "valueDate"}.get(kind, "valueDecimal")
            if kind == "quantity":
                vkey = "valueDecimal"
            ext.append({"url": FHIR + url, vkey: value})
    if "decimals" in kw:
        ext.append({"url": FHIR + "maxDecimalPlaces", "valueInteger": kw["decimals"]})
    if "unit" in kw:
        code, display = kw["unit"]
        ext.append({"url": FHIR + "questionnaire-unit",
                    "valueCoding": {"system": UCUM, "code": code, "display": display}})
    for code, display in kw.get("units", ()):
        ext.append({"url": FHIR + "questionnaire-unitOption",
                    "valueCoding": {"system": UCUM, "code": code, "display": display}})
    if "control" in kw:
        ext.append({"url": FHIR + "questionnaire-itemControl", "valueCodeableConcept": {
            "coding": [{"system": "http://hl7.org/fhir/questionnaire-item-control",
                        "code": kw["control"]}]}})
    if "entry" in kw:
        ext.append({"url": FHIR + "entryFormat", "valueString": kw["entry"]})
    if kw.get("hidden"):
        ext.append({"url": FHIR + "questionnaire-hidden", "valueBoolean": True})
    if "short" in kw:  # (fr, en) short label for messages and summaries
        ext.append({"url": SDC + "sdc-questionnaire-shortText", "valueString": kw["short"][0],
                    "_valueString": translated(kw["short"][1])})
    if "plausible" in kw:  # (low, high): outside asks for confirmation before saving
        low, high = kw["plausible"]
        ext.append({"url": "https://care-degraded.example/fhir/StructureDefinition/"
                           "plausible-range",
                    "valueRange": {"low": {"value": low}, "high": {"value": high}}})
    if "calc" in kw:
        ext.append({"url": SDC + "sdc-questionnaire-calculatedExpression",
                    "valueExpression": fhirpath(kw["calc"])})
    if ext:
        item["extension"] = ext
    when = kw.get("when", ())
    if when:
        item["enableWhen"] = [_when(*w) for w in when]
        if len(when) > 1:
            item["enableBehavior"] = kw.get("behavior", "any")
    for key, fhir_key in (("required", "required"), ("repeats", "repeats"),
                          ("read_only", "readOnly")):
        if kw.get(key):
            item[fhir_key] = True
    if "calc" in kw:
        item["readOnly"] = True
    if "max_length" in kw:
        item["maxLength"] = kw["max_length"]
    if "options" in kw:
        item["answerOption"] = kw["options"]
    if "initial" in kw:
        item["initial"] = [kw["initial"]]
    if "items" in kw:
        item["item"] = kw["items"]
    return item


def _when(question: str, op: str, answer: Any) -> Json:
    if op == "exists":
        return {"question": question, "operator": op, "answerBoolean": bool(answer)}
    if isinstance(answer, bool):
        key = "answerBoolean"
    elif isinstance(answer, int):
        key = "answerInteger"
    elif isinstance(answer, float):
        key = "answerDecimal"
    else:
        key = "answerCoding"
        answer = {"system": BASE + "CodeSystem/local", "code": answer}
    return {"question": question, "operator": op, key: answer}


def group(link_id: str, fr: str, en: str, items: list[Json], **kw: Any) -> Json:
    return q(link_id, "group", fr, en, items=items, **kw)


def display(link_id: str, fr: str, en: str, **kw: Any) -> Json:
    return q(link_id, "display", fr, en, **kw)


def yes_no(link_id: str, fr: str, en: str, **kw: Any) -> Json:
    return q(link_id, "boolean", fr, en, **kw)


def form(short_id: str, version: str, fr: str, en: str, items: list[Json], *,
         code: tuple[str, str] | None = None, tags: list[Json] | None = None,
         variables: list[tuple[str, str]] | None = None, description: str = "") -> Json:
    """A complete Questionnaire with a stable url, version and short id."""
    out: Json = {
        "resourceType": "Questionnaire",
        "id": short_id,
        "url": BASE + "Questionnaire/" + short_id,
        "version": version,
        "name": short_id.replace("-", "_"),
        "title": fr,
        "_title": translated(en),
        "status": "active",
        "language": "fr-FR",
        "publisher": "care_degraded",
    }
    if tags:
        out["meta"] = {"tag": tags}
    if description:
        out["description"] = description
    if code:
        out["code"] = [{"system": LOINC, "code": code[0], "display": code[1]}]
    if variables:
        out["extension"] = [variable(n, e) for n, e in variables]
    out["item"] = items
    return out


def checklist_tags(phase: str, fr: str) -> list[Json]:
    return [{"system": FORM_KIND, "code": "checklist", "display": "Checklist"},
            {"system": PHASE, "code": phase, "display": fr}]


def role_group(link_id: str, role: str, fr: str, en: str, items: list[Json]) -> Json:
    """A checklist section for one role (nurse, manager, it)."""
    return group(link_id, fr, en, items, code={"system": ROLE, "code": role})


def tick(link_id: str, fr: str, en: str) -> Json:
    """A checklist line: a box to tick."""
    return yes_no(link_id, fr, en, control="check-box")
