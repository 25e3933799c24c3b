"""Admission during the outage: a provisional identity, duplicates shown first.

Public entry point: ``AdmitDialog(ctx)`` (signals ``admitted(Patient)``,
``existing_chosen(patient_id)``).
"""

from care_degraded.ui.admit.dialog import AdmitDialog

__all__ = ["AdmitDialog"]
