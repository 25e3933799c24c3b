"""One reconciliation scenario per session (real vaults, real bundles), a hub copy per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RecoveryKey
from tests.hub.scenario import Scenario, build, ingested_hub


@pytest.fixture(scope="session")
def scenario(tmp_path_factory: pytest.TempPathFactory, recovery_key: RecoveryKey) -> Scenario:
    return build(tmp_path_factory.mktemp("reconcile"), recovery_key.recipient)


@pytest.fixture
def hub(tmp_path: Path, scenario: Scenario) -> Path:
    """The hub with both wards' bundles ingested and the EHR list loaded."""
    return ingested_hub(scenario, tmp_path / "hub")
