"""Vault access off the GUI thread, one user of the connection at a time, and a save
that waits (and says so) while another program holds the vault's write lock.

Real window, real demo vault, real threads; the other program is a second SQLCipher
connection to the same database file holding a write transaction.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from care_degraded.services.vaults import DEMO_USERS
from care_degraded.ui import operations
from care_degraded.ui.chart import ChartWidget
from care_degraded.ui.forms.dialog import FormDialog
from tests.vault.util import dek_from_slot, raw_connect

NURSE = DEMO_USERS[1]


@pytest.fixture
def window(qtbot, demo_window):
    login, _name, _role, secret = NURSE
    demo_window.unlock.login.setEditText(login)
    demo_window.unlock.passphrase.setText(secret)
    with qtbot.waitSignal(demo_window.board_refreshed, timeout=30000):
        demo_window.unlock.button.click()
    return demo_window


class Trace:
    """Every SQL statement the vault's connection runs, with the thread that ran it."""

    def __init__(self, window) -> None:
        self.rows: list[tuple[int, str]] = []
        conn = window.ctx.vault.conn
        operations.call(lambda: conn.set_trace_callback(self._seen))
        self._conn = conn

    def _seen(self, sql: str) -> None:
        self.rows.append((threading.get_ident(), sql))

    def stop(self) -> None:
        operations.call(lambda: self._conn.set_trace_callback(None))


def _chart(qtbot, window) -> ChartWidget:
    chart = window.open_patient(window.board.model.row_at(0).patient_id)
    assert isinstance(chart, ChartWidget)
    qtbot.waitUntil(lambda: chart.loading is not None and chart.loading.done, timeout=10000)
    return chart


def _vitals(qtbot, chart: ChartWidget) -> FormDialog:
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    dialog = chart.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.form.focus_item("hr")
    qtbot.keyClicks(QApplication.focusWidget(), "88")
    return dialog


def _records(window) -> int:
    return int(operations.call(lambda: window.ctx.vault.revisions.count()))


def _save(qtbot, dialog: FormDialog) -> None:
    qtbot.keyClick(dialog.form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    _save_anyway(dialog)


def _save_anyway(dialog: FormDialog) -> None:
    box = dialog.form.confirm_box
    if box is not None and box.isVisible():  # only HR typed: a partial NEWS2, saved anyway
        box.findChild(QPushButton, "confirmSave").click()


def test_the_gui_thread_never_uses_the_connection(qtbot, window):
    trace = Trace(window)
    chart = _chart(qtbot, window)
    dialog = _vitals(qtbot, chart)
    with qtbot.waitSignal(dialog.saved, timeout=15000):
        _save(qtbot, dialog)
    window.show_tab(1)  # handover
    window.show_tab(2)  # checklists
    with qtbot.waitSignal(window.board_refreshed, timeout=15000):
        window.refresh_all()
    with qtbot.waitSignal(window.locked, timeout=15000):
        window.lock_now()
    threads = {thread for thread, _sql in trace.rows}
    assert trace.rows, "the trace saw nothing"
    assert threading.get_ident() not in threads, [q for t, q in trace.rows if t == threading.get_ident()][:5]
    assert len(threads) == 1  # the vault lane's one thread, from unlock to lock


def test_a_board_refresh_and_a_save_at_once_do_not_interleave(qtbot, window):
    chart = _chart(qtbot, window)
    dialog = _vitals(qtbot, chart)
    before = _records(window)
    trace = Trace(window)
    _save(qtbot, dialog)  # the save and the board refresh are asked in the same turn
    refresh = window.refresh()
    assert refresh is not None
    with qtbot.waitSignal(dialog.saved, timeout=15000):
        pass
    if not refresh.done:
        with qtbot.waitSignal(refresh.finished, timeout=15000):
            pass
    trace.stop()
    assert _records(window) == before + 1
    # The board's queries never run inside the save's transaction: every statement
    # between BEGIN IMMEDIATE and COMMIT belongs to the save.
    inside = False
    for _thread, sql in trace.rows:
        if sql.startswith("BEGIN"):
            assert not inside, "a transaction began inside another"
            inside = True
        elif sql in ("COMMIT", "ROLLBACK"):
            inside = False
        elif inside:
            assert "json_extract(payload, '$.form_url')" not in sql, "board query in a save"
    assert any("json_extract(payload, '$.form_url')" in sql for _t, sql in trace.rows)
    assert len({thread for thread, _sql in trace.rows}) == 1


@pytest.fixture
def other_writer(window):
    """A second connection to the same vault, as another program would open it."""
    path = window.ctx.vault_path
    conn = raw_connect(path, dek_from_slot(path, NURSE[0], NURSE[3]))
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def test_a_save_waits_for_another_writer_and_says_so(qtbot, window, other_writer):
    chart = _chart(qtbot, window)
    dialog = _vitals(qtbot, chart)
    before = _records(window)
    other_writer.execute("BEGIN IMMEDIATE")  # holds the write lock
    _save(qtbot, dialog)
    op = dialog._operation
    assert op is not None
    with qtbot.waitSignal(op.waiting, timeout=30000):
        pass  # the first try gave up after the vault's busy timeout
    assert dialog.isVisible() and dialog.pending.isVisible()
    assert dialog.pending.text().startswith("Enregistrement en attente")
    assert _records(window) == before  # nothing written, nothing lost either
    with qtbot.waitSignal(dialog.saved, timeout=30000):
        other_writer.execute("COMMIT")  # the other program is done
    assert op.tries >= 2 and op.error is None
    assert _records(window) == before + 1
    assert not dialog.isVisible()


def test_a_save_that_keeps_waiting_is_said_and_the_answers_stay(
        qtbot, window, other_writer, monkeypatch):
    monkeypatch.setattr(operations, "BUSY_RETRY_FOR_S", 0.0)  # give up after one try
    chart = _chart(qtbot, window)
    dialog = _vitals(qtbot, chart)
    before = _records(window)
    other_writer.execute("BEGIN IMMEDIATE")
    _save(qtbot, dialog)
    op = dialog._operation
    assert op is not None
    with qtbot.waitSignal(op.failed, timeout=30000):
        pass
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.objectName() == "errorBox" and w.isVisible())
    assert box.text().startswith("Rien n’a été enregistré : un autre programme")
    box.close()
    assert dialog.isVisible() and dialog.form.isEnabled()
    assert dialog.form.raw_answers()["hr"] == 88
    assert _records(window) == before
    other_writer.execute("ROLLBACK")
    with qtbot.waitSignal(dialog.saved, timeout=30000):
        dialog.form.save_button.click()  # the nurse saves again
        _save_anyway(dialog)
    assert _records(window) == before + 1


def test_unlocking_with_forms_kept_reads_them_on_the_lane_beside_the_board(qtbot, window):
    """At unlock the board refresh and the taking back of kept forms (a write) both
    start: they run one after the other on the lane, never on the GUI thread."""
    chart = _chart(qtbot, window)
    _vitals(qtbot, chart)
    with qtbot.waitSignal(window.locked, timeout=15000):
        window.lock_now()  # the form in progress is kept in the vault
    seen: list[tuple[int, str]] = []

    def traced_unlock(path, login, passphrase):
        from care_degraded.services.vaults import unlock

        vault = unlock(path, login, passphrase)
        vault.conn.set_trace_callback(lambda sql: seen.append((threading.get_ident(), sql)))
        return vault

    window.unlock._unlocker = traced_unlock
    login, _name, _role, secret = NURSE
    window.unlock.login.setEditText(login)
    window.unlock.passphrase.setText(secret)
    with qtbot.waitSignal(window.board_refreshed, timeout=30000):
        window.unlock.button.click()
    reopened = [window.tabs.widget(i) for i in range(window.tabs.count())
                if isinstance(window.tabs.widget(i), ChartWidget)]
    assert len(reopened) == 1
    qtbot.waitUntil(lambda: reopened[0].dialog is not None and reopened[0].dialog.is_open(),
                    timeout=10000)
    assert reopened[0].dialog.form.raw_answers()["hr"] == 88
    operations.call(lambda: window.ctx.vault.conn.set_trace_callback(None))
    assert any("DELETE FROM meta" in sql for _t, sql in seen)  # the kept form was taken
    assert threading.get_ident() not in {t for t, _sql in seen}
    assert len({t for t, _sql in seen}) == 1


def test_a_lock_while_a_save_waits_keeps_the_form_and_writes_nothing_twice(
        qtbot, window, other_writer):
    chart = _chart(qtbot, window)
    dialog = _vitals(qtbot, chart)
    before = _records(window)
    other_writer.execute("BEGIN IMMEDIATE")
    _save(qtbot, dialog)
    op = dialog._operation
    assert op is not None
    with qtbot.waitSignal(op.waiting, timeout=30000):
        pass
    other_writer.execute("ROLLBACK")  # free before the lock keeps the draft
    with qtbot.waitSignal(window.locked, timeout=30000):
        window.lock_now()
    assert op.done and op.error is None  # abandoned, not failed, not tried again
    login, _name, _role, secret = NURSE
    window.unlock.login.setEditText(login)
    window.unlock.passphrase.setText(secret)
    with qtbot.waitSignal(window.board_refreshed, timeout=30000):
        window.unlock.button.click()
    reopened = [window.tabs.widget(i) for i in range(window.tabs.count())
                if isinstance(window.tabs.widget(i), ChartWidget)]
    assert len(reopened) == 1
    qtbot.waitUntil(lambda: reopened[0].dialog is not None and reopened[0].dialog.is_open(),
                    timeout=10000)
    assert reopened[0].dialog.form.raw_answers()["hr"] == 88
    assert _records(window) == before
