"""The `motcua` console script: `motcua --version` answers before the command line (and
Polars) is imported, so scripts that check the version do not pay for the rest; every
other command goes to `cli.main` (issue 19, start-up: the first light command)."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        print(f"motcua {__version__}")
        return
    from .cli import main as run

    run()
