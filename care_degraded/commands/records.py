"""record add | amend | void | list | show."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from care_degraded.commands.common import add_json_arg, add_vault_args, open_vault, print_json
from care_degraded.domain.clock import iso
from care_degraded.domain.errors import InvalidInput
from care_degraded.domain.news2 import INPUT_OF
from care_degraded.domain.record import Record, RecordKind
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
                   help="when the care happened (default: now; without an offset: the ward's local time)")
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
    # Without an offset it stays naive: the service reads it as the ward's wall clock.
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
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


def revision_json(rec: Record) -> dict[str, Any]:
    return {
        "uuid": rec.uuid, "record_id": rec.record_id, "kind": rec.revision_kind,
        "patient": rec.patient_ref, "author": rec.author, "device": rec.device,
        "recorded_at": iso(rec.recorded_at), "supersedes": rec.supersedes,
        "status": rec.stored_status.value, "form_url": rec.form_url or None,
        "form_version": rec.form_version,
        "effective_at": rec.effective_at.isoformat(timespec="microseconds"),
        "answers": rec.answers, "reason": rec.reason,
        **({"news2": _news2_json(rec)} if rec.kind is RecordKind.VITALS else {}),
    }


def _news2_json(rec: Record) -> dict[str, Any]:
    """The NEWS2 as the board reads it: a partial set keeps its total, level and gaps."""
    score = rec.news2()
    return {"total": score.total, "level": score.level or None,
            "partial": score.total is not None and bool(score.missing),
            "missing": [INPUT_OF[k] for k in score.missing] if score.total is not None
            else []}


def _report(args: argparse.Namespace, rec: Record, verb: str) -> int:
    if args.json:
        print_json(revision_json(rec))
    else:
        print(f"{verb}: {rec.uuid} (record {rec.record_id}, {rec.stored_status.value})")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    answers = read_answers(args.answers)
    effective: datetime | None = args.effective_at
    with open_vault(args) as vault:
        rev = records.record_care(vault, forms.vault_library(vault), args.patient, args.form,
                                  answers, effective_at=effective)
        rec = records.get_record(vault, rev.uuid)
    return _report(args, rec, "recorded")


def cmd_amend(args: argparse.Namespace) -> int:
    answers = read_answers(args.answers)
    with open_vault(args) as vault:
        rev = records.amend(vault, forms.vault_library(vault), args.record, answers)
        rec = records.get_record(vault, rev.uuid)
    return _report(args, rec, "amended")


def cmd_void(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        rev = records.void(vault, args.record, args.reason)
        rec = records.get_record(vault, rev.uuid)
    return _report(args, rec, "marked entered-in-error")


def cmd_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        if args.patient:
            patient_id = records.resolve_patient(vault, args.patient)
            found = records.records_for(vault, patient_id, include_voided=True)
        else:
            found = records.all_records(vault)
    if args.json:
        print_json([revision_json(r) for r in found])
        return 0
    for r in found:
        print(f"{r.uuid}  {r.effective_at.isoformat()[:16]}  {r.patient_ref or '-':<14} "
              f"{r.form_title or r.form_url}  {r.author}  {r.stored_status.value}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        history = records.history(vault, args.record)
    shown = history if args.history else [history[-1]]
    if args.json:
        print_json([revision_json(r) for r in shown] if args.history else revision_json(shown[0]))
        return 0
    for r in shown:
        print(f"revision {r.uuid}  {iso(r.recorded_at)}  {r.author}  {r.stored_status.value}")
        print(f"  form {r.form_url} v{r.form_version}, "
              f"effective {r.effective_at.isoformat(timespec='microseconds')}")
        if r.reason:
            print(f"  reason: {r.reason}")
        for key, value in r.answers.items():
            print(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
    return 0
