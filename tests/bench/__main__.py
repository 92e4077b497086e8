"""`make bench` (python -m tests.bench): the PDF and whole-site figures of this machine;
`make bench scale` (python -m tests.bench scale): the same at 20 to 1,000 plans."""

from __future__ import annotations

import sys

if sys.argv[1:] == ["scale"]:
    from .scale import main
else:
    from .pdf import main

sys.exit(main())
