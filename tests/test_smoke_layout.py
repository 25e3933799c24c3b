"""Architecture rules that are cheap to check at every run."""

from __future__ import annotations

import subprocess
import sys


def test_cli_does_not_load_qt() -> None:
    code = ("import sys, care_degraded.cli as c; c.build_parser(); "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
