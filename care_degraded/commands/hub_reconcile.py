"""hub census import|identities|link|unlink|conflicts|resolve|worklist|report (IT, after recovery)."""

from __future__ import annotations

import argparse
from pathlib import Path

from care_degraded.commands.common import PASSPHRASE_ENV, add_json_arg, passphrase, print_json
from care_degraded.domain.errors import UsageError
from care_degraded.services import reconcile


def hub_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dir", type=Path, required=True, metavar="DIR", help="hub store folder")
    p.add_argument("--as", dest="as_login", required=True, metavar="LOGIN", help="IT user")
    p.add_argument("--passphrase-file", type=Path, default=None, metavar="FILE",
                   help=f"read the passphrase from FILE (else ${PASSPHRASE_ENV}, else a prompt)")


def _open(args: argparse.Namespace) -> reconcile.HubStore:
    return reconcile.open_for_it(args.dir, args.as_login, passphrase(args))


def register(gsub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    census = gsub.add_parser("census", help="the EHR's patient list after recovery")
    csub = census.add_subparsers(dest="census_command", metavar="ACTION")
    csub.required = True
    p = csub.add_parser("import", help="load the EHR's patient list (FHIR Bundle or CSV)")
    hub_args(p)
    p.add_argument("file", type=Path, metavar="FILE")
    add_json_arg(p)
    p.set_defaults(func=cmd_census_import)

    p = gsub.add_parser("identities", help="provisional identities and their candidates")
    hub_args(p)
    p.add_argument("--ward", default=None, metavar="W")
    add_json_arg(p)
    p.set_defaults(func=cmd_identities)

    p = gsub.add_parser("link", help="link a provisional identity (never automatic)")
    hub_args(p)
    p.add_argument("--provisional", required=True, metavar="NUMBER")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--ipp", default=None, metavar="IPP")
    target.add_argument("--same-as", default=None, metavar="NUMBER")
    target.add_argument("--new", action="store_true", help="a new patient for the EHR")
    p.add_argument("--reason", required=True)
    add_json_arg(p)
    p.set_defaults(func=cmd_link)

    p = gsub.add_parser("unlink", help="undo a provisional identity's link")
    hub_args(p)
    p.add_argument("--provisional", required=True, metavar="NUMBER")
    p.add_argument("--reason", required=True)
    add_json_arg(p)
    p.set_defaults(func=cmd_unlink)

    p = gsub.add_parser("identity-audit", help="every link and unlink, with who and why")
    hub_args(p)
    p.add_argument("--provisional", default=None, metavar="NUMBER")
    add_json_arg(p)
    p.set_defaults(func=cmd_identity_audit)

    p = gsub.add_parser("conflicts", help="conflicts and clinical double entries")
    hub_args(p)
    p.add_argument("--open", action="store_true", help="only those not decided yet")
    add_json_arg(p)
    p.set_defaults(func=cmd_conflicts)

    p = gsub.add_parser("resolve", help="IT's decision on one conflict (audited)")
    hub_args(p)
    p.add_argument("--conflict", required=True, metavar="ID")
    p.add_argument("--decision", required=True, choices=["keep-both", "void", "not-duplicate"])
    p.add_argument("--revision", default=None, metavar="UUID",
                   help="the revision in error (needed with --decision void)")
    p.add_argument("--reason", required=True)
    add_json_arg(p)
    p.set_defaults(func=cmd_resolve)

    p = gsub.add_parser("report", help="recovery status or outage summary (PDF)")
    hub_args(p)
    p.add_argument("--kind", required=True, choices=["recovery", "outage"])
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    add_json_arg(p)
    p.set_defaults(func=cmd_report)

    p = gsub.add_parser("worklist", help="back-entry worklist: list, mark, print")
    p.add_argument("action", nargs="?", choices=["list", "mark", "print"], default="list")
    hub_args(p)
    p.add_argument("--ward", default=None, metavar="W")
    p.add_argument("--patient", default=None, metavar="ID", help="an IPP or provisional number")
    p.add_argument("--scan", default=None, metavar="TEXT",
                   help="a scanned worklist line (its QR text) or an item id: that line only")
    p.add_argument("--item", default=None, metavar="ID")
    p.add_argument("--state", default=None, choices=["exported", "re-entered", "not-needed",
                                                      "to-do"])
    p.add_argument("--reason", default=None)
    p.add_argument("--out", type=Path, default=None, metavar="FILE.pdf")
    add_json_arg(p)
    p.set_defaults(func=cmd_worklist)


def cmd_census_import(args: argparse.Namespace) -> int:
    with _open(args) as store:
        info = reconcile.census_import(store, args.file)
    if args.json:
        print_json(info)
    elif info["already_imported"]:
        print(f"{info['source']}: already imported, nothing written")
    else:
        print(f"{info['source']}: {info['imported']} new, {info['updated']} updated, "
              f"{info['unchanged']} unchanged, {info['refused']} refused, "
              f"{info['without_ipp']} without IPP (left out)")
    return 0


def cmd_identities(args: argparse.Namespace) -> int:
    with _open(args) as store:
        found = reconcile.identities_list(store, args.ward)
    if args.json:
        print_json(found)
        return 0
    for ident in found:
        print(f"{ident['provisional_number']:<16} {ident['ward']:<24} {ident['status']:<8} "
              f"-> {ident['resolved']}  ({ident['records']} record(s))")
        for cand in ident["candidates"]:
            who = cand.get("ipp") or cand.get("provisional_number")
            print(f"    {cand['score']:>3}  {who:<16} {', '.join(cand['reasons'])}")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    with _open(args) as store:
        info = reconcile.link(store, args.provisional, ipp=args.ipp, same_as=args.same_as,
                              new=args.new, reason=args.reason)
    if args.json:
        print_json(info)
    else:
        print(f"{info['provisional_number']} {info['status']} -> {info['target']} "
              f"(revision {info['revision']})")
    return 0


def cmd_unlink(args: argparse.Namespace) -> int:
    with _open(args) as store:
        info = reconcile.unlink(store, args.provisional, args.reason)
    if args.json:
        print_json(info)
    else:
        print(f"{info['provisional_number']} unlinked (revision {info['revision']})")
    return 0


def cmd_identity_audit(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = reconcile.audit(store, args.provisional)
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(f"{r['at']} {r['author']:<12} {r['action']:<7} {r['object']} -> "
                  f"{r['target_kind']} {r['target']}: {r['reason']}")
    return 0


def cmd_worklist(args: argparse.Namespace) -> int:
    if args.action == "mark" and (not args.item or not args.state):
        raise UsageError("hub worklist mark needs --item ID and --state STATE")
    if args.action == "print" and (not args.ward or not args.out):
        raise UsageError("hub worklist print needs --ward W and --out FILE.pdf")
    with _open(args) as store:
        if args.action == "mark":
            info = reconcile.worklist_mark(store, args.item, args.state, args.reason)
            if args.json:
                print_json(info)
            else:
                print(f"{info['id']}: {info['state']} ({info['by']}, {info['at']})")
            return 0
        if args.action == "print":
            info = reconcile.worklist_print(store, args.ward, args.out)
            if args.json:
                print_json(info)
            else:
                print(f"worklist of {args.ward}: {info['items']} line(s), {info['pages']} "
                      f"page(s) in {info['file']}")
            return 0
        found = reconcile.worklist_items(store, args.ward, args.patient, args.scan)
    if args.json:
        print_json(found)
        return 0
    for i in found:
        print(f"{i['ward']:<22} {i['patient']:<14} {i['effective_at'][:16]} {i['kind']:<10} "
              f"{i['export']:<9} {i['state']:<10} {i['id']}")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    with _open(args) as store:
        found = reconcile.conflicts_list(store)
    if args.open:
        found = [c for c in found if c["status"] == "open"]
    if args.json:
        print_json(found)
        return 0
    for c in found:
        print(f"{c['id']}  {c['kind']:<16} {c['patient']:<14} {c['status']:<8} {c['detail']}")
        for r in c["revisions"]:
            print(f"    {r['uuid']}  {r.get('ward', '')}  {r.get('effective_at', '')[:16]}")
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    with _open(args) as store:
        info = reconcile.resolve(store, args.conflict, args.decision, args.revision, args.reason)
    if args.json:
        print_json(info)
    else:
        print(f"{info['id']}: {info['decision']} ({info['by']}, revision {info['hub_revision']})")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    with _open(args) as store:
        info = reconcile.report(store, args.kind, args.out)
    if args.json:
        print_json(info)
    else:
        print(f"{args.kind} report: {info['file']}")
    return 0
