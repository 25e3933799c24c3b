"""Run crash_writer.py, kill it at a random moment, check the vault (tests and bench)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

WRITER = Path(__file__).with_name("crash_writer.py")
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class KillResult:
    acknowledged: list[str]
    lost: list[str]
    integrity: str
    cipher_problems: list[tuple[object, ...]]


def kill_once(vault: Path, login: str, dek: bytes, rng: random.Random,
              max_records: int = 40) -> KillResult:
    """Start a writer, let it acknowledge a random number of records, SIGKILL it, check."""
    return check(vault, dek, kill_writer(vault, login, dek, rng, max_records))


def kill_writer(vault: Path, login: str, dek: bytes, rng: random.Random,
                max_records: int = 40) -> list[str]:
    """Start a writer, SIGKILL it after a random number of records; the acknowledged uuids.

    The vault is left exactly as the kill left it (its write-ahead log not replayed).
    """
    child = subprocess.Popen(
        [sys.executable, str(WRITER), str(vault), login],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=ROOT)
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(dek.hex() + "\n")
    child.stdin.close()
    acknowledged: list[str] = []
    died = False
    try:
        started = child.stdout.readline().strip() == "ready"
        # 0 means: kill while it starts its first transaction
        want = rng.randint(0, max_records) if started else 0
        while started and len(acknowledged) < want:
            line = child.stdout.readline()
            if not line:
                break
            acknowledged.append(line.strip())
        died = not started or len(acknowledged) < want
    finally:
        child.send_signal(signal.SIGKILL)
        # lines already written before the kill were acknowledged too
        child.wait()
        assert child.stderr is not None
        rest, errors = child.stdout.read(), child.stderr.read()
        child.stdout.close()
        child.stderr.close()
        acknowledged.extend(line.strip() for line in rest.splitlines() if line.strip())
    if died:
        # the writer stopped by itself: that is a failure, not a crash we caused
        last = errors.strip().splitlines()[-1:] or [f"exit code {child.returncode}"]
        raise RuntimeError(f"the writer died on its own: {last[0]}")
    return acknowledged


def check(vault: Path, dek: bytes, acknowledged: list[str]) -> KillResult:
    conn = sqlcipher3.connect(str(vault / "ward.db"), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
        integrity = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
        cipher = [tuple(r) for r in conn.execute("PRAGMA cipher_integrity_check")]
        present = {r[0] for r in conn.execute(
            "SELECT uuid FROM revisions WHERE kind = 'crash-test'")}
    finally:
        conn.close()
    lost = [u for u in acknowledged if u not in present]
    return KillResult(acknowledged, lost, integrity, cipher)
