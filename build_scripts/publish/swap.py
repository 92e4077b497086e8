"""Publish a build atomically: build into a staging folder beside the site folder, swap it in at the end.

A build that fails at any point (a broken plan, a PDF that cannot be rendered, a broken link in strict
mode) leaves the site folder exactly as it was, downloads included.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class SiteSwap:
    def __init__(self, site_dir: Path):
        self.site_dir = site_dir.resolve()
        self.staging = self.site_dir.with_name(f".{self.site_dir.name}.building")
        self.built = False
        self.failed = False
        shutil.rmtree(self.staging, ignore_errors=True)  # left over from an interrupted build

    def finish(self) -> bool:
        """Swap the staging folder in if the build completed; otherwise drop it. True if published."""
        if not (self.built and not self.failed and self.staging.is_dir()):
            shutil.rmtree(self.staging, ignore_errors=True)
            return False
        old = self.site_dir.with_name(f".{self.site_dir.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if self.site_dir.exists():
            os.replace(self.site_dir, old)
        os.replace(self.staging, self.site_dir)
        shutil.rmtree(old, ignore_errors=True)
        return True
