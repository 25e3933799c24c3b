"""The vault's integrity check: the hash-chained audit log and the revision signatures.

``audit verify`` on the command line and the ward manager's "Vérifier l'intégrité"
in the interface run the same check.
"""

from __future__ import annotations

from dataclasses import dataclass

from care_degraded.vault import Vault
from care_degraded.vault.audit import AuditReport
from care_degraded.vault.revisions import SignatureReport

__all__ = ["AuditReport", "IntegrityReport", "SignatureReport", "verify", "verify_as_manager"]


@dataclass(frozen=True)
class IntegrityReport:
    """Both halves of the check; ``ok`` only when the chain holds and no signature fails."""

    chain: AuditReport
    signatures: SignatureReport

    @property
    def ok(self) -> bool:
        return self.chain.ok and self.signatures.ok


def verify(vault: Vault) -> IntegrityReport:
    """Walk the audit chain and check every revision's signature (reads only)."""
    chain = vault.audit.verify()
    signatures = vault.revisions.verify_signatures(vault.device_public_keys(),
                                                  vault.signed_from())
    return IntegrityReport(chain, signatures)


def verify_as_manager(vault: Vault) -> IntegrityReport:
    """:func:`verify` for the interface, where it is a ward manager's (or IT's) action."""
    vault.require_manager()
    return verify(vault)
