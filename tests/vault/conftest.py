"""Vault-test fixtures: a way to run the command line in-process with clean output."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from care_degraded.cli import main


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


Cli = Callable[..., CliResult]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> Cli:
    """``cli(*argv, passphrase=..., new_passphrase=...)`` runs ``care-degraded`` in-process.

    capfd (not capsys) so that anything a C library writes to stderr is seen too.
    """

    def run(*argv: str, passphrase: str | None = None,
            new_passphrase: str | None = None) -> CliResult:
        for name, value in (("CARE_DEGRADED_PASSPHRASE", passphrase),
                            ("CARE_DEGRADED_NEW_PASSPHRASE", new_passphrase)):
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        capfd.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        out, err = capfd.readouterr()
        return CliResult(code, out, err)

    return run
