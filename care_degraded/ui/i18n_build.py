"""Compile (and refresh) the interface translations with the venv's Qt tools.

    python -m care_degraded.ui.i18n_build            # .ts -> .qm (make translations)
    python -m care_degraded.ui.i18n_build --update   # collect new tr() strings into .ts

``--update`` runs ``pyside6-lupdate`` over every module of ``care_degraded/ui``; new
strings arrive unfinished in the ``.ts`` for a translator to fill with Qt Linguist.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from care_degraded import config
from care_degraded.ui.i18n import DOMAIN, LANGUAGES, SOURCE, i18n_dir

UI_DIR = config.PACKAGE_DIR / "ui"


def tool(name: str) -> str:
    """A Qt tool from this interpreter's environment first (the venv), then the PATH."""
    local = Path(sys.executable).with_name(name)
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if found is None:
        raise RuntimeError(f"{name} not found (install PySide6 in this environment)")
    return found


def ts_files() -> list[Path]:
    return sorted(i18n_dir().glob(f"{DOMAIN}_*.ts"))


def build(files: list[Path] | None = None) -> list[Path]:
    """``.ts`` -> ``.qm`` next to them; returns the ``.qm`` written.

    Each ``.qm`` is compiled beside the old one and put in its place at once: a running
    program has the old file mapped in memory (Qt maps translations), and rewriting it
    in place would crash that program (SIGBUS)."""
    written = []
    for ts in files or ts_files():
        qm = ts.with_suffix(".qm")
        partial = qm.with_name(f".{qm.name}.{os.getpid()}.part")
        try:
            subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(partial)],
                           check=True, capture_output=True)
            os.replace(partial, qm)
        finally:
            partial.unlink(missing_ok=True)
        written.append(qm)
    return written


def update(targets: list[Path] | None = None) -> list[Path]:
    """Collect the ``tr()`` strings of every interface module into each ``.ts``.

    ``targets`` defaults to the project's ``.ts`` files; each file's name ends with its
    language (``care_degraded_fr.ts``)."""
    sources = [str(p) for p in sorted(UI_DIR.rglob("*.py"))]
    if targets is None:
        targets = [i18n_dir() / f"{DOMAIN}_{lang}.ts" for lang in LANGUAGES if lang != SOURCE]
        i18n_dir().mkdir(parents=True, exist_ok=True)
    for ts in targets:
        subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none",
                        "-source-language", SOURCE, "-target-language", ts.stem.split("_")[-1],
                        *sources, "-ts", str(ts)], check=True, capture_output=True)
    return targets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="refresh .ts from the code first")
    args = parser.parse_args(argv)
    if args.update:
        for ts in update():
            print(f"updated {ts}")
    for qm in build():
        print(f"built {qm}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
