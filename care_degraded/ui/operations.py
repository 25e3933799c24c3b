"""Slow work off the GUI thread: the one background-operation helper of the interface.

Anything that can take more than ~50 ms (unlocking with the Argon2 KDF, saving a
record, loading a long chart, printing) goes through :class:`Operation`::

    Operation(self, lambda: services.records.save(vault, ...),
              label=self.tr("Saving…")).success(self._saved).run()

The function runs on a worker thread; ``success(result)`` and ``failure(exc)`` run
back on the GUI thread. A failure nobody handles is shown once, as a sentence taken
from the typed exception's ``code`` (see :func:`error_sentence`), never as a
traceback. Patient data never reaches the log: only the exception class is logged.

Vault work is serialised on one worker thread (``Lane.VAULT``): the vault has one
SQLCipher connection and its transactions must not interleave; the GUI thread never
uses the connection itself (:func:`call` runs the last work of a lock on the lane and
waits). CPU-only work that touches no vault (rendering a PDF already loaded...) may
use ``Lane.FREE``.

A write refused because another program holds the vault's write lock (``Busy``,
raised before anything is written) is not lost: the operation says it is waiting
(``waiting`` signal, "Enregistrement en attente") and tries again off the GUI thread
every few seconds for up to :data:`BUSY_RETRY_FOR_S`; only then is the failure said.

Tests either wait on the operation's ``finished`` signal with ``qtbot.waitSignal``
or run everything inline with :func:`synchronous`.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from care_degraded.domain.errors import Busy, CareError, InvalidInput, Throttled
from care_degraded.ui.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

#: a progress dialog appears only for operations slower than this (ms): short
#: saves must not flash a dialog in the nurse's face
PROGRESS_DELAY_MS = 400
#: a write refused by another program's lock is tried again for this long (seconds)
BUSY_RETRY_FOR_S = 120.0
#: pause between two tries (each try itself waits up to the vault's busy timeout)
BUSY_RETRY_DELAY_MS = 1000


class Lane(Enum):
    VAULT = "vault"  # one thread: the vault connection is used by one operation at a time
    FREE = "free"  # the global pool: work that touches no vault


_pools: dict[Lane, QThreadPool] = {}
_running: set[Operation] = set()
_sync_depth = 0


def _pool(lane: Lane) -> QThreadPool:
    if lane is Lane.FREE:
        return QThreadPool.globalInstance()
    pool = _pools.get(lane)
    if pool is None:
        pool = QThreadPool()
        pool.setMaxThreadCount(1)
        pool.setExpiryTimeout(-1)  # one thread for the vault, kept for the whole run
        _pools[lane] = pool
    return pool


@contextlib.contextmanager
def synchronous() -> Iterator[None]:
    """Run every operation started inside this block inline (tests, benchmarks)."""
    global _sync_depth
    _sync_depth += 1
    try:
        yield
    finally:
        _sync_depth -= 1


def pending() -> int:
    """How many operations have not finished yet (tests wait for 0)."""
    return len(_running)


def wait_idle(timeout_ms: int = 30000) -> bool:
    """Block until the vault lane is idle (application exit, lock)."""
    pool = _pools.get(Lane.VAULT)
    return True if pool is None else bool(pool.waitForDone(timeout_ms))


def flush(timeout_ms: int = 30000) -> bool:
    """Wait for the vault lane, then run the callbacks of what finished (GUI thread).

    Used before the vault closes (lock, exit): results already computed are delivered
    while the session is still open, so that nothing read or saved is dropped; work
    waiting to be tried again (another program's write lock) is abandoned, its form
    being kept as a draft like any other form in progress."""
    idle = wait_idle(timeout_ms)
    QCoreApplication.sendPostedEvents()
    for op in list(_running):
        if op.tries and op._lane is Lane.VAULT:  # between two tries: nothing in flight
            op.abandon()
    return idle


def call(fn: Callable[[], Any], timeout_ms: int = 60000) -> Any:
    """Run ``fn`` on the vault lane and wait for it (lock, exit): the GUI thread
    blocks, but the connection is still used by the lane's thread only."""
    box: dict[str, Any] = {}

    class _Call(QRunnable):
        def run(self) -> None:
            try:
                box["result"] = fn()
            except BaseException as exc:  # raised again on the caller's thread
                box["error"] = exc

    if _sync_depth:
        return fn()
    pool = _pool(Lane.VAULT)
    pool.start(_Call())
    if not pool.waitForDone(timeout_ms):
        raise TimeoutError("the vault lane did not finish in time")
    if "error" in box:
        raise box["error"]
    return box.get("result")


_HOME: list[QObject] = []


def _home() -> QObject | None:
    """The parent of every operation: a QObject living as long as the application."""
    if not _HOME:
        app = QCoreApplication.instance()
        if app is None:
            return None
        home = QObject(app)
        home.setObjectName("operations")
        _HOME.append(home)
    return _HOME[0]


def _finished_fn() -> Any:
    raise RuntimeError("this operation already ran")


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits through it (queued connection)."""

    # One object argument: a (ok, result) tuple. Passing a Python bool through a queued
    # signal argument tripped a refcount bug in PySide6 ("deallocating True") at exit.
    done = Signal(object)


class _Job(QRunnable):
    """Runs ``fn`` on a worker thread and hands everything back to the GUI thread.

    The function, its result and any exception travel back inside the queued signal,
    so that the last reference to them (a closure may hold a widget) is dropped on
    the GUI thread: a Qt object must never be destroyed from a worker thread.
    """

    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn: Callable[[], Any] | None = fn
        self._relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        fn, self._fn = self._fn, None
        assert fn is not None
        try:
            outcome: tuple[bool, Any, Any] = (True, fn(), fn)
        except BaseException as exc:  # handed to the GUI thread, shown as a sentence
            outcome = (False, exc, fn)
        del fn
        # The window may be gone (application closing): nothing left to tell.
        with contextlib.suppress(RuntimeError):
            self._relay.done.emit(outcome)
        del outcome


class Operation(QObject):
    """A function run in the background, with success and failure callbacks.

    Signals (GUI thread): ``succeeded(result)``, ``failed(exception)``, then
    ``finished()`` in every case.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()
    #: another program holds the vault's write lock: the work waits and is tried again
    waiting = Signal()

    def __init__(self, parent: QWidget | None, fn: Callable[[], Any], *,
                 label: str | None = None, lane: Lane = Lane.VAULT) -> None:
        # Owned by a long-lived object of the GUI thread, never by Python's garbage
        # collector (which may run on a worker thread); deleted with deleteLater.
        super().__init__(_home())
        self._parent = parent
        self._fn = fn
        self._label = label
        self._lane = lane
        self._on_success: list[Callable[[Any], object]] = []
        self._on_failure: list[Callable[[BaseException], object]] = []
        self._progress: QProgressDialog | None = None
        self._timer: QTimer | None = None
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False
        self.tries = 0
        self._first_try = 0.0
        self._relay: _Relay | None = None

    def success(self, callback: Callable[[Any], object]) -> Operation:
        """Call ``callback(result)`` on the GUI thread when ``fn`` returns."""
        self._on_success.append(callback)
        return self

    def failure(self, callback: Callable[[BaseException], object]) -> Operation:
        """Call ``callback(exc)`` instead of the default error message box."""
        self._on_failure.append(callback)
        return self

    def run(self) -> Operation:
        """Start; returns self so that tests can ``qtbot.waitSignal(op.finished)``."""
        _running.add(self)
        if _sync_depth:
            try:
                result: Any = self._fn()
                ok = True
            except Exception as exc:
                result, ok = exc, False
            self._finish(ok, result)
            return self
        relay = _Relay(self)
        relay.done.connect(self._delivered)
        self._relay = relay
        if self._label and self._parent is not None:
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._show_progress)
            self._timer.start(PROGRESS_DELAY_MS)
        self._first_try = time.monotonic()
        self._submit()
        return self

    def _submit(self) -> None:
        assert self._relay is not None
        self.tries += 1
        _pool(self._lane).start(_Job(self._fn, self._relay))

    def _delivered(self, outcome: tuple[bool, Any, Any]) -> None:
        ok, result, _fn = outcome
        if self.done:  # abandoned at a lock: nobody waits for this any more
            return
        if not ok and isinstance(result, Busy) and self._lane is Lane.VAULT \
                and time.monotonic() - self._first_try < BUSY_RETRY_FOR_S:
            self._wait_and_retry()
            return
        self._finish(ok, result)

    def _wait_and_retry(self) -> None:
        """Nothing was written: say so and try again off the GUI thread in a moment."""
        text = QCoreApplication.translate(
            "Operation", "Saving pending: another program is writing to the vault. "
                         "Trying again automatically…")
        if self._progress is not None:
            with contextlib.suppress(RuntimeError):
                self._progress.setLabelText(text)
        elif self._parent is not None:
            self._label = text
            self._show_progress()
        self.waiting.emit()
        QTimer.singleShot(BUSY_RETRY_DELAY_MS, self, self._retry)

    def _retry(self) -> None:
        if self.done:  # abandoned meanwhile (the session locked)
            return
        self._submit()

    def abandon(self) -> None:
        """Stop waiting to try again (the session locks: a form still open is kept as
        a draft and comes back at the next unlock). No callback runs."""
        if self.done:
            return
        self.done = True
        if self._timer is not None:
            self._timer.stop()
        if self._progress is not None:
            with contextlib.suppress(RuntimeError):
                self._progress.close()
                self._progress.deleteLater()
            self._progress = None
        _running.discard(self)
        self._fn = _finished_fn
        self.finished.emit()
        self.deleteLater()

    def _show_progress(self) -> None:
        if self.done or self._parent is None:
            return
        with contextlib.suppress(RuntimeError):  # parent deleted meanwhile
            dialog = QProgressDialog(self._label or "", "", 0, 0, self._parent.window())
            dialog.setCancelButton(None)  # a KDF or a transaction cannot be cancelled halfway
            dialog.setMinimumDuration(0)
            dialog.setWindowTitle(QCoreApplication.translate("Operation", "Please wait"))
            dialog.setObjectName("operationProgress")
            dialog.show()
            self._progress = dialog

    def _finish(self, ok: bool, result: Any) -> None:
        self.done = True
        if self._timer is not None:
            self._timer.stop()
        if self._progress is not None:
            with contextlib.suppress(RuntimeError):
                self._progress.close()
                self._progress.deleteLater()
            self._progress = None
        # The screen that started the work may have been rebuilt (language switch) or
        # closed meanwhile: its callbacks would touch deleted widgets.
        alive = self._parent is None or shiboken6.isValid(self._parent)
        try:
            if ok:
                self.result = result
                if alive:
                    for callback in self._on_success:
                        callback(result)
                self.succeeded.emit(result)
            else:
                self.error = result
                if not isinstance(result, CareError):
                    # Class name only: a message could carry patient data.
                    log.error("operation failed: %s", type(result).__name__)
                if self._on_failure and alive:
                    for handler in self._on_failure:
                        handler(result)
                else:  # nobody left to tell: the failure is still said, never dropped
                    show_error(self._parent if alive else None, result)
                self.failed.emit(result)
        finally:
            _running.discard(self)
            self._fn = _finished_fn
            self.finished.emit()
            if not _sync_depth:
                self.deleteLater()


def run_in_background(parent: QWidget | None, fn: Callable[[], Any],
                      on_success: Callable[[Any], None] | None = None,
                      on_error: Callable[[BaseException], None] | None = None,
                      progress_label: str | None = None,
                      lane: Lane = Lane.VAULT) -> Operation:
    """Shorthand for ``Operation(...).success(...).failure(...).run()``."""
    op = Operation(parent, fn, label=progress_label, lane=lane)
    if on_success is not None:
        op.success(on_success)
    if on_error is not None:
        op.failure(on_error)
    return op.run()


def error_sentence(exc: BaseException) -> str:
    """The sentence a nurse reads for an error: chosen by the exception's ``code``."""
    if isinstance(exc, Throttled):
        seconds = max(1, int(exc.retry_after + 0.999))
        return QCoreApplication.translate(
            "errors", "Too many wrong attempts. Try again in %1 seconds.").replace(
            "%1", str(seconds))
    code = getattr(exc, "code", None) if isinstance(exc, CareError) else None
    sentences = {
        "wrong_passphrase": QCoreApplication.translate(
            "errors", "Wrong passphrase. Check the login and try again."),
        "unknown_user": QCoreApplication.translate(
            "errors", "Wrong passphrase or unknown login. Check both and try again."),
        "damaged": QCoreApplication.translate(
            "errors", "The vault file is damaged or was modified. Call IT: do not "
                      "delete anything."),
        "invalid": QCoreApplication.translate(
            "errors", "This cannot be accepted as entered."),
        "refused": QCoreApplication.translate(
            "errors", "This action is refused."),
        "not_found": QCoreApplication.translate(
            "errors", "What you asked for could not be found."),
        "usage": QCoreApplication.translate(
            "errors", "This action cannot be done this way."),
        "busy": QCoreApplication.translate(
            "errors", "Nothing was saved: another program kept the vault busy for too long. "
                      "What you typed is still on screen; try again, and call IT if it "
                      "happens again."),
    }
    if code in sentences:
        return sentences[code]
    if isinstance(exc, CareError):
        return QCoreApplication.translate("errors", "The action failed.")
    if isinstance(exc, OSError):
        return QCoreApplication.translate(
            "errors", "The disk could not be read or written. Check the free space and "
                      "the USB key, then try again.")
    return QCoreApplication.translate(
        "errors", "An unexpected error happened. Your previous entries are safe; "
                  "try again, and call IT if it happens again.")


#: The exact causes the core names (``CareError.reason``), worded here; ``%1``... are
#: the error's parameters named in ``_REASON_PARAMS``, in order.
_REASONS = {
    "passphrase_too_short": QT_TRANSLATE_NOOP(
        "errors", "The passphrase is too short: at least %1 characters."),
    "passphrase_common": QT_TRANSLATE_NOOP(
        "errors", "This passphrase is refused: it is in the list of common passwords. "
                  "Choose a longer sentence of your own."),
    "login_exists": QT_TRANSLATE_NOOP("errors", "The login %1 is already used."),
    "login_format": QT_TRANSLATE_NOOP(
        "errors", "A login is 2 to 64 letters, digits, '.', '-' or '_'."),
    "display_name_empty": QT_TRANSLATE_NOOP("errors", "The name is empty."),
    "disable_self": QT_TRANSLATE_NOOP("errors", "You cannot disable your own account."),
    "manage_users_role": QT_TRANSLATE_NOOP(
        "errors", "Only a ward manager or IT can manage users."),
    "no_print_service": QT_TRANSLATE_NOOP(
        "errors", "This computer has no print service: save a PDF instead."),
    "print_refused": QT_TRANSLATE_NOOP(
        "errors", "The print service refused the job (code %1). Save a PDF instead."),
}
_REASON_PARAMS = {"passphrase_too_short": ("min",), "login_exists": ("login",),
                  "print_refused": ("code",)}


def reason_sentence(exc: CareError) -> str:
    """The exact cause of a typed error in the interface language ("" when not named)."""
    source = _REASONS.get(exc.reason)
    if source is None:
        return ""
    text = QCoreApplication.translate("errors", source)
    for number, name in enumerate(_REASON_PARAMS.get(exc.reason, ()), 1):
        text = text.replace(f"%{number}", str(exc.params.get(name, "")))
    return text


def error_details(exc: BaseException) -> str:
    """The core's own short reason, for invalid input and refusals (never patient data).

    A cause the core names (``reason``) is worded in the interface language; other
    refusals keep the core's short English sentence."""
    if isinstance(exc, CareError) and (sentence := reason_sentence(exc)):
        return sentence
    if isinstance(exc, InvalidInput):
        return "\n".join([str(exc), *exc.problems]).strip()
    if isinstance(exc, CareError) and exc.code in ("refused", "invalid", "not_found"):
        return str(exc)
    return ""


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """A window-modal message box, opened without blocking (``open``, not ``exec``)."""
    window = parent.window() if parent is not None else None
    box = QMessageBox(window)
    box.setObjectName("errorBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("errors", "Could not complete the action"))
    box.setText(error_sentence(exc))
    details = error_details(exc)
    if details:
        box.setInformativeText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box
