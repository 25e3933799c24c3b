"""The look of the application: readable at arm's length on a 1366x768 ward screen.

Large type and large targets (gloved hands, a tired night shift), one stylesheet,
and a high-contrast variant (black on white, thick focus frames, no pastel).
NEWS2 colours follow the RCP chart: green 0-4, orange 5-6 or any single 3, red 7+.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

BASE_POINT_SIZE = 11
TARGET_HEIGHT = 44  # px: a screen's main buttons, big enough for gloved hands


@dataclass(frozen=True)
class Palette:
    news2_low: str
    news2_medium: str
    news2_high: str
    news2_text: str
    news2_high_text: str
    banner_bg: str
    banner_fg: str
    provisional: str
    allergy: str
    focus: str


NORMAL = Palette(news2_low="#cfe8cf", news2_medium="#ffc870", news2_high="#e0413a",
                 news2_text="#1b1b1b", news2_high_text="#ffffff", banner_bg="#8a1c12",
                 banner_fg="#ffffff", provisional="#7a3e00", allergy="#b00020",
                 focus="#1565c0")
HIGH_CONTRAST = Palette(news2_low="#ffffff", news2_medium="#ffd400", news2_high="#c00000",
                        news2_text="#000000", news2_high_text="#ffffff", banner_bg="#000000",
                        banner_fg="#ffff00", provisional="#000000", allergy="#c00000",
                        focus="#000000")


def palette(high_contrast: bool = False) -> Palette:
    return HIGH_CONTRAST if high_contrast else NORMAL


def news2_colors(level: str, high_contrast: bool = False) -> tuple[QColor, QColor] | None:
    """(background, text) for a NEWS2 level ("low", "medium", "high"); None if unknown."""
    p = palette(high_contrast)
    if level == "low":
        return QColor(p.news2_low), QColor(p.news2_text)
    if level == "medium":
        return QColor(p.news2_medium), QColor(p.news2_text)
    if level == "high":
        return QColor(p.news2_high), QColor(p.news2_high_text)
    return None


def stylesheet(high_contrast: bool = False) -> str:
    """The application stylesheet (sizes in points and pixels that fit 1366x768)."""
    p = palette(high_contrast)
    width = 2 if high_contrast else 1
    border = f"{width}px solid #000000" if high_contrast else f"{width}px solid #9e9e9e"
    # A button's or field's box (border + padding) is the same in every state: a thicker
    # focus or default frame takes from the padding, so the text never loses pixels
    # when the widget takes focus (its size hint is computed once, without the frame).
    button_pad = (4 + width, 14 + width)
    field_pad = (2 + width, 6 + width)
    text = "#000000" if high_contrast else "#1b1b1b"
    background = "#ffffff" if high_contrast else "#f7f7f5"
    return f"""
QWidget {{ color: {text}; }}
QMainWindow, QDialog, QStackedWidget > QWidget {{ background: {background}; }}
QPushButton, QToolButton {{ min-height: 34px; padding: {button_pad[0] - width}px
    {button_pad[1] - width}px; border: {border}; border-radius: 4px; background: #ffffff; }}
QPushButton:default {{ border: 2px solid {p.focus};
    padding: {button_pad[0] - 2}px {button_pad[1] - 2}px; }}
QPushButton:focus {{ border: 3px solid {p.focus};
    padding: {button_pad[0] - 3}px {button_pad[1] - 3}px; }}
QLineEdit:focus, QSpinBox:focus {{ border: 3px solid {p.focus};
    padding: {field_pad[0] - 3}px {field_pad[1] - 3}px; }}
QTableView:focus {{ border: 3px solid {p.focus}; }}
QPushButton:disabled {{ color: #6d6d6d; }}
QComboBox {{ min-height: 32px; }}
QLineEdit, QSpinBox {{ min-height: 32px; padding: {field_pad[0] - width}px
    {field_pad[1] - width}px; border: {border}; border-radius: 3px; background: #ffffff; }}
QTableView {{ background: #ffffff; gridline-color: #d0d0d0; border: {border};
    selection-background-color: {p.focus}; selection-color: #ffffff; }}
QHeaderView::section {{ padding: 6px; font-weight: bold; background: #e8e8e4;
    border: 0; border-right: 1px solid #c8c8c8; border-bottom: {border}; }}
QTabBar::tab {{ min-height: 30px; padding: 4px 14px; }}
QTabBar::tab:selected {{ font-weight: bold; border-bottom: 3px solid {p.focus}; }}
#banner {{ background: {p.banner_bg}; }}
#banner QLabel {{ color: {p.banner_fg}; font-weight: bold; }}
#banner QPushButton {{ min-height: 28px; }}
#bannerMode {{ font-size: 13pt; }}
#unlockCard {{ background: #ffffff; border: {border}; border-radius: 6px; }}
#unlockTitle {{ font-size: 18pt; font-weight: bold; }}
#unlockWard {{ font-size: 13pt; }}
#unlockMessage {{ color: {p.allergy}; font-weight: bold; }}
#unlockNotice {{ color: {text}; font-weight: bold; }}
#exerciseBar {{ background: #ffd54f; border-radius: 3px; }}
#banner #exerciseBar QLabel {{ color: #1b1b1b; }}
#exerciseMark {{ font-size: 12pt; }}
#unlockExercise {{ background: #ffd54f; color: #1b1b1b; font-weight: bold; padding: 6px;
    border-radius: 3px; }}
#demoBox {{ background: #fff8e1; border: 1px dashed #b58900; border-radius: 4px; }}
"""


def apply(app: QApplication, high_contrast: bool = False) -> None:
    """Font and stylesheet for the whole application."""
    font = QFont(app.font())
    # Same size in high contrast: a larger font would push the banner off a 1366 screen.
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(stylesheet(high_contrast))
    app.setProperty("highContrast", high_contrast)


def is_high_contrast() -> bool:
    app = QApplication.instance()
    return bool(app.property("highContrast")) if app is not None else False


def screen_title() -> QLabel:
    """A screen's title, in large bold type, at the left of its top bar."""
    title = QLabel()
    title.setStyleSheet("font-size: 16pt; font-weight: bold;")
    return title


def action_button(object_name: str = "") -> QPushButton:
    """One of a screen's main actions: a large target in large bold type."""
    button = tall_button(object_name)
    button.setStyleSheet("font-size: 12pt; font-weight: bold;")
    return button


def tall_button(object_name: str = "") -> QPushButton:
    """A button as tall as the main actions beside it, in the ordinary type (Print…)."""
    button = QPushButton()
    if object_name:
        button.setObjectName(object_name)
    button.setMinimumHeight(TARGET_HEIGHT)
    return button
