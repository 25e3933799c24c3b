"""Failed unlock attempts, counted outside the encrypted database.

Before a successful unlock nothing can be written to the database, so failures are
kept in a small clear file in the vault folder (slot ids only, no names) and moved
into the audit log at the next successful unlock. After five failures for a login,
each further attempt must wait a growing delay: 2, 4, 8... seconds, capped at five
minutes. There is never a permanent lockout.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from care_degraded.vault.atomic import write_atomic

ATTEMPTS_FILE = "attempts.json"
FREE_ATTEMPTS = 5
MAX_DELAY = 300.0


def delay_after(failures: int) -> float:
    """Seconds to wait before the next attempt once ``failures`` have happened."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return float(min(MAX_DELAY, 2 ** (failures - FREE_ATTEMPTS + 1)))


@dataclass
class AttemptBook:
    folder: Path
    clock: Callable[[], float] = time.time

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads((self.folder / ATTEMPTS_FILE).read_text("utf-8"))
            return data if isinstance(data, dict) else {}
        except (FileNotFoundError, ValueError):
            # A damaged counter must never lock a nurse out: start again.
            return {}

    def _save(self, data: dict[str, Any]) -> None:
        write_atomic(self.folder / ATTEMPTS_FILE, json.dumps(data, sort_keys=True).encode())

    def wait_needed(self, slot_id: str) -> float:
        entry = self._load().get("slots", {}).get(slot_id)
        if not entry:
            return 0.0
        ready_at = float(entry["last"]) + delay_after(int(entry["failures"]))
        return max(0.0, ready_at - self.clock())

    def failures(self, slot_id: str) -> int:
        entry = self._load().get("slots", {}).get(slot_id)
        return int(entry["failures"]) if entry else 0

    def record_failure(self, slot_id: str) -> int:
        data = self._load()
        slots = data.setdefault("slots", {})
        entry = slots.setdefault(slot_id, {"failures": 0, "last": 0.0})
        entry["failures"] = int(entry["failures"]) + 1
        entry["last"] = self.clock()
        data.setdefault("pending", []).append({"slot": slot_id, "at": self.clock()})
        self._save(data)
        return int(entry["failures"])

    def record_event(self, action: str, detail: str = "") -> None:
        """An event that happened without an unlocked vault (restore...), audited later."""
        data = self._load()
        data.setdefault("events", []).append({"action": action, "detail": detail,
                                              "at": self.clock()})
        self._save(data)

    def clear(self, slot_id: str) -> None:
        data = self._load()
        data.get("slots", {}).pop(slot_id, None)
        self._save(data)

    def take_pending(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Failures and events not yet audited; they are removed from the file."""
        data = self._load()
        failures = list(data.pop("pending", []))
        events = list(data.pop("events", []))
        if failures or events:
            self._save(data)
        return failures, events
