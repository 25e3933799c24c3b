"""Crisis exercises: a drill vault, its scenario and the scenario clock.

``start_drill`` creates a **separate** vault (its own folder, keyslots and device)
marked as an exercise from its creation (vault meta ``exercise`` = "1", read by the
sync, and the keyslot file's ``exercise`` flag, read before unlocking), with a
synthetic ward from the census generator and the scenario stored inside it.

The scenario clock (domain/scenario_clock.py) maps the vault's clock (real time,
never changed) to scenario time; records keep the real time they were typed at, and
the report maps them to scenario time. Every drill call refuses a production vault.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from care_degraded import config
from care_degraded.domain.errors import InvalidInput, NotFound, Refused
from care_degraded.domain.scenario import SPEEDS, Inject, Scenario, offset_text, parse_scenario
from care_degraded.domain.scenario_clock import ScenarioClock
from care_degraded.domain.user import Role
from care_degraded.services.census import populate_demo
from care_degraded.services.exercise import EXERCISE_META, is_exercise
from care_degraded.vault import Vault, is_vault

__all__ = ["DrillBanner", "DrillStatus", "FiredInject", "InjectState", "banner", "end_drill", "load_scenario", "pause_drill",
           "require_drill", "resume_drill", "scenario_of", "scenarios", "start_drill",
           "status"]

DRILL_META = "drill"
DRILL_SCENARIO_META = "drill.scenario"
DEFAULT_PATIENTS = 20


def scenarios_dir() -> Path:
    return config.resources_dir() / "scenarios"


def scenarios() -> list[Scenario]:
    """The shipped scenarios, by name."""
    out = []
    for path in sorted(scenarios_dir().glob("*.json")):
        out.append(load_scenario(str(path)))
    return sorted(out, key=lambda s: s.name)


def load_scenario(file_or_name: str) -> Scenario:
    """A scenario file, or the name of a shipped one; InvalidInput if it does not hold."""
    path = Path(file_or_name)
    if not path.is_file():
        shipped = scenarios_dir() / f"{file_or_name}.json"
        if not shipped.is_file():
            names = ", ".join(p.stem for p in sorted(scenarios_dir().glob("*.json")))
            raise NotFound(f"no scenario file or shipped scenario '{file_or_name}' "
                           f"(shipped: {names})")
        path = shipped
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"scenario {path.name}: not valid JSON ({exc.__class__.__name__})"
                           ) from None
    return parse_scenario(data, path.stem)


@dataclass(frozen=True)
class InjectState:
    inject: Inject
    fired: bool
    fired_at: dt.datetime | None  # real time it fired (or will fire on a running clock)

    def to_json(self, scenario: Scenario) -> dict[str, Any]:
        i = self.inject
        return {"id": i.id, "at": offset_text(i.offset),
                "scenario_time": scenario.wall_clock(i.offset), "text": i.text_fr,
                "text_en": i.text_en, "audience": list(i.audience), "fired": self.fired,
                "fired_at": self.fired_at.isoformat() if self.fired and self.fired_at else None,
                "expected": [e.describe("en") for e in i.expected]}


@dataclass(frozen=True)
class DrillStatus:
    scenario: Scenario
    clock: ScenarioClock
    now: dt.datetime
    injects: tuple[InjectState, ...]

    @property
    def elapsed(self) -> dt.timedelta:
        return self.clock.elapsed(self.now)

    @property
    def state(self) -> str:
        return "ended" if self.clock.ended else "paused" if self.clock.paused else "running"

    @property
    def fired(self) -> list[InjectState]:
        return [i for i in self.injects if i.fired]

    @property
    def next_inject(self) -> InjectState | None:
        return next((i for i in self.injects if not i.fired), None)

    def to_json(self) -> dict[str, Any]:
        nxt = self.next_inject
        return {"scenario": self.scenario.name, "title": self.scenario.title("fr"),
                "state": self.state, "speed": self.clock.speed,
                "started_at": self.clock.started_at.isoformat(),
                "ended_at": self.clock.ended_at.isoformat() if self.clock.ended_at else None,
                "elapsed": offset_text(self.elapsed),
                "scenario_time": self.scenario.wall_clock(self.elapsed),
                "duration": offset_text(self.scenario.duration),
                "fired": len(self.fired), "injects": [i.to_json(self.scenario)
                                                       for i in self.injects],
                "next": nxt.inject.id if nxt else None}


# -- the drill vault --------------------------------------------------------------------------
def start_drill(path: Path, scenario: Scenario, login: str, display_name: str, passphrase: str,
                recovery_recipient: str, patients: int = DEFAULT_PATIENTS, speed: int = 1,
                seed: int = 2026) -> Path:
    """Create the drill vault in ``path`` (never over a vault), its synthetic ward and clock."""
    path = Path(path)
    if is_vault(path):
        raise Refused(f"a vault already exists in {path}: a drill needs a folder of its own "
                      "(never the production vault)")
    if speed not in SPEEDS:
        raise InvalidInput(f"speed must be one of {', '.join(map(str, SPEEDS))}")
    if not 1 <= patients <= 200:
        raise InvalidInput("--patients: from 1 to 200 synthetic patients")
    vault = Vault.create(path, ward=f"EXERCICE — {scenario.title('fr')}", login=login,
                         display_name=display_name, passphrase=passphrase,
                         recovery_recipient=recovery_recipient, role=Role.MANAGER)
    try:
        # Marked before anything else is written: no instant where it looks like production.
        vault.keyslots = replace(vault.keyslots,
                                 extra={**vault.keyslots.extra, "exercise": True})
        vault.keyslots.save(path)
        with vault.transaction():
            vault.set_meta(EXERCISE_META, "1")
            vault.set_meta(DRILL_SCENARIO_META, json.dumps(scenario.raw, ensure_ascii=False))
        populate_demo(vault, patients=patients, beds=max(patients + 2, 10), seed=seed)
        clock = ScenarioClock.start(vault.clock(), speed)
        _save(vault, clock, "drill.start", f"{scenario.name} speed={speed}")
    finally:
        vault.close()
    return path


def require_drill(vault: Vault) -> None:
    """Refused (exit 6) on a production vault: drills never touch real care."""
    if not is_exercise(vault):
        raise Refused("this is a production vault: drill commands only work on a drill vault "
                      "(care-degraded drill start)")


def scenario_of(vault: Vault) -> Scenario:
    require_drill(vault)
    raw = vault.meta(DRILL_SCENARIO_META)
    if raw is None:
        raise NotFound("this exercise vault has no scenario")
    return parse_scenario(json.loads(raw))


def clock_of(vault: Vault) -> ScenarioClock:
    require_drill(vault)
    raw = vault.meta(DRILL_META)
    if raw is None:
        raise NotFound("this exercise vault has no scenario clock")
    return ScenarioClock.from_json(json.loads(raw))


def _save(vault: Vault, clock: ScenarioClock, action: str, detail: str) -> None:
    with vault.transaction():
        vault.set_meta(DRILL_META, json.dumps(clock.to_json()))
        vault.audit.append(action, detail)


def status(vault: Vault, now: dt.datetime | None = None) -> DrillStatus:
    """Where the drill is: scenario time, state, which injects have fired."""
    scenario = scenario_of(vault)
    clock = clock_of(vault)
    now = now or vault.clock()
    elapsed = clock.elapsed(now)
    states = tuple(InjectState(i, i.offset <= elapsed, clock.real_at(i.offset))
                   for i in scenario.injects)
    return DrillStatus(scenario, clock, now, states)


def _change(vault: Vault, action: str) -> DrillStatus:
    vault.require_manager()
    clock = clock_of(vault)
    now = vault.clock()
    if action == "pause":
        clock = clock.pause(now)
    elif action == "resume":
        clock = clock.resume(now)
    else:
        clock = clock.end(now)
    _save(vault, clock, f"drill.{action}", offset_text(clock.elapsed(now)))
    return status(vault, now)


def pause_drill(vault: Vault) -> DrillStatus:
    return _change(vault, "pause")


def resume_drill(vault: Vault) -> DrillStatus:
    return _change(vault, "resume")


def end_drill(vault: Vault) -> DrillStatus:
    return _change(vault, "end")


# -- what the screens show --------------------------------------------------------------------
@dataclass(frozen=True)
class FiredInject:
    id: str
    scenario_time: str  # "02:10", "J+1 08:00"
    text_fr: str
    text_en: str
    audience: tuple[str, ...]

    def text(self, lang: str) -> str:
        return self.text_en if lang == "en" and self.text_en else self.text_fr


@dataclass(frozen=True)
class DrillBanner:
    """The drill as the banner of every screen shows it."""

    title_fr: str
    title_en: str
    scenario_time: str
    state: str  # running | paused | ended
    speed: int
    fired: tuple[FiredInject, ...]  # for this user's audience, oldest first
    total: int

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" and self.title_en else self.title_fr


def banner(vault: Vault, now: dt.datetime | None = None) -> DrillBanner | None:
    """None on a production vault; else the scenario time and the injects fired so far
    (a manager or IT sees every inject, a nurse those for the ward)."""
    if not is_exercise(vault):
        return None
    st = status(vault, now)
    everyone = vault.user.role in (Role.MANAGER, Role.IT)
    fired = tuple(FiredInject(i.inject.id, st.scenario.wall_clock(i.inject.offset),
                              i.inject.text_fr, i.inject.text_en, i.inject.audience)
                  for i in st.fired if everyone or "ward" in i.inject.audience)
    return DrillBanner(st.scenario.title_fr, st.scenario.title_en,
                       st.scenario.wall_clock(st.elapsed), st.state, st.clock.speed, fired,
                       len(st.injects))
