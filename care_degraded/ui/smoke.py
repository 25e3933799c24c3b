"""``care-degraded-gui --vault DIR --smoke-test FILE.png``: is this copy complete?

For IT after copying the program onto a ward machine or a USB stick, and for the test
of the frozen build: on a demo vault it opens the unlock screen, checks that what the
interface needs is there (its French translation and Qt's own, the platform plugins),
unlocks with a demo passphrase through the real button, waits for the ward board,
saves a picture of it to FILE.png and quits.

Exit 0 when all went well; 1 with one line on stderr naming what is missing or what
went wrong. The same line is written to FILE.txt beside the picture (a Windows GUI
program has no console to print to). Nothing about a patient is printed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer

#: the Qt platform plugins a complete copy carries, per system
PLATFORM_PLUGINS = {"linux": ("offscreen", "xcb"), "win32": ("windows", "offscreen"),
                    "darwin": ("cocoa", "offscreen")}
TIMEOUT_S = 60
#: (context, English source, what it proves loaded): a text each catalogue translates.
#: Looked up through variables: these are probes, not texts of this interface.
TRANSLATION_PROBES = (
    ("MainWindow", "Ward board", "the interface translation (care_degraded_fr.qm)"),
    ("QPlatformTheme", "Cancel", "Qt's own translation (qtbase_fr.qm)"),
)


def missing_translations(lang: str) -> list[str]:
    """What is not translated although ``lang`` is French: ours, then Qt's own."""
    if lang != "fr":
        return []
    return [f"{what} is not loaded" for context, source, what in TRANSLATION_PROBES
            if QCoreApplication.translate(context, source) == source]


def missing_platform_plugins() -> list[str]:
    """Every platform plugin this system needs is found and loads (its libraries too)."""
    from PySide6.QtCore import QPluginLoader

    needed = PLATFORM_PLUGINS.get(sys.platform, PLATFORM_PLUGINS["linux"])
    folders = [Path(p) / "platforms" for p in QCoreApplication.libraryPaths()]
    problems = []
    for name in needed:
        found = [f for folder in folders for f in sorted(folder.glob(f"*q{name}.*"))]
        if not found:
            problems.append(f"the Qt platform plugin '{name}' is missing")
            continue
        loader = QPluginLoader(str(found[0]))
        if not loader.load():
            problems.append(f"the Qt platform plugin '{name}' does not load: "
                            f"{loader.errorString()}")
    return problems


def demo_login(vault_path: Path) -> tuple[str, str] | None:
    """A nurse's demo login and passphrase (the first demo login otherwise)."""
    from care_degraded.domain.user import Role
    from care_degraded.services.vaults import DEMO_USERS, demo_logins

    logins = demo_logins(vault_path)
    if not logins:
        return None
    nurses = [login for login, _n, role, _s in DEMO_USERS if role is Role.NURSE]
    login = next((x for x in nurses if x in logins), next(iter(logins)))
    return login, logins[login]


class SmokeTest(QObject):
    """Drives the real window; ``code`` is the exit code once ``app.exit`` was called."""

    def __init__(self, app: Any, window: Any, vault_path: Path, png: Path, lang: str,
                 started: float, out: Callable[[str], None] | None = None) -> None:
        super().__init__(window)
        self.app, self.window, self.vault_path, self.png = app, window, vault_path, png
        self.lang, self.started = lang, started
        self.out = out or (lambda line: print(line, flush=True))
        self.code: int | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.fail(
            f"the ward board did not show within {TIMEOUT_S} s "
            f"({self.window.unlock.message.text() or 'no message'})"))

    def start(self) -> None:
        QTimer.singleShot(0, self._unlock)

    def _unlock(self) -> None:
        shown = time.perf_counter() - self.started
        if not self.window.unlock.isVisible():
            return self.fail("the unlock screen is not shown")
        problems = missing_translations(self.lang) + missing_platform_plugins()
        if problems:
            return self.fail("; ".join(problems))
        found = demo_login(self.vault_path)
        if found is None:
            return self.fail(f"{self.vault_path} is not a demo vault (no demo passphrase)")
        self.out(f"smoke test: unlock screen shown at {shown:.3f} s")
        login, secret = found
        self.window.board_refreshed.connect(self._board_shown)
        self.timer.start(TIMEOUT_S * 1000)
        self.window.unlock.login.setEditText(login)
        self.window.unlock.passphrase.setText(secret)
        self.window.unlock.button.click()
        return None

    def _board_shown(self) -> None:
        if self.code is not None:
            return
        self.timer.stop()
        rows = self.window.board.model.rowCount()
        if rows == 0:
            return self.fail("the ward board is empty")
        self._settle(rows, tries=100)
        return None

    def _settle(self, rows: int, tries: int) -> None:
        """Grab once the board's and the banner's labels have their width (a layout pass
        after the rows came), as a nurse sees it."""
        banner = getattr(self.window, "banner", None)
        labels = [getattr(self.window.board, "count", None),
                  *(getattr(banner, name, None) for name in ("census", "sync", "user"))]
        if tries > 0 and any(label is not None and label.text()
                             and label.width() < label.sizeHint().width() for label in labels):
            QTimer.singleShot(20, lambda: self._settle(rows, tries - 1))
            return
        self.png.parent.mkdir(parents=True, exist_ok=True)
        if not self.window.grab().save(str(self.png)):
            return self.fail(f"cannot write {self.png}")
        line = (f"smoke test: ok, ward board ({rows} rows) saved to {self.png} "
                f"at {time.perf_counter() - self.started:.3f} s")
        self.out(line)
        return self.finish(0, line)

    def fail(self, why: str) -> None:
        if self.code is None:
            line = f"care-degraded-gui: smoke test failed: {why}"
            print(line, file=sys.stderr, flush=True)
            self.finish(1, line)

    def finish(self, code: int, line: str) -> None:
        self.code = code
        try:
            self.png.parent.mkdir(parents=True, exist_ok=True)
            self.png.with_suffix(".txt").write_text(line + "\n", "utf-8")
        except OSError:
            pass  # the exit code still tells
        self.app.exit(code)
