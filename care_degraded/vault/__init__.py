"""The encrypted ward vault: SQLCipher database, keyslots, migrations, audit, backup.

Public API::

    Vault.create(path, ward=..., login=..., display_name=..., passphrase=...,
                 recovery_recipient="age1...")
    Vault.unlock(path, login, passphrase)
    Vault.recover(path, identity_text, new_login, display_name, passphrase)
    vault.transaction(), vault.audit, vault.users, vault.revisions, vault.close()
"""

from care_degraded.vault.vault import Vault, is_vault

__all__ = ["Vault", "is_vault"]
