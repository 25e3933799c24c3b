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

# a census older than this is shown as a warning (the EHR sends one every few hours)
STALE_CENSUS = dt.timedelta(hours=12)


class Banner(QFrame):
    """Labels and the lock button; ``lock_requested`` when the button is pressed."""

    lock_requested = Signal()

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

    def retranslate(self) -> None:
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
