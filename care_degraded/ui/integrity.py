"""Ward ▸ Check integrity: the audit chain and the revision signatures, for a manager.

The same check as ``care-degraded audit verify``, run off the GUI thread; its result
is said in a sentence, and a broken chain names the first bad row and what to do.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from care_degraded.services import integrity
from care_degraded.services.integrity import IntegrityReport
from care_degraded.ui.context import AppContext
from care_degraded.ui.operations import Operation


def verify_integrity(parent: QWidget, ctx: AppContext) -> Operation:
    """Run the check; the result box (object name ``integrityBox``) opens when it is done."""
    vault = ctx.require_vault()
    label = QCoreApplication.translate("integrity", "Checking the vault's integrity…")
    op = Operation(parent, lambda: integrity.verify_as_manager(vault), label=label)
    return op.success(lambda report: show_report(parent, report)).run()


def report_text(report: IntegrityReport) -> tuple[str, str]:
    """The sentence and the details shown for ``report``."""
    chain, signatures = report.chain, report.signatures
    if report.ok:
        text = QCoreApplication.translate("integrity", "Integrity verified: the audit log is intact (%1 rows) and the signatures of %2 revisions are verified.")  # noqa: E501
        text = text.replace("%1", str(chain.rows)).replace("%2", str(signatures.checked))
        details = ""
        if signatures.unsigned:
            details = QCoreApplication.translate("integrity", "%1 older revisions are unsigned (written before signatures existed).")  # noqa: E501
            details = details.replace("%1", str(signatures.unsigned))
        return text, details
    lines = []
    if not chain.ok:
        line = QCoreApplication.translate("integrity", "The audit log is broken at row %1.")
        lines.append(line.replace("%1", str(chain.first_bad))
                     + (f" ({chain.reason})" if chain.reason else ""))
    if not signatures.ok:
        line = QCoreApplication.translate("integrity", "%1 revisions fail their signature; first: %2.")
        lines.append(line.replace("%1", str(len(signatures.bad))).replace("%2", signatures.bad[0]))
    text = QCoreApplication.translate("integrity", "INTEGRITY CHECK FAILED: the vault was modified outside the application. Call IT and do not delete anything.")  # noqa: E501
    return text, "\n".join(lines)


def show_report(parent: QWidget, report: IntegrityReport) -> QMessageBox:
    """A window-modal box with the result, opened without blocking."""
    text, details = report_text(report)
    box = QMessageBox(parent.window())
    box.setObjectName("integrityBox")
    box.setIcon(QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("integrity", "Vault integrity"))
    box.setText(text)
    if details:
        box.setInformativeText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box
