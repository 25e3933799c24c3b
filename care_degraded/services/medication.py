"""Medication pre-fill rules: routes by code, high-risk medicines from a shipped list.

Routes are matched through codes, never by exact text: the SNOMED CT route code the
census carries (``dosage.route.coding``) first, then a table of French synonyms for
text-only routes ("voie orale", "per os", "PO" -> the form's ``po`` option). Whether a
medicine is high-risk comes from the prescription (its ATC code or its name against
``data/high-risk-drugs.txt``), never from a question left unanswered.
"""

from __future__ import annotations

import re
from functools import lru_cache

from care_degraded.config import data_dir
from care_degraded.domain.names import fold
from care_degraded.domain.patient import Prescription

SNOMED = "http://snomed.info/sct"

#: SNOMED CT route of administration -> the medication form's route option
ROUTE_BY_SNOMED: dict[str, str] = {
    "26643006": "po",  # oral
    "47625008": "iv",  # intravenous
    "34206005": "sc",  # subcutaneous
    "78421000": "im",  # intramuscular
    "447694001": "inh",  # respiratory tract (inhalation)
    "18679011000001101": "inh",  # inhalation (dm+d)
    "37839007": "sl",  # sublingual
    "6064005": "cut",  # topical
    "448598008": "cut",  # cutaneous
    "45890007": "cut",  # transdermal
    "37161004": "rect",  # rectal
    "127490009": "sng",  # gastrostomy / enteral tube
    "418821007": "sng",  # nasogastric
}

#: folded French (and English) ways of writing a route -> the form's route option
ROUTE_SYNONYMS: dict[str, str] = {
    "po": "po", "per os": "po", "os": "po", "voie orale": "po", "orale": "po", "oral": "po",
    "buccale": "po", "voie buccale": "po", "par la bouche": "po",
    "iv": "iv", "ivd": "iv", "iv directe": "iv", "intraveineuse": "iv",
    "voie intraveineuse": "iv", "intraveineuse directe": "iv", "intravenous": "iv",
    "ivse": "ivse", "pse": "ivse", "seringue electrique": "ivse",
    "iv seringue electrique": "ivse", "pousse seringue": "ivse",
    "perf": "perf", "perfusion": "perf", "ivl": "perf", "iv lente": "perf",
    "perfusion intraveineuse": "perf",
    "sc": "sc", "s/c": "sc", "sous-cutanee": "sc", "sous cutanee": "sc",
    "voie sous-cutanee": "sc", "subcutaneous": "sc",
    "im": "im", "intramusculaire": "im", "voie intramusculaire": "im", "intramuscular": "im",
    "inh": "inh", "inhalee": "inh", "inhalation": "inh", "aerosol": "inh",
    "nebulisation": "inh", "voie inhalee": "inh",
    "sl": "sl", "sublinguale": "sl", "voie sublinguale": "sl", "sublingual": "sl",
    "cut": "cut", "cutanee": "cut", "voie cutanee": "cut", "locale": "cut",
    "transdermique": "cut", "topique": "cut",
    "rect": "rect", "rectale": "rect", "intrarectale": "rect", "voie rectale": "rect",
    "sng": "sng", "sonde nasogastrique": "sng", "sonde naso-gastrique": "sng",
    "gastrostomie": "sng", "sonde gastrique": "sng",
}


def _key(text: str) -> str:
    folded = fold(text).strip()
    return re.sub(r"\s+", " ", re.sub(r"[.,;:()]", " ", folded)).strip()


def route_option(code: str | None, text: str | None, options: set[str]) -> str | None:
    """The form's route option for a prescription's route (code first, then words)."""
    for candidate in (ROUTE_BY_SNOMED.get(code or ""),
                      ROUTE_SYNONYMS.get(_key(text)) if text else None,
                      _key(text) if text else None):
        if candidate and candidate in options:
            return candidate
    return None


@lru_cache(maxsize=1)
def high_risk_list() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(ATC prefixes, folded names) of the shipped high-risk list."""
    text = (data_dir() / "high-risk-drugs.txt").read_text(encoding="utf-8")
    atc: list[str] = []
    names: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.lower().startswith("atc:"):
            atc.append(line[4:].strip().upper())
        else:
            names.append(_key(line))
    return tuple(atc), tuple(names)


def is_high_risk(rx: Prescription) -> bool:
    """True when the prescription's ATC code or drug name is on the high-risk list."""
    atc, names = high_risk_list()
    code = (rx.drug_code or "").upper()
    if code and "atc" in (rx.drug_code_system or "").lower() and code.startswith(atc):
        return True
    words = f" {_key(rx.drug)} "
    return any(f" {name} " in words or words.strip().startswith(name) for name in names)
