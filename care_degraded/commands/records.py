"""record add | amend | void | list | show."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from care_degraded.commands.common import add_json_arg, add_vault_args, open_vault, print_json
from care_degraded.domain.clock import iso, parse_iso
from care_degraded.domain.errors import InvalidInput
from care_degraded.domain.revision import Revision
from care_degraded.services import forms, records


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rec = sub.add_parser("record", help="care records: add, amend, void, list, show")
    rsub = rec.add_subparsers(dest="record_command", metavar="ACTION")
    rsub.required = True

    p = rsub.add_parser("add", help="record care for a patient from a form")
    add_vault_args(p)
    p.add_argument("--patient", required=True, metavar="ID")
    p.add_argument("--form", required=True, metavar="URL_OR_ID")
    p.add_argument("--answers", type=Path, required=True, metavar="FILE.json",
                   help="a QuestionnaireResponse or a plain {linkId: value} object")
    p.add_argument("--effective-at", type=_iso_datetime, default=None, metavar="ISO8601",
                   help="when the care happened (default: now)")
    add_json_arg(p)
    p.set_defaults(func=cmd_add)

    p = rsub.add_parser("amend", help="a new revision of a record")
    add_vault_args(p)
    p.add_argument("--record", required=True, metavar="UUID")
    p.add_argument("--answers", type=Path, required=True, metavar="FILE.json")
    add_json_arg(p)
    p.set_defaults(func=cmd_amend)

    p = rsub.add_parser("void", help="mark a record entered-in-error")
    add_vault_args(p)
    p.add_argument("--record", required=True, metavar="UUID")
    p.add_argument("--reason", required=True)
    add_json_arg(p)
    p.set_defaults(func=cmd_void)

    p = rsub.add_parser("list", help="records, newest first")
    add_vault_args(p)
    p.add_argument("--patient", default=None, metavar="ID")
    add_json_arg(p)
    p.set_defaults(func=cmd_list)

    p = rsub.add_parser("show", help="one record (its latest revision, or its history)")
    add_vault_args(p)
    p.add_argument("--record", required=True, metavar="UUID")
    p.add_argument("--history", action="store_true")
    add_json_arg(p)
    p.set_defaults(func=cmd_show)


def _no_constant(name: str) -> Any:
    # NaN and Infinity are not JSON (RFC 8259) and no measurement: refuse the file.
    raise ValueError(name)


def _iso_datetime(text: str) -> datetime:
    # A bad date is a usage error (exit 2) told by argparse, not an internal error.
    try:
        return parse_iso(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected an ISO 8601 date-time, "
                                         "e.g. 2026-11-29T14:05:00+01:00") from None


def read_answers(path: Path) -> dict[str, Any]:
    """The JSON object in ``path`` (a QuestionnaireResponse or plain answers)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"),  # BOM from Notepad
                          parse_constant=_no_constant)
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # JSONDecodeError: a ValueError
        raise InvalidInput(f"{path}: not valid JSON ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{path}: expected a JSON object")
    return data


def revision_json(rev: Revision) -> dict[str, Any]:
    return {
        "uuid": rev.uuid, "record_id": rev.record_id, "kind": rev.kind,
        "patient": rev.patient_ref, "author": rev.author, "device": rev.device,
        "recorded_at": iso(rev.created_at), "supersedes": rev.supersedes,
        "status": rev.status.value, "form_url": rev.payload.get("form_url"),
        "form_version": rev.payload.get("form_version"),
        "effective_at": rev.payload.get("effective_at"),
        "answers": rev.payload.get("answers"), "reason": rev.payload.get("reason"),
    }


def _report(args: argparse.Namespace, rev: Revision, verb: str) -> int:
    if args.json:
        print_json(revision_json(rev))
    else:
        print(f"{verb}: {rev.uuid} (record {rev.record_id}, {rev.status.value})")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    answers = read_answers(args.answers)
    effective: datetime | None = args.effective_at
    with open_vault(args) as vault:
        rev = records.record_care(vault, forms.library(), args.patient, args.form, answers,
                                  effective_at=effective)
    return _report(args, rev, "recorded")


def cmd_amend(args: argparse.Namespace) -> int:
    answers = read_answers(args.answers)
    with open_vault(args) as vault:
        rev = records.amend(vault, forms.library(), args.record, answers)
    return _report(args, rev, "amended")


def cmd_void(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        rev = records.void(vault, args.record, args.reason)
    return _report(args, rev, "marked entered-in-error")


def cmd_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        if args.patient:
            revs = [vault.revisions.get(s.uuid)
                    for s in records.patient_records(vault, args.patient)]
        else:
            revs = records.all_records(vault)
    if args.json:
        print_json([revision_json(r) for r in revs])
        return 0
    for r in revs:
        print(f"{r.uuid}  {r.payload.get('effective_at', '')[:16]}  {r.patient_ref or '-':<14} "
              f"{r.payload.get('form_title') or r.payload.get('form_url')}  {r.author}  "
              f"{r.status.value}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        history = records.record_history(vault, args.record)
    shown = history if args.history else [history[-1]]
    if args.json:
        print_json([revision_json(r) for r in shown] if args.history else revision_json(shown[0]))
        return 0
    for r in shown:
        print(f"revision {r.uuid}  {iso(r.created_at)}  {r.author}  {r.status.value}")
        print(f"  form {r.payload.get('form_url')} v{r.payload.get('form_version')}, "
              f"effective {r.payload.get('effective_at')}")
        if r.payload.get("reason"):
            print(f"  reason: {r.payload['reason']}")
        for key, value in (r.payload.get("answers") or {}).items():
            print(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
    return 0
