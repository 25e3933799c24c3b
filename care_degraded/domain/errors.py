"""Typed errors raised by the core.

Each carries the documented command-line exit code; the interface turns them into
French or English sentences. Messages never contain patient data.
"""

from __future__ import annotations

from collections.abc import Mapping


class CareError(Exception):
    """Base of every error the core raises on purpose.

    ``code`` names the kind of error; ``reason`` (optional) names the exact cause and
    ``params`` its values, so that the interface words it in its own language (the
    message itself is English, for logs and the command line)."""

    exit_code = 1
    #: stable identifier the interface uses to pick a translated sentence
    code = "error"

    def __init__(self, message: str = "", *, reason: str = "",
                 params: Mapping[str, str | int] | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.params: dict[str, str | int] = dict(params or {})


class UsageError(CareError):
    exit_code = 2
    code = "usage"


class WrongPassphrase(CareError):
    """The passphrase did not open the user's keyslot (or the user is unknown)."""

    exit_code = 3
    code = "wrong_passphrase"


class UnknownUser(WrongPassphrase):
    code = "unknown_user"


class DamagedData(CareError):
    """A file is damaged or was tampered with."""

    exit_code = 4
    code = "damaged"


class InvalidInput(CareError):
    """Input given to the toolkit is not acceptable (file, answers, passphrase policy)."""

    exit_code = 5
    code = "invalid"

    def __init__(self, message: str, problems: list[str] | None = None, *, reason: str = "",
                 params: Mapping[str, str | int] | None = None) -> None:
        super().__init__(message, reason=reason, params=params)
        self.problems = list(problems or [])


class Refused(CareError):
    """Refused on purpose: role, newer schema, would overwrite, likely duplicate."""

    exit_code = 6
    code = "refused"


class Busy(CareError):
    """Another program held the vault's write lock for longer than the wait.

    Raised before anything is written: the same action can simply be tried again."""

    exit_code = 7
    code = "busy"


class NotFound(CareError):
    exit_code = 5
    code = "not_found"


class Throttled(WrongPassphrase):
    """Too many wrong attempts: the caller must wait ``retry_after`` seconds."""

    code = "throttled"

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after
