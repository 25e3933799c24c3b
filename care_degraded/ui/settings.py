"""Settings: this machine's display preferences, and the ward manager's settings.

* ``Prefs`` (language, high contrast) belong to the machine: a small clear JSON file
  in the vault folder, readable before unlocking (the unlock screen needs them).
  It holds no patient data and no login.
* ``SettingsDialog`` is the ward manager's: users (add, disable) and the auto-lock
  delay, which is ward-wide and kept inside the vault (meta ``ui.auto_lock_minutes``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from care_degraded.domain.user import Role, User
from care_degraded.services import settings as ward_settings
from care_degraded.ui import lock
from care_degraded.ui.context import AppContext, Topic
from care_degraded.ui.operations import Operation, error_details, error_sentence


@dataclass
class Prefs:
    lang: str = "fr"
    high_contrast: bool = False

    @classmethod
    def load(cls, vault_path: Path) -> Prefs:
        data = ward_settings.load_prefs(vault_path)
        return cls(lang=str(data.get("lang", "fr")),
                   high_contrast=bool(data.get("high_contrast", False)))

    def save(self, vault_path: Path) -> None:
        ward_settings.save_prefs(vault_path, asdict(self))


class SettingsDialog(QDialog):
    """Users and auto-lock delay; every read and change runs through ``Operation``.

    ``minutes`` is the ward's current delay, as the window applies it."""

    auto_lock_changed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 minutes: int = lock.DEFAULT_MINUTES) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._minutes = minutes
        self.loading: Operation | None = None
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Ward settings"))
        self.resize(760, 520)
        tabs = QTabWidget(self)
        tabs.addTab(self._users_page(), self.tr("Users"))
        tabs.addTab(self._lock_page(), self.tr("Auto-lock"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.message = QLabel(self)
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.reload_users()

    # -- users -----------------------------------------------------------------------------
    def _users_page(self) -> QWidget:
        page = QWidget(self)
        self.users = QTableWidget(0, 4, page)
        self.users.setObjectName("usersTable")
        self.users.setHorizontalHeaderLabels(
            [self.tr("Login"), self.tr("Name"), self.tr("Role"), self.tr("Status")])
        self.users.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.users.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.users.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.users.verticalHeader().setVisible(False)
        self.disable_button = QPushButton(self.tr("Disable the selected user"), page)
        self.disable_button.setObjectName("disableUser")
        self.disable_button.clicked.connect(self.disable_selected)

        box = QGroupBox(self.tr("Add a user"), page)
        self.new_login = QLineEdit(box)
        self.new_login.setObjectName("newLogin")
        self.new_name = QLineEdit(box)
        self.new_name.setObjectName("newName")
        self.new_role = QComboBox(box)
        self.new_role.setObjectName("newRole")
        for role, text in ((Role.NURSE, self.tr("nurse")), (Role.MANAGER, self.tr("ward manager")),
                           (Role.IT, self.tr("IT"))):
            self.new_role.addItem(text, role.value)
        self.new_pass = QLineEdit(box)
        self.new_pass.setObjectName("newPassphrase")
        self.new_pass.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pass2 = QLineEdit(box)
        self.new_pass2.setObjectName("newPassphrase2")
        self.new_pass2.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(self.tr("Add the user"), box)
        self.add_button.setObjectName("addUser")
        self.add_button.clicked.connect(self.add_user)
        form = QFormLayout(box)
        form.addRow(self.tr("Login:"), self.new_login)
        form.addRow(self.tr("Name:"), self.new_name)
        form.addRow(self.tr("Role:"), self.new_role)
        form.addRow(self.tr("Passphrase:"), self.new_pass)
        form.addRow(self.tr("Passphrase again:"), self.new_pass2)
        form.addRow("", self.add_button)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.disable_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.users, 1)
        layout.addLayout(row)
        layout.addWidget(box)
        return page

    def reload_users(self) -> Operation:
        """Read the users again (off the GUI thread) and show them."""
        vault = self.ctx.require_vault()
        self.loading = Operation(self, lambda: ward_settings.list_users(vault))
        self.loading.success(self._show_users).failure(self._failed)
        return self.loading.run()

    def _show_users(self, users: list[User]) -> None:
        roles = {"nurse": self.tr("nurse"), "manager": self.tr("ward manager"), "it": self.tr("IT")}
        self.users.setRowCount(len(users))
        for r, user in enumerate(users):
            cells = [user.login, user.display_name, roles.get(user.role.value, user.role.value),
                     self.tr("active") if user.active else self.tr("disabled")]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, user.login)
                self.users.setItem(r, c, item)

    def add_user(self) -> Operation | None:
        login, name = self.new_login.text().strip(), self.new_name.text().strip()
        secret = self.new_pass.text()
        if secret != self.new_pass2.text():
            self.message.setText(self.tr("The two passphrases differ."))
            return None
        role = Role(self.new_role.currentData())
        vault = self.ctx.require_vault()
        self.add_button.setEnabled(False)

        def add() -> list[User]:
            ward_settings.add_user(vault, login, name, role, secret)
            return ward_settings.list_users(vault)

        op = Operation(self, add, label=self.tr("Adding the user…"))
        op.success(lambda users: self._user_added(login, users)).failure(self._failed)
        return op.run()

    def _user_added(self, login: str, users: list[User]) -> None:
        self.add_button.setEnabled(True)
        for field in (self.new_login, self.new_name, self.new_pass, self.new_pass2):
            field.clear()
        self.message.setText(self.tr("User %1 added.").replace("%1", login))
        self._show_users(users)
        self.ctx.notify(Topic.USERS)

    def disable_selected(self) -> Operation | None:
        items = self.users.selectedItems()
        if not items:
            self.message.setText(self.tr("Select a user first."))
            return None
        login = str(items[0].data(Qt.ItemDataRole.UserRole))
        vault = self.ctx.require_vault()

        def disable() -> list[User]:
            ward_settings.disable_user(vault, login)
            return ward_settings.list_users(vault)

        op = Operation(self, disable)
        op.success(lambda users: self._user_disabled(login, users)).failure(self._failed)
        return op.run()

    def _user_disabled(self, login: str, users: list[User]) -> None:
        self.message.setText(self.tr("User %1 disabled.").replace("%1", login))
        self._show_users(users)
        self.ctx.notify(Topic.USERS)

    def _failed(self, exc: BaseException) -> None:
        self.add_button.setEnabled(True)
        details = error_details(exc)
        self.message.setText(error_sentence(exc) + (f"\n{details}" if details else ""))

    # -- auto-lock ---------------------------------------------------------------------------
    def _lock_page(self) -> QWidget:
        page = QWidget(self)
        self.minutes = QSpinBox(page)
        self.minutes.setObjectName("autoLockMinutes")
        self.minutes.setRange(lock.MIN_MINUTES, lock.MAX_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setValue(self._minutes)
        save = QPushButton(self.tr("Save the delay"), page)
        save.setObjectName("saveAutoLock")
        save.clicked.connect(self.save_auto_lock)
        explain = QLabel(self.tr(
            "The screen locks after this many minutes without any key press or click. "
            "Forms in progress are kept and come back at the next unlock."), page)
        explain.setWordWrap(True)
        form = QFormLayout(page)
        form.addRow(explain)
        form.addRow(self.tr("Lock after:"), self.minutes)
        form.addRow("", save)
        return page

    def save_auto_lock(self) -> Operation:
        vault = self.ctx.require_vault()
        minutes = int(self.minutes.value())
        op = Operation(self, lambda: ward_settings.set_auto_lock(vault, minutes))
        op.success(self._auto_lock_saved).failure(self._failed)
        return op.run()

    def _auto_lock_saved(self, minutes: int) -> None:
        self.message.setText(self.tr("Auto-lock after %1 min saved.").replace("%1", str(minutes)))
        self.auto_lock_changed.emit(minutes)
        self.ctx.notify(Topic.SETTINGS)
