"""Whether a vault is an exercise (drill) vault: the one question every screen and page asks.

The mark is set once, when the drill vault is created: vault meta ``exercise`` = "1"
(read by the sync, so its bundles go only to an exercise hub) and the same flag in the
keyslot file, readable before unlocking so the unlock screen can say it is an exercise.
"""

from __future__ import annotations

from pathlib import Path

from care_degraded.domain.errors import DamagedData, Refused
from care_degraded.sync.outbox import EXERCISE_META
from care_degraded.sync.outbox import is_exercise as _meta_is_exercise
from care_degraded.vault import Vault
from care_degraded.vault.keyslots import KeyslotFile

__all__ = ["EXERCISE_META", "is_exercise", "is_exercise_dir"]


def is_exercise(vault: Vault) -> bool:
    """True for an unlocked drill vault."""
    return _meta_is_exercise(vault)


def is_exercise_dir(path: Path) -> bool:
    """True when the vault folder ``path`` holds a drill vault (read before unlocking)."""
    try:
        extra = KeyslotFile.load(Path(path)).extra
    except (DamagedData, Refused, OSError):
        return False
    return bool(extra.get("exercise"))
