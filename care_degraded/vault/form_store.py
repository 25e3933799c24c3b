"""Form definitions kept in the vault, one per (url, version) ever used."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from care_degraded.domain.clock import iso, utcnow
from care_degraded.domain.errors import InvalidInput
from care_degraded.vault.connection import Connection


class FormDefinitionStore:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def keep(self, url: str, version: str, definition: dict[str, Any]) -> None:
        """Store a definition once; the same (url, version) with other content is refused."""
        text = json.dumps(definition, ensure_ascii=False, sort_keys=True)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        row = self._conn.execute(
            "SELECT sha256 FROM form_definitions WHERE url = ? AND version = ?",
            (url, version)).fetchone()
        if row is None:
            self._conn.execute(
                "INSERT INTO form_definitions (url, version, sha256, definition, stored_at)"
                " VALUES (?, ?, ?, ?, ?)", (url, version, digest, text, iso(utcnow())))
        elif row[0] != digest:
            # Two different forms under one version: the older definition is the one
            # records were made with; keep it and say so.
            raise InvalidInput(f"form {url} version {version} changed without a new version")

    def get(self, url: str, version: str) -> dict[str, Any] | None:
        row = self._conn.execute(
            "SELECT definition FROM form_definitions WHERE url = ? AND version = ?",
            (url, version)).fetchone()
        if row is None:
            return None
        value: dict[str, Any] = json.loads(row[0])
        return value

    def versions(self) -> list[tuple[str, str]]:
        return [(str(u), str(v)) for u, v in self._conn.execute(
            "SELECT url, version FROM form_definitions ORDER BY url, version")]
