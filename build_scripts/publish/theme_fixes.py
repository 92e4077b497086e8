"""Repairs to mkdocs-material's HTML that the accessibility checks need (run on every built page).

mkdocs-material 9.x (and Zensical, which shares its markup) leaves a few gaps (see the reference notes on accessibility): icon-only
``<label>``s with no name, ``autocomplete`` on checkboxes (invalid HTML), ``tabindex=""``, an
empty table-of-contents ``<nav>`` and a ``<label for="__toc">`` pointing at no control on section
index pages. (The theme's search is not used: see partials/header.html.) Each repair
is a small, exact text substitution on the theme's own markup, so a theme upgrade that changes
the markup makes the checks fail loudly instead of being papered over.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Names for the theme's icon-only controls, in the wording of the page.
HEADER_LABELS = {
    '<label class="md-header__button md-icon" for="__drawer">': "網站選單",
}
OVERLAY_LABELS = {
    '<label class="md-overlay" for="__drawer"></label>': "關閉網站選單",
}
# Zensical hides the overlay's label from screen readers, which HTML does not allow on a label of a
# control; it is then named like mkdocs-material's.
_HIDDEN_OVERLAY = '<label class="md-overlay" for="__drawer" aria-hidden="true"></label>'
# Zensical writes the palette's one option even when there is nothing to choose: hidden from screen
# readers, it must not take the keyboard's focus either.
_HIDDEN_OPTION = re.compile(r'(<input class="md-option"[^>]*?aria-hidden="true")(?![^>]*tabindex)')

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r' tabindex=""')
# A section's toggle: an icon-only label right after the section's index link. The search starts
# at the label (a few a page) and looks back for the link's name, instead of trying every link.
_TOGGLE_LABEL = re.compile(
    r'<label class="md-nav__link[^"]*" for="[^"]+" id="[^"]+"[^>]*>(?=\s*<span class="md-nav__icon md-icon"></span>\s*</label>)'
)
_LINK_NAME_BEFORE = re.compile(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>\s*</a>\s*$')
# The engine and its version: not the reader's business, and it differs between engines that build
# the same page (MkDocs, ProperDocs).
_GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">\n?')
_EMPTY_TOC = re.compile(r'<nav class="md-nav md-nav--secondary" aria-label="[^"]*">\s*</nav>')
_TOC_TITLE = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)


def _hidden(text: str) -> str:
    return f'<span class="tw-visually-hidden">{text}</span>'


def _name_labels(html: str) -> str:
    """Text for screen readers inside each icon-only label (aria-label is not allowed on a label)."""
    html = html.replace(_HIDDEN_OVERLAY, '<label class="md-overlay" for="__drawer"></label>')
    for tag, name in HEADER_LABELS.items():
        html = html.replace(tag, tag[:-1] + f' title="{name}">' + _hidden(name))
    for tag, name in OVERLAY_LABELS.items():
        # The dimmed overlay repeats, for the mouse, a control the header already names: its text
        # (which 115.11 checkers ask of every label, HM1130104C) is hidden from screen readers,
        # which meet the control once, in the header; the title is the pointer's tooltip.
        text = f'<span class="tw-visually-hidden" aria-hidden="true">{name}</span>'
        html = html.replace(tag, tag.replace("></label>", f' title="{name}">{text}</label>'))
    return html


def _name_section_toggles(html: str) -> str:
    """The expand/collapse control next to a section's index link gets the section's name."""

    pieces: list[str] = []
    done = 0
    for label in _TOGGLE_LABEL.finditer(html):
        before = html[max(done, label.start() - 400) : label.start()]
        link = _LINK_NAME_BEFORE.search(before)
        if link is None:
            continue
        pieces += [html[done : label.end()], _hidden(link[1])]
        done = label.end()
    return "".join(pieces) + html[done:]


def _toc(html: str) -> str:
    html = _EMPTY_TOC.sub("", html)
    if 'id="__toc"' not in html:  # section index pages: no checkbox for the label to control
        html = _TOC_TITLE.sub(r'<div class="md-nav__title">\1</div>', html)
    return html


FIXES: tuple[Callable[[str], str], ...] = (
    lambda html: _GENERATOR.sub("", html),
    lambda html: _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html),
    lambda html: _EMPTY_TABINDEX.sub("", html),
    lambda html: _HIDDEN_OPTION.sub(r'\1 tabindex="-1"', html),
    _name_labels,
    _name_section_toggles,
    _toc,
)


def fix_page(html: str) -> str:
    for fix in FIXES:
        html = fix(html)
    return html
