"""What a successful unlock writes to the audit log before its ``login.success`` row.

Only failure counts and times come from the clear ``attempts.json``, checked and
marked as coming from it; nothing else in that file is ever taken (anyone can
write it). Whether this database was opened for the first time as a restored
backup is read from the database itself, which a backup copy marks.
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from care_degraded.vault import signature_check
from care_degraded.vault.throttle import AttemptBook

if TYPE_CHECKING:
    from care_degraded.vault.vault import Vault

#: ``PRAGMA application_id`` of a backup copy; a live vault has 0
BACKUP_APPLICATION_ID = 0x43444243  # "CDBC"
_COUNTERS = "throttle_counters"


def unlock_audit(vault: Vault, book: AttemptBook) -> None:
    """Audit failures, a replaced attempts file and a first open after a restore.

    Call inside the unlock's transaction.
    """
    saved = vault.meta(_COUNTERS)
    if saved:
        # a deleted attempts file must not reset the delay of a login that failed before
        with contextlib.suppress(ValueError, TypeError):
            counters = dict(json.loads(saved))
            # the login that just succeeded starts again from zero
            counters.pop(vault.keyslots.slot_id(vault.user.login), None)
            book.restore_counters(counters)
    pending = book.take_pending()
    if pending.file_replaced:
        vault.audit.append("login.attempts-file-replaced",
                           "attempts.json was malformed and replaced", actor="-")
    for failure in pending.failures:
        vault.audit.append("login.failure", f"slot {failure.slot} (time from attempts.json)",
                           actor="-", at=datetime.fromtimestamp(failure.at, UTC))
    if vault.meta(signature_check.META_SIGNED_FROM) is None:
        vault.set_meta(signature_check.META_SIGNED_FROM, str(vault.signed_from()))
    vault.set_meta(_COUNTERS, json.dumps(book.counters(), sort_keys=True))
    if int(vault.conn.execute("PRAGMA application_id").fetchone()[0]) == BACKUP_APPLICATION_ID:
        vault.conn.execute("PRAGMA application_id = 0")
        vault.audit.append("restore", "opened for the first time as the live vault")
        vault._new_device()
