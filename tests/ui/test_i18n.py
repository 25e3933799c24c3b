"""Translations: complete, placeholders kept, compiled, and loaded at run time."""

from __future__ import annotations

import re
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
