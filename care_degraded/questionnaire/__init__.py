"""FHIR R4 Questionnaire -> immutable FormSpec; validation, enableWhen, scores, translations.

Public API (no Qt, no SQL; safe to call from any layer above)::

    load_questionnaire(path_or_dict) -> FormSpec      # InvalidInput (exit 5) if malformed
    FormLibrary(forms_dir)                            # .list() .get(url_or_id, version=None)
                                                      # .versions(url_or_id)
    spec.items / spec.walk() / spec.item(link_id)     # Item dataclasses, see spec.py
    spec.warnings                                     # unsupported parts, each naming a linkId
    spec.is_checklist / spec.checklist_phase          # meta.tag, see spec.FORM_KIND_SYSTEM
    item.role()                                       # checklist group role: nurse/manager/it
    enabled_items(spec, answers) -> set[str]          # linkIds enabled by enableWhen(+Expression)
    compute(spec, answers) -> dict[str, value]        # calculated items (FHIRPath)
    validate(spec, answers) -> ValidationResult       # .ok .problems .answers .by_link_id()
                                                      #   .enabled; Problem(link_id, code,
                                                      #   fr, en, occurrence)
    to_response(spec, answers) -> dict                # plain answers -> QuestionnaireResponse
    from_response(spec, qr) -> dict                   # QuestionnaireResponse -> plain answers
    as_plain(spec, qr_or_plain) -> dict               # whichever was given
    initial_answers(spec) -> dict                     # initial / initialSelected values

Plain answers are ``{linkId: value}``; see answers.py for the exact shapes (repeating
groups are lists of dicts). Texts: ``item.label("en")``, ``spec.label("fr")``,
``option.label("en")``. Checklists: forms/README.md. Errors: InvalidInput (exit 5)
for a malformed definition or answers that are not an object; NotFound for an
unknown form or version. Messages never quote an answer.
"""

from care_degraded.questionnaire.answers import (
    as_plain,
    from_response,
    initial_answers,
    to_response,
)
from care_degraded.questionnaire.engine import compute, enabled_items
from care_degraded.questionnaire.library import FormLibrary
from care_degraded.questionnaire.loader import load_questionnaire
from care_degraded.questionnaire.spec import (
    AnswerOption,
    Coding,
    EnableWhen,
    Expression,
    FormSpec,
    Item,
    Text,
)
from care_degraded.questionnaire.validate import Problem, ValidationResult, validate

__all__ = [
    "AnswerOption", "Coding", "EnableWhen", "Expression", "FormLibrary", "FormSpec", "Item",
    "Problem", "Text", "ValidationResult", "as_plain", "compute", "enabled_items",
    "from_response", "initial_answers", "load_questionnaire", "to_response", "validate",
]
