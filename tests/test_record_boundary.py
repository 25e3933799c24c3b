"""Records are read in one place: the typed Record and the query layer (vault/, domain/).

No module above the vault runs SQL on the revisions table or reads a stored payload
dict; it asks ``vault.records`` / ``services.records`` for typed ``Record``s.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "care_degraded"
ALLOWED = ("vault", "domain")
#: a payload dict read by key, or SQL naming the revisions table
FORBIDDEN = re.compile(r"payload\[|payload\.get\(|\b(FROM|INTO|UPDATE|JOIN)\s+revisions\b",
                       re.IGNORECASE)


def offenders(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).parts[0] in ALLOWED:
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if FORBIDDEN.search(line):
                found.append(f"{path.relative_to(root.parent)}:{number}: {line.strip()}")
    return found


def test_no_payload_or_revisions_sql_above_the_vault() -> None:
    assert offenders(PACKAGE) == []


def test_the_check_sees_an_offence(tmp_path: Path) -> None:
    (tmp_path / "services").mkdir()
    (tmp_path / "vault").mkdir()
    (tmp_path / "services" / "bad.py").write_text(
        "x = rev.payload['answers']\ny = conn.execute('SELECT * from revisions')\n")
    (tmp_path / "vault" / "ok.py").write_text("x = rev.payload['answers']\n")
    assert [line.split(":")[1] for line in offenders(tmp_path)] == ["1", "2"]
