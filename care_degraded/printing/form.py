"""A blank paper form from any FormSpec.

Questions are laid out by type: digit boxes with the unit for numbers, tick boxes
for choices and booleans, lines for text, boxes for dates and times. Conditional
questions carry a "si …:" hint; calculated items are boxes with how to compute
them, and a group of score ladders (NEWS2) gets its scoring table.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Indenter,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from care_degraded.domain.numbers import decimal_text
from care_degraded.printing.identity import PROVISIONAL_MARK, PatientLabel
from care_degraded.printing.scoring import Describer
from care_degraded.printing.styles import (
    CELL,
    CELL_BOLD,
    CELL_CENTER,
    FRAME_WIDTH,
    GRID,
    H2,
    H3,
    HINT,
    LIGHT,
    SHADE,
    SMALL,
    TITLE,
    esc,
)
from care_degraded.printing.widgets import BALLOT, Boxes, DateTimeBoxes, WriteLines
from care_degraded.questionnaire.spec import FormSpec, Item

LABEL_WIDTH = 0.42 * FRAME_WIDTH
LONG_LABEL = 600  # characters; longer question texts go above their answer row
INDENT = 4 * mm
_OPS = {"=": "=", "!=": "≠", ">": ">", "<": "<", ">=": "≥", "<=": "≤"}


def identity_block(patient: PatientLabel | None) -> Table:
    """Who the sheet is about: pre-filled from the label, else lines to write on."""
    def value(text: str) -> Flowable:
        return Paragraph(esc(text), CELL_BOLD) if text else WriteLines(1, 5 * mm)

    p = patient
    rows = [
        [Paragraph("Nom, prénom", CELL), value(p.name if p else ""),
         Paragraph("Né(e) le", CELL), value(p.birth_date if p else "")],
        [Paragraph(p.number_kind if p else "IPP / n° provisoire", CELL),
         value(p.number if p else ""), Paragraph("Chambre / lit", CELL),
         value(p.bed if p else "")],
        [Paragraph("Allergies", CELL), value(p.allergies if p else ""), "", ""],
    ]
    if p is not None and p.provisional:
        rows.append([Paragraph(f"<b>{PROVISIONAL_MARK}</b> — à rapprocher par l'équipe "
                               "informatique au retour du système", CELL), "", "", ""])
    widths = [0.16 * FRAME_WIDTH, 0.44 * FRAME_WIDTH, 0.14 * FRAME_WIDTH, 0.26 * FRAME_WIDTH]
    table = Table(rows, colWidths=widths)
    style = [("GRID", (0, 0), (-1, -1), 0.5, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("BACKGROUND", (0, 0), (0, -1), LIGHT), ("BACKGROUND", (2, 0), (2, 1), LIGHT),
             ("SPAN", (1, 2), (3, 2))]
    if p is not None and p.provisional:
        style += [("SPAN", (0, 3), (3, 3))]
    table.setStyle(TableStyle(style))
    return table


class FormRenderer:
    """Renders one FormSpec into flowables (blank, or as a checklist)."""

    def __init__(self, spec: FormSpec, lang: str = "fr", checklist: bool | None = None) -> None:
        self.spec = spec
        self.lang = lang
        self.describer = Describer(spec, lang)
        self.checklist = spec.is_checklist if checklist is None else checklist
        self._charted: set[str] = set()  # score items explained by a chart already

    def story(self, patient: PatientLabel | None = None,
              with_identity: bool = True) -> list[Flowable]:
        spec = self.spec
        out: list[Flowable] = [Paragraph(esc(spec.label(self.lang)), TITLE)]
        meta = f"Formulaire {esc(spec.short_id)}, version {esc(spec.version or '?')}"
        out.append(Paragraph(meta, HINT))
        out.append(Spacer(1, 3 * mm))
        if with_identity and not self.checklist:
            out += [identity_block(patient), Spacer(1, 4 * mm)]
        out += self.items(spec.items, depth=0)
        if self.checklist:
            out += [Spacer(1, 5 * mm), _signature_block("Check-list terminée")]
        return out

    def items(self, items: tuple[Item, ...], depth: int) -> list[Flowable]:
        out: list[Flowable] = []
        rows: list[list[Flowable]] = []

        def flush() -> None:
            if rows:
                out.append(_rows_table(list(rows)))
                rows.clear()

        for item in items:
            if item.hidden:
                continue
            if item.is_group:
                flush()
                out += self.group(item, depth)
            elif item.type == "display":
                flush()
                text = esc(item.label(self.lang))
                hint = self.when_hint(item)
                out.append(Paragraph(f"{hint}<i>{text}</i>" if hint else f"<i>{text}</i>", SMALL))
                out.append(Spacer(1, 1.5 * mm))
            else:
                if len(item.label(self.lang)) > LONG_LABEL:
                    # A question as long as a page: printed as a paragraph above its
                    # boxes, since a table row cannot be taller than a page.
                    flush()
                    out.append(self.label_cell(item))
                    rows.append([Paragraph("<i>réponse :</i>", CELL), self.answer_cell(item)])
                    continue
                rows.append([self.label_cell(item), self.answer_cell(item)])
        flush()
        return out

    def group(self, item: Item, depth: int) -> list[Flowable]:
        title = esc(item.label(self.lang) or item.link_id)
        if item.prefix:
            title = f"{esc(item.prefix)} {title}"
        hint = self.when_hint(item)
        role = item.role()
        if role:
            title += f" <font size=8>— {esc(_ROLES.get(role, role))}</font>"
        if item.repeats:
            title += " <font size=7.5>(à répéter autant que nécessaire)</font>"
        heading = Paragraph(f"{hint}{title}", H2 if depth == 0 else H3)
        chart, charted = self.score_chart(item, FRAME_WIDTH - INDENT * (depth + 1))
        self._charted |= charted
        body = self.items(item.items, depth + 1)
        out: list[Flowable] = [CondPageBreak(25 * mm), heading, Indenter(left=INDENT)]
        if chart is not None:
            out += [chart, Spacer(1, 2 * mm)]
        out += body
        if self.checklist and role:
            out += [Spacer(1, 2 * mm), _signature_block("Fait par")]
        out += [Indenter(left=-INDENT), Spacer(1, 2 * mm)]
        return out

    def when_hint(self, item: Item) -> str:
        """"<i>si Oxygène = Oui :</i> " for a conditional item, else ""."""
        parts = []
        for cond in item.enable_when:
            try:
                target = self.spec.item(cond.question)
            except KeyError:
                continue
            label = target.label(self.lang) or cond.question
            if cond.operator == "exists":
                parts.append(f"« {label} » {'renseigné' if cond.answer else 'non renseigné'}")
                continue
            value = cond.answer
            opt = target.option_for(value)
            if opt is not None:
                shown = opt.label(self.lang)
            elif isinstance(value, bool):
                shown = "oui" if value else "non"
            else:
                shown = str(value)
            parts.append(f"« {label} » {_OPS.get(cond.operator, cond.operator)} {shown}")
        if item.enable_when_expression is not None and not parts:
            parts.append("applicable")
        if not parts:
            return ""
        joined = (" et " if item.enable_behavior == "all" else " ou ").join(parts)
        return f"<i>si {esc(joined)} :</i> "

    def label_cell(self, item: Item) -> Paragraph:
        text = esc(item.label(self.lang) or item.link_id)
        if item.prefix:
            text = f"{esc(item.prefix)} {text}"
        if item.required:
            text += " <font color='#b00000'>*</font>"
        hint = self.when_hint(item)
        extra = []
        if item.link_id in self._charted:
            extra.append("Calcul : voir la table de score ci-dessus")
        elif item.is_calculated:
            extra.append(f"Calcul : {esc(self.describer.describe(item))}")
        if item.min_value is not None or item.max_value is not None:
            extra.append(f"({esc(_range(item))})")
        if not item.supported:
            extra.append("(type non pris en charge : écrire la réponse)")
        if item.type in ("choice", "open-choice") and not item.options:
            # An external value set cannot be expanded offline: answered as free text.
            extra.append("(liste de réponses externe, non disponible hors ligne : "
                         "écrire la réponse en clair)")
        tail = "".join(f"<br/><font size=7>{e}</font>" for e in extra)
        return Paragraph(f"{hint}{text}{tail}", CELL)

    def answer_cell(self, item: Item) -> Flowable:
        unit = item.unit.display.get(self.lang) if item.unit and item.unit.display else (
            item.unit.code or "" if item.unit else "")
        kind = item.type
        if item.options and kind in ("choice", "open-choice"):
            return self.choices(item)
        if kind == "boolean":
            if self.checklist:
                return Paragraph(f"{BALLOT} fait    heure : ____ h ____    initiales : ______",
                                 CELL)
            return Paragraph(f"{BALLOT} Oui      {BALLOT} Non", CELL)
        if kind in ("integer", "decimal", "quantity"):
            decimals = 0
            if kind != "integer":
                decimals = item.max_decimal_places if item.max_decimal_places is not None else 1
            digits = _digits(item)
            if kind == "quantity" and item.unit_options:
                unit = " / ".join((u.display.get(self.lang) if u.display else u.code or "")
                                  for u in item.unit_options)
            return Boxes(digits, decimals, unit, prefix="=" if item.is_calculated else "")
        if kind == "date":
            return DateTimeBoxes(date=True)
        if kind == "time":
            return DateTimeBoxes(date=False, time=True)
        if kind == "dateTime":
            return DateTimeBoxes(date=True, time=True)
        if kind == "text":
            return WriteLines(3)
        return WriteLines(1)

    def choices(self, item: Item) -> Paragraph:
        labels = []
        for option in item.options:
            text = option.label(self.lang)
            if option.score is not None:  # points for a score, unless the label says them
                points = f"{option.score:g}"
                if not text.lstrip().startswith(points):
                    text += f" ({points} pt)"
            text = f"{BALLOT} {esc(text)}"
            # Short options stay in one piece; long ones may wrap inside.
            labels.append(text.replace(" ", "&nbsp;") if len(text) < 30 else text)
        gap = "&nbsp;&nbsp;&nbsp; "  # kept by the Paragraph, and still a place to wrap
        text = gap.join(labels)
        if item.type == "open-choice":
            text += f"{gap}{BALLOT}&nbsp;Autre&nbsp;: ____________________"
        if item.repeats:
            text += " <font size=7>(plusieurs réponses possibles)</font>"
        if item.is_calculated:
            text += " <font size=7>(à cocher selon le calcul)</font>"
        return Paragraph(text, CELL)

    def score_chart(self, group: Item, width: float) -> tuple[Flowable | None, set[str]]:
        """For a group of score ladders (NEWS2): the classic chart, scores 3 2 1 0 1 2 3.

        Returns the chart (None if the group has no such ladders) and the linkIds it
        explains, whose boxes then say "see the table" instead of repeating it.
        """
        ladders = [(child, self.describer.ladder(child)) for child in group.items
                   if child.is_calculated]
        found = [(c, lad) for c, lad in ladders if lad is not None]
        if len(found) < 2:
            return None, set()
        charted: set[str] = set()
        header = [Paragraph("<b>Paramètre</b>", CELL)] + [
            Paragraph(f"<b>{s}</b>", CELL_CENTER) for s in ("3", "2", "1", "0", "1", "2", "3")]
        rows: list[list[object]] = [header]
        spans: list[tuple[int, int]] = []
        for child, ladder in found:
            for context, bands in ladder.rows:
                cells: list[list[str]] = [[] for _ in range(7)]
                zero = next((i for i, b in enumerate(bands) if b.value == 0), None)
                placeable = zero is not None and all(
                    isinstance(b.value, int | float) or str(b.value).isdigit() for b in bands)
                label = esc(self.describer.var_label(ladder.variable))
                if context:
                    label += f"<br/><font size=6.5>si {esc(context)}</font>"
                if not placeable or zero is None:
                    continue  # described in words next to its box instead
                for i, band in enumerate(bands):
                    score = int(band.value)
                    col = 3 - score if i < zero else 3 + score
                    if i > zero and score == 0:
                        col = 3
                    if not 0 <= col <= 6:
                        placeable = False
                        break
                    cells[col].append(esc(band.text()))
                if placeable:
                    rows.append([Paragraph(label, CELL)] + [
                        Paragraph("<br/>".join(c), CHART_CELL) for c in cells])
                    charted.add(child.link_id)
        for child in group.items:  # choice-based scores (O2, ACVPU): a line of text
            if child.is_calculated and self.describer.ladder(child) is None and \
                    child.type in ("integer", "decimal"):
                text = self.describer.describe(child)
                if text and not text.startswith(("somme", "calculé")):
                    rows.append([Paragraph(esc(child.label(self.lang)), CELL),
                                 Paragraph(esc(text), CELL)] + [""] * 6)
                    spans.append((len(rows) - 1, 0))
        if not charted:
            return None, set()
        first = 0.2 * width
        table = Table(rows, colWidths=[first] + [(width - first) / 7] * 7, repeatRows=1)
        style = [("GRID", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("BACKGROUND", (4, 1), (4, -1), LIGHT)]
        for row, _ in spans:
            style.append(("SPAN", (1, row), (7, row)))
            style.append(("BACKGROUND", (4, row), (4, row), None))
        table.setStyle(TableStyle(style))
        title = Paragraph(f"<b>Table de score — {esc(group.label(self.lang))}</b>", SMALL)
        return KeepTogether([title, Spacer(1, 1 * mm), table]), charted


CHART_CELL = ParagraphStyle("chart", parent=CELL_CENTER, fontSize=7.5, leading=9)
_ROLES = {"nurse": "IDE", "manager": "cadre de santé", "it": "informatique"}


def _rows_table(rows: list[list[Flowable]]) -> Table:
    table = Table(rows, colWidths=[LABEL_WIDTH, None], splitByRow=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, LIGHT),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _signature_block(title: str) -> Table:
    row = [Paragraph(f"<b>{esc(title)}</b> — nom :", CELL), "", Paragraph("heure :", CELL), "",
           Paragraph("signature :", CELL), ""]
    w = FRAME_WIDTH - INDENT
    table = Table([row], colWidths=[0.22 * w, 0.25 * w, 0.09 * w, 0.12 * w, 0.12 * w, 0.2 * w],
                  rowHeights=[10 * mm])
    table.setStyle(TableStyle([
        ("LINEBELOW", (1, 0), (1, 0), 0.5, GRID), ("LINEBELOW", (3, 0), (3, 0), 0.5, GRID),
        ("LINEBELOW", (5, 0), (5, 0), 0.5, GRID), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ]))
    return table


def _digits(item: Item) -> int:
    if item.max_value is not None:
        try:
            return max(1, len(str(int(abs(float(item.max_value))))))
        except (TypeError, ValueError):
            pass
    return 3


def _range(item: Item) -> str:
    low, high = (decimal_text(v, "fr") if v is not None else None
                 for v in (item.min_value, item.max_value))
    if low is not None and high is not None:
        return f"{low} à {high}"
    return f"≥ {low}" if low is not None else f"≤ {high}"


__all__ = ["FormRenderer", "identity_block"]
