"""``python -m analysis.data verify``: check every registered raw file before a build."""

import sys

from analysis.data import raw

raise SystemExit(raw.main(sys.argv[1:]))
