"""Forms in progress kept across a screen lock, each with the person who typed it.

When the session locks, the interface hands the state of every unsaved form to
:func:`keep`, which writes it into the vault's ``meta`` table before the vault is
closed. The drafts sit in the SQLCipher database, so they are encrypted with the
ward's database key like every record, they never touch a temp file, and they
survive a crash or a power cut during the lock. They are not records (no revision,
no sync) until saved.

A draft belongs to the user who typed it: :func:`take` gives back (and removes) only
the drafts of the user who just unlocked; another user sees who left forms in
progress and when (:func:`others`) and may discard them (:func:`discard`), never
open them, so that nothing is ever saved under the wrong name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from care_degraded.domain.clock import utcnow
from care_degraded.vault import Vault

PREFIX = "ui.draft."


@dataclass(frozen=True)
class DraftsOf:
    """Forms in progress left by one user (what another user is told)."""

    login: str
    display_name: str
    count: int
    kept_at: dt.datetime | None  # aware, the ward's zone; None for a draft of unknown age


def _own_prefix(login: str) -> str:
    return f"{PREFIX}{login}/"


def _rows(vault: Vault) -> Iterator[tuple[str, dict[str, Any]]]:
    """(key, stored entry) of every kept draft, in the order they were kept."""
    rows = vault.conn.execute(
        "SELECT key, value FROM meta WHERE substr(key, 1, ?) = ? ORDER BY key",
        (len(PREFIX), PREFIX)).fetchall()
    for key, value in rows:
        try:
            entry = json.loads(value)
        except ValueError:  # a damaged draft is dropped rather than blocking the unlock
            entry = None
        if not isinstance(entry, dict):
            entry = {}
        if "draft" not in entry:  # kept before drafts had an author: nobody's to reopen
            entry = {"author": "", "draft": entry}
        yield str(key), entry


def keep(vault: Vault, drafts: list[dict[str, Any]]) -> None:
    """Replace the unlocked user's kept drafts with ``drafts`` (JSON-serialisable dicts).

    Other users' drafts stay as they are."""
    user = vault.user
    prefix = _own_prefix(user.login)
    now = utcnow().isoformat(timespec="seconds")
    with vault.transaction() as conn:
        conn.execute("DELETE FROM meta WHERE substr(key, 1, ?) = ?", (len(prefix), prefix))
        for number, draft in enumerate(drafts):
            entry = {"author": user.login, "author_name": user.display_name,
                     "kept_at": now, "draft": draft}
            vault.set_meta(f"{prefix}{number:04d}",
                           json.dumps(entry, ensure_ascii=False, sort_keys=True))
        if drafts:
            vault.audit.append("draft.keep", str(len(drafts)))


def take(vault: Vault) -> list[dict[str, Any]]:
    """The unlocked user's own drafts, in the order kept; they are removed from the vault."""
    login = vault.user.login
    mine = [(key, entry) for key, entry in _rows(vault) if entry.get("author") == login]
    if not mine:
        return []
    with vault.transaction() as conn:
        for key, _entry in mine:
            conn.execute("DELETE FROM meta WHERE key = ?", (key,))
        vault.audit.append("draft.restore", str(len(mine)))
    return [entry["draft"] for _key, entry in mine if isinstance(entry.get("draft"), dict)]


def others(vault: Vault) -> list[DraftsOf]:
    """Forms in progress left by other users, one line per user (by login)."""
    login = vault.user.login
    found: dict[str, DraftsOf] = {}
    for _key, entry in _rows(vault):
        author = str(entry.get("author") or "")
        if author == login:
            continue
        kept = _when(entry.get("kept_at"), vault.zone)
        before = found.get(author)
        name = str(entry.get("author_name") or author or "?")
        if before is None:
            found[author] = DraftsOf(author, name, 1, kept)
        else:
            latest = max((t for t in (before.kept_at, kept) if t is not None), default=None)
            found[author] = DraftsOf(author, name, before.count + 1, latest)
    return sorted(found.values(), key=lambda d: d.login)


def discard(vault: Vault, author: str) -> int:
    """Delete the drafts ``author`` left (by another user's decision); how many (audited)."""
    keys = [key for key, entry in _rows(vault) if str(entry.get("author") or "") == author]
    if not keys:
        return 0
    with vault.transaction() as conn:
        for key in keys:
            conn.execute("DELETE FROM meta WHERE key = ?", (key,))
        vault.audit.append("draft.discard", f"{author or '?'} {len(keys)}")
    return len(keys)


def count(vault: Vault) -> int:
    """Every kept draft, whoever typed it."""
    return sum(1 for _ in _rows(vault))


def _when(value: object, zone: dt.tzinfo) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(zone)
