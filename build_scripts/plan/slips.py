"""Slips that would publish wrong without a word, reported at the line where they are.

- Text cut short by a comment: in YAML, everything after 「 #」 on a line is a comment, so
  「- 本所各課室 #含里辦公處」 would publish as 「本所各課室」. On a line holding content (a title, a
  heading, a paragraph, an item, a cell) that is an error; after metadata (id, dates, numbers, kind,
  numbering …) a comment stays a comment, as in the README's examples.
- A label typed in front of text that gets one: 「- (一)擴大服務」 in a list numbered (一)(二) would
  publish as 「(一)(一)擴大服務」.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .model import Block, ItemLike, ListBlock, Numbering, Plan, Row, Table
from .numbering import labels, next_level, section_labels
from .problems import Problem
from .yaml_positions import Located, Path, format_path

# Fields whose value is text a reader sees; a comment after them cuts the text.
CONTENT_FIELDS = frozenset({"title", "heading", "text", "cell", "caption", "description", "term", "note", "reason"})
# Lists whose entries (when text) are text a reader sees (done, summary: a results file's paragraphs).
CONTENT_LISTS = frozenset({"blocks", "items", "columns", "cell", "done", "summary"})

TYPED_LABEL = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十百〇零]+\s*[)）]|[（(]\s*\d+\s*[)）]|[一二三四五六七八九十百〇零]+\s*[、.．]"
    r"|[壹貳參肆伍陸柒捌玖拾佰]+\s*[、.．]|[1-9]\d*\s*[、.．](?!\d))"
)


def check_slips(plan: Plan, located: Located, name: str) -> list[Problem]:
    return [*comment_cuts(located, name), *typed_labels(plan, located, name)]


def _is_content(path: Path) -> bool:
    if not path:
        return False
    last = path[-1]
    if isinstance(last, str):
        return last in CONTENT_FIELDS or (last == "label" and len(path) >= 3 and path[-3] == "columns")
    return len(path) >= 2 and path[-2] in CONTENT_LISTS


def comment_cuts(located: Located, name: str) -> list[Problem]:
    problems = []
    for path, (line, column, comment) in sorted(located.comments.items(), key=lambda item: item[1]):
        if not _is_content(path):
            continue
        kept = _value_at(located, path)
        whole = f"{kept} {comment}"
        problems.append(
            Problem(
                name,
                line,
                column,
                format_path(path),
                f"「{_short(kept)}」後面的「{_short(comment)}」會被當成註解，不會出現在網頁上",
                "文字裡的「 #」要放在引號裡",
                f'若「#」後面也是內容，把整段文字用引號括起來，例如 "{_short(whole, 60)}"；'
                "若是給自己看的註解，請把它移到上一行，單獨一行並以 # 開頭。",
            )
        )
    return problems


def _value_at(located: Located, path: Path) -> str:
    value = located.data
    for part in path:
        value = value[part]
    return str(value)


def _short(text: str, limit: int = 24) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + "…"


# --- typed labels ---------------------------------------------------------------------------------


def typed_labels(plan: Plan, located: Located, name: str) -> list[Problem]:
    return _typed_label_problems(_labelled_texts(plan), located, name)


def typed_labels_in(blocks: Sequence[Block], path: Path, located: Located, name: str) -> list[Problem]:
    """Typed labels in blocks that are not a plan's sections (a result's 辦理情形)."""
    return _typed_label_problems(_in_blocks(blocks, path), located, name)


def _typed_label_problems(texts: Iterator[tuple[Path, str, str, str]], located: Located, name: str) -> list[Problem]:
    problems = []
    for path, text, label, fix in texts:
        match = TYPED_LABEL.match(text)
        if not match:
            continue
        typed = match.group().strip()
        line, column = located.position(path)
        problems.append(
            Problem(
                name,
                line,
                column,
                format_path(path),
                f"「{_short(text)}」開頭的「{typed}」是打上去的編號；這裡會自動編成「{label}」，網頁與 PDF 會顯示「{label}{_short(text, 12)}」",
                "編號由結構產生，文字開頭不要打編號",
                f"刪掉文字開頭的「{typed}」；若原文的編號和自動編號不同，改寫 label: {typed} 並刪掉文字裡的編號；{fix}",
            )
        )
    return problems


_LIST_FIX = "若整個清單都不要自動編號，在清單加上 numbering: none。"
_COLUMN_FIX = "若整欄都不要自動編號，把該欄的 numbering 改成 none。"
_SECTION_FIX = "章節的「壹、貳、」會自動產生。"


def _labelled_texts(plan: Plan) -> Iterator[tuple[Path, str, str, str]]:
    """(path, text, the label it gets, how to turn numbering off) for each text that gets a label."""
    for i, (section, label) in enumerate(zip(plan.sections, section_labels(s.label for s in plan.sections), strict=True)):
        if section.heading and label:
            yield ("sections", i, "heading"), section.heading, label, _SECTION_FIX
        yield from _in_blocks(section.blocks, ("sections", i, "blocks"))


def _in_blocks(blocks: Sequence[Block], path: Path) -> Iterator[tuple[Path, str, str, str]]:
    for j, block in enumerate(blocks):
        if isinstance(block, ListBlock):
            yield from _in_items(block.items, block.numbering, (*path, j, "items"))
        elif isinstance(block, Table):
            yield from _in_rows(block, block.rows, 0, (*path, j, "rows"))


def _in_items(items: Sequence[ItemLike], style: Numbering, path: Path) -> Iterator[tuple[Path, str, str, str]]:
    own = [None if isinstance(item, str) else item.label for item in items]
    for k, (item, label) in enumerate(zip(items, labels(style, own), strict=True)):
        if isinstance(item, str):
            if label:
                yield (*path, k), item, label, _LIST_FIX
            continue
        if label and item.text is not None and item.label is None:
            yield (*path, k, "text"), item.text, label, _LIST_FIX
        yield from _in_items(item.items, item.numbering or next_level(style), (*path, k, "items"))


def _in_rows(table: Table, rows: Sequence[Row], column: int, path: Path) -> Iterator[tuple[Path, str, str, str]]:
    spec = table.columns[column] if column < len(table.columns) else None
    style = Numbering.none if spec is None or isinstance(spec, str) else spec.numbering
    for r, (row, label) in enumerate(zip(rows, labels(style, [row.label for row in rows]), strict=True)):
        if label and row.label is None and isinstance(row.cell, str):
            yield (*path, r, "cell"), row.cell, label, _COLUMN_FIX
        yield from _in_rows(table, row.rows, column + row.span, (*path, r, "rows"))
