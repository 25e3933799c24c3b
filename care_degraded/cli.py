"""The command line: `care-degraded ...` for IT staff, scripts and tests.

Every failure prints one line on stderr and exits with a documented code:
0 ok, 2 usage, 3 wrong passphrase or unknown user, 4 damaged or tampered data,
5 invalid input, 6 refused (role, newer schema, would overwrite, likely duplicate
patient; unknown or revoked device, wrong hub, exercise mismatch), 8 hub unreachable
(nothing lost: the outbox keeps everything).
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
from collections.abc import Sequence

from care_degraded import __version__
from care_degraded.domain.errors import CareError, InvalidInput

# One module per area, each with ``register(subparsers)``. Order is the help order.
COMMAND_MODULES = (
    "vault",
    "users",
    "census",
    "patients",
    "forms",
    "records",
    "checklists",
    "crisis",
    "drill",
    "printing",
    "sync",
    "hub",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="care-degraded",
        description="Ward toolkit for degraded mode (hospital information system down).",
    )
    parser.add_argument("--version", action="version", version=f"care-degraded {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"care_degraded.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"care_degraded.commands.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
    except CareError as exc:
        print(f"care-degraded: {exc}{_problems_text(getattr(exc, 'problems', ()))}",
              file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("care-degraded: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        # A path that cannot be used (missing folder, a file where a folder is expected,
        # no permission, read-only medium): the user's input, not a program error.
        print(f"care-degraded: {_os_error_text(exc)}", file=sys.stderr)
        return 1 if exc.errno in (errno.ENOSPC, errno.EIO) else InvalidInput.exit_code
    except Exception as exc:  # noqa: BLE001 - last resort: one line, no traceback
        if os.environ.get("CARE_DEGRADED_DEBUG"):
            raise
        # Only the exception's type: its text could carry patient data.
        print(f"care-degraded: internal error ({type(exc).__name__}); "
              "set CARE_DEGRADED_DEBUG=1 for details", file=sys.stderr)
        return 1
    return int(code or 0)


MAX_PROBLEMS_SHOWN = 20


def _problems_text(problems: Sequence[str]) -> str:
    """The problems on the same line (an error is one line), the first ones in full."""
    if not problems:
        return ""
    shown = [" ".join(str(p).split()) for p in problems[:MAX_PROBLEMS_SHOWN]]
    more = len(problems) - len(shown)
    return " — " + "; ".join(shown) + (f"; (+{more} more)" if more > 0 else "")


def _os_error_text(exc: OSError) -> str:
    # Paths only (typed by the user or made by the program), never file contents.
    reason = exc.strerror or type(exc).__name__
    return f"cannot use {exc.filename}: {reason}" if exc.filename else reason


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
