"""The patient chart: identity header, timeline of records, record history, quick actions.

Public entry point: ``ChartWidget(ctx, patient_id)``.
"""

from care_degraded.ui.chart.widget import ChartWidget

__all__ = ["ChartWidget"]
