"""The items of a plan a results report can point at, and how a person names them: 「肆、一、(二)、1」.

A plan is a tree of items: its sections (壹、貳、…), the items of their lists (一、(一) 1. …) and the
rows of their tables (a 要項 spans its 重點, each its steps), lists inside a cell or an item included.
``PlanOutline`` holds that tree with each item's label as printed, and:

- ``resolve``: a reference as a person writes it → the item. Labels are read loosely (「(二)」「（二）」,
  「1」「1.」「1、」 are alike), an item without a number (or whose number repeats) is named by its place
  among its siblings (「第2列」 a table row, 「第3項」 a list item), and a row without a label is looked
  through: 「肆、二、(一)」 finds the (一) listed in a cell of the unnumbered row under 二. The technical
  path (``sections[3].blocks[1].rows[0]``) is read too.
- ``place``: the shortest reference that resolves back to the item.
- ``expected``: the items a results report answers — the leaves of the sections that say what will be
  done (計畫內容、執行期程, or sections of no kind that hold numbered items), not counting the cells of a
  table's last unnumbered column (執行單位), which tell who does the item beside them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from .model import Block, Item, ItemLike, ListBlock, Numbering, Plan, Row, SectionKind, Table
from .numbering import labels, next_level, section_labels
from .yaml_positions import Path, format_path, parse_path

ROW, ITEM, SECTION = "列", "項", "章"
# Sections whose items are things to be done (a results report answers them).
ACTIONABLE_KINDS = frozenset({SectionKind.content, SectionKind.schedule})
SEPARATOR = "、"


@dataclass(eq=False)
class PlanItem:
    """One item of a plan: a section, a list item or a table row."""

    path: Path  # where it is in the plan file: ("sections", 3, "blocks", 1, "rows", 0)
    kind: str  # SECTION, ITEM or ROW
    label: str  # as printed: 「肆、」「一、」「(二)」「1.」; "" for none (a bullet counts as none)
    text: str  # what it says (a section's heading, an item's term and text, a cell's paragraphs)
    column_label: str = ""  # a row's column (執行單位)
    attached: bool = False  # a cell of a table's last unnumbered column: who does the row it stands beside
    section: SectionKind | None = None  # the kind of the section it is in
    children: list[PlanItem] = field(default_factory=list)
    parent: PlanItem | None = None

    @property
    def key(self) -> str:
        """The label as a reference names it: 「(二)」 for 「（二）」, 「1」 for 「1.」."""
        return normalise(self.label)

    def walk(self) -> Iterator[PlanItem]:
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> list[PlanItem]:
        """From the section down to the parent."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


_WIDE = str.maketrans("（）０１２３４５６７８９．，", "()0123456789.,")


def normalise(label: str) -> str:
    """A label as compared: half-width digits and brackets, no spaces, no trailing 、 . ,"""
    return re.sub(r"\s+", "", label.translate(_WIDE)).rstrip("、.,:：●•")


# --- the tree ----------------------------------------------------------------------------------


class _Builder:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan

    def sections(self) -> list[PlanItem]:
        found = []
        own = [s.label for s in self.plan.sections]
        for index, (section, label) in enumerate(zip(self.plan.sections, section_labels(own), strict=True)):
            node = PlanItem(("sections", index), SECTION, label, section.heading or "", section=section.kind)
            self._adopt(node, self._blocks(section.blocks, ("sections", index, "blocks"), section.kind))
            found.append(node)
        return found

    @staticmethod
    def _adopt(parent: PlanItem, children: list[PlanItem]) -> None:
        parent.children = children
        for child in children:
            child.parent = parent

    def _blocks(self, blocks: Sequence[Block], path: Path, kind: SectionKind | None) -> list[PlanItem]:
        found: list[PlanItem] = []
        for index, block in enumerate(blocks):
            if isinstance(block, ListBlock):
                found += self._items(block.items, block.numbering, (*path, index, "items"), kind)
            elif isinstance(block, Table):
                found += self._rows(block, block.rows, 0, (*path, index, "rows"), kind)
        return found

    def _items(self, items: Sequence[ItemLike], style: Numbering, path: Path, kind: SectionKind | None) -> list[PlanItem]:
        found = []
        own = [i.label if isinstance(i, Item) else None for i in items]
        for index, (item, label) in enumerate(zip(items, labels(style, own), strict=True)):
            shown = "" if style is Numbering.bullet and not (isinstance(item, Item) and item.label) else label
            here = (*path, index)
            if isinstance(item, str):
                found.append(PlanItem(here, ITEM, shown, item, section=kind))
                continue
            head = f"{item.term}：" if item.term and item.text else (item.term or "")
            node = PlanItem(here, ITEM, shown, head + (item.text or ""), section=kind)
            children = self._blocks(item.blocks, (*here, "blocks"), kind)
            children += self._items(item.items, item.numbering or next_level(style), (*here, "items"), kind)
            self._adopt(node, children)
            found.append(node)
        return found

    def _rows(self, table: Table, rows: Sequence[Row], column: int, path: Path, kind: SectionKind | None) -> list[PlanItem]:
        styles = [Numbering.none if isinstance(c, str) else c.numbering for c in table.columns]
        names = [c if isinstance(c, str) else (c.label or "") for c in table.columns]
        found = []
        for index, (row, label) in enumerate(zip(rows, labels(styles[column], [r.label for r in rows]), strict=True)):
            here = (*path, index)
            last = column + row.span >= len(styles)
            attached = last and not row.rows and len(styles) >= 3 and styles[-1] is Numbering.none
            cell = [row.cell] if isinstance(row.cell, str) else list(row.cell or [])
            text = "\n".join(block for block in cell if isinstance(block, str))
            node = PlanItem(here, ROW, label, text, names[column], attached, kind)
            children = self._blocks(cell, (*here, "cell"), kind) if not isinstance(row.cell, str) else []
            if row.rows and not last:
                children += self._rows(table, row.rows, column + row.span, (*here, "rows"), kind)
            self._adopt(node, children)
            found.append(node)
        return found


# --- references --------------------------------------------------------------------------------

_STEP = re.compile(
    r"""\s*(?:
        第\s*(?P<nth>\d+|[一二三四五六七八九十百]+)\s*(?P<unit>[列項章])
      | (?P<paren>[(（]\s*[^()（）\s]{1,8}\s*[)）])
      | (?P<formal>[壹貳參叁肆伍陸柒捌玖拾佰零]+)
      | (?P<cjk>[〇零一二三四五六七八九十百]+)
      | (?P<number>[0-9０-９]+)
      | (?P<letter>[A-Za-zＡ-Ｚａ-ｚ])
    )\s*[、.．,，:：›>/\s]*""",
    re.X,
)
_TECHNICAL = re.compile(r"^\s*sections\[\d+\]")
_CJK_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_FORMAL_DIGITS = {c: i for i, c in enumerate("零壹貳參肆伍陸柒捌玖")} | {"叁": 3}


@dataclass(frozen=True)
class Step:
    text: str  # as written (normalised for labels)
    nth: int = 0  # 第 n 列 / 項 / 章: from 1; 0 for a label
    unit: str = ""  # ROW, ITEM or SECTION for a 第 n step


def read_reference(reference: str) -> list[Step] | None:
    """「肆、一、(二)、1」 → its steps; None when it is not a reference."""
    steps: list[Step] = []
    position, text = 0, reference.strip()
    while position < len(text):
        match = _STEP.match(text, position)
        if not match or match.end() == position:
            return None
        if match["nth"]:
            number = chinese_number_value(match["nth"]) or 0
            steps.append(Step(f"第{match['nth']}{match['unit']}", number, match["unit"]))
        else:
            label = next(match[name] for name in ("paren", "formal", "cjk", "number", "letter") if match[name])
            steps.append(Step(normalise(label)))
        position = match.end()
    return steps or None


def chinese_number_value(text: str) -> int | None:
    """「二十一」 → 21, 「拾貳」 → 12, 「3」 → 3; None if it is not a number."""
    text = text.translate(_WIDE)
    if text.isdigit():
        return int(text)
    digits, ten, hundred = (
        (_FORMAL_DIGITS, "拾", "佰") if re.search("[壹貳參叁肆伍陸柒捌玖拾佰]", text) else (_CJK_DIGITS, "十", "百")
    )
    total, current = 0, 0
    for char in text:
        if char in digits:
            current = digits[char]
        elif char == hundred:
            total += (current or 1) * 100
            current = 0
        elif char == ten:
            total += (current or 1) * 10
            current = 0
        else:
            return None
    total += current
    return total or None


def label_value(label: str) -> int | None:
    """The number a label stands for: 「(二)」 → 2, 「肆」 → 4, 「1」 → 1."""
    inner = normalise(label).strip("()")
    return chinese_number_value(inner) if inner else None


@dataclass(frozen=True)
class Resolution:
    """What a reference names: the item, or how far it got and why not."""

    item: PlanItem | None
    problem: str = ""  # "", "unreadable", "not_found", "ambiguous", "too_few", "technical"
    reached: PlanItem | None = None  # the last item the reference did name (None: not even a section)
    step: str = ""  # the step that failed, as written
    candidates: tuple[PlanItem, ...] = ()  # the items it might mean (ambiguous) or the ones there are (not found)


class PlanOutline:
    """A plan's items, and references to them both ways."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.sections = _Builder(plan).sections()
        self.by_path = {node.path: node for section in self.sections for node in section.walk()}

    def items(self) -> Iterator[PlanItem]:
        """Every item, in reading order."""
        for section in self.sections:
            yield from section.walk()

    # --- a reference → an item ---

    def resolve(self, reference: str) -> Resolution:
        if _TECHNICAL.match(reference):
            node = self.by_path.get(parse_path(reference.strip()))
            return Resolution(node) if node else Resolution(None, "technical")
        steps = read_reference(reference)
        if not steps:
            return Resolution(None, "unreadable")
        current: PlanItem | None = None
        for step in steps:
            found = self._step(current, step)
            if len(found) != 1:
                problem = "ambiguous" if len(found) > 1 else ("too_few" if step.nth else "not_found")
                candidates = found or self._choices(current, step)
                return Resolution(None, problem, current, step.text, tuple(candidates))
            current = found[0]
        return Resolution(current)

    def _step(self, current: PlanItem | None, step: Step) -> list[PlanItem]:
        if current is None:  # the first step names a section
            if step.nth:
                return [self.sections[step.nth - 1]] if step.unit == SECTION and step.nth <= len(self.sections) else []
            return [s for s in self.sections if s.key == step.text]
        if step.nth:
            same = [c for c in current.children if c.kind == step.unit]
            return [same[step.nth - 1]] if step.nth <= len(same) else []
        return _labelled_below(current, _has_key(step.text))

    def _choices(self, current: PlanItem | None, step: Step) -> list[PlanItem]:
        """The items a reference could name next from ``current`` (the last ones first, after a 第 n
        step that went past them)."""
        if current is None:
            return list(self.sections)
        if step.nth:
            return [c for c in current.children if c.kind == step.unit][::-1]
        return _labelled_below(current, lambda node: True) or list(current.children)

    # --- an item → a reference ---

    def place(self, item: PlanItem) -> str:
        """The shortest reference that names ``item``: its labels from the section down, a row or
        item without a label (or with a repeated one) named by its place among its siblings."""
        chain = [*item.ancestors(), item]
        section = chain[0]
        same_label = [s for s in self.sections if s.key == section.key]
        steps = [section.key if section.key and len(same_label) == 1 else f"第{self.sections.index(section) + 1}{SECTION}"]
        current, index = section, 1
        while index < len(chain):
            labelled = next((j for j in range(index, len(chain)) if chain[j].key), None)
            if labelled is not None:  # the items on the way have no label: look through them
                found = _labelled_below(current, _has_key(chain[labelled].key))
                if found == [chain[labelled]]:
                    steps.append(chain[labelled].key)
                    current, index = chain[labelled], labelled + 1
                    continue
            node = chain[index]
            siblings = [c for c in current.children if c.kind == node.kind]
            steps.append(f"第{siblings.index(node) + 1}{node.kind}")
            current, index = node, index + 1
        return SEPARATOR.join(steps)

    def technical_path(self, item: PlanItem) -> str:
        return format_path(item.path)

    # --- what a report answers ---

    def expected(self) -> list[PlanItem]:
        """The items a results report answers, in reading order."""
        return [leaf for section in self.sections if self.actionable(section) for leaf in _leaves(section)]

    def actionable(self, section: PlanItem) -> bool:
        if section.section is not None:
            return section.section in ACTIONABLE_KINDS
        return any(node.key for node in section.walk() if node is not section)


def _has_key(key: str) -> Callable[[PlanItem], bool]:
    return lambda node: node.key == key


def _labelled_below(node: PlanItem, wanted: Callable[[PlanItem], bool]) -> list[PlanItem]:
    """The labelled items below ``node`` that match, looking through items without a label; the
    nearest level that has any match wins (a child 「1」 before a grandchild 「1」)."""
    level = list(node.children)
    while level:
        matches = [n for n in level if n.key and wanted(n)]
        if matches:
            return matches
        level = [c for n in level if not n.key for c in n.children]
    return []


def _leaves(node: PlanItem) -> list[PlanItem]:
    """The deepest items under ``node`` that say something (cells of who does it aside)."""
    found = [leaf for child in node.children if not child.attached for leaf in _leaves(child)]
    if found:
        return found
    return [node] if node.kind != SECTION and node.text.strip() else []


def units(item: PlanItem) -> list[PlanItem]:
    """Who does an item: the cells of the last unnumbered column beside it or beside a row above it."""
    node: PlanItem | None = item
    while node is not None and node.kind != SECTION:
        found = [c for c in node.children if c.attached]
        if found:
            return found
        node = node.parent
    return []


def nearest(resolution: Resolution, wanted: str, count: int = 3) -> list[PlanItem]:
    """The items nearest what a reference wanted: by number where labels are numbers, else the first."""
    candidates = list(resolution.candidates)
    value = label_value(wanted)
    if value is not None:
        numbered = [c for c in candidates if label_value(c.label) is not None]
        if numbered:
            return sorted(numbered, key=lambda c: (abs((label_value(c.label) or 0) - value), label_value(c.label) or 0))[:count]
    return candidates[:count]
