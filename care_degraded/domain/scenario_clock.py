"""The scenario clock of a drill: real time, accelerated (×2, ×10) or paused.

It never changes the system clock: it maps the real time (given by the caller, the
vault's clock) to scenario time through the segments the drill went through. Each
segment starts at a real instant and a scenario elapsed time and runs at one speed;
a paused segment has speed 0. The same segments map any past real instant (a record,
a crisis log entry) to scenario time for the report, and back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from care_degraded.domain.clock import iso, parse_iso
from care_degraded.domain.errors import InvalidInput, Refused


@dataclass(frozen=True)
class Segment:
    real_start: dt.datetime
    elapsed_start: dt.timedelta
    speed: int  # 0 while paused


@dataclass(frozen=True)
class ScenarioClock:
    segments: tuple[Segment, ...]
    ended_at: dt.datetime | None = None

    @classmethod
    def start(cls, now: dt.datetime, speed: int) -> ScenarioClock:
        if speed <= 0:
            raise InvalidInput("the scenario speed must be 1, 2 or 10")
        return cls((Segment(now, dt.timedelta(0), speed),))

    @property
    def started_at(self) -> dt.datetime:
        return self.segments[0].real_start

    @property
    def paused(self) -> bool:
        return self.segments[-1].speed == 0

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    @property
    def speed(self) -> int:
        """The speed the clock runs (or will run again) at."""
        return next(s.speed for s in reversed(self.segments) if s.speed)

    def elapsed(self, real: dt.datetime) -> dt.timedelta:
        """Scenario time elapsed at the real instant ``real`` (clamped to the drill)."""
        if self.ended_at is not None and real > self.ended_at:
            real = self.ended_at
        seg = self.segments[0]
        for s in self.segments:
            if s.real_start <= real:
                seg = s
        if real < seg.real_start:
            return dt.timedelta(0)
        return seg.elapsed_start + (real - seg.real_start) * seg.speed

    def real_at(self, elapsed: dt.timedelta) -> dt.datetime | None:
        """The real instant at which the scenario reaches ``elapsed``: in the past, or in the
        future of a running clock; None when a paused or ended clock cannot reach it."""
        for i, s in enumerate(self.segments):
            nxt = self.segments[i + 1] if i + 1 < len(self.segments) else None
            end_elapsed = nxt.elapsed_start if nxt else None
            if s.speed and elapsed >= s.elapsed_start and (
                    end_elapsed is None or elapsed <= end_elapsed):
                at = s.real_start + (elapsed - s.elapsed_start) / s.speed
                if self.ended_at is not None and at > self.ended_at:
                    return None
                return at
        if elapsed <= dt.timedelta(0):
            return self.started_at
        return None

    def _next(self, now: dt.datetime, speed: int) -> ScenarioClock:
        if self.ended:
            raise Refused("this drill has ended")
        if now < self.segments[-1].real_start:
            raise InvalidInput("the clock cannot go back")
        return ScenarioClock(self.segments + (Segment(now, self.elapsed(now), speed),))

    def pause(self, now: dt.datetime) -> ScenarioClock:
        if self.paused:
            raise Refused("the drill is already paused")
        return self._next(now, 0)

    def resume(self, now: dt.datetime) -> ScenarioClock:
        if not self.paused:
            raise Refused("the drill is not paused")
        return self._next(now, self.speed)

    def end(self, now: dt.datetime) -> ScenarioClock:
        if self.ended:
            raise Refused("this drill has already ended")
        return ScenarioClock(self.segments, ended_at=now)

    def to_json(self) -> dict[str, Any]:
        return {"segments": [{"real_start": iso(s.real_start),
                              "elapsed_seconds": s.elapsed_start.total_seconds(),
                              "speed": s.speed} for s in self.segments],
                "ended_at": iso(self.ended_at) if self.ended_at else None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ScenarioClock:
        segs = tuple(Segment(parse_iso(s["real_start"]),
                             dt.timedelta(seconds=float(s["elapsed_seconds"])), int(s["speed"]))
                     for s in data["segments"])
        ended = data.get("ended_at")
        return cls(segs, parse_iso(ended) if ended else None)
