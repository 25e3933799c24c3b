"""A drill vault made once per session (the KDF is slow), copied per test, and a fake clock."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from care_degraded.services import drill
from care_degraded.vault import Vault
from tests.conftest import MANAGER, RecoveryKey


@dataclass
class FakeClock:
    """The vault's clock in a test: moved by hand, never by sleeping."""

    now: dt.datetime

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, minutes: float) -> dt.datetime:
        self.now += dt.timedelta(minutes=minutes)
        return self.now


@pytest.fixture(scope="session")
def _drill_template(tmp_path_factory: pytest.TempPathFactory,
                    recovery_key: RecoveryKey) -> Path:
    path = tmp_path_factory.mktemp("drill") / "drill-vault"
    drill.start_drill(path, drill.load_scenario("ransomware-night"), MANAGER[0], MANAGER[1],
                      MANAGER[2], recovery_key.recipient, patients=5, speed=10)
    return path


@pytest.fixture
def drill_path(tmp_path: Path, _drill_template: Path) -> Path:
    target = tmp_path / "drill-vault"
    shutil.copytree(_drill_template, target)
    return target


@pytest.fixture
def drill_vault(drill_path: Path) -> Iterator[tuple[Vault, FakeClock]]:
    """The drill vault unlocked as its manager, its clock fake and at the drill's start."""
    v = Vault.unlock(drill_path, MANAGER[0], MANAGER[2])
    fake = FakeClock(drill.clock_of(v).started_at)
    v.clock = fake
    try:
        yield v, fake
    finally:
        v.close()
