"""What the chart reads and writes, through the services only (run on the vault lane).

Every function here takes the vault and is meant to run inside an ``Operation``:
none of them may be called on the GUI thread while another operation works.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from care_degraded.domain.patient import Patient
from care_degraded.domain.record import Record
from care_degraded.services import chart
from care_degraded.services.chart import (  # noqa: F401 - the chart screen's API
    medication_prefill,
    next_planned,
    now_iso,
    prefill,
    save_amendment,
    save_new,
    void,
)
from care_degraded.services.forms import FormLibrary, FormSpec, spec_for
from care_degraded.services.records import RecordSummary
from care_degraded.services.vaults import Vault
from care_degraded.ui.chart.record_panel import DigestPlan, digest_plan, record_digest
from care_degraded.ui.chart.timeline import PreparedRows, prepare_rows

__all__ = ["QUICK_FORMS", "ChartData", "form_of", "history", "load_chart", "medication_prefill",
           "next_planned", "now_iso", "prefill", "save_amendment", "save_new", "void"]

#: Quick actions of the chart: (key, form short id), in button order.
QUICK_FORMS = (
    ("vitals", "vital-signs"),
    ("medication", "medication-administration"),
    ("note", "targeted-notes"),
    ("pain", "pain"),
    ("glucose", "capillary-glucose"),
)


@dataclass
class ChartData:
    patient: Patient | None
    records: list[RecordSummary]
    authors: dict[str, str] = field(default_factory=dict)  # login -> display name
    prepared: PreparedRows | None = None  # timeline texts, formatted off the GUI thread
    digest: Callable[[RecordSummary], str] | None = None  # "at a glance", on demand
    zone: dt.tzinfo | None = None  # the ward's: read on the vault lane, used on screen


def load_chart(vault: Vault, library: FormLibrary, patient_id: str, lang: str) -> ChartData:
    """Patient identity, timeline of records and author names (from services.chart)."""
    loaded = chart.load_chart(vault, library, patient_id, lang)
    # The forms' definitions were read on the vault lane; the digests themselves are
    # written later, on screen, only for the rows that are shown.
    plans: dict[tuple[str, str | None], tuple[FormSpec, DigestPlan] | None] = {
        key: (spec, digest_plan(spec)) if spec is not None else None
        for key, spec in loaded.forms.items()}

    def digest(summary: RecordSummary) -> str:
        found = plans.get((summary.form_url, summary.form_version))
        if found is None:
            return ""
        return record_digest(found[0], summary.answers, lang, plan=found[1])

    return ChartData(loaded.patient, loaded.records, loaded.authors,
                     prepare_rows(loaded.records, loaded.authors, lang), digest, loaded.zone)


def history(vault: Vault, record_uuid: str) -> list[Record]:
    return chart.history(vault, record_uuid)


def form_of(vault: Vault, library: FormLibrary, summary: RecordSummary) -> FormSpec:
    """The exact form version the record was made with."""
    return spec_for(vault, library, summary.form_url, summary.form_version)
