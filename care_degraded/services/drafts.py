"""Forms in progress kept across a screen lock.

When the session locks, the interface hands the state of every unsaved form to
:func:`keep`, which writes it into the vault's ``meta`` table before the vault is
closed. The design is deliberately the simplest safe one: the drafts sit in the
SQLCipher database, so they are encrypted with the ward's database key like every
record, they never touch a temp file, and they survive a crash or a power cut
during the lock. At the next unlock (same or another user) :func:`take` returns
them and deletes them; they are not records (no revision, no sync) until saved.
"""

from __future__ import annotations

import json
from typing import Any

from care_degraded.vault import Vault

PREFIX = "ui.draft."


def keep(vault: Vault, drafts: list[dict[str, Any]]) -> None:
    """Replace the kept drafts with ``drafts`` (JSON-serialisable dicts)."""
    with vault.transaction() as conn:
        conn.execute("DELETE FROM meta WHERE key LIKE ?", (PREFIX + "%",))
        for number, draft in enumerate(drafts):
            vault.set_meta(f"{PREFIX}{number:04d}",
                           json.dumps(draft, ensure_ascii=False, sort_keys=True))
        if drafts:
            vault.audit.append("draft.keep", str(len(drafts)))


def take(vault: Vault) -> list[dict[str, Any]]:
    """The kept drafts, in the order they were kept; they are removed from the vault."""
    with vault.transaction() as conn:
        rows = conn.execute("SELECT key, value FROM meta WHERE key LIKE ? ORDER BY key",
                            (PREFIX + "%",)).fetchall()
        if not rows:
            return []
        conn.execute("DELETE FROM meta WHERE key LIKE ?", (PREFIX + "%",))
        vault.audit.append("draft.restore", str(len(rows)))
    drafts: list[dict[str, Any]] = []
    for _key, value in rows:
        try:
            draft = json.loads(value)
        except ValueError:  # a damaged draft is dropped rather than blocking the unlock
            continue
        if isinstance(draft, dict):
            drafts.append(draft)
    return drafts


def count(vault: Vault) -> int:
    row = vault.conn.execute("SELECT count(*) FROM meta WHERE key LIKE ?",
                             (PREFIX + "%",)).fetchone()
    return int(row[0])
