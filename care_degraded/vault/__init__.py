"""The encrypted ward vault: SQLCipher database, keyslots, migrations, audit, backup."""
