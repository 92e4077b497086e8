"""The fonts a plan's PDF can use, for its cache key.

WeasyPrint (Pango) draws each character with the first font of the print stylesheet's
``font-family`` lists that has it (``print.css``: Noto Sans CJK TC, the 全字庫 faces, then
``sans-serif`` as fontconfig resolves it), and falls back through every installed font only for a
character none of those has. So a PDF depends on the named fonts, and on every installed font only
if its plan holds such a character: installing an unrelated font (LibreOffice's, say) re-renders no
PDF, while a font that could change a PDF changes its key.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..cache import hashed
from ..plan.glyphs import Coverage, fonts_fingerprint, parse_charsets

GENERIC = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"})
_FONT_FAMILY = re.compile(r"font-family\s*:\s*([^;}]+)", re.I)
_NOT_DRAWN = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me", "Cs"}  # as plan.glyphs: never a glyph of its own
_FACE = "--format=%{file}|%{fontversion}|%{index}\n"


def stylesheet_families(css: str) -> list[str]:
    """The font families a stylesheet names, in order of first use, without repeats."""
    families: list[str] = []
    for declaration in _FONT_FAMILY.findall(css):
        for name in declaration.split(","):
            name = name.strip().strip("\"'").strip()
            if name and name not in families:
                families.append(name)
    return families


@dataclass(frozen=True)
class PdfFonts:
    named: str  # fingerprint of the named families' fonts (file, version, face index)
    everything: str  # fingerprint of every installed font
    charsets: str  # fontconfig's charsets of the named fonts (``coverage``, read when first needed)
    drawn: set[str] = field(default_factory=set, compare=False)  # characters found in ``coverage``

    @cached_property
    def coverage(self) -> Coverage:
        """The characters the named fonts can draw."""
        return parse_charsets(self.charsets)

    def fingerprint(self, text: str) -> str:
        """The fonts a PDF of ``text`` can use: the named ones, and every font if the text has a
        character none of them can draw."""
        fresh = set(text) - self.drawn
        found = {c for c in fresh if ord(c) in self.coverage or unicodedata.category(c) in _NOT_DRAWN}
        self.drawn.update(found)
        return hashed(self.named, self.everything) if len(found) < len(fresh) else self.named


_ASKING = threading.Lock()  # one asking at a time: a build that needs the answer waits for the one asked ahead


def pdf_fonts(css: str) -> PdfFonts:
    """What fontconfig says about the fonts ``css`` names (asked once a process for each stylesheet,
    or ahead: ``ask_ahead``)."""
    with _ASKING:
        return _pdf_fonts(css)


def ask_ahead(css: str) -> None:
    """Start asking fontconfig about the fonts ``css`` names, in a thread, while the build does
    other work: ``pdf_fonts`` then waits for that answer instead of asking again. The thread spends
    its time waiting for fontconfig's processes, which run on another core. Not for a worker
    process forked while it runs: the worker would wait for a thread it does not have."""
    threading.Thread(target=pdf_fonts, args=(css,), name="fontconfig", daemon=True).start()


@lru_cache(maxsize=4)
def _pdf_fonts(css: str) -> PdfFonts:
    """The questions (two or three for each family, and the listing of every installed font, which
    loading the plans already made) are asked at once: each is a process that spends most of its time
    reading fontconfig's cache, so together they take the time of a few."""
    fc_list, fc_match = shutil.which("fc-list"), shutil.which("fc-match")
    if fc_list is None or fc_match is None:
        return PdfFonts("", "", "")

    def family_fonts(family: str) -> tuple[str, str] | None:
        """The family's faces (file, version, index) and their charsets; None for a generic family
        fontconfig maps to nothing."""
        if family.lower() in GENERIC:
            pattern = _run([fc_match, "--format=%{family[0]}", family]).strip()
            if not pattern:
                return None
        else:
            pattern = family
        escaped = re.sub(r"([\\\-:,])", r"\\\1", pattern)
        faces = family + "=" + "\n".join(sorted(_run([fc_list, _FACE, escaped]).splitlines()))
        return faces, _run([fc_list, "--format=%{charset}\n", escaped])

    with ThreadPoolExecutor(max_workers=(os.cpu_count() or 1) + 1) as pool:
        everything = pool.submit(fonts_fingerprint)  # every installed font: the listing the plans' check made
        named = [found for found in pool.map(family_fonts, stylesheet_families(css)) if found is not None]
    return PdfFonts(
        hashed(*(faces for faces, _ in named)), hashed(everything.result()), "\n".join(charsets for _, charsets in named)
    )


def _run(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout
    except OSError:
        return ""
