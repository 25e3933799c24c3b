"""Users repository (the rows; passphrases live in the keyslot file)."""

from __future__ import annotations

from care_degraded.domain.clock import iso, utcnow
from care_degraded.domain.errors import InvalidInput, NotFound
from care_degraded.domain.user import Role, User
from care_degraded.vault.connection import Connection


class UserRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def get(self, login: str) -> User:
        row = self._conn.execute(
            "SELECT login, display_name, role, active FROM users WHERE login = ?", (login,)
        ).fetchone()
        if row is None:
            raise NotFound("no such user")
        return _user(row)

    def find(self, login: str) -> User | None:
        try:
            return self.get(login)
        except NotFound:
            return None

    def list(self, include_disabled: bool = True) -> list[User]:
        sql = "SELECT login, display_name, role, active FROM users"
        if not include_disabled:
            sql += " WHERE active = 1"
        return [_user(r) for r in self._conn.execute(sql + " ORDER BY login")]

    def add(self, login: str, display_name: str, role: Role, created_by: str | None) -> User:
        validate_login(login)
        if not display_name.strip():
            raise InvalidInput("the display name is empty", reason="display_name_empty")
        if self.find(login) is not None:
            raise InvalidInput(f"login already exists: {login}", reason="login_exists",
                               params={"login": login})
        self._conn.execute(
            "INSERT INTO users (login, display_name, role, active, created_at, created_by)"
            " VALUES (?, ?, ?, 1, ?, ?)",
            (login, display_name.strip(), role.value, iso(utcnow()), created_by),
        )
        return User(login, display_name.strip(), role, True)

    def set_active(self, login: str, active: bool, by: str) -> None:
        self.get(login)
        if active:
            self._conn.execute(
                "UPDATE users SET active = 1, disabled_at = NULL, disabled_by = NULL"
                " WHERE login = ?", (login,))
        else:
            self._conn.execute(
                "UPDATE users SET active = 0, disabled_at = ?, disabled_by = ? WHERE login = ?",
                (iso(utcnow()), by, login))


def validate_login(login: str) -> None:
    """Logins: 2-64 characters, letters, digits, dot, dash, underscore."""
    ok = 2 <= len(login) <= 64 and all(c.isalnum() or c in "._-" for c in login)
    if not ok:
        raise InvalidInput("a login is 2 to 64 letters, digits, '.', '-' or '_'",
                           reason="login_format")


def _user(row: tuple[object, ...]) -> User:
    return User(str(row[0]), str(row[1]), Role(str(row[2])), bool(row[3]))
