"""Qt's own dialog texts that its French translation (``qtbase_fr.qm``) leaves in English.

``i18n.install`` loads Qt's translation next to ours; for the few strings Qt's file
lacks, marking them here lets ``pyside6-lupdate`` carry them into our ``.ts`` under
Qt's own context, and our translator answers when Qt asks for them.
"""

from __future__ import annotations

from care_degraded.ui.i18n import QT_TRANSLATE_NOOP

QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
