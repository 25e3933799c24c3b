"""Translations: complete, placeholders kept, compiled, and loaded at run time."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from care_degraded.ui import i18n, i18n_build

PLACEHOLDER = re.compile(r"%L?\d+|%n|\{[A-Za-z_][A-Za-z0-9_]*\}|%[sd]")


def messages(lang: str):
    root = ET.parse(i18n.ts_path(lang)).getroot()
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            yield name, message.findtext("source") or "", translation


@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE])
def test_every_placeholder_matches_its_source(lang):
    """A translation that drops or adds %1 or {name} would show garbage (Electrum's check)."""
    bad = []
    for context, source, translation in messages(lang):
        text = translation.text or ""
        if text and Counter(PLACEHOLDER.findall(text)) != Counter(PLACEHOLDER.findall(source)):
            bad.append((context, source, text))
    assert bad == []


@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE])
def test_every_shell_string_is_translated(lang):
    missing = [(c, s) for c, s, t in messages(lang)
               if t.get("type") in ("unfinished", "vanished") or not (t.text or "").strip()]
    assert missing == []


def test_every_interface_string_is_in_the_ts_and_translated(tmp_path):
    """pyside6-lupdate run over the interface's code finds no string the .ts lacks."""
    for lang in (lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE):
        fresh = tmp_path / i18n.ts_path(lang).name
        shutil.copy(i18n.ts_path(lang), fresh)
        i18n_build.update([fresh])
        committed = {(c, s) for c, s, _t in messages(lang)}
        root = ET.parse(fresh).getroot()
        found = {(ctx.findtext("name"), m.findtext("source") or "")
                 for ctx in root.iter("context") for m in ctx.iter("message")}
        assert found - committed == set(), "run: python -m care_degraded.ui.i18n_build --update"
        assert committed - found == set(), "strings no longer in the code"


def test_no_hand_written_translation_helper_left():
    """Interface texts go through tr(): no "French if lang else English" code in ui/."""
    pattern = re.compile(r"def _tr\(|lang\.startswith\(\"en\"\)|\{\"fr\": \"|\"en\" if lang")
    hits = [f"{path.name}:{n}" for path in sorted(i18n_build.UI_DIR.rglob("*.py"))
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if pattern.search(line)]
    assert hits == []


def test_accelerators_kept_in_menus():
    for context, source, translation in messages("fr"):
        if context == "Menus" and "&" in source:
            assert "&" in (translation.text or ""), source


def test_placeholder_check_catches_a_bad_translation():
    source, text = "User %1 added.", "Utilisateur ajouté."
    assert Counter(PLACEHOLDER.findall(text)) != Counter(PLACEHOLDER.findall(source))


def test_compiled_and_installed(qapp, tmp_path):
    from PySide6.QtCore import QCoreApplication

    [qm] = i18n_build.build([i18n.ts_path("fr")])
    assert qm.exists() and qm.stat().st_size > 1000
    assert i18n.install("fr")
    assert QCoreApplication.translate("Menus", "&Lock now") == "&Verrouiller"
    assert i18n.install("en")
    assert QCoreApplication.translate("Menus", "&Lock now") == "&Lock now"
    i18n.install("fr")


def test_qt_own_texts_follow_the_language(qapp):
    """Qt's dialogs (file dialog, message boxes) speak French from PySide6's qtbase_fr.qm,
    and the few texts that file lacks come from ours."""
    from PySide6.QtCore import QCoreApplication

    i18n.install("fr")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Regarder dans :"
    i18n.install("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    i18n.install("fr")


def test_core_refusals_are_worded_in_the_interface_language(qapp):
    from care_degraded.domain.errors import InvalidInput
    from care_degraded.ui.operations import error_details
    from care_degraded.vault.passwords import check_passphrase

    with pytest.raises(InvalidInput) as short:
        check_passphrase("court")
    with pytest.raises(InvalidInput) as common:
        check_passphrase("password")
    assert short.value.reason == "passphrase_too_short" and short.value.params == {"min": 8}
    i18n.install("fr")
    assert error_details(short.value) == "La phrase de passe est trop courte : au moins 8 caractères."
    assert "mots de passe courants" in error_details(common.value)
    i18n.install("en")
    assert error_details(short.value) == "The passphrase is too short: at least 8 characters."
    assert "common passwords" in error_details(common.value)
    i18n.install("fr")


def test_every_answer_problem_is_worded_by_the_interface(qapp):
    """Each code the form engine can report has its sentence in the .ts, with its value."""
    from care_degraded.questionnaire.validate import _MESSAGES, Problem
    from care_degraded.ui.forms import problems

    assert set(_MESSAGES) == set(problems._SENTENCES)
    limit = Problem("x", "max", "", "", params=(("limit", 2.5),))
    kind = Problem("x", "type", "", "", params=(("kind", "integer"),))
    i18n.install("fr")
    assert problems.problem_text(limit) == "Valeur supérieure au maximum (2,5)."
    assert problems.problem_text(kind) == "Type de réponse attendu : nombre entier."
    i18n.install("en")
    assert problems.problem_text(limit) == "Value above the maximum (2.5)."
    i18n.install("fr")
