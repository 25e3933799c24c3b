"""Child process for the crash tests: write revisions forever, acknowledge each commit.

Usage: python crash_writer.py VAULT LOGIN  (the database key, in hex, on the first line
of stdin, so that no KDF run is paid per child). Prints ``ready`` once open, then one
revision uuid per line, each flushed only after its transaction has committed. The
parent kills this process at random moments and checks that every printed uuid is
in the vault.
"""

from __future__ import annotations

import sys
from pathlib import Path

from care_degraded.vault.connection import DB_FILE, connect
from care_degraded.vault.keyslots import KeyslotFile
from care_degraded.vault.users import UserRepository
from care_degraded.vault.vault import Vault


def main() -> None:
    folder, login = Path(sys.argv[1]), sys.argv[2]
    dek = bytes.fromhex(sys.stdin.readline().strip())
    conn = connect(folder / DB_FILE, dek)
    vault = Vault(folder, conn, KeyslotFile.load(folder), dek, UserRepository(conn).get(login))
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    n = 0
    while True:
        n += 1
        with vault.transaction():
            rev = vault.revisions.append("crash-test", f"P{n % 13}",
                                         {"n": n, "text": "relevé " * (n % 40)})
        out.write(rev.uuid + "\n")
        out.flush()
        if n % 50 == 0:
            # now and then a checkpoint, so that kills also land inside one
            vault.checkpoint()


if __name__ == "__main__":
    main()
