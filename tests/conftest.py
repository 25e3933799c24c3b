"""Shared test setup.

The Qt platform is set here, before anything can import Qt, so that every widget
test runs headless.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QPA_FONTDIR", "/usr/share/fonts/truetype/dejavu")

import shutil  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pyrage  # noqa: E402
import pytest  # noqa: E402

from care_degraded.domain.user import Role  # noqa: E402
from care_degraded.vault import Vault  # noqa: E402

MANAGER = ("cadre", "Claire Martin-Test", "garde de nuit 2026")
NURSE = ("ide", "Inès Durand-Test", "soins continus 42")


@dataclass(frozen=True)
class RecoveryKey:
    identity: str  # AGE-SECRET-KEY-1...
    recipient: str  # age1...


@pytest.fixture(scope="session")
def recovery_key() -> RecoveryKey:
    ident = pyrage.x25519.Identity.generate()
    return RecoveryKey(str(ident), str(ident.to_public()))


@pytest.fixture(scope="session")
def _template_vault(tmp_path_factory: pytest.TempPathFactory,
                    recovery_key: RecoveryKey) -> Path:
    """One vault made once per session (the KDF is slow on purpose), copied per test."""
    path = tmp_path_factory.mktemp("template") / "vault"
    with Vault.create(path, ward="Médecine B (test)", login=MANAGER[0],
                      display_name=MANAGER[1], passphrase=MANAGER[2],
                      recovery_recipient=recovery_key.recipient) as vault:
        vault.add_user(NURSE[0], NURSE[1], Role.NURSE, NURSE[2])
    return path


@pytest.fixture
def vault_path(tmp_path: Path, _template_vault: Path) -> Path:
    """A fresh copy of a vault with a manager (MANAGER) and a nurse (NURSE)."""
    target = tmp_path / "vault"
    shutil.copytree(_template_vault, target)
    return target


@pytest.fixture
def vault(vault_path: Path) -> Iterator[Vault]:
    """The copied vault, unlocked as the nurse."""
    v = Vault.unlock(vault_path, NURSE[0], NURSE[2])
    try:
        yield v
    finally:
        v.close()


@pytest.fixture
def manager_vault(vault_path: Path) -> Iterator[Vault]:
    v = Vault.unlock(vault_path, MANAGER[0], MANAGER[2])
    try:
        yield v
    finally:
        v.close()
