"""What the ward did during a drill, against what the scenario expected.

Reads the drill vault through the query layers (crisis log, checklist runs, care
records, the audit of prints and syncs) and maps each real time to scenario time with
the drill's clock. The RETEX report prints exactly this.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from care_degraded.domain.clock import parse_iso
from care_degraded.domain.errors import InvalidInput
from care_degraded.domain.scenario import Expected, Inject
from care_degraded.questionnaire import FormLibrary
from care_degraded.services import checklists, crisis_log, drill
from care_degraded.services.checklists import RunState, checklist_for_phase
from care_degraded.services.crisis_log import CrisisEntry
from care_degraded.services.forms import vault_library
from care_degraded.vault import Vault

__all__ = ["DrillReview", "ExpectedOutcome", "TimelineEvent", "completed_at", "is_lesson",
           "review"]

#: a crisis log entry starting so is a lesson for the RETEX (so is one written after the end)
LESSON_PREFIXES = ("retex", "leçon", "lecon", "lesson")


def is_lesson(entry: CrisisEntry, ended_at: dt.datetime | None) -> bool:
    return (ended_at is not None and entry.at > ended_at) or \
        entry.text.strip().casefold().startswith(LESSON_PREFIXES)


@dataclass(frozen=True)
class TimelineEvent:
    real: dt.datetime
    elapsed: dt.timedelta
    what: str  # "inject", "checklist-started", "checklist-completed", "kit-printed",
    #            "crisis-entry", "record", "sync", "drill"
    text: str
    who: str = ""


@dataclass(frozen=True)
class ExpectedOutcome:
    inject: Inject
    expected: Expected
    done_at: dt.datetime | None  # real time of the first matching action
    delay: dt.timedelta | None  # scenario time from the inject to that action

    @property
    def met(self) -> bool:
        return self.delay is not None and self.delay <= self.expected.within


@dataclass(frozen=True)
class DrillReview:
    status: drill.DrillStatus
    timeline: tuple[TimelineEvent, ...]
    outcomes: tuple[ExpectedOutcome, ...]
    runs: tuple[RunState, ...]
    records_by_type: tuple[tuple[str, int], ...]
    lessons: tuple[CrisisEntry, ...]


def completed_at(run: RunState) -> dt.datetime | None:
    if run.ended_at is not None and run.complete:
        return run.ended_at
    if run.complete:
        times = [i.at for i in run.items if i.at is not None]
        return max(times) if times else None
    return None


def review(vault: Vault, library: FormLibrary | None = None,
           now: dt.datetime | None = None) -> DrillReview:
    """The drill so far (or as it ended): timeline, expected actions met or not, counts."""
    lib = library or vault_library(vault)
    st = drill.status(vault, now)
    clock = st.clock
    end = clock.ended_at or st.now
    actions: list[tuple[dt.datetime, str, str, str, object]] = []
    runs = tuple(r for r in checklists.runs(vault, lib) if r.started_at <= end)
    for run in runs:
        actions.append((run.started_at, "checklist-started", run.title, run.started_by, run))
        done = completed_at(run)
        if done is not None:
            actions.append((done, "checklist-completed", run.title, "", run))
    every = crisis_log.entries(vault, include_voided=False)
    lessons = tuple(e for e in every if is_lesson(e, clock.ended_at))
    entries = [e for e in every if e.at <= end and e not in lessons]
    for e in entries:
        actions.append((e.at, "crisis-entry", f"[{e.category.value}] {e.text}", e.author, e))
    records = [r for r in vault.records.all_latest() if not r.voided and r.recorded_at <= end]
    for r in records:
        actions.append((r.recorded_at, "record", r.form_title, r.author, r))
    for a in vault.audit.entries():
        at = parse_iso(a.at)
        if at > end:
            continue
        if a.action == "print.kit":
            actions.append((at, "kit-printed", "kit", a.actor, None))
        elif a.action in ("sync.bundle", "sync.receipt"):
            actions.append((at, "sync", a.action, a.actor, None))
    actions.sort(key=lambda x: x[0])
    timeline = [TimelineEvent(i.fired_at, i.inject.offset, "inject", i.inject.text("fr"))
                for i in st.fired if i.fired_at is not None]
    timeline += [TimelineEvent(at, clock.elapsed(at), what, text, who)
                 for at, what, text, who, _ in actions]
    timeline.sort(key=lambda e: (e.real, e.what != "inject"))
    outcomes = []
    for state in st.injects:
        for exp in state.inject.expected:
            match = None
            if state.fired and state.fired_at is not None:
                match = next((a for a in actions if a[0] >= state.fired_at
                              and _matches(lib, exp, a)), None)
            delay = (clock.elapsed(match[0]) - state.inject.offset) if match else None
            outcomes.append(ExpectedOutcome(state.inject, exp, match[0] if match else None,
                                            delay))
    counts = Counter(r.form_title for r in records)
    return DrillReview(st, tuple(timeline), tuple(outcomes), runs,
                       tuple(sorted(counts.items())), lessons)


def _matches(lib: FormLibrary, exp: Expected,
             action: tuple[dt.datetime, str, str, str, object]) -> bool:
    _at, what, _text, _who, obj = action
    if what != exp.action:
        return False
    if exp.form and isinstance(obj, RunState):
        try:
            spec = checklist_for_phase(lib, exp.form)
        except InvalidInput:  # not a phase nor a checklist of the library: by phase only
            return obj.phase == exp.form
        return obj.form_url == (spec.url or spec.short_id) or obj.phase == exp.form
    if exp.category and isinstance(obj, CrisisEntry):
        return obj.category.value == exp.category
    return True

