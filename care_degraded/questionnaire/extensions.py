"""Extension URLs the engine understands, and those it may ignore silently.

Ignored ones only change how a form looks (rendering hints, help links); anything
else unknown gives a loader warning naming the linkId.
"""

from __future__ import annotations

from care_degraded.questionnaire.fhirpath import parse_strict

_FHIR = "http://hl7.org/fhir/StructureDefinition/"
_SDC = "http://hl7.org/fhir/uv/sdc/StructureDefinition/"

TRANSLATION = _FHIR + "translation"
MIN_VALUE = _FHIR + "minValue"
MAX_VALUE = _FHIR + "maxValue"
MAX_DECIMAL_PLACES = _FHIR + "maxDecimalPlaces"
UNIT = _FHIR + "questionnaire-unit"
UNIT_OPTION = _FHIR + "questionnaire-unitOption"
ITEM_CONTROL = _FHIR + "questionnaire-itemControl"
ENTRY_FORMAT = _FHIR + "entryFormat"
HIDDEN = _FHIR + "questionnaire-hidden"
VARIABLE = _FHIR + "variable"
CALCULATED = _SDC + "sdc-questionnaire-calculatedExpression"
ENABLE_WHEN_EXPRESSION = _SDC + "sdc-questionnaire-enableWhenExpression"
ORDINAL_VALUE = _FHIR + "ordinalValue"
ITEM_WEIGHT = _FHIR + "itemWeight"
#: Scores on answer options: R4 ordinalValue, R5 itemWeight, and the older
#: iso21090-CO-value that many LOINC-derived forms still carry.
#: SDC short label ("FC" for "Fréquence cardiaque"), used in messages and summaries.
SHORT_TEXT = _SDC + "sdc-questionnaire-shortText"
#: Ours: a plausible range for the ward (valueRange low/high), inside the hard limits;
#: a value outside it is kept but asks for confirmation before saving.
PLAUSIBLE_RANGE = "https://care-degraded.example/fhir/StructureDefinition/plausible-range"
SCORE = frozenset({ORDINAL_VALUE, ITEM_WEIGHT, _FHIR + "iso21090-CO-value"})

#: Presentation-only extensions: safe to ignore without a warning.
_PRESENTATION = frozenset({
    _FHIR + "rendering-xhtml", _FHIR + "rendering-style", _FHIR + "rendering-markdown",
    _FHIR + "questionnaire-displayCategory", _FHIR + "questionnaire-supportLink",
    _FHIR + "questionnaire-optionPrefix", _FHIR + "questionnaire-choiceOrientation",
    _FHIR + "questionnaire-sliderStepValue", _FHIR + "questionnaire-optionExclusive",
    _FHIR + "questionnaire-signatureRequired", _FHIR + "questionnaire-usageMode",
    _FHIR + "questionnaire-baseType", _FHIR + "questionnaire-fhirType",
    _FHIR + "ordinalValue", _FHIR + "itemWeight", _FHIR + "iso21090-CO-value",
    _SDC + "sdc-questionnaire-observationExtract",
    _SDC + "sdc-questionnaire-observationLinkPeriod", _SDC + "sdc-questionnaire-collapsible",
    _SDC + "sdc-questionnaire-width", _SDC + "sdc-questionnaire-columnName",
    _SDC + "sdc-questionnaire-itemExtractionContext",
    _FHIR + "questionnaire-maxOccurs", _FHIR + "questionnaire-minOccurs",
})
IGNORED_ITEM = _PRESENTATION
IGNORED_OPTION = _PRESENTATION
IGNORED_FORM = _PRESENTATION | {
    _FHIR + "structuredefinition-standards-status", _FHIR + "structuredefinition-fmm",
    _FHIR + "structuredefinition-wg", _FHIR + "rendering-styleSensitive",
    _FHIR + "designNote", _SDC + "sdc-questionnaire-assemble-expectation",
    _SDC + "sdc-questionnaire-performerType", _FHIR + "questionnaire-constraint",
}


def compile_error(expression: str) -> str | None:
    """None when ``expression`` parses as FHIRPath, else a short reason (no data)."""
    try:
        parse_strict(expression)
    except ValueError as exc:
        return str(exc)
    return None
