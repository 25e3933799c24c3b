"""hub init|enroll-device|devices|ingest|serve|status (IT's side of sync); the
reconciliation commands are in commands/hub_reconcile.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from care_degraded.commands import hub_reconcile
from care_degraded.commands.common import (
    PASSPHRASE_ENV,
    add_json_arg,
    add_new_passphrase_arg,
    new_passphrase,
    passphrase,
    print_json,
    report,
)
from care_degraded.domain.errors import UsageError
from care_degraded.services import hub
from care_degraded.services.keys import read_recipient


def _hub_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dir", type=Path, required=True, metavar="DIR", help="hub store folder")
    p.add_argument("--as", dest="as_login", required=True, metavar="LOGIN", help="IT user")
    p.add_argument("--passphrase-file", type=Path, default=None, metavar="FILE",
                   help=f"read the passphrase from FILE (else ${PASSPHRASE_ENV}, else a prompt)")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("hub", help="IT: the hub that receives ward bundles")
    gsub = group.add_subparsers(dest="hub_command", metavar="ACTION")
    gsub.required = True

    p = gsub.add_parser("init", help="create a hub store with its first IT user")
    p.add_argument("--dir", type=Path, required=True, metavar="DIR")
    p.add_argument("--user", required=True, metavar="LOGIN")
    p.add_argument("--name", required=True, metavar="DISPLAY_NAME")
    p.add_argument("--recovery-pubkey", type=Path, required=True, metavar="FILE")
    p.add_argument("--url", default=None, metavar="URL", help="the URL wards push to")
    p.add_argument("--exercise", action="store_true",
                   help="an exercise hub: takes drill bundles only")
    add_new_passphrase_arg(p)
    add_json_arg(p)
    p.set_defaults(func=cmd_init)

    p = gsub.add_parser("enroll-device", help="write an enrolment file for one ward machine")
    _hub_args(p)
    p.add_argument("--ward", required=True, metavar="NAME")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.add_argument("--url", default=None, metavar="URL")
    p.add_argument("--cert", type=Path, default=None, metavar="FILE",
                   help="the hub's TLS certificate (PEM): its fingerprint is pinned by the ward")
    add_json_arg(p)
    p.set_defaults(func=cmd_enroll_device)

    p = gsub.add_parser("devices", help="enrolled ward machines: list, revoke")
    p.add_argument("action", choices=["list", "revoke"])
    _hub_args(p)
    p.add_argument("--device", default=None, metavar="ID")
    add_json_arg(p)
    p.set_defaults(func=cmd_devices)

    p = gsub.add_parser("ingest", help="verify and store bundle files, write receipts")
    _hub_args(p)
    p.add_argument("files", type=Path, nargs="+", metavar="FILE")
    p.add_argument("--receipts-to", type=Path, default=None, metavar="DIR")
    add_json_arg(p)
    p.set_defaults(func=cmd_ingest)

    p = gsub.add_parser("serve", help="receive bundles over HTTPS")
    _hub_args(p)
    p.add_argument("--listen", required=True, metavar="HOST:PORT")
    p.add_argument("--cert", type=Path, default=None, metavar="FILE")
    p.add_argument("--key", type=Path, default=None, metavar="FILE")
    p.add_argument("--max-bytes", type=int, default=None, metavar="N",
                   help="largest bundle accepted (default 256 MiB)")
    p.set_defaults(func=cmd_serve)

    p = gsub.add_parser("status", help="per device: last sequence, gaps, revisions")
    _hub_args(p)
    add_json_arg(p)
    p.set_defaults(func=cmd_status)

    hub_reconcile.register(gsub)


def _open(args: argparse.Namespace) -> hub.HubStore:
    return hub.open_hub(args.dir, args.as_login, passphrase(args))


def cmd_init(args: argparse.Namespace) -> int:
    recipient = read_recipient(args.recovery_pubkey)
    secret = new_passphrase(args, args.user)
    with hub.create_hub(args.dir, args.user, args.name, secret, recipient, url=args.url,
                        exercise=args.exercise) as store:
        info = {"hub_id": store.hub_id, "dir": str(args.dir), "exercise": store.exercise,
                "recipient": store.recipient, "receipt_key": store.receipt_public_key}
    report(args, info,
           f"hub {info['hub_id']} created in {args.dir}")
    return 0


def cmd_enroll_device(args: argparse.Namespace) -> int:
    with _open(args) as store:
        info = hub.enroll_device(store, args.ward, args.out, url=args.url, certificate=args.cert)
    report(args, info,
           f"enrolment file for {info['ward']}: {info['file']} (one machine, keep it secret)")
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    with _open(args) as store:
        if args.action == "revoke":
            if not args.device:
                raise UsageError("hub devices revoke needs --device ID")
            store.revoke(args.device)
            report(args, {"revoked": args.device},
                   f"device {args.device} revoked")
            return 0
        devices = store.devices()
    if args.json:
        print_json({"devices": devices})
    else:
        for d in devices:
            state = "revoked" if d["revoked"] else ("bound" if d["device"] else "not yet used")
            print(f"{d['device'] or '-':<38} {d['ward']:<20} {state}")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    if args.receipts_to is not None and not args.receipts_to.is_dir():
        raise FileNotFoundError(2, "no such folder", str(args.receipts_to))
    with _open(args) as store:
        summary = hub.ingest_files(store, list(args.files), args.receipts_to)
    code = int(summary.pop("exit_code"))
    if args.json:
        print_json(summary)
    else:
        print(f"{summary['ingested']}/{summary['bundles']} bundle(s): {summary['accepted']} "
              f"revisions accepted, {summary['held']} already held, {summary['duplicates']} "
              f"duplicate bundle(s), {summary['conflicts']} conflict(s)")
        for gap in summary["gaps"]:
            print(f"device {gap['device']}: missing bundle(s) {gap['missing']}")
        for alert in summary["alerts"]:
            print(f"{alert['file']}: {alert['alert']}")
    for refusal in summary["refused"]:
        print(f"care-degraded: {refusal['file']}: {refusal['reason']}", file=sys.stderr)
    return code


def cmd_serve(args: argparse.Namespace) -> int:
    from care_degraded.hub.server import serve
    from care_degraded.sync.bundle import DEFAULT_MAX_BYTES

    def ready(url: str) -> None:
        print(f"hub listening on {url}", flush=True)

    with _open(args) as store:
        serve(store, args.listen, args.cert, args.key,
              max_bytes=args.max_bytes or DEFAULT_MAX_BYTES, ready=ready)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with _open(args) as store:
        info = store.status()
    if args.json:
        print_json(info)
    else:
        for d in info["devices"]:
            print(f"{d['device']:<38} {d['ward']:<20} sequence {d['last_sequence']:<6} "
                  f"gaps {d['gaps'] or '-'}  {d['revisions']} revisions")
        print(" ".join(f"{k}={v}" for k, v in sorted(info["totals"].items())))
    return 0
