"""One record opened: its answers, its history of revisions, amend and void."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from care_degraded.domain.record import Record
from care_degraded.domain.revision import RevisionStatus
from care_degraded.services.forms import FormSpec, Item
from care_degraded.services.records import RecordSummary
from care_degraded.ui.chart.timeline import local_time, status_text
from care_degraded.ui.forms import display_value
from care_degraded.ui.forms.choices import labelled
from care_degraded.ui.forms.view import score_items


def answers_html(spec: FormSpec, answers: Mapping[str, Any], lang: str = "fr") -> str:
    """The answers as a two-column table, in form order, skipping what is unanswered."""
    rows: list[str] = []

    def visit(items: tuple[Item, ...], frame: Mapping[str, Any], depth: int) -> None:
        for item in items:
            pad = f"padding-left:{12 * depth}px"
            if item.is_group and item.repeats:
                for number, occ in enumerate(frame.get(item.link_id) or [], 1):
                    if isinstance(occ, Mapping):
                        rows.append(f"<tr><td colspan=2 style='{pad};font-weight:bold'>"
                                    f"{html.escape(item.label(lang))} {number}</td></tr>")
                        visit(item.items, occ, depth + 1)
                continue
            if item.is_group:
                if any(c.link_id in frame for c in item.walk()):
                    rows.append(f"<tr><td colspan=2 style='{pad};font-weight:bold'>"
                                f"{html.escape(item.label(lang))}</td></tr>")
                    visit(item.items, frame, depth + 1)
                continue
            if item.link_id in frame and item.type != "display":
                value = display_value(item, frame[item.link_id], lang)
                rows.append(f"<tr><td style='{pad};color:#444'>{html.escape(item.label(lang))}"
                            f"</td><td><b>{html.escape(value)}</b></td></tr>")
            if item.items:
                visit(item.items, frame, depth + 1)

    visit(spec.items, answers, 0)
    if not rows:
        return "<p>" + QCoreApplication.translate("RecordPanel", "No answers.") + "</p>"
    # Scores first: the total is what the next nurse looks for.
    totals = [html.escape(labelled(i.label(lang), display_value(i, answers[i.link_id], lang)))
              for i in score_items(spec) if answers.get(i.link_id) is not None]
    head = f"<p style='font-size:13pt'><b>{' · '.join(totals)}</b></p>" if totals else ""
    return (head + "<table cellspacing=0 cellpadding=4 width='100%'>" + "".join(rows)
            + "</table>")


_DIGEST_SKIP = ("date", "dateTime", "time", "text", "display", "group")


DigestPlan = list[tuple[Item, bool]]


def digest_plan(spec: FormSpec) -> DigestPlan:
    """The items a digest may quote, in order, each marked "is a total" (computed once
    per form: a long chart digests thousands of records)."""
    totals = {i.link_id for i in score_items(spec)}
    return [(item, item.link_id in totals) for item in spec.walk()
            if item.type not in _DIGEST_SKIP and (not item.is_calculated
                                                  or item.link_id in totals)]


def record_digest(spec: FormSpec, answers: Mapping[str, Any], lang: str = "fr",
                  limit: int = 90, plan: DigestPlan | None = None) -> str:
    """A record in one short line: its scores first, then its first answers.

    Numbers speak through their unit ("37,9 °C · 96 /min"); a score keeps its name.
    """
    scores, others = [], []
    length = 0
    for item, total in plan if plan is not None else digest_plan(spec):
        value = answers.get(item.link_id)
        if value in (None, "", [], False) or (value is True and not total):
            continue  # a ticked yes/no says little without its long question
        if not total and length > limit:
            continue  # enough for one line; scores may still come
        text = display_value(item, value, lang)
        if total:  # a level speaks for itself; a number needs its name
            scores.append(text if item.options else f"{item.label(lang)} {text}")
            continue
        if isinstance(value, int | float) and item.unit is None and item.type != "quantity":
            text = f"{item.label(lang)} {text}"
        others.append(text)
        length += len(text) + 3
    line = " · ".join(scores[:2] + others)
    return line if len(line) <= limit else line[: limit - 1].rstrip(" ·") + "…"


def history_html(revisions: list[Record], authors: Mapping[str, str], lang: str,
                 shown: str | None = None) -> str:
    """Revisions newest first; each is a link that shows its answers (``shown`` in bold)."""
    lines = []
    for rev in reversed(revisions):  # newest first, like the timeline
        who = html.escape(authors.get(rev.author, rev.author))
        when = local_time(rev.recorded_at)
        if rev.uuid == shown:
            when = f"▶ {when}"
        line = (f"<li><a href='rev:{rev.uuid}'><b>{when}</b></a> — {who} — "
                f"{status_text(rev.status)}")
        reason = rev.reason if rev.voided else None
        if reason:
            line += QCoreApplication.translate("RecordPanel", ": “%1”").replace(
                "%1", html.escape(str(reason)))
        lines.append(line + "</li>")
    return "<ul style='margin-left:0'>" + "".join(lines) + "</ul>"


class RecordPanel(QWidget):
    """The right-hand side of the chart. ``amend`` and ``void`` buttons are public."""

    def __init__(self, lang: str = "fr", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.summary: RecordSummary | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("recordTitle")
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        layout.addWidget(self.meta)
        self.voided = QLabel()
        self.voided.setObjectName("voidedNotice")
        self.voided.setStyleSheet("color: #b00020; font-weight: bold;")
        self.voided.setWordWrap(True)
        layout.addWidget(self.voided)
        self.answers = QTextBrowser()
        self.answers.setObjectName("recordAnswers")
        self.answers.setOpenLinks(False)
        layout.addWidget(self.answers, 3)
        self.history_title = QLabel(self.tr("Revision history"))
        self.history_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.history_title)
        self.history = QTextBrowser()
        self.history.setObjectName("recordHistory")
        self.history.setOpenLinks(False)
        self.history.setToolTip(self.tr("Click a revision to see its answers."))
        self.history.anchorClicked.connect(lambda url: self.show_revision(url.path()))
        self.history.setMaximumHeight(110)
        layout.addWidget(self.history, 1)
        buttons = QHBoxLayout()
        self.amend = QPushButton(self.tr("Amend  (Alt+F)"))
        self.amend.setObjectName("amendButton")
        self.void = QPushButton(self.tr("Entered in error…  (Alt+E)"))
        self.void.setObjectName("voidButton")
        buttons.addWidget(self.amend)
        buttons.addWidget(self.void)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.clear()

    def set_language(self, lang: str) -> None:
        """Static texts in ``lang``; the record itself is shown again by the chart."""
        self.lang = lang
        self.history_title.setText(self.tr("Revision history"))
        self.amend.setText(self.tr("Amend  (Alt+F)"))
        self.void.setText(self.tr("Entered in error…  (Alt+E)"))
        if self.summary is None:
            self.clear()

    def show_revision(self, uuid: str) -> None:
        """Show the answers of one revision of the opened record (its history)."""
        rev = next((r for r in self.revisions if r.uuid == uuid), None)
        if rev is None or self.spec is None:
            return
        body = answers_html(self.spec, rev.answers, self.lang)
        if self.summary is not None and uuid != self.summary.uuid:
            who = self.authors.get(rev.author, rev.author)
            note = self.tr("Revision of %1 by %2 (superseded)").replace(
                "%1", local_time(rev.recorded_at)).replace("%2", who)
            body = f"<p style='color:#7a3e00'><b>{html.escape(note)}</b></p>" + body
        self.answers.setHtml(body)
        self.history.setHtml(history_html(self.revisions, self.authors, self.lang, uuid))

    def clear(self) -> None:
        self.summary = None
        self.spec: FormSpec | None = None
        self.revisions: list[Record] = []
        self.authors: Mapping[str, str] = {}
        self.title.setText(self.tr("Choose a record in the list."))
        self.meta.clear()
        self.voided.setVisible(False)
        self.answers.clear()
        self.history.clear()
        self.amend.setEnabled(False)
        self.void.setEnabled(False)

    def show_record(self, summary: RecordSummary, spec: FormSpec, revisions: list[Record],
                    authors: Mapping[str, str]) -> None:
        self.summary = summary
        self.title.setText(summary.form_title)
        who = authors.get(summary.author, summary.author)
        self.meta.setText(self.tr("%1 · by %2 · %3").replace(
            "%1", local_time(summary.effective_at)).replace("%2", who).replace(
            "%3", status_text(summary.status)))
        voided = summary.status is RevisionStatus.ENTERED_IN_ERROR
        if voided:
            reason = next((r.reason for r in reversed(revisions) if r.voided), "")
            self.voided.setText(self.tr("Marked entered in error: %1").replace(
                "%1", str(reason)))
        self.voided.setVisible(voided)
        self.spec, self.revisions, self.authors = spec, revisions, authors
        self.answers.setHtml(answers_html(spec, summary.answers, self.lang))
        self.history.setHtml(history_html(revisions, authors, self.lang, summary.uuid))
        self.amend.setEnabled(not voided)
        self.void.setEnabled(not voided)
        self.answers.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
