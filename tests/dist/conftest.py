"""The ward executable, built once per test run with build.spec.

Under pytest-xdist every worker asks for it; the first one builds it while the others
wait on a file lock, then all run the same folder. A failed build is remembered, so
the other workers fail at once with the same reason instead of building again.
``CARE_DEGRADED_DIST=dist/care-degraded`` runs the tests on a folder already built
(``make dist``) instead.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"
NAME = "care-degraded"
#: a system PATH: the frozen program must not need anything from the virtualenv
CLEAN_PATH = "/usr/local/bin:/usr/bin:/bin"


@dataclass(frozen=True)
class Frozen:
    folder: Path  # dist/care-degraded

    @property
    def cli(self) -> Path:
        return self.folder / NAME

    @property
    def gui(self) -> Path:
        return self.folder / f"{NAME}-gui"

    @property
    def bundle(self) -> Path:
        return self.folder / "_internal"

    def run(self, program: Path, *args: str | Path, home: Path, cwd: Path | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """``program args`` under ``env -i`` with only HOME, PATH and QT_QPA_PLATFORM."""
        command: Sequence[str | Path] = [
            "env", "-i", f"HOME={home}", f"PATH={CLEAN_PATH}", "QT_QPA_PLATFORM=offscreen",
            program, *args]
        return subprocess.run([str(c) for c in command], capture_output=True, text=True,
                              cwd=cwd or home, timeout=timeout, check=False)


def _build(root: Path) -> Path:
    """Run PyInstaller on build.spec into ``root``; the folder, or pytest.fail."""
    marker = root / "build-result.txt"
    with open(root / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not marker.exists():
            dist, work = root / "dist", root / "work"
            try:
                import PyInstaller  # noqa: F401
            except ImportError:
                marker.write_text("PyInstaller is not installed: pip install -e '.[build]'")
            else:
                done = subprocess.run(
                    [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                     "--distpath", str(dist), "--workpath", str(work), str(SPEC)],
                    cwd=ROOT, capture_output=True, text=True, check=False, timeout=900)
                shutil.rmtree(work, ignore_errors=True)
                marker.write_text("ok" if done.returncode == 0 else
                                  f"build.spec failed ({done.returncode}):\n{done.stderr[-4000:]}")
        result = marker.read_text()
    if result != "ok":
        pytest.fail(result, pytrace=False)
    return root / "dist" / NAME


@pytest.fixture(scope="session")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Frozen:
    if not sys.platform.startswith("linux"):
        pytest.skip("the frozen-program test runs on Linux (env -i, zbarimg, pdftoppm)")
    built = os.environ.get("CARE_DEGRADED_DIST")
    if built:
        return Frozen(Path(built).resolve())
    base = tmp_path_factory.getbasetemp()
    # xdist: every worker's base is <run>/popen-gwN; <run> is this run's own, shared folder.
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    root = root / "frozen-build"
    root.mkdir(exist_ok=True)
    return Frozen(_build(root))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def hardlinked_copy(source: Path, target: Path) -> Path:
    """A copy of the built folder that costs no space: its files are hard links."""
    subprocess.run(["cp", "-al", str(source), str(target)], check=True)
    return target
