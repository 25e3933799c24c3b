"""Downtime checklists: start a run for a phase, tick items (who and when), progress per role.

Public entry point: ``ChecklistWidget(ctx)``.
"""

from care_degraded.ui.checklists.widget import ChecklistWidget

__all__ = ["ChecklistWidget"]
