"""French name folding, phonetic key and similarity."""

from __future__ import annotations

import pytest

from care_degraded.domain.names import (
    compact_name,
    edit_distance,
    fold,
    name_tokens,
    names_similar,
    normalize_name,
    phonetic_key,
    phonetic_keys,
)


def test_fold_removes_accents_ligatures_and_case() -> None:
    assert fold("Lemaître-Cœur") == "lemaitre-coeur"
    assert fold("ÉLODIE") == "elodie"
    assert fold("Müller") == "muller"


@pytest.mark.parametrize(("a", "b"), [
    ("Le Goff", "LE-GOFF"), ("D'Almeida", "d’almeida"), ("Jean-Pierre", "jean pierre"),
    ("Hélène", "HELENE"), ("St Exupéry", "Saint-Exupery"),
])
def test_normalize_ignores_accents_case_hyphens_apostrophes(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


def test_tokens_and_compact_forms() -> None:
    assert name_tokens("D'Almeida-St Jean") == ["d", "almeida", "saint", "jean"]
    assert compact_name("De La Fontaine") == "delafontaine"


@pytest.mark.parametrize(("a", "b"), [
    ("Lefèvre", "Lefebvre"), ("Lefèvre", "Lefeuvre"), ("Dupont", "Dupond"),
    ("Durand", "Durant"), ("Thomas", "Tomas"), ("Gauthier", "Gautier"),
    ("Philippe", "Filipe"), ("Rousseau", "Roussot"), ("Laurent", "Lorent"),
    ("Michel", "Mitchell"), ("Benoît", "Benoit"), ("Vincent", "Vinsent"),
    ("Leroux", "Lerou"), ("Gérard", "Girard"),
])
def test_phonetic_key_joins_french_spellings_of_one_sound(a: str, b: str) -> None:
    assert phonetic_key(a) == phonetic_key(b)


@pytest.mark.parametrize(("a", "b"), [
    ("Dupont", "Durand"), ("Martin", "Morin"), ("Simon", "Simone" + "au"),
    ("Petit", "Robert"), ("Bernard", "Benard" + "ini"),
])
def test_phonetic_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert phonetic_key(a) != phonetic_key(b)


def test_phonetic_key_of_nothing_is_empty() -> None:
    assert phonetic_key("") == ""
    assert phonetic_key("--'") == ""
    assert "" not in phonetic_keys(["", "-"])


def test_edit_distance_counts_swaps_once() -> None:
    assert edit_distance("martin", "matrin") == 1
    assert edit_distance("dupont", "dupond") == 1
    assert edit_distance("abc", "xyzabc", limit=3) == 3


@pytest.mark.parametrize(("a", "b", "why"), [
    ("Lefèvre", "LEFEVRE", "same"),
    ("Le Goff", "Legoff", "same"),
    ("Martin", "Matrin", "spelling"),
    ("Lefèvre", "Lefebvre", "spelling"),
    ("Gauthier", "Gaultier", "spelling"),
    ("Roussot", "Rousseau", "phonetic"),
    ("Martin", "Martin-Durand", "compound"),
])
def test_names_similar_says_why(a: str, b: str, why: str) -> None:
    assert names_similar(a, b) == why


def test_names_similar_refuses_different_names() -> None:
    assert names_similar("Dupont", "Durand") is None
    assert names_similar("Le Goff", "Le Gall") is None
    assert names_similar("", "Martin") is None
