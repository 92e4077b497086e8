"""``plansite build --engine mkdocs`` (or ``properdocs``): the engine's own command line, which runs
the plugin, so the site is the one ``mkdocs build`` makes, byte for byte. ProperDocs is a maintained
drop-in fork of MkDocs 1.6 that runs MkDocs plugins unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROGRAMS = {"mkdocs": "mkdocs", "properdocs": "properdocs"}


def build(engine: str, config_file: Path) -> int:
    """Run ``<engine> build`` on ``config_file``; its messages go to the terminal as they come."""
    command = [sys.executable, "-m", PROGRAMS[engine], "build", "--config-file", str(config_file)]
    return subprocess.run(command, cwd=config_file.parent, check=False).returncode
