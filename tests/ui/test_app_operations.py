"""The background-operation helper: results and errors come back on the GUI thread."""

from __future__ import annotations

import threading

import pytest

from care_degraded.domain.errors import DamagedData, InvalidInput, Throttled, WrongPassphrase
from care_degraded.ui import operations
from care_degraded.ui.operations import Operation, error_sentence, run_in_background


def test_success_runs_fn_off_the_gui_thread_and_callback_on_it(qtbot):
    gui = threading.get_ident()
    seen = {}

    def work():
        seen["worker"] = threading.get_ident()
        return 42

    def done(result):
        seen["callback"] = threading.get_ident()
        seen["result"] = result

    op = Operation(None, work).success(done)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run()
    assert seen["result"] == 42
    assert seen["worker"] != gui
    assert seen["callback"] == gui
    assert operations.pending() == 0


def test_failure_goes_to_handler_not_to_a_traceback(qtbot):
    errors = []
    with qtbot.waitSignal(run_in_background(None, lambda: 1 / 0,
                                            on_error=errors.append).finished, timeout=5000):
        pass
    assert len(errors) == 1 and isinstance(errors[0], ZeroDivisionError)


def test_unhandled_failure_shows_a_sentence(qtbot):
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    parent = QWidget()
    qtbot.addWidget(parent)

    exc = WrongPassphrase("unknown user or wrong passphrase")

    def fail():
        raise exc

    op = Operation(parent, fail)
    with qtbot.waitSignal(op.failed, timeout=5000):
        op.run()
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.objectName() == "errorBox"]
    assert boxes, "the error must be shown"
    text = boxes[-1].text()
    assert text == error_sentence(exc)
    assert "Traceback" not in text and "unknown user or wrong" not in text
    for box in boxes:
        box.close()


def test_synchronous_mode_runs_inline():
    out = []
    with operations.synchronous():
        Operation(None, lambda: "ok").success(out.append).run()
    assert out == ["ok"]


@pytest.mark.parametrize("exc", [
    WrongPassphrase("x"), DamagedData("x"), InvalidInput("x"), Throttled("x", 7.2),
    OSError("x"), KeyError("secret patient name"),
])
def test_error_sentences_never_echo_the_raw_message(exc):
    text = error_sentence(exc)
    assert text and "secret patient name" not in text and "Traceback" not in text
    if isinstance(exc, Throttled):
        assert "8" in text


def test_slow_operation_shows_progress_then_closes_it(qtbot, monkeypatch):
    from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

    monkeypatch.setattr(operations, "PROGRESS_DELAY_MS", 0)
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()
    op = Operation(parent, lambda: release.wait(10), label="Impression du kit…")
    op.run()

    def progress():
        return [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QProgressDialog) and w.isVisible()
                and w.labelText() == "Impression du kit…"]

    qtbot.waitUntil(lambda: bool(progress()), timeout=5000)
    with qtbot.waitSignal(op.finished, timeout=5000):
        release.set()
    assert progress() == []
