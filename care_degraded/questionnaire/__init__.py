"""FHIR R4 Questionnaire -> immutable FormSpec; validation, enableWhen, scores, translations."""
