"""`python -m desktop` — same as the `nibrs-desk` command."""

import sys

from desktop.cli import main

sys.exit(main())
