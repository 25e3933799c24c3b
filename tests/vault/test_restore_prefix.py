"""A restored vault gives provisional numbers that cannot collide with the original's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from care_degraded.domain.patient import Sex
from care_degraded.services import patients
from care_degraded.services.vaults import restore
from care_degraded.vault import Vault
from tests.conftest import MANAGER


def _admit(vault: Vault, surname: str) -> str:
    admitted = patients.admit_patient(vault, surname=surname, given_names=["Test"],
                                      birth_date=dt.date(1950, 1, 1), sex=Sex.FEMALE,
                                      force=True)
    number = admitted.patient.identity.provisional_number
    assert number is not None
    return number


def test_restored_vault_numbers_under_a_new_prefix(vault_path: Path, tmp_path: Path) -> None:
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as original:
        before = _admit(original, "Avant-Sauvegarde")
        original.backup(tmp_path / "bk")
        after = _admit(original, "Apres-Sauvegarde")  # given after the backup
        prefix = original.device.prefix
    restore(tmp_path / "bk", tmp_path / "elsewhere")
    with Vault.unlock(tmp_path / "elsewhere", MANAGER[0], MANAGER[2]) as restored:
        assert restored.device.prefix != prefix
        new = _admit(restored, "Apres-Restauration")
        assert new not in (before, after) and new.startswith(f"{restored.device.prefix}-")
        assert patients.get_patient(restored, before) is not None  # given numbers stay
        actions = [e.action for e in restored.audit.entries(limit=20)]
        assert "device.prefix" in actions and restored.audit.verify().ok
        kept = restored.device.prefix
    with Vault.unlock(tmp_path / "elsewhere", MANAGER[0], MANAGER[2]) as again:
        assert again.device.prefix == kept  # once, at the first unlock after the restore
