"""Interface language: French by default, English selectable.

Interface texts are written in English in the code (``self.tr("...")``) and
translated in ``resources/i18n/care_degraded_fr.ts`` (Qt Linguist format), compiled
to ``.qm`` by ``make translations`` (see ``i18n_build``). Form texts do not come
from here: they come from each Questionnaire's own translations.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from care_degraded import config
from care_degraded.domain.numbers import decimal_text

log = logging.getLogger(__name__)

LANGUAGES = ("fr", "en")
DEFAULT = "fr"
SOURCE = "en"  # the language the code's strings are written in
DOMAIN = "care_degraded"

_installed: list[QTranslator] = []
_current = DEFAULT


def current() -> str:
    """The interface language now installed ("fr" until ``install`` says otherwise)."""
    return _current


def number(value: object) -> str:
    """A number (or a dose text) with the interface language's decimal separator."""
    return decimal_text(value, _current)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate knows
    """Mark ``text`` for translation in ``context`` without translating it now.

    Qt's own ``QT_TRANSLATE_NOOP`` is typed as returning ``object``; this one keeps
    the ``str`` for the type checker, and lupdate finds it by the same name."""
    return text


def i18n_dir() -> Path:
    return config.resources_dir() / "i18n"


def qm_path(lang: str) -> Path:
    return i18n_dir() / f"{DOMAIN}_{lang}.qm"


def ts_path(lang: str) -> Path:
    return i18n_dir() / f"{DOMAIN}_{lang}.ts"


def normalise(lang: str | None) -> str:
    lang = (lang or DEFAULT).lower()[:2]
    return lang if lang in LANGUAGES else DEFAULT


def install(lang: str) -> bool:
    """Replace the application's translators; True when the language is fully loaded.

    English needs no file. A missing ``.qm`` (translations not built) is compiled on
    the spot when the Qt tools are there, else the interface stays in English.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication first")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    lang = normalise(lang)
    global _current
    _current = lang
    QLocale.setDefault(QLocale(QLocale.Language.French if lang == "fr"
                               else QLocale.Language.English))
    if lang == SOURCE:
        return True
    if not qm_path(lang).exists() or (
            ts_path(lang).exists() and ts_path(lang).stat().st_mtime > qm_path(lang).stat().st_mtime):
        _build_quietly(lang)
    ok = True
    ours = QTranslator(app)
    if ours.load(str(qm_path(lang))):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("no compiled translation for %s", lang)
        ok = False
    # Qt's own dialog buttons ("Cancel", "Yes"...) in the same language.
    base = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if base.load(QLocale(lang), "qtbase", "_", qt_dir):
        app.installTranslator(base)
        _installed.append(base)
    return ok


def _build_quietly(lang: str) -> None:
    from care_degraded.ui import i18n_build

    try:
        i18n_build.build([ts_path(lang)])
    except (OSError, RuntimeError) as exc:
        log.warning("could not compile translations: %s", type(exc).__name__)
