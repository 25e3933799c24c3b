"""enroll, sync status|export|push|receipts (the ward's side of sync)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from care_degraded.commands.common import (
    add_json_arg,
    add_vault_args,
    open_vault,
    print_json,
    report,
)
from care_degraded.services import sync


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("enroll", help="enrol this ward machine with the hub (IT's enrolment file)")
    add_vault_args(p)
    p.add_argument("--file", type=Path, required=True, metavar="FILE")
    p.add_argument("--replace", action="store_true",
                   help="replace an existing enrolment (another hub)")
    add_json_arg(p)
    p.set_defaults(func=cmd_enroll)

    group = sub.add_parser("sync", help="send records to the hub: status, export, push, receipts")
    gsub = group.add_subparsers(dest="sync_command", metavar="ACTION")
    gsub.required = True
    p = gsub.add_parser("status", help="revisions waiting to be sent, last receipt")
    add_vault_args(p)
    add_json_arg(p)
    p.set_defaults(func=cmd_status)
    p = gsub.add_parser("export", help="write the next bundle into a folder (USB stick)")
    add_vault_args(p)
    p.add_argument("--to", type=Path, required=True, metavar="DIR")
    p.add_argument("--full", action="store_true", help="every revision, not only the pending")
    add_json_arg(p)
    p.set_defaults(func=cmd_export)
    p = gsub.add_parser("push", help="send pending revisions to the hub over HTTPS")
    add_vault_args(p)
    p.add_argument("--url", default=None, metavar="URL", help="hub URL (default: enrolment's)")
    add_json_arg(p)
    p.set_defaults(func=cmd_push)
    p = gsub.add_parser("receipts", help="verify and apply hub receipt files")
    add_vault_args(p)
    p.add_argument("files", type=Path, nargs="+", metavar="FILE")
    add_json_arg(p)
    p.set_defaults(func=cmd_receipts)


def cmd_enroll(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        info = sync.enroll(vault, args.file, replace=args.replace)
    report(args, info,
           f"enrolled with hub {info['hub_id']} (ward {info['ward']}, device {info['device']})")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        info = sync.status(vault)
    if args.json:
        print_json(info)
    else:
        for key, value in info.items():
            print(f"{key:<28} {value}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        info = sync.export(vault, args.to, full=args.full)
    report(args, info,
           f"{info['file']}: bundle {info['sequence']}, {info['revisions']} revisions")
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        info = sync.push(vault, url=args.url)
    report(args, info,
           f"{info['bundles']} bundle(s) sent, {info['acknowledged']} revisions acknowledged,"
           f" {info['pending']} pending")
    return 0


def cmd_receipts(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        results = sync.apply_receipts(vault, args.files)
        pending = sync.status(vault)["pending"]
    if args.json:
        print_json({"receipts": results, "pending": pending})
    else:
        for r in results:
            print(f"bundle {r['sequence']}: {r['acknowledged']} revisions acknowledged"
                  f" ({r['conflicts']} held as conflicts by IT)")
        print(f"{pending} pending", file=sys.stdout)
    return 0
