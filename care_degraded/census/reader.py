"""Read a census file, FHIR Bundle (JSON) or CSV, whichever it is."""

from __future__ import annotations

from pathlib import Path

from care_degraded.census.csv_census import read_csv_census
from care_degraded.census.fhir_census import read_fhir_census
from care_degraded.census.model import ParsedCensus
from care_degraded.domain.errors import InvalidInput


def read_census(path: str | Path) -> ParsedCensus:
    """Parse and check ``path``; nothing is written. InvalidInput says where it is wrong.

    A file whose first significant character is ``{`` is read as a FHIR Bundle,
    anything else as CSV; an empty file or a JSON array is refused as such.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise InvalidInput(f"cannot read the census file: {exc.strerror}") from None
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text:
        raise InvalidInput("the census file is empty (or only blank); nothing was imported")
    if text.startswith(b"["):
        # JSON, but not a Bundle: saying "missing CSV columns" would mislead.
        raise InvalidInput("the census file is a JSON array, not a FHIR Bundle; "
                           "nothing was imported")
    if text.startswith(b"{"):
        return read_fhir_census(path)
    return read_csv_census(path)
