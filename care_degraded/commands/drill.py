"""drill start | status | pause | resume | end | report | scenarios: crisis exercises."""

from __future__ import annotations

import argparse
from pathlib import Path

from care_degraded.commands.common import (
    add_json_arg,
    add_new_passphrase_arg,
    add_vault_arg,
    add_vault_args,
    new_passphrase,
    open_vault,
    print_json,
    report,
    vault_dir,
)
from care_degraded.domain.errors import UsageError
from care_degraded.domain.scenario import SPEEDS, offset_text
from care_degraded.services import drill
from care_degraded.services.keys import read_recipient


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p0 = sub.add_parser("drill", help="crisis exercises: a separate drill vault, a scenario, "
                                      "its clock and the RETEX report")
    dsub = p0.add_subparsers(dest="drill_command", metavar="ACTION")
    dsub.required = True

    p = dsub.add_parser("start", help="create a drill vault (never the production one) "
                                      "with a synthetic ward and a scenario")
    add_vault_arg(p)
    p.add_argument("--scenario", required=True, metavar="FILE_OR_NAME",
                   help="a scenario file, or a shipped scenario's name (drill scenarios)")
    p.add_argument("--user", required=True, metavar="LOGIN", help="the drill's manager")
    p.add_argument("--name", required=True, metavar="DISPLAY_NAME")
    p.add_argument("--recovery-pubkey", type=Path, required=True, metavar="FILE")
    p.add_argument("--patients", type=int, default=drill.DEFAULT_PATIENTS, metavar="N",
                   help=f"synthetic patients (default {drill.DEFAULT_PATIENTS})")
    p.add_argument("--speed", type=int, default=1, choices=SPEEDS,
                   help="scenario clock: real time (1) or accelerated (2, 10)")
    add_new_passphrase_arg(p)
    add_json_arg(p)
    p.set_defaults(func=cmd_start)

    for name, helptext in (("status", "scenario time, state, injects fired and next"),
                           ("pause", "pause the scenario clock"),
                           ("resume", "run the scenario clock again"),
                           ("end", "close the exercise (the drill vault is kept for the "
                                   "RETEX report)")):
        p = dsub.add_parser(name, help=helptext)
        add_vault_args(p)
        add_json_arg(p)
        p.set_defaults(func=cmd_status, action=name)

    p = dsub.add_parser("report", help="the RETEX report (PDF): timeline, expected actions, "
                                       "delays, records, lessons")
    add_vault_args(p)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    add_json_arg(p)
    p.set_defaults(func=cmd_report)

    p = dsub.add_parser("scenarios", help="the shipped scenarios")
    add_json_arg(p)
    p.set_defaults(func=cmd_scenarios)


def cmd_start(args: argparse.Namespace) -> int:
    if args.vault is None:
        raise UsageError("drill start needs --vault DIR: a folder of its own, never the "
                         "production vault")
    scenario = drill.load_scenario(args.scenario)
    recipient = read_recipient(args.recovery_pubkey)
    secret = new_passphrase(args, args.user)
    path = drill.start_drill(vault_dir(args), scenario, args.user, args.name, secret,
                             recipient, patients=args.patients, speed=args.speed)
    report(args, {"vault": str(path), "scenario": scenario.name, "speed": args.speed,
                  "patients": args.patients, "exercise": True},
           f"drill vault created: {path} (scenario {scenario.name}, speed ×{args.speed}, "
           f"{args.patients} synthetic patients); open it with care-degraded-gui --vault {path}")
    return 0


def _status_line(st: drill.DrillStatus) -> str:
    nxt = st.next_inject
    after = (f"; next {nxt.inject.id} at {offset_text(nxt.inject.offset)}" if nxt else
             "; no inject left")
    return (f"drill {st.scenario.name}: {st.state}, ×{st.clock.speed}, "
            f"{offset_text(st.elapsed)} ({st.scenario.wall_clock(st.elapsed)}), "
            f"{len(st.fired)}/{len(st.injects)} injects fired{after}")


def cmd_status(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        action = {"status": drill.status, "pause": drill.pause_drill,
                  "resume": drill.resume_drill, "end": drill.end_drill}[args.action]
        st = action(vault)
    if args.json:
        print_json(st.to_json())
        return 0
    print(_status_line(st))
    if args.action == "status":
        for i in st.fired:
            print(f"  {offset_text(i.inject.offset)}  {i.inject.text('fr')}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from care_degraded.services.retex import print_retex

    with open_vault(args) as vault:
        result = print_retex(vault, args.out)
    report(args, {"out": str(args.out), "pages": result.pages},
           f"RETEX report: {args.out} ({result.pages} pages)")
    return 0


def cmd_scenarios(args: argparse.Namespace) -> int:
    found = drill.scenarios()
    if args.json:
        print_json([{"name": s.name, "title": s.title("fr"), "title_en": s.title_en,
                     "duration": offset_text(s.duration).lstrip("+"),
                     "injects": len(s.injects)} for s in found])
        return 0
    for s in found:
        print(f"{s.name:<20} {offset_text(s.duration).lstrip('+'):>6}  {s.title('fr')}")
    return 0
