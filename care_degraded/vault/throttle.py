"""Failed unlock attempts, counted outside the encrypted database.

Before a successful unlock nothing can be written to the database, so failures are
kept in a small clear file in the vault folder (slot ids only, no names) and moved
into the audit log at the next successful unlock. After five failures for a login,
each further attempt must wait a growing delay: 2, 4, 8... seconds, capped at five
minutes. There is never a permanent lockout.

The file is clear and anyone can edit it, so nothing in it is trusted: only failure
counts and times are read, each checked (a slot id of 32 hex digits, a count within
bounds, a time not in the future), and they reach the audit log marked as coming
from this file. A malformed file is replaced by an empty one, and that is audited at
the next unlock. An attempt is counted *before* the key derivation runs, under a lock
on the folder, so parallel attempts cannot all slip through one free slot; a success
is not written anywhere.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from care_degraded.vault.atomic import write_atomic

ATTEMPTS_FILE = "attempts.json"
FREE_ATTEMPTS = 5
MAX_DELAY = 300.0
MAX_FAILURES = 1_000_000
MAX_PENDING = 500  # failures kept for the audit log; past that only the count grows
MAX_FILE = 256 * 1024
_SLOT = re.compile(r"[0-9a-f]{32}")


def delay_after(failures: int) -> float:
    """Seconds to wait before the next attempt once ``failures`` have happened."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return float(min(MAX_DELAY, 2 ** min(failures - FREE_ATTEMPTS + 1, 16)))


@dataclass(frozen=True)
class Failure:
    slot: str
    at: float


@dataclass(frozen=True)
class Pending:
    """What the next successful unlock writes to the audit log."""

    failures: list[Failure]
    file_replaced: bool  # the file was malformed and replaced by a fresh one


def _number(value: Any, low: float, high: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    if not math.isfinite(number) or not low <= number <= high:
        return None
    return number


@dataclass
class AttemptBook:
    folder: Path
    clock: Callable[[], float] = time.time

    _held: bool = False

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """An exclusive lock on the vault folder itself (no lock file left behind)."""
        if self._held:
            yield
            return
        fd = os.open(self.folder, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._held = True
            yield
        finally:
            self._held = False
            os.close(fd)  # closing releases the lock

    @contextlib.contextmanager
    def attempt(self, slot_id: str) -> Iterator[float]:
        """Hold the lock for one whole attempt; yields the wait still needed (>0: refuse).

        Parallel attempts queue here, so each one sees the failures of those before it.
        """
        with self._locked():
            yield self._wait(self._load(), slot_id)

    def _load(self) -> dict[str, Any]:
        """The file's content, checked entry by entry; a malformed file is replaced."""
        path = self.folder / ATTEMPTS_FILE
        now = self.clock()
        try:
            with path.open("rb") as fh:
                raw = fh.read(MAX_FILE + 1)
        except FileNotFoundError:
            return {"slots": {}, "pending": []}
        try:
            if len(raw) > MAX_FILE:
                raise ValueError("too large")
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not an object")
            slots: dict[str, dict[str, float]] = {}
            for sid, entry in dict(data.get("slots") or {}).items():
                if not _SLOT.fullmatch(str(sid)) or not isinstance(entry, dict):
                    raise ValueError("bad slot")
                failures = _number(entry.get("failures"), 0, MAX_FAILURES)
                last = _number(entry.get("last"), 0, math.inf)
                if failures is None or last is None or failures != int(failures):
                    raise ValueError("bad counter")
                slots[str(sid)] = {"failures": int(failures), "last": min(last, now)}
            pending = []
            for item in list(data.get("pending") or [])[-MAX_PENDING:]:
                at = _number(item.get("at"), 0, math.inf) if isinstance(item, dict) else None
                if at is None or not _SLOT.fullmatch(str(item.get("slot"))):
                    raise ValueError("bad failure")
                pending.append({"slot": str(item["slot"]), "at": min(at, now)})
            return {"slots": slots, "pending": pending,
                    "replaced": bool(data.get("replaced") is True)}
        except (ValueError, TypeError, AttributeError, UnicodeDecodeError, RecursionError):
            # A damaged counter must never lock a nurse out, nor be an error: start
            # again, and say so in the audit log at the next unlock.
            fresh = {"slots": {}, "pending": [], "replaced": True}
            self._save(fresh)
            return fresh

    def _save(self, data: dict[str, Any]) -> None:
        write_atomic(self.folder / ATTEMPTS_FILE, json.dumps(data, sort_keys=True).encode())

    def wait_needed(self, slot_id: str) -> float:
        with self._locked():
            return self._wait(self._load(), slot_id)

    def _wait(self, data: dict[str, Any], slot_id: str) -> float:
        entry = data["slots"].get(slot_id)
        if not entry:
            return 0.0
        ready_at = float(entry["last"]) + delay_after(int(entry["failures"]))
        return max(0.0, ready_at - self.clock())

    def failures(self, slot_id: str) -> int:
        with self._locked():
            entry = self._load()["slots"].get(slot_id)
        return int(entry["failures"]) if entry else 0

    def record_failure(self, slot_id: str) -> int:
        with self._locked():
            data = self._load()
            entry = data["slots"].setdefault(slot_id, {"failures": 0, "last": 0.0})
            entry["failures"] = min(MAX_FAILURES, int(entry["failures"]) + 1)
            entry["last"] = self.clock()
            data["pending"] = (data["pending"] + [{"slot": slot_id, "at": self.clock()}]
                               )[-MAX_PENDING:]
            self._save(data)
            return int(entry["failures"])

    def clear(self, slot_id: str) -> None:
        with self._locked():
            data = self._load()
            if data["slots"].pop(slot_id, None) is not None:
                self._save(data)

    def take_pending(self) -> Pending:
        """Failures not yet audited (and whether the file was replaced); removed from it."""
        with self._locked():
            data = self._load()
            failures = [Failure(p["slot"], float(p["at"])) for p in data["pending"]]
            replaced = bool(data.get("replaced"))
            if failures or replaced:
                self._save({"slots": data["slots"], "pending": []})
            return Pending(failures, replaced)

    def counters(self) -> dict[str, dict[str, float]]:
        """Every slot's failure count and last time (copied into the database at unlock)."""
        with self._locked():
            return dict(self._load()["slots"])

    def restore_counters(self, saved: dict[str, dict[str, float]]) -> None:
        """Put back counters the database kept, where the file holds fewer (deleted file)."""
        with self._locked():
            data = self._load()
            changed = False
            now = self.clock()
            for sid, entry in saved.items():
                failures = _number(entry.get("failures"), 0, MAX_FAILURES)
                last = _number(entry.get("last"), 0, math.inf)
                if not _SLOT.fullmatch(sid) or failures is None or last is None:
                    continue
                mine = data["slots"].get(sid)
                if mine is None or mine["failures"] < failures:
                    data["slots"][sid] = {"failures": int(failures), "last": min(last, now)}
                    changed = True
            if changed:
                self._save(data)
