"""Entry point of the frozen bundles: the same command line as ``python -m desktop``."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
