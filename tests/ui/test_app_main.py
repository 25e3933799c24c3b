"""The application entry point: arguments, the demo ward made on first run, ready to log in."""

from __future__ import annotations

from pathlib import Path

from care_degraded.services.vaults import DEMO_USERS
from care_degraded.ui import app, i18n, style
from care_degraded.ui.main_window import MainWindow
from care_degraded.ui.settings import Prefs
from care_degraded.vault import is_vault

ARTEFACTS = Path(__file__).resolve().parents[2] / "artefacts"


def test_arguments():
    args = app.parse_args(["--vault", "/tmp/w", "--demo", "--lang", "en"])
    assert args.vault == Path("/tmp/w") and args.demo and args.lang == "en"
    assert app.parse_args([]).vault is None


def test_demo_ward_is_created_then_ready_to_log_in(qtbot, qapp, tmp_path):
    i18n.install("fr")
    style.apply(qapp, False)
    path = tmp_path / "demo-ward"
    window = MainWindow(path, Prefs())
    qtbot.addWidget(window)
    window.show()
    app.prepare_demo(window, path)
    assert not window.unlock.button.isEnabled()
    assert "démonstration" in window.unlock.message.text()
    qtbot.waitUntil(lambda: window.unlock.button.isEnabled(), timeout=60000)
    assert is_vault(path)
    assert not window.unlock.demo_box.isHidden()
    assert window.unlock.login.count() == len(DEMO_USERS)
    ARTEFACTS.mkdir(exist_ok=True)
    qtbot.waitUntil(lambda: window.unlock.demo_box.height()
                    >= window.unlock.demo_box.minimumHeight())
    assert window.grab().save(str(ARTEFACTS / "unlock-demo-ward.png"))
    login, _name, _role, secret = DEMO_USERS[1]
    window.unlock.login.setEditText(login)
    window.unlock.passphrase.setText(secret)
    with qtbot.waitSignal(window.board_refreshed, timeout=15000):
        window.unlock.button.click()
    assert window.ctx.vault.user.login == login
    assert window.banner.ward.text().startswith("Médecine polyvalente")
    qtbot.waitUntil(lambda: window.board.count.width() >= window.board.count.sizeHint().width())
    assert window.grab().save(str(ARTEFACTS / "demo-ward-board.png"))


def test_real_chart_then_auto_lock_leaves_no_name(qtbot, qapp, tmp_path):
    """The whole path on the demo ward with the real chart screen, then the auto-lock."""
    from PySide6.QtCore import Qt

    from care_degraded.services.patients import ward_patients
    from care_degraded.services.vaults import create_demo
    from tests.ui.app_helpers import leaked_names

    i18n.install("fr")
    style.apply(qapp, False)
    path = tmp_path / "demo-ward"
    create_demo(path)
    window = MainWindow(path, Prefs())
    qtbot.addWidget(window)
    window.show()
    login, _name, _role, secret = DEMO_USERS[1]
    window.unlock.login.setEditText(login)
    window.unlock.passphrase.setText(secret)
    with qtbot.waitSignal(window.board_refreshed, timeout=15000):
        window.unlock.button.click()
    patients = ward_patients(window.ctx.vault)
    assert window.board.model.rowCount() == len(patients) > 0
    window.board.table.setFocus()
    window.board.table.setCurrentIndex(window.board.proxy.index(0, 0))
    qtbot.keyClick(window.board.table, Qt.Key.Key_Return)
    chart = window.tabs.currentWidget()
    assert window.tabs.indexOf(chart) == 3
    qtbot.waitUntil(lambda: chart.isVisible())
    header = getattr(chart, "header", None)
    if header is not None and hasattr(header, "name"):  # the chart loads in the background
        qtbot.waitUntil(lambda: patients[0].identity.display_surname.upper()
                        in header.name.text().upper(), timeout=10000)
    assert chart.grab().save(str(ARTEFACTS / "demo-chart-in-shell.png"))
    assert leaked_names(patients)
    with qtbot.waitSignal(window.locked, timeout=5000):
        window.auto_lock.timer.timeout.emit()
    assert leaked_names(patients) == []
