"""`make bench` (python -m tests.bench): the PDF, whole-site and import figures of this machine;
`make bench scale` (python -m tests.bench scale): the site at 5 to 1,000 plans, in two shapes;
python -m tests.bench importing: the import figures alone."""

from __future__ import annotations

import sys

if sys.argv[1:] == ["scale"]:
    from .scale import main
elif sys.argv[1:] == ["importing"]:
    from .importing import main
else:
    from . import importing, pdf

    def main() -> int:
        status = pdf.main()
        print()
        return status or importing.main()


sys.exit(main())
