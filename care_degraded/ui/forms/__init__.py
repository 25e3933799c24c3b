"""Form entry: questionnaire items as widgets, through one registry (``registry.py``).

Public entry point::

    FormView(spec, lang="fr", answers=None)   # .answers() .draft_state() .restore_draft()
                                              # signals: changed, submitted(dict)
"""

from care_degraded.ui.forms.choices import display_value
from care_degraded.ui.forms.registry import field_for, register
from care_degraded.ui.forms.view import FormView

__all__ = ["FormView", "display_value", "field_for", "register"]
