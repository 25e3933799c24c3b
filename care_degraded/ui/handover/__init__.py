"""Handovers: SBAR and transmissions ciblées per patient; the ward handover view.

Public entry point: ``HandoverWidget(ctx)``.
"""

from care_degraded.ui.handover.widget import HandoverWidget

__all__ = ["HandoverWidget"]
