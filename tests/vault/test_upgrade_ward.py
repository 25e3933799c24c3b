"""A real ward's vault of every released schema upgrades and the app works on it.

The fixtures (tests/vault/fixtures/ward-v*/, built by make_ward_fixture.py) hold
census patients and prescriptions, form definitions and care records in the shapes
the program of that schema wrote. After the upgrade the board, the chart data and
the downtime kit are run on them, not just the vault opened.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from care_degraded.domain.revision import RevisionStatus
from care_degraded.services import board, chart, printing, records
from care_degraded.services.forms import library
from care_degraded.vault import Vault, migrations
from tests.printing.helpers import all_text, squash
from tests.vault.util import dek_from_slot, raw_connect

FIXTURES = Path(__file__).with_name("fixtures")
WARDS = sorted(FIXTURES.glob("ward-v*"), key=lambda p: int(p.name.rsplit("v", 1)[1]))
PARIS = ZoneInfo("Europe/Paris")
#: during the night shift the fixture's records were written in
NOW = dt.datetime(2026, 11, 29, 6, 50, tzinfo=PARIS)


def test_every_released_schema_has_a_ward_fixture() -> None:
    assert [p.name for p in WARDS] == [f"ward-v{s.version}" for s in migrations.STEPS]


@pytest.fixture(params=WARDS, ids=lambda p: p.name)
def upgraded(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Vault, dict[str, Any]]:
    fixture: Path = request.param
    expected: dict[str, Any] = json.loads((fixture / "expected.json").read_text("utf-8"))
    path = tmp_path / "vault"
    shutil.copytree(fixture / "vault", path)
    conn = raw_connect(path, dek_from_slot(path, *expected["manager"]))
    assert migrations.current_version(conn) == expected["schema_version"]
    conn.close()
    vault = Vault.unlock(path, *expected["nurse"])
    request.addfinalizer(vault.close)
    assert migrations.current_version(vault.conn) == migrations.latest_version()
    assert vault.revisions.count() == expected["revisions"]
    return vault, expected


def test_the_board_on_the_upgraded_vault(upgraded: tuple[Vault, dict[str, Any]]) -> None:
    vault, expected = upgraded
    first, second = expected["with_vitals"], expected["voided_sbar"]
    rows = board.ward_board(vault, NOW)
    assert sorted(r.display_name for r in rows) == sorted(expected["census"])
    vitals = board.latest_vitals(vault)[first]
    assert f"{vitals.effective_at:%d/%m %H:%M}" == "29/11 06:10"  # the ward's clock
    assert vitals.answer("hr") == 118 and vitals.news2().total is not None  # the amendment
    # the focus notes count as a handover; the voided SBAR does not
    assert board.handovers_since(vault, board.shift_start(NOW)) == {first, expected["with_notes"]}
    given = board.doses_recorded(vault, NOW - dt.timedelta(hours=3))
    assert [d for d, _at in given[first]] == ["paracétamol"]
    assert [d for d, _at in given[second]] == ["enoxaparine"]  # not given closes it too
    if rows:
        by_id = {r.patient_id: r for r in rows}
        assert by_id[first].handover_this_shift and not by_id[second].handover_this_shift
        assert by_id[first].news2 == vitals.news2().total
        assert f"{by_id[first].last_vitals_at:%H:%M}" == "06:10"


def test_the_chart_on_the_upgraded_vault(upgraded: tuple[Vault, dict[str, Any]]) -> None:
    vault, expected = upgraded
    first, second = expected["with_vitals"], expected["voided_sbar"]
    found = records.records_for(vault, first)
    assert [(r.kind.value, f"{r.effective_at:%H:%M}") for r in found] == [
        ("handover", "06:40"), ("vitals", "06:10"), ("medication", "06:05")]
    assert found[1].status is RevisionStatus.AMENDED and found[1].revisions == 2
    voided = records.records_for(vault, second, include_voided=True)
    assert [r.reason for r in voided if r.voided] == [
        "transmission écrite pour le mauvais patient"]
    assert records.latest_handover(vault, second) is None
    assert records.administrations(vault, second, NOW - dt.timedelta(hours=3))[
        0].medication().not_given_reason == "refused"
    if not expected["census"]:
        return  # schema 1 had no census: records name patients the vault does not hold
    data = chart.load_chart(vault, library(), first)
    assert data.patient is not None and data.patient.id == first
    assert [s.effective_at.strftime("%H:%M") for s in data.records] == ["06:40", "06:10",
                                                                         "06:05"]
    assert all(spec is not None for spec in data.forms.values())
    notes = chart.load_chart(vault, library(), expected["with_notes"]).records
    assert [s.form_url.rsplit("/", 1)[1] for s in notes] == ["targeted-notes"]


def test_the_kit_on_the_upgraded_vault(upgraded: tuple[Vault, dict[str, Any]],
                                       tmp_path: Path) -> None:
    vault, expected = upgraded
    out = tmp_path / "kit.pdf"
    result = printing.print_kit(vault, out, hours=8, now=NOW, lib=library())
    assert result.pages > 0
    text = squash(all_text(out.read_bytes()))
    for name in expected["census"]:
        assert squash(name) in text, name
    if expected["census"]:
        assert squash("Hémocultures, rappeler l'interne") in text  # the valid SBAR
        assert squash("du 29/11 à 06:40") in text
