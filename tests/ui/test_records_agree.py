"""The board, the chart, the handover screen and the paper read records the same way.

They all ask the one query layer (vault.records), so they cannot disagree: a voided
handover is no handover anywhere, and a clinical time typed without an offset is the
ward's wall clock on screen and on paper, whatever the machine's own zone.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from care_degraded.services import board, printing, records
from care_degraded.services.forms import library
from care_degraded.ui.board import BoardModel, Column
from care_degraded.ui.chart import data as chart_data
from care_degraded.ui.handover.model import COL_KIND, COL_WHEN, HandoverModel, load_ward_handover
from care_degraded.vault import Vault
from tests.printing.helpers import all_text, squash
from tests.ui.chart_helpers import install_patients, make_patient

PARIS = ZoneInfo("Europe/Paris")
SBAR = {"from": "IDE de jour", "situation": "Douleur thoracique", "assessment": "NEWS2 2",
        "recommendation": "ECG à 6 h"}
VITALS = {"temp": 38.4, "hr": 112, "sbp": 98, "dbp": 60, "rr": 24, "spo2": 93, "o2": "air",
          "avpu": "A"}


@pytest.fixture
def ward(vault: Vault):
    return install_patients(vault, [make_patient("a", bed="1"),
                                    make_patient("b", bed="2", provisional=True)])


@pytest.fixture
def machine_in_utc() -> Iterator[None]:
    """This machine's zone is not the ward's: what is shown must not depend on it."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def _handover_cell(vault: Vault, patient_id: str, column: int) -> tuple[object, object]:
    rows, authors = load_ward_handover(vault)
    model = HandoverModel()
    model.set_rows(rows, authors)
    row = model.row_of(patient_id)
    return model.row(row).latest, model.index(row, column).data()


def test_a_voided_only_sbar_is_no_handover_anywhere(qtbot, vault: Vault, ward,
                                                    tmp_path: Path) -> None:
    first, second = ward
    lib = library()
    now = vault.clock()
    sbar = records.record_care(vault, lib, first.id, "sbar-handover",
                               {"effective": now.isoformat(timespec="seconds"), **SBAR})

    def board_says() -> bool:
        rows = {r.patient_id: r for r in board.ward_board(vault, now)}
        return rows[first.id].handover_this_shift

    def printed() -> str:
        out = tmp_path / "handover.pdf"
        printing.print_handover(vault, out, first.id, lib=lib)
        return squash(all_text(out.read_bytes()))

    # Written: all three see it.
    assert board_says()
    latest, kind = _handover_cell(vault, first.id, COL_KIND)
    assert latest is not None and kind == "SBAR"
    assert squash("Douleur thoracique") in printed()

    records.void(vault, sbar.uuid, "mauvais patient")

    # Voided, and the only one: none of the three shows a handover.
    assert not board_says()
    latest, kind = _handover_cell(vault, first.id, COL_KIND)
    _none, no_handover = _handover_cell(vault, second.id, COL_KIND)
    assert latest is None and kind == no_handover  # "aucune", as for a patient never handed over
    text = printed()
    assert squash("aucune transmission enregistrée") in text
    assert squash("Douleur thoracique") not in text


def test_a_naive_clinical_time_is_the_same_wall_clock_everywhere(
        qtbot, vault: Vault, ward, tmp_path: Path, machine_in_utc: None) -> None:
    first, _second = ward
    lib = library()
    # Typed without an offset, as a script or a back-entry would: 08:30 on the ward.
    vitals = records.record_care(vault, lib, first.id, "vital-signs",
                                 {"effective": "2026-03-10T08:30", **VITALS})
    records.record_care(vault, lib, first.id, "sbar-handover",
                        {"effective": "2026-03-10T08:45", **SBAR})
    stored = records.get_record(vault, vitals.uuid)
    assert stored.answer("effective") == "2026-03-10T08:30:00+01:00"
    assert stored.effective_at == dt.datetime(2026, 3, 10, 7, 30, tzinfo=dt.UTC)

    now = dt.datetime(2026, 3, 10, 9, 0, tzinfo=PARIS)
    # The ward board.
    model = BoardModel()
    model.set_rows(board.ward_board(vault, now), now)
    row = next(n for n in range(model.rowCount()) if model.index(n, 0).data() == "1")
    assert model.index(row, Column.VITALS).data() == "08:30"
    # The chart's timeline.
    chart = chart_data.load_chart(vault, lib, first.id, "fr")
    assert chart.prepared is not None
    whens = [texts[0] for texts in chart.prepared[1]]
    assert whens == ["10/03/2026 08:45", "10/03/2026 08:30"]
    # The handover screen.
    _latest, when = _handover_cell(vault, first.id, COL_WHEN)
    assert when == "10/03/2026 08:45"
    # The printed record: the time of care and the answer itself.
    out = tmp_path / "record.pdf"
    printing.print_record(vault, out, vitals.uuid, lib=lib, now=now)
    text = squash(all_text(out.read_bytes()))
    assert squash("soins du 10/03/2026 à 08:30") in text
    assert squash("10/03/2026 08:30") in text and squash("10/03/2026 07:30") not in text
    # The printed handover: the NEWS2 line and the SBAR's time.
    printing.print_handover(vault, out, first.id, lib=lib, now=now)
    text = squash(all_text(out.read_bytes()))
    assert squash("— 10/03 08:30") in text
    assert squash("du 10/03 à 08:45") in text
