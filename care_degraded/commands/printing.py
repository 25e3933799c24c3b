"""`care-degraded print ...`: the downtime kit and every paper sheet, and QR verification."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from care_degraded.commands.common import add_vault_args, open_vault, print_json
from care_degraded.domain.errors import UsageError

KINDS = ("kit", "form", "record", "handover", "census", "checklist", "crisis-log",
         "labels")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("print", help="print the downtime kit, forms and sheets (PDF)")
    sub = parser.add_subparsers(dest="print_command", metavar="WHAT")
    sub.required = True
    for kind in KINDS:
        p = sub.add_parser(kind, help=f"print the {kind}")
        add_vault_args(p)
        p.add_argument("--out", type=Path, default=None, metavar="FILE.pdf",
                       help="write the PDF here (atomically)")
        p.add_argument("--printer", nargs="?", const="default", default=None, metavar="QUEUE",
                       help="print through the system print service (default queue if no name)")
        p.add_argument("--patient", default=None, metavar="ID",
                       help="patient id, IPP or provisional number")
        p.add_argument("--form", default=None, metavar="URL_OR_ID",
                       help="form url or id, or a Questionnaire FILE.json (form: also 'mar' "
                            "or 'flowsheet' with --patient)")
        p.add_argument("--record", default=None, metavar="UUID",
                       help="record (any revision); checklist: a run, printed filled in")
        p.add_argument("--hours", type=int, default=None,
                       help="hours the sheets cover, from the start of the current shift "
                            "(default: the shift)")
        p.add_argument("--sheets", default=None, metavar="LIST",
                       help="kit: comma-separated sheets among "
                            "census,summary,mar,flowsheet,handover,dar,labels,admission,"
                            "checklists (default: all)")
        p.add_argument("--count", type=int, default=24,
                       help="labels: how many labels (1-24, default a full sheet)")
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.set_defaults(func=_print, kind=kind)
    s = sub.add_parser("shifts", help="show or set the ward's shifts (the printed periods)")
    add_vault_args(s)
    s.add_argument("--set", default=None, metavar="HH:MM-HH:MM,...",
                   help="e.g. 06:30-14:30,14:30-22:30,22:30-06:30")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=_shifts)
    v = sub.add_parser("verify-qr", help="tell which patient, form and sheet a QR code names")
    add_vault_args(v)
    v.add_argument("payload", metavar="PAYLOAD", help="the text read from the QR code")
    v.add_argument("--json", action="store_true", help="machine-readable output")
    v.set_defaults(func=_verify)


def _print(args: argparse.Namespace) -> int:
    from care_degraded.services import printing

    if args.out is None and args.printer is None:
        raise UsageError("give --out FILE.pdf or --printer")
    kind = args.kind
    with open_vault(args) as vault:
        common = {"printer": args.printer}
        if kind == "kit":
            result = printing.print_kit(vault, args.out, args.hours, patient_id=args.patient,
                                        sheets=args.sheets, **common)
        elif kind == "form":
            if not args.form:
                raise UsageError("--form is required")
            result = printing.print_form(vault, args.out, args.form, args.patient,
                                         hours=args.hours, **common)
            for warning in result.warnings:
                print(f"care-degraded: warning: {warning}", file=sys.stderr)
        elif kind == "labels":
            if not args.patient:
                raise UsageError("--patient is required for labels")
            result = printing.print_labels(vault, args.out, args.patient, args.count, **common)
        elif kind == "record":
            if not args.record:
                raise UsageError("--record is required")
            result = printing.print_record(vault, args.out, args.record, **common)
        elif kind == "handover":
            result = printing.print_handover(vault, args.out, args.patient, **common)
        elif kind == "census":
            result = printing.print_census(vault, args.out, **common)
        elif kind == "crisis-log":
            result = printing.print_crisis_log(vault, args.out, **common)
        else:
            result = printing.print_checklist(vault, args.out, args.form, record=args.record,
                                              **common)
    summary = {"what": result.what, "pages": result.pages, "job": result.job,
               "out": str(result.path) if result.path else None,
               "printer": args.printer}
    if args.json:
        print_json(summary)
    else:
        where = str(result.path) if result.path else f"printer {args.printer}"
        print(f"{result.what}: {result.pages} pages -> {where} (job {result.job})")
    return 0


def _shifts(args: argparse.Namespace) -> int:
    from care_degraded.services import shifts

    with open_vault(args) as vault:
        found = shifts.set_ward_shifts(vault, args.set) if args.set else shifts.ward_shifts(vault)
    text = [f"{a:%H:%M}-{b:%H:%M}" for a, b in found]
    if args.json:
        print_json({"shifts": text})
    else:
        print(",".join(text))
    return 0


def _verify(args: argparse.Namespace) -> int:
    from care_degraded.services import printing

    with open_vault(args) as vault:
        check = printing.verify_sheet_code(vault, args.payload)
    claims = check.claims
    if not args.json:
        patient = check.patient
        who = "no patient (blank sheet)" if not claims.patient_id else (
            f"{patient.name}, {patient.number_kind} {patient.number}, {patient.bed}"
            + (" [provisional identity]" if patient.provisional else "")
            if patient is not None else f"{claims.patient_id} (not on this ward's census)")
        print(f"verified sheet {claims.serial}")
        print(f"patient: {who}")
        print(f"form: {check.form_title or claims.form_url} ({claims.form_url} "
              f"version {claims.form_version or '?'})")
        return 0
    print_json({
        "ok": True,
        "sheet": claims.serial,
        "form": {"url": claims.form_url, "version": claims.form_version,
                 "title": check.form_title},
        "patient": None if not claims.patient_id else {
            "id": claims.patient_id,
            "name": check.patient.name if check.patient else None,
            "number": check.patient.number if check.patient else None,
            "bed": check.patient.bed if check.patient else None,
            "provisional": check.patient.provisional if check.patient else None,
        },
    })
    return 0
