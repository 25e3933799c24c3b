"""Ward settings and users, as the ward manager changes them from the interface.

The auto-lock delay is ward-wide and kept inside the vault (meta
``ui.auto_lock_minutes``); users are added and disabled through the vault, which
rewraps the keyslots. Every change checks the role, runs in one transaction and
leaves an audit row. The machine's display preferences (language, contrast) are a
small clear JSON file in the vault folder, readable before unlocking; they hold no
patient data and no login.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from care_degraded.domain.errors import InvalidInput
from care_degraded.domain.user import Role, User
from care_degraded.vault import Vault
from care_degraded.vault.atomic import write_atomic

DEFAULT_LOCK_MINUTES = 5
MIN_LOCK_MINUTES = 1
MAX_LOCK_MINUTES = 60
#: meta key of the ward-wide delay, set by the ward manager
AUTO_LOCK_KEY = "ui.auto_lock_minutes"
#: the machine's display preferences, next to the vault (clear, no patient data)
PREFS_FILE = "ui-prefs.json"


def clamp_minutes(value: object) -> int:
    """A valid delay from a stored value (anything odd falls back to the default)."""
    try:
        minutes = int(str(value))
    except ValueError:
        return DEFAULT_LOCK_MINUTES
    return max(MIN_LOCK_MINUTES, min(MAX_LOCK_MINUTES, minutes))


def auto_lock_minutes(vault: Vault) -> int:
    """The ward's auto-lock delay in minutes."""
    return clamp_minutes(vault.meta(AUTO_LOCK_KEY))


def set_auto_lock(vault: Vault, minutes: int) -> int:
    """Set the ward's delay (a manager or IT only); a value out of range is refused."""
    vault.require_manager()
    if not MIN_LOCK_MINUTES <= minutes <= MAX_LOCK_MINUTES:
        raise InvalidInput(f"the auto-lock delay is {MIN_LOCK_MINUTES} to "
                           f"{MAX_LOCK_MINUTES} minutes")
    with vault.transaction():
        vault.set_meta(AUTO_LOCK_KEY, str(minutes))
        vault.audit.append("settings.auto-lock", str(minutes))
    return minutes


def list_users(vault: Vault, include_disabled: bool = True) -> list[User]:
    """Every user of the ward (a manager or IT only), by login."""
    vault.require_manager()
    return vault.users.list(include_disabled=include_disabled)


def add_user(vault: Vault, login: str, display_name: str, role: Role, passphrase: str) -> User:
    """Enrol a user (or enable a disabled login again); audited by the vault."""
    return vault.add_user(login, display_name, role, passphrase)


def disable_user(vault: Vault, login: str) -> None:
    """Remove a user's slot; the account and its history stay; audited by the vault."""
    vault.disable_user(login)


def load_prefs(folder: Path) -> dict[str, Any]:
    """The machine's display preferences ({} when none are saved or the file is odd)."""
    try:
        data = json.loads((Path(folder) / PREFS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_prefs(folder: Path, prefs: dict[str, Any]) -> None:
    """Write the preferences atomically; never creates a vault folder just for them."""
    folder = Path(folder)
    if folder.is_dir():
        write_atomic(folder / PREFS_FILE, json.dumps(prefs).encode())
