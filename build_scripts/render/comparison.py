"""Year over year: what an agency's plan changed from the plan of the year before.

Sections are matched by heading; within a section, the lines of its text (list items with their
labels, each table row with the cells above it: ``plain_text``) are matched ignoring the labels,
so inserting an item does not make every later item look changed. A changed line shows the
changed words marked with ``<del>`` and ``<ins>``, each also announced in words (「刪除：」
「新增：」), so nothing is told by colour alone.

With the earlier year's results report, ``carried_over`` names the items it put off (延後) or did not
do (未辦理) and where the new plan lists each again — by its text, labels aside, a close wording too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from markupsafe import Markup, escape

from ..plan.model import Plan, Section
from ..plan.plan_items import SECTION, PlanItem, PlanOutline
from ..plan.results_model import Status
from .outline import plan_section_labels
from .plain_text import block_lines
from .results import ResultsView

ADDED, REMOVED, CHANGED = "新增", "刪除", "修改"
_CLASS = {ADDED: "added", REMOVED: "removed", CHANGED: "changed"}

_LABEL = re.compile(r"^(?:[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十百\d]+[)）]|\d+[.、．]|[●•])\s*")


@dataclass(frozen=True)
class LineChange:
    kind: str  # 新增, 刪除 or 修改
    text: Markup  # the line, changed words marked

    @property
    def css_class(self) -> str:
        return "plan-diff-" + _CLASS[self.kind]


@dataclass
class SectionChange:
    title: str
    kind: str  # 新增, 刪除, 修改 or "" (the same)
    lines: list[LineChange] = field(default_factory=list)
    same: int = 0  # lines left as they were


@dataclass(frozen=True)
class Comparison:
    old: Plan
    new: Plan
    sections: list[SectionChange]

    @property
    def changed(self) -> list[SectionChange]:
        return [s for s in self.sections if s.kind]

    def count(self, kind: str) -> int:
        return sum(1 for s in self.sections for line in s.lines if line.kind == kind)


def consecutive_pairs(plans: Sequence[Plan]) -> list[tuple[Plan, Plan]]:
    """An agency's plans of the same kind a year apart: (113, 114), (114, 115) …"""
    dated = sorted((p for p in plans if p.year is not None), key=lambda p: (p.genre.value, p.year or 0, p.id))
    pairs = []
    for _, same_genre in groupby(dated, key=lambda p: p.genre):
        by_year = {p.year: p for p in same_genre if p.year is not None}
        pairs += [(by_year[y], by_year[y + 1]) for y in sorted(by_year) if y + 1 in by_year]
    return pairs


def _key(line: str) -> str:
    """A line without its labels (in every cell of a table row)."""
    return " › ".join(_LABEL.sub("", part) for part in line.split(" › "))


def _section_lines(section: Section) -> list[str]:
    return [line for block in section.blocks for line in block_lines(block)]


def _titled(plan: Plan) -> list[tuple[str, Section]]:
    labels = plan_section_labels(plan.sections)
    return [
        (f"{label}{s.heading}" if s.heading else f"{label}（結語）", s) for s, label in zip(plan.sections, labels, strict=True)
    ]


def marked(old: str, new: str) -> Markup:
    """``new`` with the words deleted from ``old`` and inserted into it marked (character by character)."""
    parts: list[Markup] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            parts.append(Markup('<del><span class="tw-visually-hidden">刪除：</span>{}</del>').format(old[a1:a2]))
        if op in ("insert", "replace"):
            parts.append(Markup('<ins><span class="tw-visually-hidden">新增：</span>{}</ins>').format(new[b1:b2]))
        if op == "equal":
            parts.append(escape(new[b1:b2]))
    return Markup("").join(parts)


def _line_changes(old: list[str], new: list[str]) -> Iterator[LineChange | None]:
    """Each changed line; None for each line left as it was."""
    matcher = difflib.SequenceMatcher(None, [_key(x) for x in old], [_key(x) for x in new], autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            yield from (None for _ in range(a1, a2))
            continue
        before, after = old[a1:a2], new[b1:b2]
        paired = min(len(before), len(after)) if op == "replace" else 0
        for x, y in zip(before[:paired], after[:paired], strict=True):
            yield LineChange(CHANGED, marked(x, y))
        yield from (LineChange(REMOVED, Markup("<del>{}</del>").format(x)) for x in before[paired:])
        yield from (LineChange(ADDED, Markup("<ins>{}</ins>").format(y)) for y in after[paired:])


def _compare_section(title: str, old: Section | None, new: Section | None) -> SectionChange:
    if old is None or new is None:
        kind = ADDED if old is None else REMOVED
        lines = _section_lines(new or old)  # type: ignore[arg-type]
        tag = "ins" if old is None else "del"
        return SectionChange(title, kind, [LineChange(kind, Markup(f"<{tag}>{{}}</{tag}>").format(x)) for x in lines])
    result = SectionChange(title, "")
    for change in _line_changes(_section_lines(old), _section_lines(new)):
        if change is None:
            result.same += 1
        else:
            result.lines.append(change)
    result.kind = CHANGED if result.lines else ""
    return result


def compare(old: Plan, new: Plan) -> Comparison:
    """What changed from ``old`` to ``new``, section by section, in the new plan's order (removed
    sections where they stood)."""
    old_sections = _titled(old)
    by_heading = {s.heading: (t, s) for t, s in old_sections if s.heading}
    closing = [(t, s) for t, s in old_sections if not s.heading]
    used: set[int] = set()
    sections: list[SectionChange] = []
    for title, section in _titled(new):
        match = by_heading.get(section.heading) if section.heading else (closing.pop(0) if closing else None)
        if match is not None:
            used.add(id(match[1]))
        sections.append(_compare_section(title, match[1] if match else None, section))
    for title, section in old_sections:
        if id(section) not in used:
            sections.append(_compare_section(title, section, None))
    return Comparison(old, new, sections)


CARRIED_STATUSES = (Status.delayed, Status.not_done)
SAME_ITEM = 0.8  # how alike two items' words must be to be the same item reworded


@dataclass(frozen=True)
class CarriedItem:
    """An item the earlier year put off or did not do, and where the next year's plan lists it again."""

    place: str  # in the earlier plan: 「肆、二、(一)、1」
    text: str
    status: Status
    reason: str
    again: str | None  # its place in the new plan; None when the new plan does not list it

    @property
    def css_class(self) -> str:
        return "plan-carried-again" if self.again else "plan-carried-dropped"


def _words(text: str) -> str:
    return re.sub(r"\s+", "", text)


def carried_over(earlier: ResultsView, new: Plan) -> list[CarriedItem]:
    """The items ``earlier`` (the results of the plan of the year before ``new``) reports 延後 or 未辦理,
    in the earlier plan's order, each with its place in ``new`` if ``new`` lists it again."""
    outline = PlanOutline(new)
    candidates = [node for node in outline.items() if node.kind != SECTION and node.text.strip()]
    carried = []
    for node in earlier.outline.items():
        result = earlier.answered.get(node.path)
        if result is None or result.status not in CARRIED_STATUSES:
            continue
        again = _same_item(node, candidates)
        text = " ".join(node.text.split())
        place = earlier.place(node)
        carried.append(CarriedItem(place, text, result.status, result.reason or "", outline.place(again) if again else None))
    return carried


def _same_item(node: PlanItem, candidates: list[PlanItem]) -> PlanItem | None:
    """The new plan's item with the same words, else the most alike one if alike enough."""
    words = _words(node.text)
    if not words:
        return None
    exact = [c for c in candidates if _words(c.text) == words]
    if exact:
        return exact[0]
    scored = [(difflib.SequenceMatcher(None, words, _words(c.text), autojunk=False).ratio(), c) for c in candidates]
    best = max(scored, key=lambda pair: pair[0], default=None)
    return best[1] if best and best[0] >= SAME_ITEM else None
