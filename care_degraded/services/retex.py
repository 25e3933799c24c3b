"""The RETEX report (retour d'expérience) of a drill, as a PDF, French first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from care_degraded.domain.scenario import offset_text
from care_degraded.printing.document import Sheet
from care_degraded.printing.retex import RetexData, retex_story
from care_degraded.questionnaire import FormLibrary
from care_degraded.services.drill_review import DrillReview, completed_at, review
from care_degraded.services.printing import PrintResult, print_sheets
from care_degraded.vault import Vault

WHAT_FR = {"inject": "INJECT", "checklist-started": "check-list démarrée",
           "checklist-completed": "check-list terminée", "kit-printed": "kit imprimé",
           "crisis-entry": "main courante", "record": "enregistrement",
           "sync": "synchronisation"}
STATE_FR = {"running": "en cours", "paused": "en pause", "ended": "terminé"}


def _local(vault: Vault, at: dt.datetime) -> str:
    return f"{at.astimezone(vault.zone):%d/%m/%Y %H:%M}"


def retex_data(vault: Vault, rv: DrillReview) -> RetexData:
    st = rv.status
    sc = st.scenario

    def when(elapsed: dt.timedelta) -> str:
        return f"{offset_text(elapsed)} ({sc.wall_clock(elapsed)})"

    summary = [("Scénario", f"{sc.title('fr')} ({sc.name})"),
               ("État", STATE_FR[st.state]),
               ("Début réel", _local(vault, st.clock.started_at)),
               ("Fin réelle", _local(vault, st.clock.ended_at) if st.clock.ended_at
                else "exercice non terminé"),
               ("Horloge", f"×{st.clock.speed}, temps du scénario écoulé "
                           f"{offset_text(st.elapsed)} sur {offset_text(sc.duration)}"),
               ("Injects joués", f"{len(st.fired)} sur {len(st.injects)}")]
    met = sum(1 for o in rv.outcomes if o.met)
    summary.append(("Actions attendues", f"{met} faites dans les délais sur "
                                         f"{len(rv.outcomes)}"))
    timeline = [(when(e.elapsed), WHAT_FR.get(e.what, e.what), e.text, e.who)
                for e in rv.timeline]
    expected = []
    for o in rv.outcomes:
        if o.delay is None:
            done = "non fait" if any(s.fired for s in st.injects if s.inject is o.inject) \
                else "inject non joué"
        else:
            done = f"en {offset_text(o.delay).lstrip('+')}" + ("" if o.met else " (en retard)")
        expected.append((offset_text(o.inject.offset), o.inject.text("fr"),
                         o.expected.describe("fr"), offset_text(o.expected.within).lstrip("+"),
                         done, o.met))
    clock = st.clock
    runs = []
    for r in sorted(rv.runs, key=lambda r: r.started_at):
        done_at = completed_at(r)
        runs.append((r.title, when(clock.elapsed(r.started_at)),
                     when(clock.elapsed(done_at)) if done_at else "non terminée",
                     r.started_by))
    lessons = [(when(clock.elapsed(e.at)) if e.at <= (clock.ended_at or e.at)
                else _local(vault, e.at), e.author, e.text) for e in rv.lessons]
    return RetexData(f"RETEX — retour d'expérience de l'exercice « {sc.title('fr')} »",
                     summary, timeline, expected, runs, list(rv.records_by_type), lessons)


def print_retex(vault: Vault, out: Path | None, *, library: FormLibrary | None = None,
                printer: str | None = None, now: dt.datetime | None = None) -> PrintResult:
    """The RETEX report of the drill in ``vault`` (Refused on a production vault)."""
    rv = review(vault, library, now)
    data = retex_data(vault, rv)
    sheet = Sheet("RETEX — exercice", "retex", retex_story(data))
    return print_sheets(vault, [sheet], out, "retex", f"scenario={rv.status.scenario.name}",
                        "RETEX", printer=printer, now=now)
