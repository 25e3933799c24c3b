"""The main window: unlock screen or workspace (banner, ward board, handover,
checklists, one tab per open chart), menus and shortcuts, auto-lock.

The window is a controller: it lays out screens that live in their own modules and
wires them in ``_connect_callbacks``. Anything that decides something is in
``services``; anything slow runs through ``Operation``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from care_degraded import config
from care_degraded.domain.clock import utcnow
from care_degraded.services import board as board_service
from care_degraded.services import drafts as draft_store
from care_degraded.services import drill as drill_service
from care_degraded.services import settings as ward_settings
from care_degraded.services import vaults
from care_degraded.services.exercise import is_exercise_dir
from care_degraded.services.vaults import Vault
from care_degraded.ui import draft_keeper, i18n, operations, screens, style
from care_degraded.ui.banner import Banner
from care_degraded.ui.board_view import BoardView
from care_degraded.ui.context import AppContext, Topic
from care_degraded.ui.drafts_notice import DraftsNotice
from care_degraded.ui.exercise_mark import ExerciseMarker
from care_degraded.ui.lock import InactivityLock, LockKey
from care_degraded.ui.menus import Menus
from care_degraded.ui.operations import Lane, Operation, flush
from care_degraded.ui.settings import Prefs, SettingsDialog
from care_degraded.ui.unlock import Unlocker, UnlockWidget

if TYPE_CHECKING:  # the questionnaire engine loads off the start-up path
    from care_degraded.services.forms import FormLibrary

log = logging.getLogger(__name__)

#: the board is recomputed this often while unlocked (medications due move with time)
BOARD_REFRESH_MS = 60_000
#: a drill's banner (scenario clock, injects) is read this often: an inject shows at its time
DRILL_REFRESH_MS = 5_000


class MainWindow(QMainWindow):
    """``unlocked`` / ``locked`` are emitted after the switch; ``board_refreshed`` after
    new rows are shown (tests wait on it)."""

    unlocked = Signal()
    locked = Signal()
    board_refreshed = Signal()

    def __init__(self, vault_path: Path, prefs: Prefs | None = None,
                 unlocker: Unlocker = vaults.unlock, tz: dt.tzinfo | None = None,
                 clock: Callable[[], dt.datetime] = utcnow,
                 forms_dir: Path | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.prefs = prefs or Prefs.load(vault_path)
        self.ctx = AppContext(vault=None, vault_path=Path(vault_path),
                              lang=i18n.normalise(self.prefs.lang), clock=clock)
        self.tz = tz
        self._forms_dir = forms_dir or config.forms_dir()
        self._forms_op: Operation | None = None
        self._charts: dict[str, QWidget] = {}
        self._refreshing = False
        self._ward = ""

        self.pages = QStackedWidget(self)
        self.unlock = UnlockWidget(self.ctx.vault_path, self, unlocker=unlocker)
        self.workspace = QWidget(self)
        self.workspace.setObjectName("workspace")
        self.banner = Banner(self.workspace)
        self.tabs = QTabWidget(self.workspace)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.board = BoardView(self.tabs)
        self.board.model.high_contrast = self.prefs.high_contrast
        self.tabs.addTab(self.board, "")
        self._fixed_tabs = 1  # board, then handover and checklists once unlocked
        layout = QVBoxLayout(self.workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        self.drafts_notice = DraftsNotice(self.workspace)
        layout.addWidget(self.drafts_notice)
        layout.addWidget(self.tabs, 1)
        self.pages.addWidget(self.unlock)
        self.pages.addWidget(self.workspace)
        self.setCentralWidget(self.pages)

        self.auto_lock = InactivityLock(self)
        self.lock_key = LockKey(self)  # Ctrl+L from every window and dialog
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(BOARD_REFRESH_MS)
        self.drill_timer = QTimer(self)
        self.drill_timer.setInterval(DRILL_REFRESH_MS)
        # A drill vault is marked on every window, the unlock screen included.
        self.marker = ExerciseMarker(self)
        self._drill: drill_service.DrillBanner | None = None
        self._exercise = is_exercise_dir(self.ctx.vault_path)
        # The shipped library and the establishment's folder; the forms imported into
        # the unlocked vault (form import) are added to it while it is open.
        self._base_forms: FormLibrary | None = None
        self._vault_forms: list[Any] = []
        self.menus = Menus(self)
        self._connect_callbacks()
        self.resize(1366, 768)
        self.setMinimumSize(1024, 640)
        # The form library (and the questionnaire engine's imports) load once the
        # unlock screen is up, while the nurse types her passphrase.
        QTimer.singleShot(0, self._load_forms)
        self.retranslate()

    def _connect_callbacks(self) -> None:
        self.unlock.unlocked.connect(self.on_unlocked)
        self.board.open_patient.connect(self.open_patient)
        self.banner.lock_requested.connect(self.lock_now)
        self.drafts_notice.discard_requested.connect(self.discard_drafts_of)
        self.auto_lock.timed_out.connect(lambda: self.lock_now(notice="idle"))
        self.lock_key.pressed.connect(self.lock_now)
        self.refresh_timer.timeout.connect(self.refresh)
        self.drill_timer.timeout.connect(self.refresh_drill)
        self.banner.injects_requested.connect(self.show_injects)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.ctx.changed.connect(self._on_changed)

    # -- state ---------------------------------------------------------------------------------
    @property
    def is_locked(self) -> bool:
        return self.ctx.vault is None

    def _load_forms(self) -> None:
        folder = self._forms_dir

        establishment = config.establishment_forms_dir()

        def load() -> FormLibrary:
            from care_degraded.services.forms import load_library

            return load_library(folder, establishment)

        def loaded(library: FormLibrary) -> None:
            self._base_forms = library
            self._apply_vault_forms()

        def failed(exc: BaseException) -> None:
            log.warning("form library not loaded: %s", type(exc).__name__)

        self._forms_op = Operation(self, load, lane=Lane.FREE)
        self._forms_op.success(loaded).failure(failed).run()

    def on_unlocked(self, vault: Vault) -> None:
        """Show the workspace for ``vault``'s user and bring back forms in progress."""
        self.ctx.vault = vault
        self._exercise = is_exercise_dir(self.ctx.vault_path)
        self._build_fixed_tabs()
        self.tabs.setCurrentIndex(0)
        self.pages.setCurrentWidget(self.workspace)
        self.menus.set_unlocked(True, vault.user.role.can_manage_users)
        self.auto_lock.arm()  # the default delay at once, the ward's as soon as it is read

        def session() -> tuple[int, list[dict[str, Any]], list[draft_store.DraftsOf]]:
            from care_degraded.services.forms import imported_forms

            self._vault_forms = imported_forms(vault)
            return (ward_settings.auto_lock_minutes(vault), draft_store.take(vault),
                    draft_store.others(vault))

        Operation(self, session).success(self._session_read).run()
        self.refresh()
        self.refresh_timer.start()
        if self.is_exercise:
            self.refresh_drill()
            self.drill_timer.start()
        self.retranslate()
        self.board.table.setFocus()
        self.unlocked.emit()

    def _session_read(self, result: tuple[int, list[dict[str, Any]],
                                          list[draft_store.DraftsOf]]) -> None:
        """The ward's auto-lock delay, this user's forms in progress kept at the last lock
        (reopened), and other users' (said, never opened)."""
        if self.ctx.vault is None:
            return
        minutes, kept, others = result
        self._apply_vault_forms()
        self.auto_lock.set_minutes(minutes)
        self._restore_drafts(kept)
        self.drafts_notice.set_owners(others)

    def _apply_vault_forms(self) -> None:
        """ctx.forms: the base library, plus the vault's imported forms while unlocked."""
        base = self._base_forms
        if base is None:
            return
        extra = self._vault_forms if self.ctx.vault is not None else []
        known = {(v.url, v.version) for f in base.list()
                 for v in base.versions(f.url or f.short_id)}
        extra = [s for s in extra if (s.url, s.version) not in known]
        self.ctx.forms = base.extended(extra) if extra else base

    def discard_drafts_of(self, login: str) -> None:
        """Delete the forms another user left in progress (audited in the vault)."""
        vault = self.ctx.vault
        if vault is None:
            return

        def run() -> list[draft_store.DraftsOf]:
            draft_store.discard(vault, login)
            return draft_store.others(vault)

        Operation(self, run).success(self.drafts_notice.set_owners).run()

    def _build_fixed_tabs(self) -> None:
        self.tabs.insertTab(self.tabs.count(), screens.handover(self.ctx), "")
        self.tabs.insertTab(self.tabs.count(), screens.checklists(self.ctx), "")
        self._fixed_tabs = 3
        vault = self.ctx.vault
        if vault is not None and vault.user.role.can_manage_users:  # the crisis log: managers
            self.tabs.insertTab(self.tabs.count(), screens.crisis_log(self.ctx), "")
            self._fixed_tabs = 4
        for index in range(self._fixed_tabs):  # board, handover, checklists never close
            self.tabs.tabBar().setTabButton(index, self.tabs.tabBar().ButtonPosition.RightSide,
                                            None)

    def lock_now(self, notice: str = "locked") -> None:
        """Hide every patient, keep forms in progress in the vault, close the vault.

        ``notice``: "locked" (Ctrl+L, the lock button, quitting), "idle" (the inactivity
        timer) or "switch" (switch user); the unlock screen says which."""
        vault = self.ctx.vault
        if vault is None:
            return
        self.auto_lock.disarm()
        self.refresh_timer.stop()
        self.drill_timer.stop()
        self._drill = None
        self._vault_forms = []
        self._apply_vault_forms()
        # Let a save in flight finish and deliver its result (a saved form closes, the
        # forms in progress read at unlock are put back) before the connection goes.
        flush()
        kept = self._collect_drafts()
        try:  # on the vault lane like every vault call, waited for here
            operations.call(lambda: draft_store.keep(vault, kept))
        except Exception as exc:  # locking must never fail: the screen clears regardless
            log.error("drafts not kept: %s", type(exc).__name__)
        login = vault.user.login
        self._teardown()
        self.drafts_notice.set_owners([])
        self.ctx.vault = None
        self._ward = ""
        operations.call(vault.close)
        self.unlock.reload()
        self.unlock.prepare(login if notice in ("locked", "idle") else "", notice)
        self.pages.setCurrentWidget(self.unlock)
        self.menus.set_unlocked(False, False)
        self.retranslate()
        self.locked.emit()

    def switch_user(self) -> None:
        self.lock_now(notice="switch")

    def _teardown(self) -> None:
        """Destroy every widget that showed a patient; only the empty board stays."""
        self.board.search.clear()
        self.board.model.clear()
        self.banner.set_info(None)
        self._drop_screens()
        self._fixed_tabs = 1
        # Dialogs opened from the workspace (forms, messages): hidden, not closed, so that
        # no "discard your answers?" question can block the lock; their drafts were
        # captured through the chart that owns them (see _collect_drafts).
        for top in QApplication.topLevelWidgets():
            if top is self or top is None:
                continue
            with contextlib.suppress(RuntimeError):
                if top.isVisible() and top.isWindow():
                    top.hide()
                    top.deleteLater()

    # -- drafts across a lock ----------------------------------------------------------------------
    def _collect_drafts(self) -> list[dict[str, Any]]:
        return draft_keeper.collect(self.tabs, first=1) + self.menus.crisis_drafts()

    def _restore_drafts(self, kept: list[dict[str, Any]]) -> None:
        kept = self.menus.restore_crisis_drafts(kept)
        draft_keeper.restore(kept, self.tabs, self.open_patient, first=1)

    # -- screens -----------------------------------------------------------------------------------
    def open_patient(self, patient_id: str) -> QWidget | None:
        """Show the patient's chart in its own tab (focus it if already open)."""
        if self.ctx.vault is None:
            return None
        widget = self._charts.get(patient_id)
        if widget is None:
            widget = screens.chart(self.ctx, patient_id)
            self._charts[patient_id] = widget
            self.tabs.addTab(widget, self._chart_title(patient_id))
        self.tabs.setCurrentWidget(widget)
        return widget

    def _chart_title(self, patient_id: str) -> str:
        for r in range(self.board.model.rowCount()):
            row = self.board.model.row_at(r)
            if row.patient_id == patient_id:
                return f"{row.bed} · {row.display_name}" if row.bed else row.display_name
        return self.tr("Patient")

    def _close_tab(self, index: int) -> None:
        if index < self._fixed_tabs:
            return
        widget = self.tabs.widget(index)
        self.tabs.removeTab(index)
        for pid, chart in list(self._charts.items()):
            if chart is widget:
                del self._charts[pid]
        if widget is not None:
            widget.deleteLater()

    def _drop_screens(self) -> None:
        """Every tab but the board: hidden now and deleted by Qt on this thread, never
        handed to Python's garbage collector (setParent(None)), which may run on a
        worker thread."""
        while self.tabs.count() > 1:
            widget = self.tabs.widget(1)
            self.tabs.removeTab(1)
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self._charts.clear()

    def close_current_chart(self) -> None:
        self._close_tab(self.tabs.currentIndex())

    def show_tab(self, index: int) -> None:
        if not self.is_locked and index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def focus_search(self) -> None:
        if not self.is_locked:
            self.tabs.setCurrentIndex(0)
            self.board.focus_search()

    def admit_patient(self) -> None:
        if self.is_locked:
            return
        dialog = screens.admit(self.ctx)
        dialog.setParent(self, dialog.windowFlags())

        def accepted() -> None:
            self.ctx.notify(Topic.PATIENTS)
            if dialog.patient_id:
                self.open_patient(dialog.patient_id)

        dialog.accepted.connect(accepted)
        dialog.open()

    def open_settings(self) -> SettingsDialog | None:
        vault = self.ctx.vault
        if vault is None or not vault.user.role.can_manage_users:
            return None
        dialog = SettingsDialog(self.ctx, self, minutes=self.auto_lock.minutes)
        dialog.auto_lock_changed.connect(self.auto_lock.set_minutes)
        dialog.open()
        return dialog

    # -- refresh -----------------------------------------------------------------------------------
    def refresh(self) -> Operation | None:
        """Recompute board and banner off the GUI thread."""
        vault = self.ctx.vault
        if vault is None or self._refreshing:
            return None
        self._refreshing = True
        now, tz = self.ctx.clock(), self.tz

        def compute() -> tuple[Any, Any, dt.datetime]:
            with vault.exclusive():  # the board and the banner read the same state
                return (board_service.ward_board(vault, now, tz=tz),
                        board_service.banner_info(vault, now), now)

        op = Operation(self, compute)
        op.success(self._show_board).failure(self._refresh_failed)
        return op.run()

    @property
    def is_exercise(self) -> bool:
        """A drill vault (read from its keyslot file: known before unlocking)."""
        return self._exercise

    def refresh_drill(self) -> Operation | None:
        """Read the drill's clock and injects off the GUI thread, for the banner."""
        vault = self.ctx.vault
        if vault is None:
            return None
        now = self.ctx.clock()
        op = Operation(self, lambda: drill_service.banner(vault, now))
        op.success(self._show_drill)
        return op.run()

    def _show_drill(self, drill: drill_service.DrillBanner | None) -> None:
        if self.ctx.vault is None:
            return
        self._drill = drill
        self.banner.set_exercise(self.is_exercise, drill, self.ctx.lang)

    def show_injects(self) -> None:
        """Every inject fired so far, oldest first (the banner shows the latest)."""
        from care_degraded.ui.drill_injects import InjectsDialog

        if self._drill is not None:
            InjectsDialog(self._drill, self.ctx.lang, self).open()

    def refresh_all(self) -> None:
        """F5: the board and every open screen read the vault again."""
        if not self.is_locked:
            self.ctx.notify(Topic.RECORDS)  # screens refresh on it; so does the board

    def _show_board(self, result: tuple[Any, Any, dt.datetime]) -> None:
        self._refreshing = False
        if self.ctx.vault is None:  # locked while computing: show nothing
            return
        rows, info, now = result
        if info.ward != self._ward:
            self._ward = info.ward
            self.retranslate()
        self.board.set_rows(rows, now)
        self.banner.set_info(info, self.ctx.vault.user.display_name, now, self.ctx.lang)
        for pid, widget in self._charts.items():
            self.tabs.setTabText(self.tabs.indexOf(widget), self._chart_title(pid))
        self.board_refreshed.emit()

    def _refresh_failed(self, exc: BaseException) -> None:
        self._refreshing = False
        from care_degraded.ui.operations import show_error

        show_error(self, exc)

    def _on_changed(self, topic: str, _patient_id: str) -> None:
        if topic in (Topic.RECORDS, Topic.PATIENTS, Topic.HANDOVER):
            self.refresh()

    # -- language and look ---------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        lang = i18n.normalise(lang)
        i18n.install(lang)
        self.ctx.lang = self.prefs.lang = lang
        self.prefs.save(self.ctx.vault_path)
        if not self.is_locked:
            self._rebuild_screens()
        self.retranslate()
        self.ctx.notify(Topic.SETTINGS)

    def _rebuild_screens(self) -> None:
        """Build the screens again in the new language; forms in progress carry over
        through the same draft contract as a lock."""
        kept = self._collect_drafts()
        charts = list(self._charts)
        current = self.tabs.currentIndex()
        self._drop_screens()
        self._build_fixed_tabs()
        for patient_id in charts:
            self.open_patient(patient_id)
        self._restore_drafts(kept)
        self.tabs.setCurrentIndex(min(current, self.tabs.count() - 1))

    def set_high_contrast(self, on: bool) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            style.apply(app, on)
        self.prefs.high_contrast = on
        self.prefs.save(self.ctx.vault_path)
        self.board.model.high_contrast = on
        self.board.model.layoutChanged.emit()
        self.ctx.notify(Topic.SETTINGS)

    def retranslate(self) -> None:
        vault = self.ctx.vault
        # The ward's name as the last refresh read it (the keyslot file's until then).
        ward = (self._ward or vault.keyslots.ward) if vault is not None else ""
        self.setWindowTitle(self.tr("care_degraded — %1").replace("%1", ward) if ward
                            else self.tr("care_degraded — locked"))
        exercise = self.is_exercise
        if exercise != self.marker.active:
            self.marker.set_active(exercise)
        self.marker.fix_title(self)
        self.banner.set_exercise(exercise, self._drill, self.ctx.lang)
        self.tabs.setTabText(0, self.tr("Ward board"))
        if self._fixed_tabs >= 3:
            self.tabs.setTabText(1, self.tr("Handover"))
            self.tabs.setTabText(2, self.tr("Checklists"))
        if self._fixed_tabs == 4:
            self.tabs.setTabText(3, self.tr("Crisis log"))
        self.board.retranslate()
        self.banner.retranslate()
        self.drafts_notice.retranslate()
        self.unlock.retranslate()
        self.menus.retranslate()

    def closeEvent(self, event: Any) -> None:
        vault = self.ctx.vault
        if vault is not None:
            # Quitting keeps forms in progress exactly like a lock does.
            self.lock_now()
        super().closeEvent(event)
