"""The form library as the rest of the toolkit sees it.

The interface reaches the questionnaire engine through here only: the form
specification types it lays out (``FormSpec``, ``Item``), validation and
``enableWhen`` (``validate``, ``enabled_items``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from care_degraded.config import establishment_forms_dir, forms_dir
from care_degraded.domain.errors import DamagedData, InvalidInput, NotFound, Refused
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
           "implausible_answers", "import_form", "imported_forms", "keep_definition", "library",
           "limits_text", "load_library", "spec_for", "Text", "unit_label", "validate",
           "vault_library"]


@lru_cache(maxsize=4)
def _library(folder: str, extra: str | None) -> FormLibrary:
    return FormLibrary(Path(folder), (Path(extra),) if extra else ())


def library(folder: Path | None = None) -> FormLibrary:
    """The shipped form library, then the establishment's own forms
    (``$CARE_DEGRADED_FORMS``) unless ``folder`` is given; loaded once per process."""
    if folder is not None:
        return _library(str(folder), None)
    extra = establishment_forms_dir()
    return _library(str(forms_dir()), str(extra) if extra else None)


def load_library(folder: Path, establishment: Path | None = None) -> FormLibrary:
    """A form library read from ``folder`` (and ``establishment`` after it) now; not
    cached: the interface loads it once."""
    return FormLibrary(Path(folder), (Path(establishment),) if establishment else ())


# -- forms imported into the vault (form import): every machine of the vault uses them -----
IMPORTED_META = "forms.imported"


def _imported_keys(vault: Vault) -> list[tuple[str, str]]:
    raw = vault.meta(IMPORTED_META)
    return [(str(u), str(v)) for u, v in json.loads(raw)] if raw else []


def imported_forms(vault: Vault) -> list[FormSpec]:
    """The forms and checklists imported into this vault, in the order they came."""
    store = FormDefinitionStore(vault.conn)
    out = []
    for url, version in _imported_keys(vault):
        definition = store.get(url, version)
        if definition is None:
            raise DamagedData(f"imported form {url} version {version} is missing from the vault")
        out.append(load_questionnaire(definition))
    return out


def vault_library(vault: Vault, base: FormLibrary | None = None) -> FormLibrary:
    """The library this vault's machines use: ``base`` (the shipped library and the
    establishment's folder) plus the forms imported into the vault."""
    base = base or library()
    extra = [s for s in imported_forms(vault) if not _known(base, s)]
    return base.extended(extra) if extra else base


def _known(lib: FormLibrary, spec: FormSpec) -> FormSpec | None:
    try:
        return lib.get(spec.url or spec.short_id, spec.version)
    except NotFound:
        return None


def import_form(vault: Vault, file: Path, base: FormLibrary | None = None) -> FormSpec:
    """Store a new form or checklist version (an establishment's FHIR R4 Questionnaire)
    in the vault, so every machine of the vault uses it. A manager or IT does it.

    The file is validated like the library's: what is not supported is kept with its
    warnings (``spec.warnings``); an unknown item type or a malformed file is refused
    (InvalidInput, exit 5) and nothing is stored."""
    vault.require_manager()
    spec = load_questionnaire(Path(file))
    if not spec.url or not spec.version:
        raise InvalidInput(f"{Path(file).name}: an imported form needs a 'url' and a "
                           "'version' (records name the exact version they were made with)")
    lib = vault_library(vault, base)
    same = _known(lib, spec)
    if same is not None:
        if same.resource == spec.resource:
            raise Refused(f"form {spec.url} version {spec.version} is already known here")
        raise InvalidInput(f"form {spec.url} version {spec.version} exists with other "
                           "content: give the new form a new version")
    try:
        owner = lib.get(spec.short_id)
    except NotFound:
        owner = None
    if owner is not None and (owner.url or owner.short_id) != spec.url:
        raise InvalidInput(f"the form id {spec.short_id!r} is already used by {owner.url}")
    with vault.transaction():
        FormDefinitionStore(vault.conn).keep(spec.url, spec.version, spec.resource)
        keys = [*_imported_keys(vault), (spec.url, spec.version)]
        vault.set_meta(IMPORTED_META, json.dumps(keys))
        vault.audit.append("form.import", f"{spec.url}|{spec.version}")
    return spec


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
