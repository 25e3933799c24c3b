"""The desktop application: ``care-degraded-gui --vault DIR [--demo] [--lang fr|en]``.

``--demo`` creates the demo ward if the folder holds no vault yet (in the
background: the window is shown at once, greyed out until the ward is ready).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt and the window load after the arguments are read
    from care_degraded.ui.main_window import MainWindow

_STARTED = time.perf_counter()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    from care_degraded import config

    parser = argparse.ArgumentParser(prog="care-degraded-gui",
                                     description="care_degraded: the ward application")
    parser.add_argument("--vault", type=Path, default=None,
                        help=f"the ward vault folder (default {config.default_vault_dir()})")
    parser.add_argument("--demo", action="store_true",
                        help="create the demo ward in that folder if it holds no vault")
    parser.add_argument("--lang", choices=("fr", "en"), default=None,
                        help="interface language (default: the machine's choice, else fr)")
    parser.add_argument("--high-contrast", action="store_true", default=None)
    parser.add_argument("--smoke-test", type=Path, default=None, metavar="FILE.png",
                        help="check this copy on a demo vault: unlock, show the ward board, "
                        "save it to FILE.png and quit (0 ok, 1 with the reason on stderr)")
    # for bench/app_bench.py: print when the unlock screen is painted, then quit
    parser.add_argument("--quit-when-shown", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from care_degraded import config
    from care_degraded.ui import i18n, style
    from care_degraded.ui.main_window import MainWindow
    from care_degraded.ui.settings import Prefs

    vault_path: Path = args.vault or config.default_vault_dir()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("care_degraded")
    app.setApplicationDisplayName("care_degraded")
    prefs = Prefs.load(vault_path)
    if args.lang:
        prefs.lang = args.lang
    elif args.smoke_test:
        prefs.lang = "fr"  # the smoke test checks the French translations are there
    if args.high_contrast:
        prefs.high_contrast = True
    i18n.install(prefs.lang)
    style.apply(app, prefs.high_contrast)
    window = MainWindow(vault_path, prefs)
    if args.demo:
        prepare_demo(window, vault_path)
    window.show()
    if args.quit_when_shown:
        def shown() -> None:
            print(f"shown {time.perf_counter() - _STARTED:.3f}", flush=True)
            app.quit()

        QTimer.singleShot(0, shown)
    if args.smoke_test:
        from care_degraded.ui.smoke import SmokeTest

        SmokeTest(app, window, vault_path, args.smoke_test, prefs.lang, _STARTED).start()
    code = int(app.exec())
    # Let background work finish (a demo ward being written, a save) before exiting:
    # a half-written vault would greet the next start with an error.
    from PySide6.QtCore import QThreadPool

    from care_degraded.ui.operations import wait_idle

    QThreadPool.globalInstance().waitForDone(60_000)
    wait_idle(60_000)
    return code


def prepare_demo(window: MainWindow, vault_path: Path) -> None:
    """Create the demo ward in the background if missing; the unlock screen waits for it."""
    from PySide6.QtCore import QCoreApplication

    from care_degraded.services.vaults import create_demo, demo_logins, is_vault
    from care_degraded.ui.operations import Lane, Operation

    if is_vault(vault_path) and demo_logins(vault_path):
        return
    unlock = window.unlock
    unlock.set_enabled_for_vault(False, QCoreApplication.translate(
        "UnlockWidget", "Preparing the demonstration ward…"))

    def ready(_demo: object) -> None:
        unlock.reload()
        unlock.set_enabled_for_vault(True)

    def failed(exc: BaseException) -> None:
        from care_degraded.ui.operations import error_sentence

        unlock.set_enabled_for_vault(False, error_sentence(exc))

    Operation(unlock, lambda: create_demo(vault_path, if_missing=True),
              lane=Lane.FREE).success(ready).failure(failed).run()


if __name__ == "__main__":
    raise SystemExit(main())
