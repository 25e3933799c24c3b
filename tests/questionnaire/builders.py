"""Tiny Questionnaire builders for the engine tests (synthetic forms only)."""

from __future__ import annotations

from typing import Any

FHIR = "http://hl7.org/fhir/StructureDefinition/"
SDC = "http://hl7.org/fhir/uv/sdc/StructureDefinition/"


def questionnaire(*items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"resourceType": "Questionnaire", "status": "active",
            "url": "https://care-degraded.example/fhir/Questionnaire/test", "version": "1",
            "item": list(items), **extra}


def item(link_id: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"linkId": link_id, "type": kind, "text": link_id, **extra}


def coded(link_id: str, *codes: str, scores: tuple[float, ...] = (), **extra: Any
          ) -> dict[str, Any]:
    options = []
    for i, code in enumerate(codes):
        opt: dict[str, Any] = {"valueCoding": {"system": "urn:test", "code": code,
                                               "display": code.upper()}}
        if scores:
            opt["extension"] = [{"url": FHIR + "ordinalValue", "valueDecimal": scores[i]}]
        options.append(opt)
    return item(link_id, "choice", answerOption=options, **extra)


def when(question: str, op: str, **answer: Any) -> dict[str, Any]:
    return {"question": question, "operator": op, **answer}


def calc(expression: str) -> dict[str, Any]:
    return {"url": SDC + "sdc-questionnaire-calculatedExpression",
            "valueExpression": {"language": "text/fhirpath", "expression": expression}}


def enable_expr(expression: str) -> dict[str, Any]:
    return {"url": SDC + "sdc-questionnaire-enableWhenExpression",
            "valueExpression": {"language": "text/fhirpath", "expression": expression}}


def variable(name: str, expression: str) -> dict[str, Any]:
    return {"url": FHIR + "variable",
            "valueExpression": {"name": name, "language": "text/fhirpath",
                                "expression": expression}}


def ext(name: str, **value: Any) -> dict[str, Any]:
    return {"url": FHIR + name, **value}


def translated(en: str) -> dict[str, Any]:
    return {"extension": [{"url": FHIR + "translation", "extension": [
        {"url": "lang", "valueCode": "en"}, {"url": "content", "valueString": en}]}]}
