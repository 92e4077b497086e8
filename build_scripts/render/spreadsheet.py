"""CSV that spreadsheets open as intended and never run: the one writer of every CSV we publish.

UTF-8 with a byte-order mark (Excel in Taiwan otherwise reads Big5) and CRLF line ends (RFC 4180).
Every cell, column labels included, is made inert by the OWASP rule for CSV injection: a cell
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, which
spreadsheets show as text and never evaluate. A cell that is a plain number (``-1``, ``3.5``) cannot
be a formula and is left as it is.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def inert(value: str) -> str:
    """A cell a spreadsheet will show and not run."""
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """The whole file: the header row, then the rows, every cell inert."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([inert(cell) for cell in header])
    writer.writerows([inert(cell) for cell in row] for row in rows)
    return (BOM + out.getvalue()).encode("utf-8")
