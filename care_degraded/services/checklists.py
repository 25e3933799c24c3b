"""Downtime checklists: a run per phase, each tick recorded with who and when.

A run is a record (kind ``checklist-run``) with no patient. Each tick is a new
revision of that record carrying the whole state, so the run's history shows every
tick in order and the sync sends it like any other record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from care_degraded.domain.checklist_run import RUN_KIND, ChecklistRun, new_run
from care_degraded.domain.clock import iso
from care_degraded.domain.errors import InvalidInput, NotFound, Refused
from care_degraded.domain.revision import Revision
from care_degraded.questionnaire import FormLibrary, FormSpec, Item
from care_degraded.services.forms import keep_definition, spec_for
from care_degraded.vault import Vault

PHASES = ("start", "shift", "recovery")


@dataclass(frozen=True)
class ChecklistItem:
    link_id: str
    label: str
    role: str | None
    checked: bool
    by: str | None
    at: datetime | None
    note: str | None


@dataclass(frozen=True)
class RunState:
    run_id: str
    phase: str
    form_url: str
    form_version: str | None
    title: str
    started_at: datetime
    started_by: str
    ended_at: datetime | None
    items: tuple[ChecklistItem, ...]

    def progress(self) -> dict[str, tuple[int, int]]:
        """Per role: (items ticked, items in all)."""
        out: dict[str, tuple[int, int]] = {}
        for item in self.items:
            role = item.role or "all"
            done, total = out.get(role, (0, 0))
            out[role] = (done + int(item.checked), total + 1)
        return out

    @property
    def complete(self) -> bool:
        return all(i.checked for i in self.items)

    def to_json(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id, "phase": self.phase, "form_url": self.form_url,
            "form_version": self.form_version, "title": self.title,
            "started_at": iso(self.started_at), "started_by": self.started_by,
            "ended_at": iso(self.ended_at) if self.ended_at else None,
            "complete": self.complete,
            "progress": {k: {"done": d, "total": t} for k, (d, t) in self.progress().items()},
            "items": [{"link_id": i.link_id, "label": i.label, "role": i.role,
                       "checked": i.checked, "by": i.by,
                       "at": iso(i.at) if i.at else None, "note": i.note}
                      for i in self.items],
        }


def checklist_for_phase(library: FormLibrary, phase_or_form: str) -> FormSpec:
    """The checklist for a phase (start, shift, recovery), or a checklist form by url/id."""
    for spec in library.list():
        if spec.is_checklist and spec.checklist_phase == phase_or_form:
            return spec
    try:
        spec = library.get(phase_or_form)
    except NotFound:
        raise InvalidInput(f"unknown checklist phase or form: {phase_or_form} "
                           f"(phases: {', '.join(PHASES)})") from None
    if not spec.is_checklist:
        raise InvalidInput(f"{spec.short_id} is not a checklist")
    return spec


def start_run(vault: Vault, library: FormLibrary, phase_or_form: str) -> RunState:
    spec = checklist_for_phase(library, phase_or_form)
    payload = new_run(spec.url or spec.short_id, spec.version, spec.label("fr"),
                      spec.checklist_phase or phase_or_form, vault.clock())
    with vault.transaction():
        keep_definition(vault, spec)
        rev = vault.revisions.append(RUN_KIND, None, payload)
    return _state(vault, library, rev)


def tick(vault: Vault, library: FormLibrary, run_id: str, link_id: str, checked: bool = True,
         note: str | None = None) -> RunState:
    """Tick (or untick) one item; who and when are recorded."""
    latest = _latest_run(vault, run_id)
    run = ChecklistRun.from_revision(latest)
    if run.closed:
        raise Refused("this checklist run is closed")
    spec = spec_for(vault, library, run.form_url, run.form_version)
    if link_id not in {i.link_id for i, _ in _tickable(spec)}:
        raise InvalidInput(f"no item {link_id!r} in this checklist")
    payload = run.with_tick(link_id, checked, vault.user.login, vault.clock(), note)
    with vault.transaction():
        rev = vault.revisions.append(RUN_KIND, None, payload, supersedes=latest.uuid)
    return _state(vault, library, rev)


def end_run(vault: Vault, library: FormLibrary, run_id: str) -> RunState:
    latest = _latest_run(vault, run_id)
    run = ChecklistRun.from_revision(latest)
    if run.closed:
        raise Refused("this checklist run is already closed")
    payload = run.closed_at(vault.clock())
    with vault.transaction():
        rev = vault.revisions.append(RUN_KIND, None, payload, supersedes=latest.uuid)
    return _state(vault, library, rev)


def run_state(vault: Vault, library: FormLibrary, run_id: str) -> RunState:
    return _state(vault, library, _latest_run(vault, run_id))


def runs(vault: Vault, library: FormLibrary, active_only: bool = False) -> list[RunState]:
    """Checklist runs, newest first."""
    states = [_state(vault, library, r) for r in vault.revisions.by_kind(RUN_KIND)]
    if active_only:
        states = [s for s in states if s.ended_at is None]
    return sorted(states, key=lambda s: s.started_at, reverse=True)


def active_runs(vault: Vault, library: FormLibrary) -> list[RunState]:
    return runs(vault, library, active_only=True)


def _latest_run(vault: Vault, run_id: str) -> Revision:
    rev = vault.revisions.get(run_id)
    if rev.kind != RUN_KIND:
        raise NotFound("no such checklist run")
    return vault.revisions.latest(rev.record_id)


def _tickable(spec: FormSpec) -> list[tuple[Item, str | None]]:
    out: list[tuple[Item, str | None]] = []

    def visit(items: tuple[Item, ...], role: str | None) -> None:
        for item in items:
            if item.is_group:
                visit(item.items, item.role() or role)
            elif item.type == "boolean" and not item.hidden:
                out.append((item, role))
                visit(item.items, role)
            else:  # free-text notes and the like are answered, not ticked
                visit(item.items, role)

    visit(spec.items, None)
    return out


def _state(vault: Vault, library: FormLibrary, rev: Revision) -> RunState:
    run = ChecklistRun.from_revision(rev)
    spec = spec_for(vault, library, run.form_url, run.form_version)
    first = vault.revisions.history(rev.record_id)[0]
    items = []
    for item, role in _tickable(spec):
        t = run.ticks.get(item.link_id)
        items.append(ChecklistItem(
            link_id=item.link_id, label=item.label("fr"), role=role,
            checked=bool(t and t.checked), by=t.by if t else None, at=t.at if t else None,
            note=t.note if t else None))
    return RunState(run_id=run.run_id, phase=run.phase, form_url=run.form_url,
                    form_version=run.form_version, title=spec.label("fr"),
                    started_at=run.started_at, started_by=first.author, ended_at=run.ended_at,
                    items=tuple(items))
