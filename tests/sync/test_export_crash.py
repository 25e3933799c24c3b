"""A SIGKILL at any moment of `sync export` never leaves a partial file under a final name."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from pathlib import Path

import pyrage
import pytest

from care_degraded.sync.bundle import SUFFIX, decrypt, split
from tests.conftest import NURSE, RecoveryKey
from tests.vault.util import dek_from_slot

WRITER = Path(__file__).with_name("export_writer.py")
ROOT = Path(__file__).resolve().parents[2]
KILLS = 30


@pytest.mark.slow
def test_sigkill_during_export_leaves_only_whole_bundles(enrolled: Path, tmp_path: Path,
                                                         recovery_key: RecoveryKey) -> None:
    rng = random.Random(20261202)
    dek = dek_from_slot(enrolled, NURSE[0], NURSE[2])
    usb = tmp_path / "usb"
    usb.mkdir()
    identity = pyrage.x25519.Identity.from_str(recovery_key.identity)
    reported: list[str] = []
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, str(WRITER), str(enrolled), NURSE[0],
                                  str(usb)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, cwd=ROOT)
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(dek.hex() + "\n")
        child.stdin.close()
        assert child.stdout.readline().strip() == "ready"
        # let it finish 0..2 exports, then kill it somewhere inside the next one
        for _ in range(rng.randint(0, 2)):
            line = child.stdout.readline().strip()
            assert line, child.stderr.read() if child.stderr else "writer died"
            reported.append(line)
        child.send_signal(signal.SIGKILL)
        child.wait()
        reported.extend(x.strip() for x in child.stdout.read().splitlines() if x.strip())
        child.stdout.close()
        if child.stderr is not None:
            child.stderr.close()
        # every file under a final name is a whole bundle that opens and parses
        for path in usb.glob(f"*{SUFFIX}"):
            split(decrypt(path.read_bytes(), [identity]))
    finals = {p.name for p in usb.glob(f"*{SUFFIX}")}
    assert set(reported) <= finals  # every export that returned left its file
    assert len(reported) >= KILLS // 3
