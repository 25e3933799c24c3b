"""The permanent banner: degraded mode, ward, census freshness, records waiting to sync.

Always visible above every screen once unlocked, so that no one forgets the
hospital system is down and that the ward's census may be old.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from care_degraded.domain.patient import format_age
from care_degraded.services.board import BannerInfo
from care_degraded.services.drill import DrillBanner

# a census older than this is shown as a warning (the EHR sends one every few hours)
STALE_CENSUS = dt.timedelta(hours=12)


class Banner(QFrame):
    """Labels and the lock button; ``lock_requested`` when the button is pressed."""

    lock_requested = Signal()
    #: the "Injects" button of a drill: list every inject fired so far
    injects_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.mode = QLabel(self)
        self.mode.setObjectName("bannerMode")
        self.ward = QLabel(self)
        self.ward.setObjectName("bannerWard")
        self.census = QLabel(self)
        self.census.setObjectName("bannerCensus")
        self.sync = QLabel(self)
        self.sync.setObjectName("bannerSync")
        self.user = QLabel(self)
        self.user.setObjectName("bannerUser")
        self.lock_button = QPushButton(self)
        self.lock_button.setObjectName("bannerLock")
        self.lock_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+L does it by keyboard
        self.lock_button.clicked.connect(self.lock_requested)
        # Two lines, so that a long ward name and the census age fit on 1366 px:
        # MODE DÉGRADÉ | ward            | user | [Lock]
        #              | census · sync   |      |
        layout = QGridLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setHorizontalSpacing(18)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.mode, 0, 0, 2, 1)
        layout.addWidget(self.ward, 0, 1)
        line = QHBoxLayout()
        line.setSpacing(18)
        line.addWidget(self.census)
        line.addWidget(self.sync)
        line.addStretch(1)
        layout.addLayout(line, 1, 1)
        layout.setColumnStretch(1, 1)
        layout.addWidget(self.user, 0, 2, 2, 1)
        layout.addWidget(self.lock_button, 0, 3, 2, 1)
        # A drill vault: a third line, on every screen, says it is an exercise, the
        # scenario's clock and the latest inject.
        self.exercise = QFrame(self)
        self.exercise.setObjectName("exerciseBar")
        self.exercise_mark = QLabel(self.exercise)
        self.exercise_mark.setObjectName("exerciseMark")
        self.exercise_clock = QLabel(self.exercise)
        self.exercise_clock.setObjectName("exerciseClock")
        self.exercise_inject = QLabel(self.exercise)
        self.exercise_inject.setObjectName("exerciseInject")
        self.exercise_inject.setWordWrap(True)
        self.injects_button = QPushButton(self.exercise)
        self.injects_button.setObjectName("exerciseInjects")
        self.injects_button.clicked.connect(self.injects_requested)
        bar = QHBoxLayout(self.exercise)
        bar.setContentsMargins(8, 2, 8, 2)
        bar.setSpacing(14)
        bar.addWidget(self.exercise_mark)
        bar.addWidget(self.exercise_clock)
        bar.addWidget(self.exercise_inject, 1)
        bar.addWidget(self.injects_button)
        layout.addWidget(self.exercise, 2, 0, 1, 4)
        self.exercise.hide()
        self._drill: DrillBanner | None = None
        self._exercise = False
        self._info: BannerInfo | None = None
        self._now: dt.datetime | None = None
        self._user_name = ""
        self._lang = "fr"
        self.retranslate()

    def set_info(self, info: BannerInfo | None, user_name: str = "",
                 now: dt.datetime | None = None, lang: str = "fr") -> None:
        """Show ``info`` (None clears everything: the window is locked)."""
        self._info, self._user_name, self._now, self._lang = info, user_name, now, lang
        self.retranslate()

    def set_exercise(self, on: bool, drill: DrillBanner | None = None,
                     lang: str | None = None) -> None:
        """A drill vault (``on``) and where its scenario is (None: not read yet)."""
        self._exercise, self._drill = on, drill
        self._lang = lang or self._lang
        self.retranslate()

    def _retranslate_exercise(self) -> None:
        self.exercise.setVisible(self._exercise)
        self.exercise_mark.setText(self.tr("EXERCISE — fictitious data"))
        drill = self._drill
        if drill is None:
            for label in (self.exercise_clock, self.exercise_inject):
                label.clear()
            self.injects_button.hide()
            return
        state = {"running": self.tr("running"), "paused": self.tr("paused"),
                 "ended": self.tr("ended")}[drill.state]
        self.exercise_clock.setText(self.tr("Scenario %1 · ×%2 · %3").replace(
            "%1", drill.scenario_time).replace("%2", str(drill.speed)).replace("%3", state))
        if drill.fired:
            last = drill.fired[-1]
            text = last.text(self._lang)
            if text.startswith(last.scenario_time):  # "02:10 rançongiciel…" says it once
                text = text[len(last.scenario_time):].strip()
            self.exercise_inject.setText(self.tr("Inject %1: %2").replace(
                "%1", last.scenario_time).replace("%2", text))
        else:
            self.exercise_inject.setText(self.tr("No inject yet"))
        self.injects_button.setText(self.tr("Injects (%1)…").replace(
            "%1", str(len(drill.fired))))
        self.injects_button.show()

    def retranslate(self) -> None:
        self._retranslate_exercise()
        self.mode.setText(self.tr("DEGRADED MODE"))
        self.lock_button.setText(self.tr("Lock (Ctrl+L)"))
        info = self._info
        if info is None:
            for label in (self.ward, self.census, self.sync, self.user):
                label.clear()
            return
        ward = info.ward + (self.tr(" (demo)") if info.demo and "démo" not in info.ward
                            and "demo" not in info.ward else "")
        self.ward.setText(ward)
        self.census.setText(self._census_text(info))
        pending = (self.tr("%1 record waiting to be synced") if info.pending_sync <= 1
                   else self.tr("%1 records waiting to be synced"))
        text = "· " + pending.replace("%1", str(info.pending_sync))
        if info.last_receipt_at is not None:
            clock = info.last_receipt_at.astimezone().strftime("%H:%M")
            text += self.tr(", last receipt %1").replace("%1", clock)
        self.sync.setText(text)
        self.user.setText(self._user_name)

    def _census_text(self, info: BannerInfo) -> str:
        census = info.census
        if census.snapshot is None:
            return self.tr("No census imported")
        age = census.age or dt.timedelta(0)
        clock = census.snapshot.generated_at.astimezone().strftime("%d/%m %H:%M")
        text = self.tr("Census of %1 (%2 ago)").replace("%1", clock).replace(
            "%2", format_age(age, self._lang))
        if age > STALE_CENSUS:
            text = "⚠ " + text
        return text
