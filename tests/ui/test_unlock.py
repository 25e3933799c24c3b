"""The unlock screen: wrong and right passphrase, growing delay, demo logins on a demo vault."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from care_degraded.ui import i18n, style
from care_degraded.ui.unlock import UnlockWidget
from care_degraded.vault.keyslots import KeyslotFile
from tests.conftest import NURSE

ARTEFACTS = Path(__file__).resolve().parents[2] / "artefacts"


@pytest.fixture
def screen(qtbot, qapp, vault_path):
    i18n.install("fr")
    style.apply(qapp, False)
    w = UnlockWidget(vault_path)
    qtbot.addWidget(w)
    w.resize(1366, 740)
    w.show()
    return w


def attempt(qtbot, screen, login, secret):
    screen.login.setEditText(login)
    screen.passphrase.setText(secret)
    op = screen.submit()
    assert op is not None
    with qtbot.waitSignal(op.finished, timeout=15000):
        pass


def test_wrong_then_right_passphrase(qtbot, screen):
    opened = []
    screen.unlocked.connect(opened.append)
    attempt(qtbot, screen, NURSE[0], "not the passphrase")
    assert screen.message.text() == "Phrase de passe erronée."
    assert screen.passphrase.text() == ""  # cleared, ready for the next try
    assert opened == []
    attempt(qtbot, screen, NURSE[0], NURSE[2])
    assert len(opened) == 1
    try:
        assert opened[0].user.login == NURSE[0]
    finally:
        opened[0].close()
    assert screen.message.text() == ""


def test_unknown_login_says_so_without_telling_which(qtbot, screen):
    attempt(qtbot, screen, "nobody", "some passphrase")
    assert "erronée" in screen.message.text()


def test_empty_fields_are_asked_for(qtbot, screen):
    screen.login.setEditText(NURSE[0])
    assert screen.submit() is None
    assert "phrase de passe" in screen.message.text()


def test_growing_delay_is_visible_and_blocks_the_button(qtbot, screen):
    for _ in range(5):
        attempt(qtbot, screen, NURSE[0], "still wrong")
    wait = screen.seconds_to_wait()
    assert wait >= 1
    assert "réessayez dans" in screen.message.text()
    assert str(wait) in screen.message.text()
    assert not screen.button.isEnabled()
    assert screen.submit() is None  # Enter does nothing meanwhile
    # the countdown moves: drive its timer instead of sleeping
    screen._retry_at = 0.0
    screen.countdown.timeout.emit()
    assert screen.button.isEnabled() and screen.message.text() == "Vous pouvez réessayer."


def test_demo_logins_only_on_a_demo_vault(qtbot, screen, vault_path):
    assert screen.demo_box.isHidden()
    slots = KeyslotFile.load(vault_path)
    replace(slots, extra={"demo": {"logins": {NURSE[0]: NURSE[2]}}}).save(vault_path)
    screen.reload()
    assert not screen.demo_box.isHidden()
    button = screen.findChild(type(screen.button), f"demoLogin_{NURSE[0]}")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert screen.login.currentText() == NURSE[0] and screen.passphrase.text() == NURSE[2]
    ARTEFACTS.mkdir(exist_ok=True)
    qtbot.waitUntil(lambda: button.isVisible()
                    and button.geometry().bottom() < screen.demo_box.height())
    assert screen.grab().save(str(ARTEFACTS / "unlock-demo.png"))


def test_grab_of_the_unlock_screen(qtbot, screen):
    attempt(qtbot, screen, NURSE[0], "wrong")
    qtbot.waitUntil(lambda: screen.message.height() >= screen.message.sizeHint().height())
    ARTEFACTS.mkdir(exist_ok=True)
    assert screen.grab().save(str(ARTEFACTS / "unlock.png"))
