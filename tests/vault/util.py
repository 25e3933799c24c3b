"""Helpers shared by the vault and command-line tests (no fixtures here: see conftest)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import sqlcipher3

from care_degraded.vault.keyslots import KeyslotFile

BIN = Path(sys.executable).parent
CLI = BIN / "care-degraded"


def dek_from_slot(vault: Path, login: str, passphrase: str) -> bytes:
    """The database key, unwrapped from the user's keyslot (not read from a Vault)."""
    return KeyslotFile.load(vault).unwrap(login, passphrase)


def raw_connect(vault: Path, dek: bytes) -> sqlcipher3.Connection:
    """A bare SQLCipher connection keyed with the raw ``x'<hex>'`` form."""
    conn = sqlcipher3.connect(str(vault / "ward.db"), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
    return conn


def digests(folder: Path, names: Iterable[str] | None = None) -> dict[str, str]:
    """SHA-256 of the files in ``folder`` (or of ``names``; a missing file is None)."""
    folder = Path(folder)
    if names is None:
        names = sorted(p.name for p in folder.iterdir() if p.is_file())
    out: dict[str, str] = {}
    for name in names:
        path = folder / name
        out[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"
    return out


def run_cli(args: list[str], env: Mapping[str, str] | None = None,
            stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``care-degraded`` console script (the real contract)."""
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("CARE_DEGRADED_PASSPHRASE", "CARE_DEGRADED_NEW_PASSPHRASE")}
    full_env.update(env or {})
    return subprocess.run([str(CLI), *args], env=full_env, capture_output=True, text=True,
                          input=stdin if stdin is not None else "", timeout=60, check=False)


def assert_one_line_error(stderr: str) -> None:
    """Failures print exactly one line on stderr, never a traceback."""
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("care-degraded: "), stderr
