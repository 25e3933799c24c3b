"""Every form of the ward library builds, and every field type round-trips its answer."""

from __future__ import annotations

import pytest

from care_degraded.questionnaire import load_questionnaire
from care_degraded.services.forms import library
from care_degraded.ui.forms import FormView
from care_degraded.ui.forms.choices import (
    BooleanField,
    ComboField,
    LineField,
    MultiChoiceField,
    TextField,
)
from care_degraded.ui.forms.fields import QuantityField, SliderField, TemporalField

FORMS = sorted(s.short_id for s in library().list())


@pytest.mark.parametrize("form_id", FORMS)
def test_every_library_form_builds_with_a_keyboard_path(qtbot, form_id):
    spec = library().get(form_id)
    view = FormView(spec)
    qtbot.addWidget(view)
    assert view._chain, "no field takes the keyboard"
    assert view.answers() is not None
    # Every question of the form has exactly one row (or is hidden / inside a repeat).
    shown = {row.item.link_id for row in view.rows()}
    questions = {i.link_id for i in spec.walk() if i.is_question and not i.hidden}
    assert questions <= shown | {i.link_id for i in spec.walk() if i.repeats}


def test_each_field_type_round_trips(qtbot):
    spec = load_questionnaire({
        "resourceType": "Questionnaire", "status": "active", "url": "urn:test:types",
        "item": [
            {"linkId": "d", "type": "date", "text": "date"},
            {"linkId": "t", "type": "time", "text": "heure"},
            {"linkId": "dt", "type": "dateTime", "text": "date et heure"},
            {"linkId": "b", "type": "boolean", "text": "oui/non"},
            {"linkId": "s", "type": "string", "text": "texte", "maxLength": 10},
            {"linkId": "x", "type": "text", "text": "long texte"},
            {"linkId": "oc", "type": "open-choice", "text": "ouvert",
             "answerOption": [{"valueString": "a"}, {"valueString": "b"}]},
            {"linkId": "sl", "type": "integer", "text": "curseur", "extension": [
                {"url": "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl",
                 "valueCodeableConcept": {"coding": [{"code": "slider"}]}},
                {"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": 0},
                {"url": "http://hl7.org/fhir/StructureDefinition/maxValue",
                 "valueInteger": 10}]},
            {"linkId": "q", "type": "quantity", "text": "poids", "extension": [
                {"url": "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption",
                 "valueCoding": {"system": "http://unitsofmeasure.org", "code": "kg"}},
                {"url": "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption",
                 "valueCoding": {"system": "http://unitsofmeasure.org", "code": "g"}}]},
            {"linkId": "rep", "type": "string", "text": "plusieurs", "repeats": True},
            {"linkId": "multi", "type": "choice", "text": "cocher", "repeats": True,
             "answerOption": [{"valueString": v} for v in ("x", "y", "z")]},
        ]})
    answers = {"d": "2026-11-29", "t": "14:05:00", "dt": "2026-11-29T14:05:00+01:00",
               "b": True, "s": "court", "x": "ligne 1\nligne 2", "oc": "texte libre",
               "sl": 7, "q": {"value": 70.5, "unit": "g"}, "rep": ["un", "deux"],
               "multi": ["x", "z"]}
    view = FormView(spec, answers=answers)
    qtbot.addWidget(view)
    assert isinstance(view.field("d"), TemporalField)
    assert isinstance(view.field("b"), BooleanField)
    assert isinstance(view.field("s"), LineField) and isinstance(view.field("x"), TextField)
    assert isinstance(view.field("oc"), ComboField) and view.field("oc").combo.isEditable()
    assert isinstance(view.field("sl"), SliderField)
    assert isinstance(view.field("q"), QuantityField)
    assert isinstance(view.field("multi"), MultiChoiceField)
    got = view.raw_answers()
    # The date-time comes back in the machine's zone: compare the instant.
    import datetime as dt
    assert dt.datetime.fromisoformat(got.pop("dt")) == dt.datetime.fromisoformat(
        answers["dt"])
    expected = dict(answers)
    expected.pop("dt")
    assert got == expected
    assert view.field("sl").slider.value() == 7
    view.field("oc").combo.setCurrentIndex(2)  # a listed option gives its value
    assert view.raw_answers()["oc"] == "b"
    assert view.field("s").edit.maxLength() == 10
