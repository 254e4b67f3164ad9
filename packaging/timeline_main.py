"""Entry point of the frozen application (PyInstaller): the same CLI as `timeline-app`."""

import multiprocessing
import sys

from timeline_app.cli import main

if __name__ == "__main__":
    # extraction workers are spawned processes: in a frozen app they re-run this executable, which must then
    # become the worker instead of starting the application again
    multiprocessing.freeze_support()
    sys.exit(main())
