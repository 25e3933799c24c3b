"""Blank forms from any FormSpec: layout by type, hints, scores, long forms."""

from __future__ import annotations

import random
from typing import Any

from care_degraded.config import forms_dir
from care_degraded.printing.document import Sheet, render
from care_degraded.printing.form import FormRenderer
from care_degraded.printing.scoring import Describer, rules_of
from care_degraded.questionnaire import FormSpec, load_questionnaire
from tests.printing.helpers import all_text, context, label, pages_text, squash

EXT = "http://hl7.org/fhir/StructureDefinition"


def _vitals() -> FormSpec:
    return load_questionnaire(forms_dir() / "vital-signs.json")


def _render(spec: FormSpec, patient: Any = None) -> bytes:
    story = FormRenderer(spec).story(patient)
    return render([Sheet(spec.label(), "form", story, patient, spec.url or "",
                         spec.version or "")], context()).pdf


def test_vitals_form_has_every_label_units_and_identity() -> None:
    spec = _vitals()
    text = squash(all_text(_render(spec, label())))
    for item in spec.walk():
        if item.label():
            assert squash(item.label()) in text, item.link_id
    for unit in ("°C", "mmHg", "L/min", "/min"):
        assert unit in text
    assert squash("DUPONT-ÉLÉONORE (née MARTIN) Cœlestine") in text
    assert "Pénicilline" in text


def test_blank_identity_block_without_patient() -> None:
    text = all_text(_render(_vitals()))
    assert "Nom, prénom" in text and "Chambre / lit" in text
    assert "DUPONT" not in text


def test_enable_when_shown_as_hint() -> None:
    text = squash(all_text(_render(_vitals())))
    assert squash("si « Air ambiant ou oxygène » = Oxygène :") in text


def test_news2_scoring_table_is_printed() -> None:
    text = squash(all_text(_render(_vitals())))
    assert squash("Table de score") in text
    for band in ("≤ 8", "9–11", "12–20", "21–24", "≥ 25", "111–219", "≥ 220",
                 "35,1–36,0", "≥ 39,1"):
        assert squash(band) in text, band
    assert squash("= somme des « Points par paramètre » ; partiel (≥) si un paramètre manque") \
        in text


def test_ladder_reader() -> None:
    spec = _vitals()
    ladder = Describer(spec).ladder(spec.item("news2-hr"))
    assert ladder is not None
    assert [(b.text(), b.value) for b in ladder.rows[0][1]] == [
        ("≤ 40", 3), ("41–50", 1), ("51–90", 0), ("91–110", 1), ("111–130", 2), ("≥ 131", 3)]
    assert rules_of("%a.where($this = 3).exists()") is None
    assert rules_of("iif(%x > 2, 'hi', 'lo')") is not None


def _big_form(n: int = 60, seed: int = 6) -> FormSpec:
    rng = random.Random(seed)
    kinds = ["integer", "decimal", "string", "text", "boolean", "choice", "date", "time",
             "dateTime", "quantity"]
    items: list[dict[str, Any]] = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        item: dict[str, Any] = {"linkId": f"q{i}", "type": kind,
                                "text": f"Question {i:02d} « {'é' * rng.randint(1, 3)} » "
                                        + "très longue " * rng.randint(0, 6)}
        if kind == "choice":
            item["answerOption"] = [{"valueCoding": {"code": f"c{j}", "display": f"Option {j} œ"}}
                                    for j in range(rng.randint(2, 7))]
        if kind in ("decimal", "quantity"):
            item["extension"] = [{"url": f"{EXT}/questionnaire-unit",
                                  "valueCoding": {"system": "http://unitsofmeasure.org",
                                                  "code": "mg", "display": "mg"}}]
        if i and i % 7 == 0:
            item["enableWhen"] = [{"question": "q4", "operator": "=", "answerBoolean": True}]
        items.append(item)
    groups = [{"linkId": f"g{k}", "type": "group", "text": f"Partie {k}",
               "item": items[k * 15:(k + 1) * 15]} for k in range(n // 15)]
    return load_questionnaire({"resourceType": "Questionnaire", "id": "big", "status": "active",
                               "url": "https://example.org/Questionnaire/big", "version": "3",
                               "title": "Long formulaire d’essai", "item": groups})


def test_sixty_item_form_flows_across_pages_with_nothing_lost() -> None:
    spec = _big_form()
    pdf = _render(spec, label())
    pages = pages_text(pdf)
    assert len(pages) >= 3
    text = squash("\n".join(pages))
    for item in spec.walk():
        assert squash(item.label()) in text, item.link_id
    # Each question appears once: nothing printed twice at a page split.
    for i in range(60):
        if i != 4:  # q4 is also named by the "si …:" hints
            assert text.count(squash(f"Question {i:02d} «")) == 1
    assert "page 1 / " in pages[0]


def test_every_library_form_prints_with_all_its_labels() -> None:
    from care_degraded.questionnaire import FormLibrary

    for spec in FormLibrary(forms_dir()).list():
        text = squash(all_text(_render(spec)))
        for item in spec.walk():
            if item.label() and not item.hidden:
                assert squash(item.label()) in text, (spec.short_id, item.link_id)


def test_ladder_without_zero_band_is_described_in_words_beside_a_chart() -> None:
    spec = load_questionnaire({
        "resourceType": "Questionnaire", "status": "active", "id": "score",
        "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/variable",
                       "valueExpression": {"name": "x", "language": "text/fhirpath",
                                           "expression": "%resource.item.where(linkId='x')"
                                                         ".answer.value"}}],
        "item": [{"linkId": "x", "type": "integer", "text": "Mesure"},
                 {"linkId": "g", "type": "group", "text": "Points", "item": [
                     {"linkId": "a", "type": "integer", "text": "Points A", "readOnly": True,
                      "extension": [{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/"
                                            "sdc-questionnaire-calculatedExpression",
                                     "valueExpression": {"language": "text/fhirpath",
                                                         "expression": "iif(%x <= 5, 0, 1)"}}]},
                     {"linkId": "b", "type": "integer", "text": "Points B", "readOnly": True,
                      "extension": [{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/"
                                            "sdc-questionnaire-calculatedExpression",
                                     "valueExpression": {"language": "text/fhirpath",
                                                         "expression": "iif(%x > 9, 3, 4)"}}]},
                 ]}]})
    text = squash(all_text(_render(spec)))
    assert squash("Table de score") in text  # A (with a 0 band) is charted...
    assert text.count(squash("voir la table de score")) == 1
    assert squash("Mesure : ≤ 9 : 4 · ≥ 10 : 3") in text  # ...B is explained in words


def test_sums_of_points_and_option_points_are_explained() -> None:
    from care_degraded.questionnaire import FormLibrary

    lib = FormLibrary(forms_dir())
    glasgow = squash(all_text(_render(lib.get("glasgow"))))
    assert squash("= points « Ouverture des yeux (Y) » + points « Réponse verbale (V) »") \
        in glasgow
    balance = squash(all_text(_render(lib.get("fluid-balance"))))
    assert squash("somme des « Entrées — Volume » − somme des « Sorties — Volume »") in balance
    spec = load_questionnaire({
        "resourceType": "Questionnaire", "status": "active", "id": "pts",
        "item": [{"linkId": "q", "type": "choice", "text": "Mobilité",
                  "answerOption": [{"valueCoding": {"code": "a", "display": "immobile"},
                                    "extension": [{"url": f"{EXT}/ordinalValue",
                                                   "valueDecimal": 1}]},
                                   {"valueCoding": {"code": "b", "display": "2 - limitée"},
                                    "extension": [{"url": f"{EXT}/ordinalValue",
                                                   "valueDecimal": 2}]}]}]})
    text = squash(all_text(_render(spec)))
    assert squash("immobile (1 pt)") in text
    assert squash("2 - limitée") in text and squash("limitée (2 pt)") not in text
