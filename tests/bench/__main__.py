"""`make bench` (python -m tests.bench): the PDF and whole-site figures of this machine."""

from __future__ import annotations

import sys

from .pdf import main

sys.exit(main())
