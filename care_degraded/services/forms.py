"""The form library as the rest of the toolkit sees it.

The interface reaches the questionnaire engine through here only: the form
specification types it lays out (``FormSpec``, ``Item``), validation and
``enableWhen`` (``validate``, ``enabled_items``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from care_degraded.config import forms_dir
from care_degraded.domain.errors import NotFound
from care_degraded.questionnaire import (
    AnswerOption,
    FormLibrary,
    FormSpec,
    Item,
    Problem,
    Text,
    ValidationResult,
    enabled_items,
    load_questionnaire,
    validate,
)
from care_degraded.questionnaire.limits import implausible_answers, limits_text, unit_label
from care_degraded.vault import Vault
from care_degraded.vault.form_store import FormDefinitionStore

__all__ = ["AnswerOption", "FormLibrary", "FormSpec", "Item", "Problem", "ValidationResult", "enabled_items",
           "implausible_answers", "keep_definition", "library", "limits_text", "load_library",
           "spec_for", "Text", "unit_label", "validate"]


@lru_cache(maxsize=4)
def _library(folder: str) -> FormLibrary:
    return FormLibrary(Path(folder))


def library(folder: Path | None = None) -> FormLibrary:
    """The shipped form library (loaded once per process)."""
    return _library(str(folder or forms_dir()))


def load_library(folder: Path) -> FormLibrary:
    """A form library read from ``folder`` now (not cached: the interface loads it once)."""
    return FormLibrary(Path(folder))


def spec_for(vault: Vault, lib: FormLibrary, url: str, version: str | None) -> FormSpec:
    """The exact form version a record was made with: library first, then the vault."""
    try:
        return lib.get(url, version)
    except NotFound:
        if version is None:
            raise
    stored = FormDefinitionStore(vault.conn).get(url, version)
    if stored is None:
        raise NotFound(f"form {url} version {version} is not known here")
    return load_questionnaire(stored)


def keep_definition(vault: Vault, spec: FormSpec) -> None:
    """Remember the definition a record is made with (inside the record's transaction)."""
    if spec.url and spec.version:
        FormDefinitionStore(vault.conn).keep(spec.url, spec.version, spec.resource)
