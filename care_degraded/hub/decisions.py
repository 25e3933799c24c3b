"""IT's decisions on the hub: append-only hub revisions, each with who, when and why.

A link, an unlink, a conflict decision, a worklist state or an export outcome is one
row of ``hub_revisions`` (never updated nor deleted) written in the same transaction
as the current-state table it changes; the revisions are the audit, the state tables
are what readers join on.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from care_degraded.domain.clock import iso, utcnow
from care_degraded.domain.errors import UsageError
from care_degraded.hub.store import HubStore


@dataclass(frozen=True)
class HubRevision:
    """One decision as the audit shows it."""

    seq: int
    uuid: str
    kind: str
    object: str
    author: str
    created_at: str
    supersedes: str | None
    body: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "uuid": self.uuid, "kind": self.kind, "object": self.object,
                "author": self.author, "at": self.created_at, "supersedes": self.supersedes,
                **self.body}


def require_reason(reason: str | None) -> str:
    """A decision always says why: an empty reason is a usage error (exit 2)."""
    text = (reason or "").strip()
    if not text:
        raise UsageError("a reason is required (--reason \"...\")")
    return text


def append(store: HubStore, kind: str, obj: str, body: dict[str, Any]) -> HubRevision:
    """Write one hub revision (inside the caller's transaction) and journal it."""
    previous = store.conn.execute(
        "SELECT uuid FROM hub_revisions WHERE kind = ? AND object = ? ORDER BY seq DESC"
        " LIMIT 1", (kind, obj)).fetchone()
    rev_uuid, now = str(uuid.uuid4()), iso(utcnow())
    text = json.dumps(body, ensure_ascii=False, sort_keys=True)
    cur = store.conn.execute(
        "INSERT INTO hub_revisions (uuid, kind, object, author, created_at, supersedes, body)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (rev_uuid, kind, obj, store.login, now, previous[0] if previous else None, text))
    store.journal(kind, f"{obj}:{rev_uuid}")
    return HubRevision(int(cur.lastrowid or 0), rev_uuid, kind, obj, store.login, now,
                       previous[0] if previous else None, body)


def history(store: HubStore, kind_prefix: str = "", obj: str | None = None
            ) -> list[HubRevision]:
    """Decisions oldest first, of kinds starting with ``kind_prefix`` (and one object)."""
    sql = ("SELECT seq, uuid, kind, object, author, created_at, supersedes, body"
           " FROM hub_revisions WHERE kind LIKE ?")
    params: list[Any] = [kind_prefix + "%"]
    if obj is not None:
        sql += " AND object = ?"
        params.append(obj)
    rows = store.conn.execute(sql + " ORDER BY seq", params).fetchall()
    return [HubRevision(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]))
            for r in rows]
