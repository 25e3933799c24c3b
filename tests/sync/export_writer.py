"""Child process for the export crash test: export bundles into a folder forever.

Usage: python export_writer.py VAULT LOGIN FOLDER (the database key in hex on stdin,
so that no KDF run is paid per child). Prints ``ready``, then each file name once
its export has returned. The parent kills it at random moments.
"""

from __future__ import annotations

import sys
from pathlib import Path

from care_degraded.sync.outbox import export
from care_degraded.vault.connection import DB_FILE, connect
from care_degraded.vault.keyslots import KeyslotFile
from care_degraded.vault.users import UserRepository
from care_degraded.vault.vault import Vault


def main() -> None:
    folder, login, target = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    dek = bytes.fromhex(sys.stdin.readline().strip())
    conn = connect(folder / DB_FILE, dek)
    vault = Vault(folder, conn, KeyslotFile.load(folder), dek, UserRepository(conn).get(login))
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        with vault.transaction():
            for n in range(20):
                vault.revisions.append("crash-test", None, {"n": n, "text": "x" * 400})
        result = export(vault, target, full=True)
        sys.stdout.write(Path(result["file"]).name + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
