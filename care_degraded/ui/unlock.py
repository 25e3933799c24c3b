"""The unlock screen: login, passphrase, and an honest answer.

The Argon2 KDF takes a fraction of a second on purpose, so the unlock runs through
``Operation``. A wrong passphrase says so; after repeated failures the vault imposes
a growing delay, shown here as a countdown with the button disabled. The same screen
serves to switch user and to come back after an auto-lock. On a demo vault (and only
there) the demo logins and passphrases are listed, one click fills them in.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from care_degraded.domain.errors import Throttled, UnknownUser, WrongPassphrase
from care_degraded.services import vaults
from care_degraded.services.exercise import is_exercise_dir
from care_degraded.services.vaults import DEMO_USERS, Vault, demo_logins
from care_degraded.ui.operations import Operation, error_sentence

Unlocker = Callable[[Path, str, str], Vault]

#: invented demo staff: login -> display name, shown beside the demo logins
_DEMO_NAMES = {login: name for login, name, _role, _secret in DEMO_USERS}


class UnlockWidget(QWidget):
    """Emits ``unlocked(vault)`` once the passphrase opened the vault."""

    unlocked = Signal(object)

    def __init__(self, vault_path: Path, parent: QWidget | None = None,
                 unlocker: Unlocker = vaults.unlock) -> None:
        super().__init__(parent)
        self.vault_path = Path(vault_path)
        self._unlocker = unlocker
        self._retry_at = 0.0
        self._notice_kind = ""
        self._busy = False
        self.countdown = QTimer(self)
        self.countdown.setInterval(250)
        self.countdown.timeout.connect(self._tick)

        self.card = QFrame(self)
        self.card.setObjectName("unlockCard")
        self.card.setFixedWidth(540)  # fixed: wrapped labels then get their true height
        self.title = QLabel(self.card)
        self.title.setObjectName("unlockTitle")
        self.ward = QLabel(self.card)
        self.ward.setObjectName("unlockWard")
        self.ward.setWordWrap(True)
        self.exercise_note = QLabel(self.card)
        self.exercise_note.setObjectName("unlockExercise")
        self.exercise_note.setWordWrap(True)
        self.exercise_note.hide()
        self.notice = QLabel(self.card)
        self.notice.setObjectName("unlockNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.login = QComboBox(self.card)
        self.login.setObjectName("unlockLogin")
        self.login.setEditable(True)
        self.login.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.passphrase = QLineEdit(self.card)
        self.passphrase.setObjectName("unlockPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.button = QPushButton(self.card)
        self.button.setObjectName("unlockButton")
        self.button.setDefault(True)
        self.message = QLabel(self.card)
        self.message.setObjectName("unlockMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(44)
        self.login_label = QLabel(self.card)
        self.login_label.setBuddy(self.login)
        self.pass_label = QLabel(self.card)
        self.pass_label.setBuddy(self.passphrase)

        form = QFormLayout()
        form.setVerticalSpacing(12)
        form.addRow(self.login_label, self.login)
        form.addRow(self.pass_label, self.passphrase)
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(28, 24, 28, 24)
        card_layout.setSpacing(12)
        card_layout.addWidget(self.title)
        card_layout.addWidget(self.ward)
        card_layout.addWidget(self.exercise_note)
        card_layout.addWidget(self.notice)
        card_layout.addLayout(form)
        card_layout.addWidget(self.button)
        card_layout.addWidget(self.message)

        self.demo_box = QFrame(self.card)
        self.demo_box.setObjectName("demoBox")
        self.demo_title = QLabel(self.demo_box)
        self.demo_title.setWordWrap(True)
        self.demo_grid = QGridLayout()
        demo_layout = QVBoxLayout(self.demo_box)
        demo_layout.addWidget(self.demo_title)
        demo_layout.addLayout(self.demo_grid)
        card_layout.addWidget(self.demo_box)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        self.button.clicked.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit)
        login_line = self.login.lineEdit()
        assert login_line is not None  # an editable combo box always has one
        login_line.returnPressed.connect(self.passphrase.setFocus)
        self.login.currentTextChanged.connect(self._login_changed)
        self._demo: dict[str, str] = {}
        # Logins used since the program started, offered on switch user. Kept in memory
        # only: the vault's keyslot file hides logins on purpose, so must we.
        self._recent: list[str] = []
        self.reload()
        self.retranslate()

    # -- state -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the ward name and the demo logins again (the vault may just have been made)."""
        try:
            self._ward_name = vaults.ward_name(self.vault_path)
        except Exception:  # no vault yet (demo being prepared) or unreadable: say nothing
            self._ward_name = ""
        self._demo = demo_logins(self.vault_path) if self._ward_name else {}
        self._exercise = bool(self._ward_name) and is_exercise_dir(self.vault_path)
        current = self.login.currentText()
        self.login.blockSignals(True)
        self.login.clear()
        self.login.addItems(list(dict.fromkeys([*self._recent, *self._demo])))
        self.login.setEditText(current)
        self.login.blockSignals(False)
        self._fill_demo()
        self.retranslate()

    def prepare(self, login: str = "", notice: str = "") -> None:
        """Reset for a new unlock: after a lock (same user proposed) or a switch of user."""
        self._notice_kind = notice
        self.passphrase.clear()
        self.message.clear()
        self.login.setEditText(login)
        self.retranslate()
        (self.passphrase if login else self.login).setFocus()

    def set_enabled_for_vault(self, ready: bool, message: str = "") -> None:
        """Greyed out while the demo ward is being created."""
        for widget in (self.login, self.passphrase, self.button):
            widget.setEnabled(ready)
        self.message.setText(message)
        self._fit_card()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Unlock the ward"))
        self.ward.setText(self._ward_name)
        self.exercise_note.setText(self.tr(
            "EXERCISE — a drill vault: fictitious patients, nothing here is real care."))
        self.exercise_note.setVisible(self._exercise)
        self.login_label.setText(self.tr("&Login:"))
        self.pass_label.setText(self.tr("&Passphrase:"))
        self.button.setText(self.tr("Unlock"))
        self.demo_title.setText(self.tr(
            "Demonstration ward: fictitious patients. Click a login to fill it in."))
        notices = {
            "idle": self.tr("Locked after inactivity. Unlock to continue: any form in "
                            "progress will be restored."),
            "locked": self.tr("Locked. Unlock to continue: any form in progress will be "
                              "restored."),
            "switch": self.tr("Switch user: the next person logs in here."),
        }
        text = notices.get(self._notice_kind, "")
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        self.demo_box.setVisible(bool(self._demo))
        # A wrapped label under-reports its height in a fixed-width card: reserve it.
        self.demo_box.setMinimumHeight(self.demo_box.sizeHint().height() if self._demo else 0)
        self._tick()

    def _fit_card(self) -> None:
        """Give the card the height its wrapped texts need at its fixed width (a layout
        item placed with an alignment only gets its plain size hint)."""
        layout = self.card.layout()
        if layout is not None and layout.hasHeightForWidth():
            self.card.setMinimumHeight(layout.totalHeightForWidth(self.card.width()))

    def _fill_demo(self) -> None:
        while self.demo_grid.count():
            item = self.demo_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for row, (login, secret) in enumerate(self._demo.items()):
            button = QPushButton(login, self.demo_box)
            button.setObjectName(f"demoLogin_{login}")
            button.clicked.connect(lambda _=False, lg=login, pw=secret: self._use_demo(lg, pw))
            shown = QLabel(secret, self.demo_box)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            who = QLabel(_DEMO_NAMES.get(login, ""), self.demo_box)  # which role to try
            self.demo_grid.addWidget(button, row, 0)
            self.demo_grid.addWidget(shown, row, 1)
            self.demo_grid.addWidget(who, row, 2)

    def _use_demo(self, login: str, secret: str) -> None:
        self.login.setEditText(login)
        self.passphrase.setText(secret)
        self.button.setFocus()

    def _login_changed(self, _text: str) -> None:
        self.message.clear()

    # -- unlocking --------------------------------------------------------------------------
    def submit(self) -> Operation | None:
        """Unlock in the background; returns the operation (tests wait on it)."""
        if self._busy or time.monotonic() < self._retry_at:
            return None
        login = self.login.currentText().strip()
        secret = self.passphrase.text()
        if not login or not secret:
            self.message.setText(self.tr("Type your login and your passphrase."))
            return None
        self._busy = True
        self.button.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        path, unlocker = self.vault_path, self._unlocker
        # No progress dialog: the screen itself says "Checking…" for the KDF's second.
        op = Operation(self, lambda: unlocker(path, login, secret))
        op.success(self._succeeded).failure(self._failed)
        return op.run()

    def _succeeded(self, vault: Vault) -> None:
        self._busy = False
        login = vault.user.login
        self._recent = [login, *(x for x in self._recent if x != login)][:8]
        self.passphrase.clear()
        self.message.clear()
        self.button.setEnabled(True)
        self._notice_kind = ""
        self.unlocked.emit(vault)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.passphrase.clear()
        self.passphrase.setFocus()
        if isinstance(exc, Throttled):
            self._retry_at = time.monotonic() + exc.retry_after
            self.countdown.start()
        elif isinstance(exc, UnknownUser):
            self.message.setText(self.tr("Wrong passphrase or unknown login."))
        elif isinstance(exc, WrongPassphrase):
            self.message.setText(self.tr("Wrong passphrase."))
        else:
            self.message.setText(error_sentence(exc))
        self._tick()

    def seconds_to_wait(self) -> int:
        return max(0, math.ceil(self._retry_at - time.monotonic()))

    def _tick(self) -> None:
        wait = self.seconds_to_wait()
        if wait > 0:
            self.button.setEnabled(False)
            self.message.setText(self.tr(
                "Wrong passphrase. Too many attempts: try again in %1 s.").replace(
                "%1", str(wait)))
            self._fit_card()
            return
        if self.countdown.isActive():
            self.countdown.stop()
            self.message.setText(self.tr("You can try again."))
        if not self._busy:
            self.button.setEnabled(self.login.isEnabled())
        self._fit_card()
