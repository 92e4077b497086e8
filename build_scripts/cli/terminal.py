"""How the commands print plan problems: each problem once, then a count."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..plan.problems import Problem
from ..plan.problems import report as report_text


def report(problems: Sequence[Problem]) -> None:
    if problems:
        print(report_text(list(problems)), file=sys.stderr)
