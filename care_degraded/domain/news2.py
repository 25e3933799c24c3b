"""NEWS2 read the same way everywhere: level, partial score and its words.

The score itself is computed by the vital-signs form (FHIRPath, the one calculation
the form, the command line and the import all run); a set with a missing parameter
has the sum of what is known as its total and ``news2-missing`` naming the rest.
This module turns a recorded :class:`~care_degraded.domain.record.News2` into the
escalation level and the text the form, the board and the printed flowsheet show:
"≥ 15, incomplet : T° manquante". An alarm never disappears because data is missing:
a partial total of 7 or more is high, any single parameter scoring 3 at least medium.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

#: sub-score linkId -> (French short name, its "missing" agreement, English short name)
_MISSING: Mapping[str, tuple[str, str, str]] = {
    "news2-rr": ("FR", "manquante", "RR"),
    "news2-spo2": ("SpO2", "manquante", "SpO2"),
    "news2-o2": ("air/O2", "manquant", "air/O2"),
    "news2-sbp": ("PAS", "manquante", "SBP"),
    "news2-hr": ("FC", "manquante", "HR"),
    "news2-avpu": ("conscience", "manquante", "consciousness"),
    "news2-temp": ("T°", "manquante", "temp"),
}
#: the vital sign each sub-score is computed from (news2-missing holds these codes)
INPUT_OF = {"news2-rr": "rr", "news2-spo2": "spo2", "news2-o2": "o2", "news2-sbp": "sbp",
            "news2-hr": "hr", "news2-avpu": "avpu", "news2-temp": "temp"}
#: full names, for the "… non saisie — enregistrer quand même ?" question
_FULL: Mapping[str, tuple[str, str]] = {
    "news2-rr": ("Fréquence respiratoire non saisie", "Respiratory rate not entered"),
    "news2-spo2": ("SpO2 non saisie", "SpO2 not entered"),
    "news2-o2": ("Air ou oxygène non saisi", "Room air or oxygen not entered"),
    "news2-sbp": ("Pression systolique non saisie", "Systolic pressure not entered"),
    "news2-hr": ("Fréquence cardiaque non saisie", "Heart rate not entered"),
    "news2-avpu": ("Conscience non saisie", "Consciousness not entered"),
    "news2-temp": ("Température non saisie", "Temperature not entered"),
}


def level(total: int | None, single_3: bool = False) -> str:
    """RCP NEWS2 clinical risk: 7+ high, 5-6 or any single 3 medium, else low.

    The same on a partial total (what is known can only be lower than the truth).
    "" when nothing at all was scored."""
    if total is None:
        return ""
    if total >= 7:
        return "high"
    if total >= 5 or single_3:
        return "medium"
    return "low"


def missing_from(parts: Mapping[str, int]) -> tuple[str, ...]:
    """Sub-scores not computed, in form order."""
    return tuple(k for k in INPUT_OF if k not in parts)


def missing_from_codes(computed: object) -> tuple[str, ...]:
    """The sub-scores named by the form's ``news2-missing`` answer ("temp hr")."""
    codes = set(computed.split()) if isinstance(computed, str) else set()
    return tuple(k for k, v in INPUT_OF.items() if v in codes)


def summary(total: int | None, missing: Iterable[str], lang: str = "fr") -> str:
    """"15", or "≥ 15, incomplet : T° manquante" ("—" when nothing was scored)."""
    missing = tuple(missing)
    if total is None:
        return "—"
    if not missing:
        return str(total)
    if lang.startswith("en"):
        names = ", ".join(_MISSING[k][2] for k in missing if k in _MISSING)
        return f"≥ {total}, incomplete: {names} missing"
    names = ", ".join(f"{_MISSING[k][0]} {_MISSING[k][1]}" for k in missing if k in _MISSING)
    return f"≥ {total}, incomplet : {names}"


def save_question(missing: Iterable[str], lang: str = "fr") -> str:
    """"Température non saisie — enregistrer quand même ?" for a partial set."""
    missing = tuple(k for k in missing if k in _FULL)
    if lang.startswith("en"):
        return ", ".join(_FULL[k][1] for k in missing) + " — save anyway?"
    return ", ".join(_FULL[k][0] for k in missing) + " — enregistrer quand même ?"
