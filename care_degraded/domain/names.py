"""French name folding, a French phonetic key, and name similarity.

Used to search the census ("lefevre" finds "Lefèvre" and "Lefebvre") and to warn
of likely duplicates when a patient is admitted during the outage. Pure functions.

The phonetic key is ours, in the spirit of the French Soundex2 and Phonex: it
folds the spellings French writes for one sound (ph/f, c/k/qu, g/j before e/i,
eau/au/o, ai/ei/è, the nasal vowels an/en, in/ain/ein, on) and drops the letters
French does not pronounce at the end of a name (Dupont/Dupond, Durand/Durant).

``fold`` and ``phonetic_key`` keep a bounded in-memory cache (a census repeats the
same names thousands of times); it lives and dies with the process, never on disk.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# Characters that separate name parts: hyphen, apostrophes (typed and
# typographic), dots ("St."), commas, slashes, underscores.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015'\u2018\u2019\u02bc`´.,/_;:()\"]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, without accents or ligatures: "Lemaître-Cœur" -> "lemaitre-coeur"."""
    text = text.translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def name_tokens(name: str) -> list[str]:
    """The parts of a name, folded: "D'Almeida-Saint Jean" -> ["d", "almeida", "saint", "jean"]."""
    tokens = [t for t in _SEPARATORS.split(fold(name)) if t]
    return [_ABBREVIATIONS.get(t, t) for t in tokens]


def normalize_name(name: str) -> str:
    """One spelling per name, for comparison: accents, case, hyphens and apostrophes
    do not count ("Le Goff" == "LE-GOFF" == "le goff")."""
    return " ".join(name_tokens(name))


def compact_name(name: str) -> str:
    """The name without any separator: "De La Fontaine" -> "delafontaine"."""
    return "".join(name_tokens(name))


# Ordered rewrite rules; each works on upper-case ASCII letters.
_PHONETIC_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"^H", ""),
        (r"SCH|SH|TCH", "CH"),
        (r"PH", "F"),
        (r"TH", "T"),
        (r"GH", "G"),
        (r"GU(?=[EIY])", "K"),
        (r"G(?=[EIY])", "J"),
        (r"G(?=[AOU]|$)", "K"),
        (r"GN", "NI"),
        (r"QU|Q|CK|CC", "K"),
        (r"C(?=[EIY])", "S"),
        (r"C(?!H)", "K"),
        (r"(?<!C)H", ""),
        (r"(?<=[AEIOU])X$", ""),  # Leroux, Giraux: a final x is silent
        (r"X", "KS"),
        (r"W", "V"),
        (r"Y", "I"),
        (r"Z", "S"),
        (r"BV", "V"),
        (r"(?<=[AEOU])ILL", "I"),
        (r"EAU|AU", "O"),
        (r"OU", "U"),
        # silent final consonants (Dupont/Dupond, Durand/Durant); -er, -ez, -et sound é
        (r"(?<=[AEIOUNM])[STDPX]+$", ""),
        (r"E[RZT]$", "E"),
        # nasal vowels: 1 = an/en, 2 = in/ain/ein/un, 3 = on; a final mute e still
        # stands after the n here, so that Simone, Anne and Martine stay oral
        (r"[AE]I[NM](?=[^AEIOUNM]|$)", "2"),
        (r"[IU][NM](?=[^AEIOUNM]|$)", "2"),
        (r"[AE][NM](?=[^AEIOUNM]|$)", "1"),
        (r"O[NM](?=[^AEIOUNM]|$)", "3"),
        (r"(?<=..)E+$", ""),
        (r"(?<=[AEIOU])[STDPX]+$", ""),
        (r"[AE]I", "E"),
        (r"OI", "OA"),
    )
)


@functools.lru_cache(maxsize=1 << 16)
def phonetic_key(name: str) -> str:
    """French phonetic key of one name part: "Lefèvre" and "Lefebvre" -> "LFVR".

    The first sound is kept, then vowels are dropped and doubled letters merged.
    Empty for a name without any letter.
    """
    # The cedilla is a sound, not an accent: "ç" is "s" before fold() drops it.
    word = re.sub(r"[^A-Z]", "", fold(name.replace("ç", "s").replace("Ç", "S")).upper())
    if not word:
        return ""
    for pattern, repl in _PHONETIC_RULES:
        word = pattern.sub(repl, word)
    if not word:
        return ""
    head, tail = word[0], re.sub(r"[AEIOU]", "", word[1:])
    key = head + tail
    return re.sub(r"(.)\1+", r"\1", key)


def phonetic_keys(names: Iterable[str]) -> set[str]:
    """Phonetic keys of every part of every name, and of each name written as one word."""
    keys: set[str] = set()
    for name in names:
        if not name:
            continue
        tokens = name_tokens(name)
        keys.update(phonetic_key(t) for t in tokens if len(t) > 1)
        if len(tokens) > 1:
            keys.add(phonetic_key("".join(tokens)))
    keys.discard("")
    return keys


def search_terms(names: Iterable[str]) -> set[str]:
    """Folded name parts and compact forms, as stored in the search index."""
    terms: set[str] = set()
    for name in names:
        if not name:
            continue
        tokens = name_tokens(name)
        terms.update(tokens)
        if len(tokens) > 1:
            terms.add("".join(tokens))
    return terms


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count once), capped at ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) >= limit:
            return limit
        prev2, prev = prev, cur
    return min(prev[-1], limit)


def names_similar(a: str, b: str) -> str | None:
    """Why two names may be the same person's, or None.

    Returns "same" (identical once folded), "spelling" (one or two typing
    differences), "phonetic" (they sound alike) or "compound" (one is a part of
    the other: "Martin" and "Martin-Durand").
    """
    na, nb = compact_name(a), compact_name(b)
    if not na or not nb:
        return None
    if na == nb:
        return "same"
    longest = max(len(na), len(nb))
    allowed = 1 if longest < 8 else 2
    if longest >= 4 and edit_distance(na, nb, allowed + 1) <= allowed:
        return "spelling"
    if phonetic_key(na) == phonetic_key(nb):
        return "phonetic"
    ta, tb = set(name_tokens(a)), set(name_tokens(b))
    significant = {t for t in ta & tb if len(t) > 2}
    if significant and (ta <= tb or tb <= ta):
        return "compound"
    return None
