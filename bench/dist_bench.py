"""The ward executable (build.spec): run by hand or by ``make bench``; never a timed test.

1. build time (PyInstaller on build.spec, into a temporary folder);
2. the folder's size (files only, links counted once);
3. frozen GUI: process start to unlock screen shown (a demo vault, offscreen);
4. frozen ``print kit`` against the same command from the virtualenv.

Aims: size under 180 MB, unlock screen under 2 s. Prints medians.
``--dist dist/care-degraded`` measures a folder already built (skips 1).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLEAN = {"PATH": "/usr/local/bin:/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
RUNS = 5


def build(out: Path) -> tuple[Path, float]:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(out / "dist"), "--workpath", str(out / "work"),
                    str(ROOT / "build.spec")], cwd=ROOT, check=True)
    return out / "dist" / "care-degraded", time.perf_counter() - start


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


CPU: list[float] = []  # CPU seconds (user + system) of each finished child, in order


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str], until: str | None = None) -> float:
    """Seconds from spawn to exit, or to the first stdout line starting with ``until``.

    The child's CPU time (its whole run) goes to CPU: on a loaded machine it says what
    the wall clock cannot."""
    cpu = _children_cpu()
    try:
        return _timed(command, env, until)
    finally:
        CPU.append(_children_cpu() - cpu)


def _timed(command: list[str], env: dict[str, str], until: str | None = None) -> float:
    start = time.perf_counter()
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if until and line.startswith(until):
                elapsed = time.perf_counter() - start
                proc.wait()
                return elapsed
        if proc.wait() != 0:
            raise SystemExit(f"{command[0]} failed")
    if until:
        raise SystemExit(f"{command[0]} never printed {until!r}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=None, help="a folder already built")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dist-bench-") as tmp:
        work = Path(tmp)
        home = work / "home"
        home.mkdir()
        env = {**CLEAN, "HOME": str(home)}
        if args.dist:
            folder, build_s = args.dist.resolve(), None
        else:
            folder, build_s = build(work)
        cli, gui = folder / "care-degraded", folder / "care-degraded-gui"
        vault = home / "ward"
        subprocess.run([str(cli), "demo", "--vault", str(vault)], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        passfile = home / "pass"
        passfile.write_text("cadre-demo-2026\n")
        shown = [timed([str(gui), "--vault", str(vault), "--quit-when-shown"], env, "shown")
                 for _ in range(RUNS)]
        shown_cpu = statistics.median(CPU[-RUNS:])
        kit = ["print", "kit", "--vault", str(vault), "--as", "cadre", "--passphrase-file",
               str(passfile), "--hours", "8", "--out", str(home / "kit.pdf")]
        frozen_kit = [timed([str(cli), *kit], env) for _ in range(RUNS)]
        frozen_cpu = statistics.median(CPU[-RUNS:])
        venv_cli = Path(sys.executable).with_name("care-degraded")
        venv_env = {**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
        venv_kit = [timed([str(venv_cli), *kit], venv_env) for _ in range(RUNS)]
        venv_cpu = statistics.median(CPU[-RUNS:])
        size = folder_size(folder)
        files = sum(1 for p in folder.rglob("*") if p.is_file())
        print(f"{'build time':<40} {f'{build_s:.1f} s' if build_s else '(given folder)':>14}")
        print(f"{'folder size (aim < 180 MB)':<40} {size / 1e6:>11.1f} MB  ({files} files)")
        print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
              "(wall clock, then the run's CPU time)")
        print(f"{'frozen GUI start -> unlock (aim < 2 s)':<40} "
              f"{statistics.median(shown):>12.3f} s  (min {min(shown):.3f}; "
              f"CPU {shown_cpu:.3f} s start to quit)")
        print(f"{'print kit, frozen':<40} {statistics.median(frozen_kit):>12.3f} s  "
              f"(CPU {frozen_cpu:.3f} s)")
        print(f"{'print kit, virtualenv':<40} {statistics.median(venv_kit):>12.3f} s  "
              f"(CPU {venv_cpu:.3f} s)")
        if not args.dist:
            shutil.rmtree(work / "work", ignore_errors=True)


if __name__ == "__main__":
    main()
