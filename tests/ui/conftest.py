"""Fixtures shared by the tests that drive the real window on the demo ward."""

from __future__ import annotations

import shutil

import pytest

from care_degraded.services.vaults import create_demo
from care_degraded.ui import i18n, style
from care_degraded.ui.main_window import MainWindow
from care_degraded.ui.settings import Prefs


@pytest.fixture(autouse=True)
def _french_interface(qapp):
    """The interface in French, as the application starts it; French again after each test."""
    i18n.install("fr")
    yield
    i18n.install("fr")


@pytest.fixture(scope="module")
def _demo_template(tmp_path_factory):
    """The demo ward, made once per module (its census and KDF are slow), copied per test."""
    path = tmp_path_factory.mktemp("demo") / "ward"
    create_demo(path)
    return path


@pytest.fixture
def demo_window(qtbot, qapp, tmp_path, _demo_template):
    """The main window on a fresh copy of the demo ward, French, 1366x768, locked."""
    path = tmp_path / "ward"
    shutil.copytree(_demo_template, path)
    i18n.install("fr")
    style.apply(qapp, False)
    w = MainWindow(path, Prefs())
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.ctx.vault is not None:
        w.lock_now()
