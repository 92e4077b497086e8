"""CS2140401C: no font size in px or pt, in stylesheets, <style> elements and style attributes."""

from __future__ import annotations

import re

from .dom import Node
from .findings import Finding, Found, finding

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_FONT_DECL = re.compile(r"(?<![\w-])(font-size|font)\s*:\s*([^;{}]*)", re.I)
_PX_PT = re.compile(r"(?<![\w.#-])(-?\d*\.?\d+)(px|pt)\b", re.I)


def css_font_size_problems(css: str) -> list[tuple[str, str]]:
    """(selector, declaration) pairs that set a font size in px or pt."""
    text = _CSS_COMMENT.sub("", css)
    problems = []
    for match in _FONT_DECL.finditer(text):
        prop, value = match.group(1).lower(), match.group(2)
        size = value if prop == "font-size" else value.split("/")[0]  # font: <size>/<line-height> …
        if _PX_PT.search(size):
            before = text[: match.start()]
            brace = before.rfind("{")
            previous = max(before.rfind("}", 0, brace), before.rfind("{", 0, brace), before.rfind(";", 0, brace))
            selector = " ".join(before[previous + 1 : brace].split()) if brace >= 0 else ""
            problems.append((selector, f"{match.group(1)}:{value.strip()}"))
    return problems


def css_findings(page: str, css: str, where: Node | None = None) -> list[Finding]:
    findings = []
    for selector, declaration in css_font_size_problems(css):
        element = f"{selector} {{ {declaration} }}" if selector else declaration
        if where is not None and where.tag != "style":
            element = where.snippet()
        findings.append(
            finding(
                page,
                "css-font-size",
                element[:160],
                f"字級使用固定單位：{declaration}。",
                "字級改用 rem、em 或百分比，讓使用者可以放大文字。",
            )
        )
    return findings


def check_css(path: str, css: str) -> list[Finding]:
    """The CS2140401C check for one CSS file."""
    return css_findings(path, css)


def check_inline_css(found: Found, root: Node) -> None:
    """CS2140401C in a page: its <style> elements and style attributes."""
    for node in root.elements():
        if node.tag == "style":
            found.items += css_findings(found.page, node.text(), node)
        elif style := node.get("style"):
            found.items += css_findings(found.page, "x{" + style + "}", node)
