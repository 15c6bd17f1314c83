"""`python -m operate backup|restore ...`: see operate/cli.py."""

import sys

from operate.cli import run

if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:]))
