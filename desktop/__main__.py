"""``python -m desktop`` and the ``policydesk`` console script."""

from __future__ import annotations

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    # The export runs in a child process (desktop.jobs); in a frozen bundle that child is
    # this executable again, and freeze_support() turns it into the worker.
    multiprocessing.freeze_support()
    sys.exit(main())
