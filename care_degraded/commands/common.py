"""Shared pieces of the command line: vault arguments, passphrases, JSON output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from care_degraded.config import default_vault_dir
from care_degraded.domain.errors import InvalidInput, UsageError
from care_degraded.vault import Vault

PASSPHRASE_ENV = "CARE_DEGRADED_PASSPHRASE"
NEW_PASSPHRASE_ENV = "CARE_DEGRADED_NEW_PASSPHRASE"


def add_vault_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--vault", type=Path, default=None, metavar="DIR",
                        help="vault folder (default: $CARE_DEGRADED_VAULT or the user data folder)")


def add_vault_args(parser: argparse.ArgumentParser, acting: bool = True) -> None:
    """--vault DIR, --as LOGIN and --passphrase-file FILE."""
    add_vault_arg(parser)
    if acting:
        parser.add_argument("--as", dest="as_login", required=True, metavar="LOGIN",
                            help="the acting user")
        parser.add_argument("--passphrase-file", type=Path, default=None, metavar="FILE",
                            help=f"read the passphrase from FILE (else ${PASSPHRASE_ENV}, "
                                 "else a prompt)")


def add_json_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def vault_dir(args: argparse.Namespace) -> Path:
    return Path(args.vault) if args.vault else default_vault_dir()


def _read_secret_file(path: Path) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"cannot read passphrase file {path}: {exc.strerror}") from None
    return text.rstrip("\r\n")


def passphrase(args: argparse.Namespace, prompt: str = "Passphrase: ") -> str:
    """The acting user's passphrase: --passphrase-file, then the environment, then a prompt."""
    if getattr(args, "passphrase_file", None):
        return _read_secret_file(args.passphrase_file)
    env = os.environ.get(PASSPHRASE_ENV)
    if env is not None:
        return env
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise UsageError(f"no passphrase: use a terminal, ${PASSPHRASE_ENV} or --passphrase-file")


def new_passphrase(args: argparse.Namespace, who: str = "") -> str:
    """A new passphrase: --new-passphrase-file, the environment, or a prompt (asked twice)."""
    if getattr(args, "new_passphrase_file", None):
        return _read_secret_file(args.new_passphrase_file)
    env = os.environ.get(NEW_PASSPHRASE_ENV)
    if env is not None:
        return env
    if sys.stdin is not None and sys.stdin.isatty():
        label = f"New passphrase{' for ' + who if who else ''}: "
        first = getpass.getpass(label)
        if getpass.getpass("Again: ") != first:
            raise InvalidInput("the two passphrases differ")
        return first
    raise UsageError(f"no new passphrase: use a terminal, ${NEW_PASSPHRASE_ENV} "
                     "or --new-passphrase-file")


def add_new_passphrase_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--new-passphrase-file", type=Path, default=None, metavar="FILE",
                        help=f"read the new passphrase from FILE (else ${NEW_PASSPHRASE_ENV}, "
                             "else a prompt)")


def open_vault(args: argparse.Namespace) -> Vault:
    """Unlock the vault as --as LOGIN."""
    return Vault.unlock(vault_dir(args), args.as_login, passphrase(args))


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    sys.stdout.write("\n")


def report(args: argparse.Namespace, data: Any, text: str) -> None:
    """``data`` as JSON with --json, else the one human line ``text``."""
    if args.json:
        print_json(data)
    else:
        print(text)
