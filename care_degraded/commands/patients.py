"""patient list | show | search | admit."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from typing import Any

from care_degraded.commands.common import add_json_arg, add_vault_args, open_vault, print_json
from care_degraded.domain.errors import NotFound, UsageError
from care_degraded.domain.patient import Patient, PresenceStatus, Sex
from care_degraded.services import patients


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pat = sub.add_parser("patient", help="ward patients: list, show, search, admit")
    psub = pat.add_subparsers(dest="patient_command", metavar="ACTION")
    psub.required = True

    p = psub.add_parser("list", help="patients on the ward, in bed order")
    add_vault_args(p)
    p.add_argument("--all", action="store_true", help="also patients who left")
    add_json_arg(p)
    p.set_defaults(func=cmd_list)

    p = psub.add_parser("show", help="one patient: identity, bed, allergies, prescriptions")
    p.add_argument("id", metavar="ID", help="IPP, provisional number or internal id")
    add_vault_args(p)
    add_json_arg(p)
    p.set_defaults(func=cmd_show)

    p = psub.add_parser("search", help="by name (accents, case, sound), IPP, number, room, bed")
    p.add_argument("query", metavar="QUERY")
    add_vault_args(p)
    add_json_arg(p)
    p.set_defaults(func=cmd_search)

    p = psub.add_parser(
        "admit", help="admit a patient unknown to the census (provisional identity)",
        description="Gives a provisional number (device prefix + counter). Exits 6 and lists "
                    "the candidates when the person may already be known; --force admits "
                    "anyway and records that the warning was overridden.")
    add_vault_args(p)
    p.add_argument("--surname", required=True, help="birth name")
    p.add_argument("--used-name", default=None, help="used name, if different")
    p.add_argument("--given", required=True, help="given names (spaces or commas between)")
    p.add_argument("--birth-date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--sex", required=True, choices=[s.value for s in Sex])
    p.add_argument("--bed", default=None)
    p.add_argument("--room", default=None)
    p.add_argument("--force", action="store_true", help="admit despite likely duplicates")
    add_json_arg(p)
    p.set_defaults(func=cmd_admit)


def patient_json(p: Patient, details: bool = True) -> dict[str, Any]:
    ident = p.identity
    data: dict[str, Any] = {
        "id": p.id, "reference": p.reference(), "display_name": ident.display_name(),
        "birth_name": ident.birth_name, "used_name": ident.used_name,
        "given_names": list(ident.given_names),
        "birth_date": ident.birth_date.isoformat() if ident.birth_date else None,
        "sex": ident.sex.value, "ipp": ident.ipp, "ins": ident.ins,
        "identity_status": ident.status.value, "provisional_number": ident.provisional_number,
        "unit": p.location.unit, "room": p.location.room, "bed": p.location.bed,
        "presence": p.presence.value, "left_at": p.left_at,
        "allergy_status": p.allergy_status.value,
        "allergies": [a.substance for a in p.allergies],
        "prescriptions": len(p.prescriptions),
    }
    if details:
        data["birthplace"] = ident.birthplace
        data["birthplace_code"] = ident.birthplace_code
        data["admitted_at"] = p.admitted_at
        data["attending"] = p.attending
        data["allergies"] = [dict(a.__dict__) for a in p.allergies]
        data["prescriptions"] = [
            {**rx.__dict__, "times_of_day": list(rx.times_of_day)} for rx in p.prescriptions]
    return data


def _line(p: Patient) -> str:
    flags = []
    if p.is_provisional:
        flags.append("PROVISOIRE")
    if p.presence is PresenceStatus.LEFT:
        flags.append("sorti")
    allergy = {"present": "ALLERGIE", "none-known": "-", "not-documented": "?"}[
        p.allergy_status.value]
    born = p.identity.birth_date.strftime("%d/%m/%Y") if p.identity.birth_date else "?"
    return (f"{p.location.bed or p.location.room or '-':>6}  {p.identity.display_name():<40} "
            f"{born}  {p.reference():<16} all.:{allergy:<8} rx:{len(p.prescriptions):>2}"
            f"  {' '.join(flags)}").rstrip()


def cmd_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        found = patients.list_patients(vault, include_left=args.all)
    return _print_patients(args, found)


def cmd_search(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        found = patients.search_patients(vault, args.query)
    return _print_patients(args, found)


def _print_patients(args: argparse.Namespace, found: list[Patient]) -> int:
    if args.json:
        print_json([patient_json(p, details=False) for p in found])
        return 0
    for p in found:
        print(_line(p))
    if not found:
        print("no patient")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        found = patients.get_patient(vault, args.id)
    if found is None:
        raise NotFound("no such patient")
    if args.json:
        print_json(patient_json(found))
        return 0
    ident = found.identity
    print(_line(found))
    print(f"  status: {ident.status.value}  IPP: {ident.ipp or '-'}  INS: {ident.ins or '-'}"
          f"  provisional: {ident.provisional_number or '-'}")
    print(f"  given names: {' '.join(ident.given_names)}  born in: {ident.birthplace or '-'}")
    print(f"  unit: {found.location.unit or '-'}  {found.location.label()}"
          f"  admitted: {found.admitted_at or '-'}  doctor: {found.attending or '-'}")
    if found.allergies:
        for allergy in found.allergies:
            print(f"  ALLERGY {allergy.substance}"
                  f"{' (' + allergy.reaction + ')' if allergy.reaction else ''}"
                  f"{' [' + allergy.criticality + ']' if allergy.criticality else ''}")
    else:
        print(f"  allergies: {found.allergy_status.value}")
    for rx in found.prescriptions:
        when = ", ".join(rx.times_of_day) or (
            f"if needed: {rx.as_needed_condition or ''}" if rx.as_needed else "")
        print(f"  Rx {rx.drug} - {rx.dose_label()} - {when}")
    return 0


def cmd_admit(args: argparse.Namespace) -> int:
    try:
        birth_date = dt.date.fromisoformat(args.birth_date)
    except ValueError:
        raise UsageError("--birth-date: expected YYYY-MM-DD") from None
    given = [g for g in re.split(r"[,\s]+", args.given) if g]
    with open_vault(args) as vault:
        try:
            admission = patients.admit_patient(
                vault, surname=args.surname, given_names=given, birth_date=birth_date,
                sex=args.sex, bed=args.bed, room=args.room, used_name=args.used_name,
                force=args.force)
        except patients.LikelyDuplicate as exc:
            _print_candidates(args, exc.candidates)
            raise
    if args.json:
        print_json({"patient": patient_json(admission.patient),
                    "revision": admission.revision.uuid,
                    "duplicates_overridden": [c.patient.id for c in admission.overridden]})
        return 0
    number = admission.patient.identity.provisional_number
    print(f"admitted: {admission.patient.identity.display_name()}, provisional number {number}")
    if admission.overridden:
        print(f"  ({len(admission.overridden)} possible duplicate(s) overridden with --force)")
    return 0


def _print_candidates(args: argparse.Namespace, candidates: list[patients.Candidate]) -> None:
    """The candidates go to standard output (stderr carries no patient data)."""
    if args.json:
        print_json({"error": "likely duplicate", "candidates": [
            {**patient_json(c.patient, details=False), "reasons": list(c.reasons)}
            for c in candidates]})
        return
    print("possible duplicates:", file=sys.stdout)
    for c in candidates:
        print(f"{_line(c.patient)}\n        ({'; '.join(c.reasons)})")
