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
    anything else as CSV.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise InvalidInput(f"cannot read the census file: {exc.strerror}") from None
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"{"):
        return read_fhir_census(path)
    return read_csv_census(path)
