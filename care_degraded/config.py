"""Where things live: the vault folder, the form library, shipped resources.

The program runs in one of three ways, and finds its forms and resources in each:

- **frozen** (the ward executable built with ``build.spec``): next to the executable,
  in the bundle folder PyInstaller gives as ``sys._MEIPASS`` (``_internal/``);
- **source** (a checkout, or ``pip install -e``): the checkout's ``forms/`` and
  ``resources/``, beside the ``care_degraded`` package;
- **installed** (``pip install`` of the wheel): ``<prefix>/share/care_degraded/``, where
  the wheel puts them (``[tool.setuptools.data-files]`` in pyproject.toml).

The ward's vault is never inside the program's folder: it is in the person's own data
folder (``default_vault_dir``), the same whichever way the program runs, so replacing
or copying the program never touches patient data.
"""

from __future__ import annotations

import os
import site
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
APP_NAME = "care_degraded"


def is_frozen() -> bool:
    """True in the PyInstaller-built executable."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def _installed_roots() -> list[Path]:
    return [Path(sys.prefix) / "share" / APP_NAME,
            Path(site.getuserbase()) / "share" / APP_NAME]


def _is_checkout(folder: Path) -> bool:
    return (folder / "pyproject.toml").is_file() and (folder / "forms").is_dir()


def run_kind() -> str:
    """"frozen", "source" or "installed": where forms and resources are looked up."""
    if is_frozen():
        return "frozen"
    if not _is_checkout(PACKAGE_DIR.parent) and any(
            (root / "forms").is_dir() for root in _installed_roots()):
        return "installed"
    return "source"


def _root() -> Path:
    kind = run_kind()
    if kind == "frozen":
        # Data files sit in the executable's bundle folder.
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]
    if kind == "installed":
        return next(root for root in _installed_roots() if (root / "forms").is_dir())
    return PACKAGE_DIR.parent


def forms_dir() -> Path:
    """The shipped form library (FHIR Questionnaire JSON)."""
    return _root() / "forms"


#: the establishment's own forms folder, loaded after the shipped library
ESTABLISHMENT_FORMS_ENV = "CARE_DEGRADED_FORMS"


def establishment_forms_dir() -> Path | None:
    """The establishment's own Questionnaires (``$CARE_DEGRADED_FORMS``), or None."""
    value = os.environ.get(ESTABLISHMENT_FORMS_ENV)
    return Path(value) if value else None


def resources_dir() -> Path:
    """Translations (``i18n/*.qm``), fonts, icons, stylesheet."""
    return _root() / "resources"


def data_dir() -> Path:
    """Package data (common passwords list...)."""
    return PACKAGE_DIR / "data"


def user_data_dir() -> Path:
    """The person's own data folder for the program (the same frozen, installed or not).

    Windows: ``%LOCALAPPDATA%\\care_degraded`` (kept on this machine, never roamed to a
    server that is down); macOS: ``~/Library/Application Support/care_degraded``;
    elsewhere ``$XDG_DATA_HOME/care_degraded``, by default ``~/.local/share/care_degraded``.
    """
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_NAME


def default_vault_dir() -> Path:
    """The ward vault when no --vault is given."""
    override = os.environ.get("CARE_DEGRADED_VAULT")
    if override:
        return Path(override)
    return user_data_dir() / "ward"
