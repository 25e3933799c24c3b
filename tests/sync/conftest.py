"""Fixtures for the sync tests: one hub per session copied per test, an enrolled ward."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import RecoveryKey
from tests.sync.kit import enroll, make_hub


@pytest.fixture(scope="session")
def _template_hub(tmp_path_factory: pytest.TempPathFactory, recovery_key: RecoveryKey) -> Path:
    return make_hub(tmp_path_factory.mktemp("hub-template") / "hub", recovery_key.recipient)


@pytest.fixture
def hub_dir(tmp_path: Path, _template_hub: Path) -> Path:
    target = tmp_path / "hub"
    shutil.copytree(_template_hub, target)
    return target


@pytest.fixture
def it_key(tmp_path: Path, recovery_key: RecoveryKey) -> Path:
    path = tmp_path / "it.key"
    path.write_text(recovery_key.identity + "\n", encoding="ascii")
    path.chmod(0o600)
    return path


@pytest.fixture
def enrolled(vault_path: Path, hub_dir: Path, tmp_path: Path) -> Path:
    """The ward vault (copied), enrolled with the hub; returns the vault path."""
    enroll(vault_path, hub_dir, tmp_path)
    return vault_path
