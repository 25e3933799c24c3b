"""Where things live: the vault folder, the form library, shipped resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _root() -> Path:
    # Frozen by PyInstaller: data files sit next to the executable's bundle.
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return PACKAGE_DIR.parent


def forms_dir() -> Path:
    """The shipped form library (FHIR Questionnaire JSON)."""
    override = os.environ.get("CARE_DEGRADED_FORMS")
    return Path(override) if override else _root() / "forms"


def resources_dir() -> Path:
    return _root() / "resources"


def data_dir() -> Path:
    """Package data (common passwords list...)."""
    return PACKAGE_DIR / "data"


def default_vault_dir() -> Path:
    """The ward vault when no --vault is given."""
    override = os.environ.get("CARE_DEGRADED_VAULT")
    if override:
        return Path(override)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "care_degraded" / "ward"
