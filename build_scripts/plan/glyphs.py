"""Which characters the installed fonts can draw (asked of fontconfig, as WeasyPrint's Pango does).

The print stylesheet lists Noto Sans CJK TC first and the 全字庫 fonts (TW-Sung, TW-Kai and their
Ext-B / Plus faces) after it; Pango falls back through every installed font. A character that no
installed font covers would print as an empty box, so the plan checks refuse it instead.
"""

from __future__ import annotations

import bisect
import shutil
import subprocess
import unicodedata
import weakref
from functools import lru_cache

# Characters that are never drawn as glyphs: controls, format characters (zero-width, bidi),
# separators and combining marks that attach to a neighbour.
_NOT_DRAWN = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me", "Cs"}
# Characters every plan uses: when no installed font draws any of them, no Chinese font is installed.
COMMON_CJK = "的一是中國年計畫服務"


class Coverage:
    """A set of code points stored as sorted, merged ranges."""

    def __init__(self, ranges: list[tuple[int, int]]):
        merged: list[tuple[int, int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def __contains__(self, code: int) -> bool:
        i = bisect.bisect_right(self._starts, code) - 1
        return i >= 0 and code <= self._ends[i]

    def __len__(self) -> int:
        return sum(e - s + 1 for s, e in zip(self._starts, self._ends, strict=True))


def parse_charsets(text: str) -> Coverage:
    """fontconfig's ``%{charset}`` output (``20-7e a0-17f 4e00``, one font a line) → Coverage."""
    ranges = []
    for token in text.split():
        start, _, end = token.partition("-")
        try:
            ranges.append((int(start, 16), int(end or start, 16)))
        except ValueError:
            continue
    return Coverage(ranges)


class InstalledFonts:
    """Every character some installed font can draw.

    Asks fontconfig for the main font's characters first and for all fonts only when a character
    is missing from it, which keeps the common case (plans in Noto's characters) fast."""

    def __init__(self, fc_list: str, main: str = "Noto Sans CJK TC"):
        self._fc_list = fc_list
        self._main = self._charsets(main)
        self._all: Coverage | None = None

    def _charsets(self, pattern: str | None = None) -> Coverage:
        command = [self._fc_list, "--format=%{charset}\n", *([pattern] if pattern else [])]
        return parse_charsets(subprocess.run(command, capture_output=True, text=True, check=False).stdout)

    def __contains__(self, code: int) -> bool:
        if code in self._main:
            return True
        if self._all is None:
            self._all = self._charsets()
        return code in self._all


@lru_cache(maxsize=1)
def fonts_fingerprint() -> str:
    """The installed fonts (file, version, face), as text: what ``installed`` covers."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ""
    listing = subprocess.run([fc_list, "--format=%{file}|%{fontversion}|%{index}\n"], capture_output=True, text=True, check=False)
    return "\n".join(sorted(listing.stdout.splitlines()))


@lru_cache(maxsize=1)
def installed() -> InstalledFonts | None:
    """The installed fonts' coverage; None if fontconfig's fc-list is not there."""
    fc_list = shutil.which("fc-list")
    return InstalledFonts(fc_list) if fc_list else None


# Per coverage: the characters already found drawable (weak keys: a coverage let go takes its set along).
_DRAWABLE: weakref.WeakKeyDictionary[Coverage | InstalledFonts, set[str]] = weakref.WeakKeyDictionary()


def undrawable(text: str, coverage: Coverage | InstalledFonts) -> list[tuple[int, str]]:
    """(position, character) for each character of text that no font in coverage can draw.

    Characters found drawable are remembered (per coverage), so a site of many plans, which repeat
    the same few thousand characters, looks each one up once."""
    known = _DRAWABLE.setdefault(coverage, set())
    fresh = set(text) - known
    if not fresh:
        return []
    found = {c for c in fresh if unicodedata.category(c) in _NOT_DRAWN or ord(c) in coverage}
    known |= found
    if len(found) == len(fresh):
        return []
    return [(i, char) for i, char in enumerate(text) if char in fresh and char not in found]
