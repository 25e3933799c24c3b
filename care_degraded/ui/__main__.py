"""``python -m care_degraded.ui``: the desktop application (the frozen GUI's entry point)."""

import sys

from care_degraded.ui.app import main

sys.exit(main())
