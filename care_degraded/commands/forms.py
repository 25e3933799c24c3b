"""`care-degraded form list|check|import`: the form library, checking form files,
storing an establishment's form in a vault.

``form check`` exits 0 when every file loads (warnings are printed, they are not
failures) and 5 when any file is malformed or the folder has clashing forms.
``form import`` stores a new form or checklist version in the vault (warnings on
stderr; exit 5 for a malformed file or an unknown item type, nothing stored).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from care_degraded.commands.common import add_json_arg, add_vault_args, open_vault, print_json
from care_degraded.config import establishment_forms_dir, forms_dir
from care_degraded.domain.errors import CareError, InvalidInput
from care_degraded.questionnaire import FormLibrary, FormSpec, load_questionnaire
from care_degraded.services import forms as form_service


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    form = sub.add_parser("form", help="the form library: list forms, check form files")
    fsub = form.add_subparsers(dest="form_command", metavar="ACTION")
    fsub.required = True

    p = fsub.add_parser("list", help="list the forms of the library (latest versions)")
    p.add_argument("--forms", type=Path, default=None, metavar="DIR",
                   help="the establishment's forms folder, loaded after the shipped library "
                        "(default: $CARE_DEGRADED_FORMS)")
    add_json_arg(p)
    p.set_defaults(func=cmd_list)

    p = fsub.add_parser("check", help="check Questionnaire files: exit 0 valid, 5 invalid")
    p.add_argument("path", type=Path, metavar="FILE_OR_DIR")
    add_json_arg(p)
    p.set_defaults(func=cmd_check)

    p = fsub.add_parser("import", help="store an establishment's form or checklist version "
                                       "in the vault (every machine of the vault uses it)")
    add_vault_args(p)
    p.add_argument("file", type=Path, metavar="FILE", help="a FHIR R4 Questionnaire (JSON)")
    add_json_arg(p)
    p.set_defaults(func=cmd_import)


def _summary(spec: FormSpec) -> dict[str, Any]:
    return {
        "id": spec.short_id, "url": spec.url, "version": spec.version,
        "title": spec.label("fr"), "title_en": spec.label("en"), "status": spec.status,
        "checklist": spec.is_checklist, "phase": spec.checklist_phase,
        "items": sum(1 for _ in spec.walk()), "warnings": list(spec.warnings),
    }


def cmd_list(args: argparse.Namespace) -> int:
    extra = args.forms or establishment_forms_dir()
    library = FormLibrary(forms_dir(), (extra,) if extra else ())
    forms = [_summary(s) for s in library.list()]
    if args.json:
        print_json(forms)
        return 0
    for f in forms:
        kind = f"checklist ({f['phase']})" if f["checklist"] else "form"
        print(f"{f['id']:<30} {f['version'] or '-':<8} {kind:<20} {f['title']}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    path: Path = args.path
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.json") if p.is_file())
    elif path.exists():
        files = [path]
    else:
        raise InvalidInput(f"{path}: no such file or folder")
    if not files:  # nothing checked is not "valid": a wrong folder must not pass a script
        raise InvalidInput(f"{path}: no form file (*.json) in this folder")
    results: list[dict[str, Any]] = []
    for file in files:
        entry: dict[str, Any] = {"path": str(file), "ok": True, "warnings": [], "error": None}
        try:
            spec = load_questionnaire(file)
        except InvalidInput as exc:
            entry.update(ok=False, error=str(exc))
        else:
            entry.update(id=spec.short_id, url=spec.url, version=spec.version,
                         warnings=list(spec.warnings))
        results.append(entry)
    library_error = None
    if path.is_dir() and all(r["ok"] for r in results):
        try:  # clashes between files: same url and version twice, same short id
            FormLibrary(path)
        except CareError as exc:
            library_error = str(exc)
    bad = [r for r in results if not r["ok"]]
    ok = not bad and library_error is None
    if args.json:
        print_json({"ok": ok, "files": results, "library_error": library_error})
    else:
        for r in results:
            if r["ok"]:
                note = f" ({len(r['warnings'])} warnings)" if r["warnings"] else ""
                print(f"ok       {r['path']}{note}")
                for w in r["warnings"]:
                    print(f"  warning: {w}")
            else:
                print(f"INVALID  {r['error']}")
        if library_error:
            print(f"INVALID  {library_error}")
    if not ok:
        count = len(bad) + (1 if library_error else 0)
        print(f"care-degraded: {count} problem(s) in {len(results)} form file(s)",
              file=sys.stderr)
        return InvalidInput.exit_code
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        spec = form_service.import_form(vault, args.file)
    for warning in spec.warnings:  # kept, not refused: the form degrades, never crashes
        print(f"care-degraded: warning: {warning}", file=sys.stderr)
    if args.json:
        print_json(_summary(spec))
    else:
        kind = "checklist" if spec.is_checklist else "form"
        note = f" ({len(spec.warnings)} warnings)" if spec.warnings else ""
        print(f"imported {kind} {spec.short_id} {spec.version} ({spec.url}){note}")
    return 0
