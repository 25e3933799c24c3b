"""The crisis log (main courante): the quick entry dialog and the managers' screen."""

from care_degraded.ui.crisis.dialog import CrisisEntryDialog
from care_degraded.ui.crisis.widget import CrisisLogModel, CrisisLogWidget

__all__ = ["CrisisEntryDialog", "CrisisLogModel", "CrisisLogWidget"]
