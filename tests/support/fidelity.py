"""Fidelity of a published plan to its source document.

The source is text extracted from a real plan. Every line of it, once the
extraction artefacts are removed, must appear in what we publish. Whitespace is
ignored (extraction breaks lines and cells mid-word), full-width brackets are
compared as half-width ones (a typographic variant, not wording), and colons are
ignored (the source writes 「壹、計畫依據：」 where we publish a heading).
"""

from __future__ import annotations

import re
import sys

_ARTEFACT_LINES = (
    re.compile(r"^第\s*\d+\s*頁，共\s*\d+\s*頁$"),  # page footers
    re.compile(r"^\[在此鍵入\]$"),  # template placeholder
)
_TAGS = re.compile(r"</?p>")
_SPACE = re.compile(r"\s+")
_FOLD = str.maketrans({"（": "(", "）": ")", "：": None, ":": None})


def normalise(text: str) -> str:
    return _SPACE.sub("", text).translate(_FOLD)


def source_fragments(source: str) -> list[str]:
    """The pieces of the source that must each appear in the output."""
    fragments = []
    for line in source.splitlines():
        line = _TAGS.sub("\t", line).strip()
        if any(p.match(line) for p in _ARTEFACT_LINES):
            continue
        if line.startswith("- "):
            line = line[2:]
        for piece in line.split("\t"):
            piece = normalise(piece)
            if piece:
                fragments.append(piece)
    return fragments


def missing(source: str, published: str) -> list[str]:
    """Fragments of the source not found in the published text."""
    haystack = normalise(published)
    return [f for f in source_fragments(source) if f not in haystack]


if __name__ == "__main__":  # python -m tests.support.fidelity plans/x.yaml tests/seeds/00x.txt
    from build_scripts.plan.load import load_plan_file

    from .plaintext import plan_text

    plan = load_plan_file(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as source:
        gaps = missing(source.read(), plan_text(plan))
    for gap in gaps:
        print("MISSING:", gap)
    print(f"{len(gaps)} missing fragment(s)")
    sys.exit(1 if gaps else 0)
