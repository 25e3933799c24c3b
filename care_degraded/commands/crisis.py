"""crisis add | list | amend | void: the crisis log (main courante)."""

from __future__ import annotations

import argparse

from care_degraded.commands.common import add_json_arg, add_vault_args, open_vault, print_json
from care_degraded.domain.clock import iso
from care_degraded.services import crisis_log
from care_degraded.services.crisis_log import CATEGORIES, CrisisEntry


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    crisis = sub.add_parser("crisis", help="the crisis log (main courante): add, list, amend, void")
    csub = crisis.add_subparsers(dest="crisis_command", metavar="ACTION")
    csub.required = True

    p = csub.add_parser("add", help="write an entry, timed now, by the acting user")
    add_vault_args(p)
    p.add_argument("--category", required=True, choices=CATEGORIES)
    p.add_argument("--text", required=True)
    p.add_argument("--patient", default=None, metavar="ID",
                   help="patient id, IPP or provisional number (optional)")
    add_json_arg(p)
    p.set_defaults(func=cmd_add)

    p = csub.add_parser("list", help="every entry, in the order the log was kept")
    add_vault_args(p)
    add_json_arg(p)
    p.set_defaults(func=cmd_list)

    p = csub.add_parser("amend", help="a new revision of an entry (its time is kept)")
    add_vault_args(p)
    p.add_argument("--entry", required=True, metavar="UUID", help="entry (any revision)")
    p.add_argument("--text", required=True)
    p.add_argument("--category", default=None, choices=CATEGORIES)
    add_json_arg(p)
    p.set_defaults(func=cmd_amend)

    p = csub.add_parser("void", help="mark an entry entered-in-error, with the reason")
    add_vault_args(p)
    p.add_argument("--entry", required=True, metavar="UUID", help="entry (any revision)")
    p.add_argument("--reason", required=True)
    add_json_arg(p)
    p.set_defaults(func=cmd_void)


def _line(e: CrisisEntry) -> str:
    patient = f" [patient {e.patient_ref}]" if e.patient_ref else ""
    status = ""
    if e.voided:
        status = f" (entered-in-error: {e.reason})"
    elif e.revisions > 1:
        status = f" (amended by {e.revised_by} {iso(e.revised_at)[:16]})"
    return (f"{iso(e.at)[:19]}  {e.category.value:<11} {e.author:<12} {e.text}{patient}"
            f"{status}  {e.entry_id}")


def _out(args: argparse.Namespace, entry: CrisisEntry) -> int:
    if args.json:
        print_json(entry.to_json())
    else:
        print(_line(entry))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        entry = crisis_log.add_entry(vault, args.category, args.text, args.patient)
    return _out(args, entry)


def cmd_amend(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        entry = crisis_log.amend_entry(vault, args.entry, args.text, args.category)
    return _out(args, entry)


def cmd_void(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        entry = crisis_log.void_entry(vault, args.entry, args.reason)
    return _out(args, entry)


def cmd_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        found = crisis_log.entries(vault)
    if args.json:
        print_json([e.to_json() for e in found])
        return 0
    for e in found:
        print(_line(e))
    return 0
