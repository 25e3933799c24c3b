"""Desktop application timings (run by hand or by ``make bench``; never a timed test).

1. process start to unlock screen shown (a fresh interpreter, as a nurse starts it);
2. unlock (Argon2 KDF included) to the ward board filled, 30 patients;
3. board refresh (rows computed and shown), 60 beds with a day of vitals;
4. open a patient's chart holding 2,000 records (loaded and shown);
5. one keystroke in the vitals form to the NEWS2 shown again (validation, FHIRPath
   scores, the partial-score text and the advice, all redrawn).

Aims: 1.5 s, 1.5 s, 100 ms, 300 ms, 30 ms. Prints a table of medians.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import pyrage  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from care_degraded.services import board as board_service  # noqa: E402
from care_degraded.services import census  # noqa: E402
from care_degraded.ui import i18n, operations, style  # noqa: E402
from care_degraded.ui.main_window import MainWindow  # noqa: E402
from care_degraded.ui.settings import Prefs  # noqa: E402
from care_degraded.vault import Vault  # noqa: E402

LOGIN, PASSPHRASE = "ide", "nuit calme au service 7"


def make_vault(path: Path, patients: int, beds: int, vitals_per_patient: int = 0) -> None:
    recipient = str(pyrage.x25519.Identity.generate().to_public())
    with Vault.create(path, ward="Bench ward", login=LOGIN, display_name="Bench Nurse",
                      passphrase=PASSPHRASE, recovery_recipient=recipient) as vault:
        census.populate_demo(vault, patients=patients, beds=beds, seed=7)
        if vitals_per_patient:
            now = dt.datetime.now(dt.UTC)
            with vault.transaction():
                for p in board_service.ward_patients(vault):
                    for k in range(vitals_per_patient):
                        vault.revisions.append("record", p.id, {
                            "form_url": board_service.VITALS_FORM_URL, "form_version": "1.0.0",
                            "effective_at": (now - dt.timedelta(hours=4 * k)).isoformat(),
                            "answers": {"news2-total": k % 9, "news2-rr": k % 4}})


def wait_for(signal, timeout_ms: int = 30000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def bench_start(vault: Path, runs: int = 5) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "care_degraded.ui.app", "--vault", str(vault),
             "--quit-when-shown"], stdout=subprocess.PIPE, text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert proc.stdout is not None
        line = proc.stdout.readline()
        times.append(time.perf_counter() - start)
        proc.wait(timeout=30)
        if not line.startswith("shown"):
            raise SystemExit("the application did not show its unlock screen")
    return times


def bench_unlock(window: MainWindow, runs: int = 3) -> list[float]:
    times = []
    for _ in range(runs):
        window.unlock.login.setEditText(LOGIN)
        window.unlock.passphrase.setText(PASSPHRASE)
        start = time.perf_counter()
        window.unlock.submit()
        wait_for(window.board_refreshed)
        times.append(time.perf_counter() - start)
        window.lock_now()
    return times


def bench_refresh(window: MainWindow, runs: int = 20) -> list[float]:
    window.unlock.login.setEditText(LOGIN)
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.submit()
    wait_for(window.board_refreshed)
    times, inline = [], []
    for _ in range(runs):
        start = time.perf_counter()
        window.refresh()
        wait_for(window.board_refreshed)
        times.append(time.perf_counter() - start)
    with operations.synchronous():  # the same work without the hop to the worker thread
        for _ in range(runs):
            start = time.perf_counter()
            window.refresh()
            inline.append(time.perf_counter() - start)
    window.lock_now()
    return times, inline


def add_records(path: Path, count: int) -> str:
    """``count`` vitals records for the first patient, the way the records service writes."""
    with Vault.unlock(path, LOGIN, PASSPHRASE) as vault:
        pid = board_service.ward_patients(vault)[0].id
        now = dt.datetime.now(dt.UTC)
        with vault.transaction():
            for k in range(count):
                when = (now - dt.timedelta(minutes=30 * k)).isoformat()
                vault.revisions.append("record", pid, {
                    "form_url": board_service.VITALS_FORM_URL, "form_version": "1.0.0",
                    "form_title": "Constantes et score NEWS2", "effective_at": when,
                    "answers": {"effective": when, "hr": 60 + k % 50, "rr": 12 + k % 10,
                                "spo2": 90 + k % 10, "o2": "air", "avpu": "A",
                                "news2-total": k % 9}})
    return pid


def bench_chart(window: MainWindow, patient_id: str, runs: int = 5) -> list[float]:
    window.unlock.login.setEditText(LOGIN)
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.submit()
    wait_for(window.board_refreshed)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        chart = window.open_patient(patient_id)
        wait_for(chart.loading.finished)
        QApplication.processEvents()
        times.append(time.perf_counter() - start)
        window.tabs.removeTab(window.tabs.indexOf(chart))
        window._charts.pop(patient_id, None)
        chart.deleteLater()
    window.lock_now()
    return times


def bench_keystroke(runs: int = 60) -> list[float]:
    """A key typed in the heart-rate field to the NEWS2 line updated on screen."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from care_degraded.services import forms
    from care_degraded.ui.forms import FormView

    view = FormView(forms.library().get("vital-signs"))
    view.resize(1366, 768)
    view.show()
    view.load({"temp": 38.4, "sbp": 98, "rr": 24, "spo2": 93, "o2": "air", "avpu": "A"})
    QApplication.processEvents()
    edit = view.field("hr").edit
    edit.setFocus()
    times = []
    for n in range(runs):
        edit.clear()
        QApplication.processEvents()
        before = view.scores.text()
        start = time.perf_counter()
        QTest.keyClick(edit, Qt.Key.Key_1 if n % 2 else Qt.Key.Key_9)
        view.scores.repaint()  # drawn, not only set
        times.append(time.perf_counter() - start)
        assert view.scores.text() != before
    view.close()
    return times


def main() -> int:
    app = QApplication.instance() or QApplication([])
    i18n.install("fr")
    style.apply(app)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        ward30, ward60 = Path(tmp) / "w30", Path(tmp) / "w60"
        make_vault(ward30, patients=30, beds=30)
        make_vault(ward60, patients=60, beds=60, vitals_per_patient=6)
        rows.append(("process start -> unlock screen shown", bench_start(ward30), 1.5))
        window = MainWindow(ward30, Prefs())
        window.show()
        rows.append(("unlock -> ward board, 30 patients", bench_unlock(window), 1.5))
        window.close()
        window = MainWindow(ward60, Prefs())
        window.show()
        threaded, inline = bench_refresh(window)
        rows.append(("board refresh, 60 beds, 360 vitals", threaded, 0.100))
        rows.append(("  same, computed inline (no thread hop)", inline, 0.100))
        window.close()
        pid = add_records(ward30, 2000)
        window = MainWindow(ward30, Prefs())
        window.show()
        rows.append(("open a chart with 2,000 records", bench_chart(window, pid), 0.300))
        window.close()
    rows.append(("keystroke -> NEWS2 shown, vitals form", bench_keystroke(), 0.030))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'measure':42} {'median':>9} {'max':>9} {'aim':>7}  ok")
    for name, times, aim in rows:
        median = statistics.median(times)
        print(f"{name:42} {median * 1000:7.0f}ms {max(times) * 1000:7.0f}ms "
              f"{aim * 1000:5.0f}ms  {'yes' if median <= aim else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
