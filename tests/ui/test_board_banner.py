"""The permanent banner: degraded mode, ward, census freshness, records waiting to sync."""

from __future__ import annotations

import datetime as dt

import pytest

from care_degraded.domain.patient import CensusSnapshot, Freshness
from care_degraded.services.board import BannerInfo
from care_degraded.ui import i18n
from care_degraded.ui.banner import Banner

NOW = dt.datetime(2026, 11, 29, 14, 0, tzinfo=dt.UTC)


def snapshot(hours_ago: float) -> CensusSnapshot:
    made = NOW - dt.timedelta(hours=hours_ago)
    return CensusSnapshot(id=1, source="census.json", source_kind="fhir", generated_at=made,
                          generated_at_basis="bundle-timestamp", imported_at=made,
                          content_sha256="0" * 64, patients=28)


@pytest.fixture
def banner(qtbot):
    i18n.install("fr")
    b = Banner()
    qtbot.addWidget(b)
    return b


def test_fresh_census_and_pending_records(banner):
    info = BannerInfo("Cardiologie B", False, Freshness(snapshot(2.5), NOW), 7)
    banner.set_info(info, "Inès Durand", NOW, "fr")
    assert banner.mode.text() == "MODE DÉGRADÉ"
    assert banner.ward.text() == "Cardiologie B"
    assert "il y a 2 h 30" in banner.census.text() and "⚠" not in banner.census.text()
    assert "7 saisies" in banner.sync.text()
    assert banner.user.text() == "Inès Durand"


def test_stale_census_is_flagged_and_missing_census_said(banner):
    banner.set_info(BannerInfo("Cardiologie B", False, Freshness(snapshot(30), NOW), 0),
                    "x", NOW)
    assert banner.census.text().startswith("⚠")
    banner.set_info(BannerInfo("Cardiologie B", True, Freshness(None, NOW), 0), "x", NOW)
    assert banner.census.text() == "Aucun recensement importé"
    assert banner.ward.text() == "Cardiologie B (démo)"


def test_clearing_on_lock(banner):
    banner.set_info(BannerInfo("Cardiologie B", False, Freshness(None, NOW), 3), "Inès Durand", NOW)
    banner.set_info(None)
    assert banner.user.text() == "" and banner.sync.text() == ""
    assert banner.mode.text() == "MODE DÉGRADÉ"


def test_lock_button(qtbot, banner):
    with qtbot.waitSignal(banner.lock_requested, timeout=1000):
        banner.lock_button.click()


def test_banner_shows_the_last_receipt_time(banner):
    received = dt.datetime(2026, 11, 29, 13, 5, tzinfo=dt.UTC)
    banner.set_info(BannerInfo("Cardiologie B", False, Freshness(None, NOW), 12,
                               last_receipt_at=received), "x", NOW)
    local = received.astimezone().strftime("%H:%M")
    assert banner.sync.text().endswith(f", dernier accusé {local}")
    assert "12 saisies en attente" in banner.sync.text()
