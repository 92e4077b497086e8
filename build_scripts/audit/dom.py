"""A small DOM of a built page (standard library only): enough to check the Taiwan rules.

html.parser gives events; this builds the tree, closing elements the way browsers imply them
(a <li> closes the previous <li>, a block closes an open <p> …).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})
NON_TEXT = frozenset({"script", "style", "template"})
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)
    source: str = ""  # the start tag as written
    line: int = 0

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    def attr(self, name: str) -> str:
        """The attribute's value, "" when it is absent."""
        return self.attrs.get(name, "")

    def elements(self) -> Iterator[Node]:
        """This node's descendant elements in document order (not itself)."""
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.elements()

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in NON_TEXT:
                parts.append(child.text())
        return "".join(parts)

    def clean_text(self) -> str:
        return " ".join(self.text().split())

    def snippet(self, limit: int = 160) -> str:
        start = self.source or f"<{self.tag}>"
        if self.tag in VOID:
            out = start
        else:
            text = self.clean_text()
            if len(text) > 40:
                text = text[:40] + "…"
            out = f"{start}{text}</{self.tag}>"
        return out if len(out) <= limit else out[: limit - 1] + "…"


# start tag → open elements it closes implicitly, and the elements that stop the search
_IMPLIED: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table", "thead", "tbody", "tfoot"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "thead": (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th", "caption"}), frozenset({"table"})),
    "tbody": (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th", "caption"}), frozenset({"table"})),
    "tfoot": (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th", "caption"}), frozenset({"table"})),
    "option": (frozenset({"option"}), frozenset({"select", "datalist", "optgroup"})),
}
_CLOSES_P = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "div",
        "dl",
        "fieldset",
        "figure",
        "footer",
        "form",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
        *HEADINGS,
    }
)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack: list[Node] = [self.root]

    def _close_to(self, index: int) -> None:
        del self.stack[index:]

    def _implied_close(self, tag: str) -> None:
        if tag in _IMPLIED:
            closes, stops = _IMPLIED[tag]
            for i in range(len(self.stack) - 1, 0, -1):
                name = self.stack[i].tag
                if name in stops:
                    break
                if name in closes:
                    self._close_to(i)
                    break
        if tag in _CLOSES_P:
            for i in range(len(self.stack) - 1, 0, -1):
                name = self.stack[i].tag
                if name == "p":
                    self._close_to(i)
                    break
                if name not in ("span", "a", "em", "strong", "b", "i", "small", "code"):
                    break

    def _add(self, tag: str, attrs: list[tuple[str, str | None]]) -> Node:
        parent = self.stack[-1]
        node = Node(
            tag,
            {name.lower(): (value if value is not None else "") for name, value in attrs},
            parent=parent,
            source=self.get_starttag_text() or "",
            line=self.getpos()[0],
        )
        parent.children.append(node)
        return node

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._implied_close(tag)
        node = self._add(tag, attrs)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._implied_close(tag)
        self._add(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                self._close_to(i)
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root
