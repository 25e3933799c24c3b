"""checklist start | tick | end | show | list."""

from __future__ import annotations

import argparse

from care_degraded.commands.common import add_json_arg, add_vault_args, open_vault, print_json
from care_degraded.domain.clock import iso
from care_degraded.services import checklists, forms
from care_degraded.services.checklists import RunState


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    chk = sub.add_parser("checklist", help="downtime checklists: start, tick, end, show, list")
    csub = chk.add_subparsers(dest="checklist_command", metavar="ACTION")
    csub.required = True

    p = csub.add_parser("start", help="start a run for a phase")
    add_vault_args(p)
    p.add_argument("--phase", required=True, metavar="PHASE",
                   help="start, shift, recovery (or a checklist form url or id)")
    add_json_arg(p)
    p.set_defaults(func=cmd_start)

    p = csub.add_parser("tick", help="tick (or untick) an item of a run")
    add_vault_args(p)
    p.add_argument("--run", required=True, metavar="RUN_ID")
    p.add_argument("--item", required=True, metavar="LINK_ID")
    p.add_argument("--uncheck", action="store_true")
    p.add_argument("--note", default=None)
    add_json_arg(p)
    p.set_defaults(func=cmd_tick)

    p = csub.add_parser("end", help="close a run")
    add_vault_args(p)
    p.add_argument("--run", required=True, metavar="RUN_ID")
    add_json_arg(p)
    p.set_defaults(func=cmd_end)

    p = csub.add_parser("show", help="a run: items, who ticked them and when, progress per role")
    add_vault_args(p)
    p.add_argument("--run", required=True, metavar="RUN_ID")
    add_json_arg(p)
    p.set_defaults(func=cmd_show)

    p = csub.add_parser("list", help="checklist runs, newest first")
    add_vault_args(p)
    p.add_argument("--active", action="store_true", help="only runs not yet closed")
    add_json_arg(p)
    p.set_defaults(func=cmd_list)


def _print_state(state: RunState) -> None:
    closed = f", closed {iso(state.ended_at)}" if state.ended_at else ""
    print(f"{state.title} — run {state.run_id} ({state.phase}), started {iso(state.started_at)} "
          f"by {state.started_by}{closed}")
    for role, (done, total) in state.progress().items():
        print(f"  {role:<8} {done}/{total}")
    for item in state.items:
        mark = "[x]" if item.checked else "[ ]"
        who = f"  — {item.by} {iso(item.at)}" if item.checked and item.by and item.at else ""
        print(f"  {mark} {item.link_id:<24} {item.label}{who}")


def _out(args: argparse.Namespace, state: RunState) -> int:
    if args.json:
        print_json(state.to_json())
    else:
        _print_state(state)
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        state = checklists.start_run(vault, forms.vault_library(vault), args.phase)
    return _out(args, state)


def cmd_tick(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        state = checklists.tick(vault, forms.vault_library(vault), args.run, args.item,
                                checked=not args.uncheck, note=args.note)
    return _out(args, state)


def cmd_end(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        state = checklists.end_run(vault, forms.vault_library(vault), args.run)
    return _out(args, state)


def cmd_show(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        state = checklists.run_state(vault, forms.vault_library(vault), args.run)
    return _out(args, state)


def cmd_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        states = checklists.runs(vault, forms.vault_library(vault), active_only=args.active)
    if args.json:
        print_json([s.to_json() for s in states])
        return 0
    for s in states:
        done = sum(i.checked for i in s.items)
        state = "closed" if s.ended_at else "open"
        print(f"{s.run_id}  {s.phase:<9} {iso(s.started_at)[:16]}  {done}/{len(s.items)}  {state}")
    return 0
