"""``python -m oneroster_identity`` runs the command line."""

import sys

from oneroster_identity.cli import main

sys.exit(main())
