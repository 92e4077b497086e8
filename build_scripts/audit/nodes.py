"""What the rules ask of DOM nodes: accessible names, ids, focusability, the main content."""

from __future__ import annotations

from urllib.parse import unquote

from .dom import Node


def accessible_name(node: Node) -> str:
    """A rough accessible name: aria-label, text, then the alt of images inside."""
    label = node.attr("aria-label").strip()
    if label:
        return label
    text = node.clean_text()
    if text:
        return text
    alts = [img.attr("alt").strip() for img in node.elements() if img.tag == "img"]
    return " ".join(a for a in alts if a)


def page_ids(root: Node) -> set[str]:
    """Every id (and <a name>) a fragment link could point to."""
    found: set[str] = set()
    for node in root.elements():
        if node.get("id"):
            found.add(node.attr("id"))
        if node.tag == "a" and node.get("name"):
            found.add(node.attr("name"))
    return found


def fragment_target(href: str | None) -> str | None:
    if href is None or not href.startswith("#") or len(href) < 2:
        return None
    return unquote(href[1:])


def _tabindex(node: Node) -> int | None:
    try:
        return int(node.attr("tabindex").strip())
    except ValueError:
        return None


def _hidden_by_theme(node: Node) -> bool:
    """Elements the page's own CSS or attributes keep out of the tab order.

    mkdocs-material hides its skip link (``[data-md-component=skip]``, hidden again by the site's
    CSS) and its drawer/search toggles (``.md-toggle { display: none }``).
    """
    if node.tag == "input" and "md-toggle" in node.attr("class").split():
        return True
    for element in (node, *node.ancestors()):
        if element.get("data-md-component") == "skip" and element.tag == "div":
            return True
        if "hidden" in element.attrs:
            return True
    return False


def focusable(node: Node) -> bool:
    if "disabled" in node.attrs and node.tag in ("button", "input", "select", "textarea"):
        return False
    tabindex = _tabindex(node)
    if tabindex is not None and tabindex < 0:
        return False
    native = (
        (node.tag in ("a", "area") and node.get("href") is not None)
        or node.tag in ("button", "select", "textarea")
        or (node.tag == "input" and node.attr("type").lower() != "hidden")
    )
    if not native and tabindex is None:
        return False
    return not _hidden_by_theme(node)


def main_article(root: Node) -> Node | None:
    """The page's main content: its <article>, else its <main>."""
    for tag in ("article", "main"):
        found = next((node for node in root.elements() if node.tag == tag), None)
        if found is not None:
            return found
    return None
