"""A drill vault in the app: EXERCICE on every window (watermark and title), the unlock
screen says it, the banner shows the scenario clock and each inject at its time
(a fake clock, no sleeping); a production vault shows none of it."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from care_degraded.services import drill
from care_degraded.ui import i18n, style
from care_degraded.ui.exercise_mark import ExerciseOverlay
from care_degraded.ui.main_window import MainWindow
from care_degraded.ui.settings import Prefs
from care_degraded.vault import Vault
from tests.conftest import MANAGER, NURSE
from tests.ui.app_helpers import unlock
from tests.ui.chart_helpers import ARTEFACTS


class FakeClock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(scope="module")
def _drill_template(tmp_path_factory, recovery_key):
    path = tmp_path_factory.mktemp("drill-ui") / "drill-vault"
    drill.start_drill(path, drill.load_scenario("ransomware-night"), MANAGER[0], MANAGER[1],
                      MANAGER[2], recovery_key.recipient, patients=6, speed=10)
    with Vault.unlock(path, MANAGER[0], MANAGER[2]) as v:
        v.add_user(NURSE[0], NURSE[1], drill.Role.NURSE, NURSE[2])
        started = drill.clock_of(v).started_at
    return path, started


@pytest.fixture
def drill_window(qtbot, qapp, tmp_path, _drill_template):
    template, started = _drill_template
    path = tmp_path / "drill-vault"
    shutil.copytree(template, path)
    style.apply(qapp, False)
    clock = FakeClock(started)
    w = MainWindow(path, Prefs(), clock=clock)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    yield w, clock
    if w.ctx.vault is not None:
        w.lock_now()


def overlay(window) -> ExerciseOverlay | None:
    return window.findChild(ExerciseOverlay, "exerciseOverlay",
                            Qt.FindChildOption.FindDirectChildrenOnly)


def test_drill_windows_are_marked_and_injects_show_at_their_time(qtbot, drill_window):
    w, clock = drill_window
    ARTEFACTS.mkdir(exist_ok=True)
    # Locked: the unlock screen already says it is an exercise.
    assert w.windowTitle().startswith("EXERCICE — ")
    assert overlay(w) is not None and overlay(w).geometry() == w.rect()
    assert w.unlock.exercise_note.isVisible() and "EXERCICE" in w.unlock.exercise_note.text()
    assert w.grab().save(str(ARTEFACTS / "drill-unlock-fr.png"))

    unlock(qtbot, w, MANAGER[0], MANAGER[2])
    bar = w.banner.exercise
    assert bar.isVisible() and w.banner.exercise_mark.text() == "EXERCICE — données fictives"
    qtbot.waitUntil(lambda: "02:00" in w.banner.exercise_clock.text())
    assert w.banner.exercise_inject.text() == "Aucun inject pour l'instant"
    clock.now = clock.now + dt.timedelta(minutes=1)  # ×10: 0:10, 02:10 on the scenario
    w.refresh_drill()
    qtbot.waitUntil(lambda: "rançongiciel détecté" in w.banner.exercise_inject.text())
    assert w.banner.exercise_inject.text() == \
        "Inject 02:10 : rançongiciel détecté, DPI inaccessible"
    assert w.banner.exercise_clock.text() == "Scénario 02:10 · ×10 · en cours"
    assert w.windowTitle().startswith("EXERCICE — ")
    QApplication.processEvents()
    assert w.grab().save(str(ARTEFACTS / "drill-board-fr.png"))

    w.banner.injects_button.click()
    dialogs = [d for d in QApplication.topLevelWidgets() if d.objectName() == "injectsDialog"]
    assert dialogs
    injects = dialogs[-1]
    qtbot.waitExposed(injects)
    assert injects.windowTitle() == "EXERCICE — Injects de l'exercice"
    assert overlay(injects) is not None
    assert injects.injects.count() == 1 and "02:10" in injects.injects.item(0).text()
    assert injects.grab().save(str(ARTEFACTS / "drill-injects-fr.png"))
    injects.reject()

    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(w.board.search, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    crisis = w.menus.crisis_dialog
    assert crisis is not None and crisis.isVisible()
    assert crisis.windowTitle() == "EXERCICE — Ajouter à la main courante"
    assert crisis.heading.text() == "Ajouter à la main courante"
    assert MANAGER[1] in crisis.hint.text()
    assert overlay(crisis) is not None
    assert crisis.grab().save(str(ARTEFACTS / "drill-crisis-entry-fr.png"))
    crisis.reject()

    w.set_language("en")
    try:
        assert w.windowTitle().startswith("EXERCISE — ")
        assert w.banner.exercise_mark.text() == "EXERCISE — fictitious data"
        assert "ransomware detected" in w.banner.exercise_inject.text()
        assert w.banner.exercise_clock.text() == "Scenario 02:10 · ×10 · running"
        QApplication.processEvents()
        assert w.grab().save(str(ARTEFACTS / "drill-board-en.png"))
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)
        qtbot.keyClick(w.board.search, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
        crisis = w.menus.crisis_dialog
        assert crisis is not None
        assert crisis.windowTitle() == "EXERCISE — Add to the crisis log"
        assert crisis.heading.text() == "Add to the crisis log"
        assert crisis.grab().save(str(ARTEFACTS / "drill-crisis-entry-en.png"))
        crisis.reject()
        w.lock_now()
        assert w.unlock.exercise_note.text().startswith("EXERCISE — a drill vault")
        assert w.grab().save(str(ARTEFACTS / "drill-unlock-en.png"))
    finally:
        w.set_language("fr")
        i18n.install("fr")


def test_a_nurse_sees_the_ward_injects_only(qtbot, drill_window):
    w, clock = drill_window
    unlock(qtbot, w, NURSE[0], NURSE[2])
    clock.now = clock.now + dt.timedelta(minutes=3.1)  # 0:31: detect (ward), inventory (not)
    w.refresh_drill()
    qtbot.waitUntil(lambda: "Injects (1)" in w.banner.injects_button.text())
    assert "rançongiciel" in w.banner.exercise_inject.text()


def test_production_windows_carry_no_mark(qtbot, demo_window):
    w = demo_window
    assert overlay(w) is None and not w.unlock.exercise_note.isVisible()
    unlock(qtbot, w, "cadre", "cadre-demo-2026")
    assert not w.banner.exercise.isVisible()
    assert not w.windowTitle().startswith("EXERCICE")
    qtbot.keyClick(w.board.search, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    crisis = w.menus.crisis_dialog
    assert crisis is not None and crisis.windowTitle() == "Ajouter à la main courante"
    assert crisis.heading.text() == "Ajouter à la main courante"  # the heading, everywhere
    assert overlay(crisis) is None
    crisis.reject()
