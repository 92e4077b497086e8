"""Built pages without the theme's indentation: every run of white space that holds a line break
becomes one line break.

A browser collapses such a run to one space anyway (outside ``<pre>``, ``<textarea>``,
``<script>`` and ``<style>``, which are left as they are), so the page looks and reads exactly the
same; but mkdocs-material indents its navigation deeply, and on a site of 1,000 plans that
indentation was two thirds of the sidebar's bytes.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_BREAK_RUN = re.compile(r"[ \t\r\n]*\n[ \t\r\n]*")


def compact(html: str) -> str:
    parts = _KEPT.split(html)
    # split() with two groups gives: text, kept element, its tag name, text, kept element, …
    out = []
    for index in range(0, len(parts), 3):
        out.append(_BREAK_RUN.sub("\n", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)
