"""Entry point of the frozen application (PyInstaller): the same CLI as `timeline-app`."""

import sys

from timeline_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
