"""NEWS2 read one way: escalation level from what is known, partial score in words."""

from __future__ import annotations

import pytest

from care_degraded.domain import news2


@pytest.mark.parametrize(("total", "single_3", "level"), [
    (None, False, ""), (0, False, "low"), (4, False, "low"), (3, True, "medium"),
    (5, False, "medium"), (7, False, "high"), (15, True, "high"),
])
def test_level_from_what_is_known(total, single_3, level):
    assert news2.level(total, single_3) == level


def test_partial_summary_says_what_is_missing():
    assert news2.summary(15, ("news2-temp",)) == "≥ 15, incomplet : T° manquante"
    assert news2.summary(15, ("news2-temp",), "en") == "≥ 15, incomplete: temp missing"
    assert news2.summary(4, ("news2-o2", "news2-hr")) == \
        "≥ 4, incomplet : air/O2 manquant, FC manquante"
    assert news2.summary(9, ()) == "9"
    assert news2.summary(None, ("news2-temp",)) == "—"


def test_missing_codes_from_the_form_and_the_save_question():
    assert news2.missing_from_codes("temp hr") == ("news2-hr", "news2-temp")
    assert news2.missing_from_codes(None) == ()
    assert news2.save_question(("news2-temp",)) == \
        "Température non saisie — enregistrer quand même ?"
    assert news2.save_question(("news2-temp",), "en") == "Temperature not entered — save anyway?"
