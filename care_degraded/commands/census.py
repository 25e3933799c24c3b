"""census import | status | generate."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from care_degraded.commands.common import add_json_arg, add_vault_args, open_vault, print_json
from care_degraded.domain.clock import parse_iso
from care_degraded.domain.errors import InvalidInput, UsageError
from care_degraded.services import census


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cen = sub.add_parser("census", help="census snapshots from the hospital system")
    csub = cen.add_subparsers(dest="census_command", metavar="ACTION")
    csub.required = True

    p = csub.add_parser(
        "import", help="import a census snapshot (FHIR Bundle JSON or CSV)",
        description="Import a census snapshot in one transaction. A malformed file imports "
                    "nothing (exit 5) and says where; the same file twice changes nothing; "
                    "a snapshot older than the ward's is refused (exit 6). CSV columns: see "
                    "care_degraded/census/csv_census.py.")
    add_vault_args(p)
    p.add_argument("file", type=Path, metavar="FILE")
    add_json_arg(p)
    p.set_defaults(func=cmd_import)

    p = csub.add_parser("status", help="the current snapshot: source, generated at, age, counts")
    add_vault_args(p)
    add_json_arg(p)
    p.set_defaults(func=cmd_status)

    p = csub.add_parser("generate", help="write a synthetic FHIR census (same seed, same file)")
    p.add_argument("--patients", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, required=True, metavar="S")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.add_argument("--beds", type=int, default=None, metavar="N",
                   help="beds on the ward(s) (default: a few more than patients)")
    p.add_argument("--generated-at", default=None, metavar="ISO8601",
                   help="the snapshot's timestamp (default: a fixed date, so that the file "
                        "depends on the seed only)")
    p.set_defaults(func=cmd_generate)


def cmd_import(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        try:
            summary = census.import_census(vault, args.file)
        except InvalidInput as exc:
            _report_problems(args, exc)
            raise
    if args.json:
        print_json(summary.to_json())
        return 0
    if summary.already_imported:
        print(f"{summary.source}: already imported (snapshot {summary.snapshot_id}); "
              "nothing changed")
    print(f"imported: {summary.imported}  updated: {summary.updated}  "
          f"unchanged: {summary.unchanged}  refused: {summary.refused}  "
          f"ignored: {summary.ignored}  left: {summary.left}")
    for refusal in summary.refused_details:
        print(f"  refused {refusal}")
    for what, count in sorted(summary.ignored_details.items()):
        print(f"  ignored {count} x {what}")
    return 0


def _report_problems(args: argparse.Namespace, exc: InvalidInput) -> None:
    """With --json, where the file is malformed (lines and columns, never a value)
    also goes to standard output; the command line lists it on stderr either way."""
    if args.json:
        print_json({"error": str(exc), "problems": exc.problems})


def cmd_status(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        status = census.census_status(vault)
    data: dict[str, Any] = status.to_json()
    if args.json:
        print_json(data)
        return 0
    if data["source"] is None:
        print("no census imported yet")
    else:
        print(f"census: {data['label']}")
        print(f"source: {data['source']} ({data['source_kind']}), generated at "
              f"{data['generated_at']} [{data['generated_at_basis']}]")
        print(f"imported at {data['imported_at']} by {data['imported_by']}")
    counts = data["patients"]
    print(f"patients: {counts['present']} present ({counts['admitted_on_ward']} admitted on "
          "the ward), "
          f"{counts['left']} left; snapshots: {data['snapshots']}")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    if args.patients < 0 or (args.beds is not None and args.beds < args.patients):
        raise UsageError("--patients must be >= 0 and --beds at least --patients")
    try:
        at = parse_iso(args.generated_at) if args.generated_at else None
    except ValueError:
        raise UsageError("--generated-at: not an ISO 8601 date-time") from None
    try:
        out = census.generate_census(args.out, args.patients, args.seed, generated_at=at,
                                     beds=args.beds)
    except OSError as exc:  # a folder that does not exist, no write permission, disk full
        raise InvalidInput(f"cannot write {args.out}: {exc.strerror}") from None
    print(f"wrote {out} ({args.patients} patients, seed {args.seed})")
    return 0
