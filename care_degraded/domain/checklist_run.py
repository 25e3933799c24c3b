"""A downtime checklist run as stored: typed, immutable, read in one place.

A run is a record (revision kind ``checklist-run``) with no patient; each tick is
a new revision carrying the whole state. ``ChecklistRun`` reads one revision;
``new_run``, ``with_tick`` and ``closed`` give the body of the next one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from care_degraded.domain.clock import iso, parse_iso
from care_degraded.domain.revision import Revision

RUN_KIND = "checklist-run"


@dataclass(frozen=True)
class Tick:
    checked: bool
    by: str | None
    at: dt.datetime | None
    note: str | None


@dataclass(frozen=True)
class ChecklistRun:
    """One revision of a checklist run."""

    run_id: str
    uuid: str
    form_url: str
    form_version: str | None
    form_title: str
    phase: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    ticks: Mapping[str, Tick]
    _body: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def from_revision(cls, rev: Revision) -> ChecklistRun:
        payload = rev.payload
        ticks = {}
        for link_id, t in (payload.get("ticks") or {}).items():
            t = t or {}
            ticks[str(link_id)] = Tick(bool(t.get("checked")), t.get("by"),
                                       parse_iso(t["at"]) if t.get("at") else None,
                                       t.get("note"))
        ended = payload.get("ended_at")
        return cls(run_id=rev.record_id, uuid=rev.uuid, form_url=str(payload["form_url"]),
                   form_version=payload.get("form_version"),
                   form_title=str(payload.get("form_title") or payload["form_url"]),
                   phase=str(payload.get("phase")),
                   started_at=parse_iso(payload["started_at"]),
                   ended_at=parse_iso(ended) if ended else None, ticks=ticks,
                   _body=tuple(sorted(payload.items())))

    @property
    def closed(self) -> bool:
        return self.ended_at is not None

    def with_tick(self, link_id: str, checked: bool, by: str, at: dt.datetime,
                  note: str | None = None) -> dict[str, Any]:
        """The body of the next revision: this run with one item ticked (or unticked)."""
        payload = dict(self._body)
        ticks = dict(payload.get("ticks") or {})
        ticks[link_id] = {"checked": bool(checked), "by": by, "at": iso(at),
                          **({"note": note} if note else {})}
        payload["ticks"] = ticks
        return payload

    def closed_at(self, at: dt.datetime) -> dict[str, Any]:
        """The body of the revision that closes the run."""
        payload = dict(self._body)
        payload["ended_at"] = iso(at)
        return payload


def new_run(form_url: str, form_version: str | None, form_title: str, phase: str,
            started_at: dt.datetime) -> dict[str, Any]:
    """The body of a run's first revision."""
    return {"form_url": form_url, "form_version": form_version, "form_title": form_title,
            "phase": phase, "started_at": iso(started_at), "ended_at": None, "ticks": {}}
