"""The FormSpec: an immutable view of a FHIR R4 Questionnaire.

Built by :func:`care_degraded.questionnaire.loader.load_questionnaire`; read by the
engine (validation, enableWhen, scores), the printers and the interface. Everything
is a frozen dataclass holding tuples, so a FormSpec can be shared between threads and
cached without copying.

Answer values in this package are plain JSON values (see ``answers.py``):
bool, int, float, str (dates ``YYYY-MM-DD``, times ``HH:MM[:SS]``, dateTimes ISO
8601), a code string for a coded choice, and ``{"value": x, "unit": "..."}`` for a
quantity.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

#: Item types the engine understands fully.
SUPPORTED_TYPES = frozenset({
    "group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time",
    "string", "text", "choice", "open-choice", "quantity",
})
#: Valid R4 types we load but cannot validate or render; they give a warning.
UNSUPPORTED_TYPES = frozenset({"attachment", "reference", "url", "question"})

#: ``meta.tag`` marking a Questionnaire as a checklist (code ``checklist``) ...
FORM_KIND_SYSTEM = "https://care-degraded.example/fhir/CodeSystem/form-kind"
#: ... and its phase (``start``, ``shift``, ``recovery``).
CHECKLIST_PHASE_SYSTEM = "https://care-degraded.example/fhir/CodeSystem/checklist-phase"
#: ``item.code`` on a checklist group naming the role (``nurse``, ``manager``, ``it``).
ROLE_SYSTEM = "https://care-degraded.example/fhir/CodeSystem/ward-role"

#: A plain answer value (see module docstring).
AnswerValue = Any


@dataclass(frozen=True)
class Text:
    """A display text in its default language (French in our forms) plus translations."""

    default: str
    translations: tuple[tuple[str, str], ...] = ()

    def get(self, lang: str = "fr") -> str:
        """The text in ``lang`` (``"en"``, ``"en-GB"``...), else the default text."""
        base = lang.split("-")[0].lower()
        for code, value in self.translations:
            if code.lower() == lang.lower() or code.split("-")[0].lower() == base:
                return value
        return self.default

    def __str__(self) -> str:
        return self.default


@dataclass(frozen=True)
class Coding:
    system: str | None
    code: str | None
    display: Text | None = None


@dataclass(frozen=True)
class AnswerOption:
    """One allowed answer. ``value`` is plain: the code for a Coding, else the value."""

    value: AnswerValue
    kind: str  # "Coding", "String", "Integer", "Date", "Time", "Reference"
    coding: Coding | None = None
    display: Text | None = None
    #: ordinalValue / itemWeight, if any: used by FHIRPath score sums.
    score: float | None = None
    initial_selected: bool = False

    def label(self, lang: str = "fr") -> str:
        """What to show a nurse for this option."""
        if self.display is not None:
            return self.display.get(lang)
        return str(self.value)


@dataclass(frozen=True)
class EnableWhen:
    question: str
    operator: str  # exists, =, !=, >, <, >=, <=
    answer: AnswerValue  # plain value; a bool for "exists"


@dataclass(frozen=True)
class Expression:
    """An SDC FHIRPath expression (``variable`` when ``name`` is set)."""

    expression: str
    language: str = "text/fhirpath"
    name: str | None = None


@dataclass(frozen=True)
class Item:
    """One Questionnaire item (question, group or display)."""

    link_id: str
    type: str
    text: Text | None = None
    prefix: str | None = None
    codes: tuple[Coding, ...] = ()
    required: bool = False
    repeats: bool = False
    read_only: bool = False
    max_length: int | None = None
    initial: tuple[AnswerValue, ...] = ()
    options: tuple[AnswerOption, ...] = ()
    answer_value_set: str | None = None
    enable_when: tuple[EnableWhen, ...] = ()
    enable_behavior: str = "any"  # "any" or "all"
    min_value: AnswerValue = None
    max_value: AnswerValue = None
    max_decimal_places: int | None = None
    #: plausible range (ours, see extensions.PLAUSIBLE_RANGE): outside asks confirmation
    plausible_low: AnswerValue = None
    plausible_high: AnswerValue = None
    short_text: Text | None = None
    unit: Coding | None = None
    unit_options: tuple[Coding, ...] = ()
    item_control: str | None = None  # radio-button, drop-down, check-box, slider...
    entry_format: str | None = None
    hidden: bool = False
    variables: tuple[Expression, ...] = ()
    calculated_expression: Expression | None = None
    enable_when_expression: Expression | None = None
    items: tuple[Item, ...] = ()
    #: False for attachment/reference/url items: kept for display, never validated.
    supported: bool = True

    @property
    def is_group(self) -> bool:
        return self.type == "group"

    @property
    def is_question(self) -> bool:
        return self.type not in ("group", "display")

    @property
    def is_calculated(self) -> bool:
        return self.calculated_expression is not None

    def label(self, lang: str = "fr") -> str:
        """The item's text in ``lang`` ('' if none)."""
        return self.text.get(lang) if self.text is not None else ""

    def short_label(self, lang: str = "fr") -> str:
        """The short label (SDC shortText, "FC"), else the item's text."""
        return self.short_text.get(lang) if self.short_text is not None else self.label(lang)

    def option_for(self, value: AnswerValue) -> AnswerOption | None:
        """The answer option matching a plain value, if any."""
        for opt in self.options:
            if opt.value == value:
                return opt
        return None

    def role(self) -> str | None:
        """For a checklist group: the role (nurse, manager, it) it is for."""
        for c in self.codes:
            if c.system == ROLE_SYSTEM:
                return c.code
        return None

    def walk(self) -> Iterator[Item]:
        """This item and every descendant, depth first."""
        yield self
        for child in self.items:
            yield from child.walk()


@dataclass(frozen=True)
class FormSpec:
    """A loaded Questionnaire. Compare forms by ``(url, version)``."""

    url: str | None
    version: str | None
    id: str | None
    name: str | None
    title: Text | None
    status: str
    items: tuple[Item, ...]
    codes: tuple[Coding, ...] = ()
    tags: tuple[Coding, ...] = ()
    language: str | None = None
    variables: tuple[Expression, ...] = ()
    #: Loader warnings (unsupported types/extensions), each naming a linkId.
    warnings: tuple[str, ...] = ()
    #: Where the definition came from (a file path or "<dict>"), for messages.
    source: str = "<dict>"
    #: The JSON the spec was built from; needed as FHIRPath ``%questionnaire``.
    resource: dict[str, Any] = field(default_factory=dict, compare=False, repr=False,
                                     hash=False)

    @property
    def short_id(self) -> str:
        """The short id a nurse or script can type (``vital-signs``)."""
        if self.id:
            return self.id
        if self.url:
            return self.url.rstrip("/").rsplit("/", 1)[-1]
        return self.name or "?"

    @property
    def is_checklist(self) -> bool:
        return any(t.system == FORM_KIND_SYSTEM and t.code == "checklist" for t in self.tags)

    @property
    def checklist_phase(self) -> str | None:
        """``start``, ``shift`` or ``recovery`` for a checklist, else None."""
        for t in self.tags:
            if t.system == CHECKLIST_PHASE_SYSTEM:
                return t.code
        return None

    def label(self, lang: str = "fr") -> str:
        """The form title in ``lang``."""
        if self.title is not None:
            return self.title.get(lang)
        return self.name or self.short_id

    def walk(self) -> Iterator[Item]:
        """Every item of the form, depth first, in document order."""
        for item in self.items:
            yield from item.walk()

    def item(self, link_id: str) -> Item:
        """The item with this linkId (KeyError if none)."""
        index = self._index()
        return index[link_id]

    def _index(self) -> dict[str, Item]:
        cached: dict[str, Item] | None = self.__dict__.get("_index_cache")
        if cached is None:
            cached = {i.link_id: i for i in self.walk()}
            object.__setattr__(self, "_index_cache", cached)
        return cached
