"""FormView: a questionnaire as a screen a nurse fills in with the keyboard alone.

The view builds one node per item (``nodes.py``), and after every change asks the
questionnaire engine (``validate``: enableWhen, calculated scores, problems) what to
show. It never decides a clinical rule itself.

Keyboard: Tab / Shift+Tab follow item order; Enter moves to the next field (not in a
multi-line text); Ctrl+S submits. ``submitted(dict)`` carries clean answers (disabled
items dropped, scores computed) once validation passes; saving is the host's job.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from care_degraded.domain import news2 as news2_rules
from care_degraded.services.forms import (
    FormSpec,
    ValidationResult,
    enabled_items,
    implausible_answers,
    validate,
)
from care_degraded.ui.forms.fields import Field
from care_degraded.ui.forms.nodes import FormState, QuestionRow, build_nodes
from care_degraded.ui.style import is_high_contrast


def form_style(high_contrast: bool = False) -> str:
    """The form's look; in high contrast, black on white and pure red, no pastel."""
    error = "#c00000" if high_contrast else "#b00020"
    quiet = "#000000" if high_contrast else "#555555"
    calm = "#000000" if high_contrast else "#1a3d6d"
    band = "#ffffff" if high_contrast else "#e8eef7"
    frame = "2px solid #000000" if high_contrast else "1px solid #9db3d6"
    return f"""
FormView {{ font-size: 12pt; }}
FormView QLabel#formTitle {{ font-size: 16pt; font-weight: bold; }}
FormView QAbstractSpinBox, FormView QLineEdit, FormView QComboBox {{ min-height: 34px; }}
FormView QRadioButton, FormView QCheckBox {{ min-height: 34px; spacing: 8px; }}
FormView QRadioButton::indicator, FormView QCheckBox::indicator {{ width: 20px; height: 20px; }}
FormView QLabel#fieldError {{ color: {error}; font-weight: bold; }}
FormView QLabel#rangeHint {{ color: {quiet}; }}
FormView QLabel#readOnlyValue {{ font-weight: bold; font-size: 13pt; }}
FormView QLabel#scoreAdvice {{ font-size: 13pt; font-weight: bold; color: {calm};
                              padding: 2px 10px; }}
FormView QLabel#scoreAdvice[alarm="true"] {{ color: {error}; }}
FormView QLabel#liveScores {{ font-size: 14pt; font-weight: bold; padding: 4px 10px;
                             background: {band}; border: {frame}; border-radius: 4px; }}
FormView QLabel#displayText {{ color: {calm}; padding: 4px; }}
FormView QGroupBox {{ font-weight: bold; margin-top: 14px; padding-top: 8px; }}
FormView QGroupBox QWidget {{ font-weight: normal; }}
FormView QPushButton {{ min-height: 36px; padding: 0 14px; }}
FormView QPushButton#saveButton {{ font-weight: bold; min-width: 200px; }}
"""


NEWS2_TOTAL = "news2-total"
NEWS2_MISSING = "news2-missing"


def score_items(spec: FormSpec) -> list[Any]:
    """A form's totals: calculated items at the top level or directly in a top-level
    group (NEWS2 total and level, Glasgow, Braden), not the per-parameter points."""
    out = []
    for item in spec.items:
        candidates = [item] if not item.is_group else list(item.items)
        out += [c for c in candidates if c.is_calculated and not c.is_group]
    return out


class FormView(QWidget):
    """A form built from a FormSpec. See the module docstring for the keyboard."""

    changed = Signal()
    submitted = Signal(dict)

    def __init__(self, spec: FormSpec, lang: str = "fr", answers: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.lang = lang
        self._refreshing = False
        self._show_required = False
        self._touched: set[str] = set()
        self._chain: list[QWidget] = []
        self._result: ValidationResult | None = None
        #: the "save anyway?" question last asked (unusual values, partial NEWS2)
        self.confirm_box: QMessageBox | None = None
        self._build()
        # Styled once the widgets exist: styling first would re-polish at every addWidget.
        self.setStyleSheet(form_style(is_high_contrast()))
        self._connect_callbacks()
        initial = self._initial_answers()
        initial.update(answers or {})
        self.load(initial)

    # -- layout ---------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        self.title = QLabel(self.spec.label(self.lang))
        self.title.setObjectName("formTitle")
        self.title.setWordWrap(True)
        outer.addWidget(self.title)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("formBody")
        self.body_layout = QVBoxLayout(body)
        self.nodes = build_nodes(self.spec.items, self.lang, self._on_change)
        for node in self.nodes:
            self.body_layout.addWidget(node.widget)
        self.body_layout.addStretch(1)
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area, 1)
        # What the score asks for (the form's conditional advice next to its totals).
        self.advice = QLabel()
        self.advice.setObjectName("scoreAdvice")
        self.advice.setWordWrap(True)
        self.advice.setVisible(False)
        outer.addWidget(self.advice)
        bar = QHBoxLayout()
        self.button_bar = bar
        # Scores stay in sight while typing, wherever the form is scrolled.
        self.scores = QLabel()
        self.scores.setObjectName("liveScores")
        self.scores.setTextFormat(Qt.TextFormat.PlainText)
        # A partial score says what is missing: it wraps rather than widen the form past
        # a 1366-pixel screen (which would push Save out of sight).
        self.scores.setWordWrap(True)
        self.scores.setVisible(bool(self._score_items()))
        bar.addWidget(self.scores, 2)
        self.summary = QLabel()
        self.summary.setObjectName("fieldError")
        self.summary.setWordWrap(True)
        bar.addWidget(self.summary, 1)
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.setObjectName("saveButton")
        bar.addWidget(self.save_button)
        outer.addLayout(bar)

    def _connect_callbacks(self) -> None:
        self.save_button.clicked.connect(self.submit)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_shortcut.activated.connect(self.submit)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    def _score_items(self) -> list[Any]:
        return score_items(self.spec)

    def _advice_items(self) -> list[Any]:
        """Display items with an enableWhen beside the totals (NEWS2 "call now" texts)."""
        cached = getattr(self, "_advice_cache", None)
        if cached is None:
            totals = {i.link_id for i in self._score_items()}
            cached = []
            levels = [self.spec.items, *(i.items for i in self.spec.walk() if i.is_group)]
            for siblings in levels:
                if any(c.link_id in totals for c in siblings):
                    cached += [c for c in siblings if c.type == "display"
                               and (c.enable_when or c.enable_when_expression)]
            self._advice_cache = cached
        return cached

    def _update_advice(self, enabled: frozenset[str], answers: dict[str, Any]) -> None:
        texts = [i.label(self.lang) for i in self._advice_items() if i.link_id in enabled]
        text = "\n".join(texts)
        # Red when a risk level says so (NEWS2 medium/high, Braden high...), else calm blue.
        levels = [str(answers.get(i.link_id) or "") for i in self._score_items() if i.options]
        alarm = any(word in level for level in levels
                    for word in ("high", "medium", "moderate"))
        if alarm != self.advice.property("alarm"):
            self.advice.setProperty("alarm", alarm)
            self.advice.style().unpolish(self.advice)
            self.advice.style().polish(self.advice)
        if text != self.advice.text():
            self.advice.setText(text)
            self.advice.setVisible(bool(text))

    def _update_scores(self, answers: dict[str, Any]) -> None:
        from care_degraded.ui.forms.choices import display_value, labelled

        parts = []
        for item in self._score_items():
            if item.link_id == NEWS2_MISSING:
                continue  # said with the total: "≥ 15, incomplet : T° manquante"
            value = display_value(item, answers.get(item.link_id), self.lang)
            if item.link_id == NEWS2_TOTAL and answers.get(NEWS2_TOTAL) is not None:
                value = news2_rules.summary(answers[NEWS2_TOTAL], news2_rules.missing_from_codes(
                    answers.get(NEWS2_MISSING)), self.lang)
            parts.append(labelled(item.label(self.lang), value))
        text = "   ·   ".join(parts)
        if text != self.scores.text():
            self.scores.setText(text)
            layout = self.layout()
            if layout is not None:
                layout.activate()  # grow the bar now, not at the next event loop turn

    def _initial_answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for item in self.spec.walk():
            if item.initial and not item.is_calculated:
                out[item.link_id] = list(item.initial) if item.repeats else item.initial[0]
            for opt in item.options:
                if opt.initial_selected:
                    out.setdefault(item.link_id, opt.value)
        return out

    # -- answers ----------------------------------------------------------------------
    def raw_answers(self) -> dict[str, Any]:
        """What the widgets hold now, disabled items included, scores not computed."""
        frame: dict[str, Any] = {}
        for node in self.nodes:
            node.collect(frame)
        return frame

    def answers(self) -> dict[str, Any]:
        """Clean plain answers: disabled items dropped, calculated items computed."""
        return validate(self.spec, self.raw_answers()).answers

    def validation(self) -> ValidationResult:
        return validate(self.spec, self.raw_answers())

    def load(self, answers: dict[str, Any]) -> None:
        """Show ``answers`` (plain form) in the widgets."""
        self._refreshing = True
        try:
            for node in self.nodes:
                node.load(answers)
        finally:
            self._refreshing = False
        self._touched |= {k for k, v in answers.items() if v not in (None, "", [])}
        self._refresh()

    def draft_state(self) -> dict[str, Any]:
        """The form in progress, as plain JSON (kept encrypted by the host on lock)."""
        focus = QApplication.focusWidget()
        return {
            "form": self.spec.url or self.spec.short_id,
            "version": self.spec.version,
            "answers": self.raw_answers(),
            "focus": self._link_of(focus) if focus is not None else None,
            "show_required": self._show_required,
        }

    def restore_draft(self, state: dict[str, Any]) -> None:
        """Put back a form captured by :meth:`draft_state`."""
        self._show_required = bool(state.get("show_required"))
        self.load(dict(state.get("answers") or {}))
        link = state.get("focus")
        if link:
            self.focus_item(link)

    # -- lookups (also used by tests and hosts) ---------------------------------------------
    def rows(self) -> list[QuestionRow]:
        return [row for node in self.nodes for row in node.rows()]

    def row(self, link_id: str) -> QuestionRow:
        for row in self.rows():
            if row.item.link_id == link_id:
                return row
        raise KeyError(link_id)

    def field(self, link_id: str) -> Field:
        return self.row(link_id).field

    def focus_item(self, link_id: str) -> bool:
        try:
            widgets = self.row(link_id).field.focus_widgets()
        except KeyError:
            return False
        if widgets and widgets[0].isVisibleTo(self):
            widgets[0].setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def focus_first(self) -> None:
        for widget in self._chain:
            if widget.isVisibleTo(self) and widget.isEnabled() and \
                    widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return

    def _link_of(self, widget: QWidget) -> str | None:
        for row in self.rows():
            if widget is row.field or row.field.isAncestorOf(widget):
                return row.item.link_id
        return None

    def set_read_only(self, read_only: bool) -> None:
        """Show a record without letting anyone type in it."""
        for row in self.rows():
            row.field.set_read_only(read_only)
        self.save_button.setVisible(not read_only)
        self.save_shortcut.setEnabled(not read_only)

    # -- behaviour ----------------------------------------------------------------------
    def submit(self) -> bool:
        """Validate; show every problem, or emit ``submitted`` with the clean answers."""
        self._show_required = True
        self._refresh()
        result = self._result
        assert result is not None
        if not result.ok:
            first = result.problems[0].link_id
            self.summary.setText(self.tr("%1 answer(s) to correct before saving.").replace(
                "%1", str(len(result.problems))))
            self.focus_item(first)
            return False
        self.summary.clear()
        questions = self.save_questions(result.answers)
        if questions:
            self._confirm(questions, result.answers)
            return False
        self.submitted.emit(result.answers)
        return True

    def save_questions(self, answers: dict[str, Any]) -> list[str]:
        """What to confirm before saving valid answers: unusual values, a partial NEWS2."""
        out = [w.message(self.lang) for w in implausible_answers(self.spec, answers)]
        if answers.get(NEWS2_TOTAL) is not None and answers.get(NEWS2_MISSING):
            out.append(news2_rules.save_question(
                news2_rules.missing_from_codes(answers[NEWS2_MISSING]), self.lang))
        return out

    def _confirm(self, questions: list[str], answers: dict[str, Any]) -> None:
        """Ask once for everything unusual; "save anyway" saves exactly these answers."""
        box = QMessageBox(QMessageBox.Icon.Question, self.spec.label(self.lang),
                          "\n".join(questions), QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("confirmSaveBox")
        save = box.addButton(self.tr("Save anyway"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Back to the form"), QMessageBox.ButtonRole.RejectRole)
        save.setObjectName("confirmSave")
        back.setObjectName("confirmBack")
        box.setDefaultButton(back)
        previous, self.confirm_box = self.confirm_box, box
        if previous is not None:
            previous.deleteLater()

        def done() -> None:
            if box.clickedButton() is save:
                self.submitted.emit(answers)

        box.finished.connect(done)
        box.open()

    def _on_change(self) -> None:
        if self._refreshing:
            return
        focus = QApplication.focusWidget()
        link = self._link_of(focus) if focus is not None else None
        if link:
            self._touched.add(link)
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        self._refreshing = True
        try:
            result = validate(self.spec, self.raw_answers())
            self._result = result
            # Validation only walks answered occurrences of repeating groups; the empty
            # occurrence on screen still needs its fields shown.
            enabled = result.enabled | frozenset(enabled_items(self.spec, result.answers))
            state = FormState(self.lang, enabled, result.by_link_id(),
                              self._show_required, self._touched)
            for node in self.nodes:
                node.apply(state, result.answers)
            self._update_scores(result.answers)
            self._update_advice(enabled, result.answers)
            if result.ok:
                self.summary.clear()
        finally:
            self._refreshing = False
        self._update_tab_order()

    def _update_tab_order(self) -> None:
        chain = [w for node in self.nodes for w in node.tab_widgets()]
        chain.append(self.save_button)
        if chain == self._chain:
            return
        self._chain = chain
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        for widget in chain:
            if not isinstance(widget, QPlainTextEdit | QPushButton):
                widget.removeEventFilter(self)
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            if isinstance(watched, QComboBox) and watched.view().isVisible():
                return False  # Enter picks the highlighted entry of an open list
            if isinstance(watched, QAbstractSpinBox):
                watched.interpretText()
            self.focusNextChild()
            return True
        return super().eventFilter(watched, event)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        try:
            body = self.scroll_area.widget()
            if new is not None and body is not None and body.isAncestorOf(new):
                self.scroll_area.ensureWidgetVisible(new, 40, 60)
        except RuntimeError:
            pass  # this form is being deleted
