import sys

from care_degraded.cli import main

sys.exit(main())
