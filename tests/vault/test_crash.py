"""Crash safety: SIGKILL a writer at random moments; nothing acknowledged is ever lost."""

from __future__ import annotations

import random
from pathlib import Path

from care_degraded.vault import Vault
from tests.conftest import NURSE
from tests.vault.crashkit import kill_once
from tests.vault.util import dek_from_slot

KILLS = 30


def test_every_acknowledged_revision_survives_sigkill(vault_path: Path) -> None:
    rng = random.Random(20261129)
    dek = dek_from_slot(vault_path, NURSE[0], NURSE[2])
    acknowledged: list[str] = []
    for kill in range(KILLS):
        result = kill_once(vault_path, NURSE[0], dek, rng)
        assert result.integrity == "ok", f"kill {kill}"
        assert result.cipher_problems == [], f"kill {kill}"
        assert result.lost == [], f"kill {kill}: {len(result.lost)} acknowledged records lost"
        acknowledged += result.acknowledged
    assert len(acknowledged) > KILLS  # the kills really landed among writes
    # and the vault still opens the normal way, its audit chain whole
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        stored = {r.uuid for r in v.revisions.iter_all() if r.kind == "crash-test"}
        assert set(acknowledged) <= stored
        assert v.audit.verify().ok
