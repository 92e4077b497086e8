"""A results report as every output shows it: how many of the plan's items are in each status, and the
plan's own structure with each item's result beside it.

Pure: ``results_view`` takes a plan and its report and returns what the page, the print, the ODT and the
CSV are made from.

- **Counts** are of the plan's items (``PlanOutline.expected``: the actions of 計畫內容), each with the
  status of the result that answers it or an item above it, else 「未列成果」; a result on an item
  outside them (推動及管考 …) counts too. So the bar always adds up to the plan, whatever the report's
  grain.
- **Tables**: one per section that holds a result or an item left without one, laid out like the plan's
  own tables (``render.tables``): a column for each level of the plan's numbering, then 執行情形 and
  辦理成果. An item answered as a whole and in its parts gets a row 「（本項整體）」 for its own result.
  Each result row carries its plan text (for the ODT and the printed column widths) and the result itself
  (``rich``, which the HTML templates show with its links).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from ..plan.dates import roc_date
from ..plan.model import Block, Term, TermList
from ..plan.plan_items import SECTION, PlanItem, PlanOutline, units
from ..plan.results_load import missing_items
from ..plan.results_model import NO_RESULT, Measure, PlanResults, Result, Status, plain_number
from ..plan.yaml_positions import Path

PLAN_ITEM_COLUMN = "計畫項目"
STATUS_COLUMN = "執行情形"
RESULT_COLUMN = "辦理成果"
WHOLE_ITEM = "（本項整體）"
WHOLE_SECTION = "（本章整體）"
RESULT_WEIGHT = 3.0  # how much more of a printed table's spare width the 辦理成果 column gets
LEVEL_WEIGHT = 0.6  # and how much less each level of the plan's numbering

# Each status's name in class names and its order in every summary.
STATUS_CLASS = {
    Status.done: "done",
    Status.ongoing: "ongoing",
    Status.delayed: "delayed",
    Status.not_done: "not-done",
    Status.adjusted: "adjusted",
    None: "none",
}


class _ShownStatus:
    """How a 執行情形 (``status``; None: 未列成果) is shown: its words and its CSS class."""

    status: Status | None

    @property
    def label(self) -> str:
        return self.status.value if self.status else NO_RESULT

    @property
    def css(self) -> str:
        return STATUS_CLASS[self.status]


@dataclass(frozen=True)
class StatusCount(_ShownStatus):
    status: Status | None  # None: 未列成果
    count: int
    total: int

    @property
    def percent(self) -> float:
        return round(100 * self.count / self.total, 1) if self.total else 0.0

    @property
    def text(self) -> str:
        """「12 項已完成」."""
        return f"{self.count} 項{self.label}"


@dataclass(frozen=True)
class ItemCell:
    """A plan item in a results table: its text is the row's ``cell``, shown as the plan's."""

    kind: ClassVar[str] = "item"


ITEM = ItemCell()


@dataclass(frozen=True)
class StatusCell(_ShownStatus):
    """The 執行情形 of one row."""

    kind: ClassVar[str] = "status"
    status: Status | None


@dataclass(frozen=True)
class ResultCell:
    """The 辦理成果 of one row: the result, shown with its links by the HTML templates."""

    kind: ClassVar[str] = "result"
    result: Result


@dataclass(frozen=True)
class ResultRow:
    """A row of a results table (the shape ``render.tables.layout_table`` lays out)."""

    cell: str | list[Block] | None
    label: str | None = None
    span: int = 1
    rows: tuple[ResultRow, ...] = ()
    rich: ItemCell | StatusCell | ResultCell | None = None  # how the HTML shows the cell


@dataclass(frozen=True)
class ResultsTable:
    """One section's results as a hierarchical table (the shape ``layout_table`` lays out)."""

    caption: str
    columns: list[str]
    rows: list[ResultRow]
    header_columns: int
    header: bool = True

    @property
    def weights(self) -> tuple[float, ...]:
        """The result wants most of the printed width; the plan's levels and the status what they need."""
        return (*([LEVEL_WEIGHT] * self.header_columns), 0.5, RESULT_WEIGHT)


@dataclass(frozen=True)
class SectionResults:
    title: str  # 「肆、計畫內容」
    number: int  # the section's place in the plan, from 1 (its anchor)
    table: ResultsTable


@dataclass(frozen=True)
class ItemResult:
    """One row of the CSV: an item with a result, or one the report leaves without."""

    place: str  # 「肆、一、(二)、1」
    path: str  # sections[3].blocks[1].rows[0]…
    text: str  # the item's own text
    result: Result | None


@dataclass
class ResultsView:
    results: PlanResults
    outline: PlanOutline
    answered: dict[Path, Result]
    counts: list[StatusCount] = field(default_factory=list)
    sections: list[SectionResults] = field(default_factory=list)
    missing: list[tuple[PlanItem, int]] = field(default_factory=list)  # the items without a result, a whole named once

    @property
    def total(self) -> int:
        return sum(c.count for c in self.counts)

    @property
    def summary(self) -> str:
        """「12 項已完成、3 項進行中、1 項延後，2 項未列成果」 (statuses that have items)."""
        told = [c.text for c in self.counts if c.count and c.status is not None]
        missing = next((c for c in self.counts if c.status is None and c.count), None)
        return "、".join(told) + (f"，{missing.text}" if missing else "")

    def place(self, item: PlanItem) -> str:
        return self.outline.place(item)

    def rows(self) -> list[ItemResult]:
        """The items with a result, and the expected items without one, in the plan's reading order."""
        shown = set(self.answered) | {leaf.path for group, _ in self.missing for leaf in _expected_under(self, group)}
        return [
            ItemResult(
                self.place(node), self.outline.technical_path(node), " ".join(node.text.split()), self.answered.get(node.path)
            )
            for node in self.outline.items()
            if node.path in shown
        ]


def results_view(results: PlanResults) -> ResultsView:
    """What every output of a results report is made from (the report is valid against its plan)."""
    outline = PlanOutline(results.plan)
    answered: dict[Path, Result] = {}
    for result in results.report.results:
        item = outline.resolve(result.item).item
        if item is not None:
            answered[item.path] = result
    view = ResultsView(results, outline, answered)
    view.counts = _counts(outline, answered)
    view.missing = _missing(outline, answered)
    view.sections = [s for s in (_section(view, section, number) for number, section in enumerate(outline.sections, 1)) if s]
    return view


# --- counts ------------------------------------------------------------------------------------


def status_of(item: PlanItem, answered: dict[Path, Result]) -> Status | None:
    """The status of the result on the item, else on the nearest item above it; None for none."""
    for node in [item, *reversed(item.ancestors())]:
        if node.path in answered:
            return answered[node.path].status
    return None


def _counts(outline: PlanOutline, answered: dict[Path, Result]) -> list[StatusCount]:
    expected = outline.expected()
    counted = {leaf.path for leaf in expected}
    related = counted | {a.path for leaf in expected for a in leaf.ancestors()}
    statuses = [status_of(leaf, answered) for leaf in expected]
    # results on items outside the expected ones and not above or below them (推動及管考 …)
    for path, result in answered.items():
        node = outline.by_path[path]
        if path not in related and not any(a.path in counted for a in node.ancestors()):
            statuses.append(result.status)
    total = len(statuses)
    return [StatusCount(status, statuses.count(status), total) for status in (*Status, None)]


def _missing(outline: PlanOutline, answered: dict[Path, Result]) -> list[tuple[PlanItem, int]]:
    return missing_items(outline, {outline.by_path[path] for path in answered})


def _expected_under(view: ResultsView, group: PlanItem) -> list[PlanItem]:
    return [leaf for leaf in view.outline.expected() if leaf is group or group in leaf.ancestors()]


# --- tables ------------------------------------------------------------------------------------


def _section(view: ResultsView, section: PlanItem, number: int) -> SectionResults | None:
    """A section's table: its items with results and its expected items without; a result on the whole
    section first, in a row 「（本章整體）」."""
    unanswered = {leaf.path for group, _ in view.missing for leaf in _expected_under(view, group)}
    wanted = {node for node in section.walk() if node is not section and (node.path in view.answered or node.path in unanswered)}
    whole = view.answered.get(section.path)
    if not wanted and whole is None:
        return None
    keep = wanted | {a for node in wanted for a in node.ancestors() if a.kind != SECTION}
    builder = _Rows(view, keep, 0)
    builder.depth = max(
        (len([a for a in node.ancestors() if a.kind != SECTION and builder.shown(a)]) + 1 for node in wanted), default=1
    )
    rows = [builder.row(node, 1) for node in builder.shown_children(section)]
    if whole is not None:
        rows.insert(0, ResultRow(WHOLE_SECTION, None, builder.depth, (builder.status(whole),), ITEM))
    title = f"{section.label}{section.text}" if section.text else f"{section.label}（第 {number} 章）"
    columns = [PLAN_ITEM_COLUMN] * builder.depth + [STATUS_COLUMN, RESULT_COLUMN]
    return SectionResults(title, number, ResultsTable(f"{title}：執行成果", columns, rows, builder.depth))


class _Rows:
    def __init__(self, view: ResultsView, keep: set[PlanItem], depth: int) -> None:
        self.view, self.keep, self.depth = view, keep, depth

    def shown(self, node: PlanItem) -> bool:
        """An item takes a column unless it has no label, no text and no result of its own (a cell
        that only holds a list)."""
        return bool(node.key or node.text.strip() or node.path in self.view.answered)

    def shown_children(self, node: PlanItem) -> Iterator[PlanItem]:
        for child in node.children:
            if child not in self.keep:
                continue
            if self.shown(child):
                yield child
            else:
                yield from self.shown_children(child)

    def row(self, node: PlanItem, level: int) -> ResultRow:
        children = list(self.shown_children(node))
        result = self.view.answered.get(node.path)
        label = node.label or None
        place = self.view.place(node)
        if not children:
            blocks = item_blocks(node, place, with_units=True)
            return ResultRow(blocks, label, self.depth - level + 1, (self.status(result),), ITEM)
        rows = [self.row(child, level + 1) for child in children]
        if result is not None:
            rows.insert(0, ResultRow(WHOLE_ITEM, None, self.depth - level, (self.status(result),), ITEM))
        return ResultRow(item_blocks(node, place), label, 1, tuple(rows), ITEM)

    @staticmethod
    def status(result: Result | None) -> ResultRow:
        status = result.status if result else None
        outcome = ResultRow(result_blocks(result), rich=ResultCell(result)) if result else ResultRow(None)
        return ResultRow(status.value if status else NO_RESULT, rows=(outcome,), rich=StatusCell(status))


def item_blocks(node: PlanItem, place: str, with_units: bool = False) -> list[Block]:
    """An item's text as paragraphs (its ``place`` for an item without text of its own), with who does
    it (「執行單位：秘書室」) when asked."""
    blocks: list[Block] = [line for line in node.text.split("\n") if line.strip()]
    if with_units:
        for unit in units(node):
            names = "、".join(line.strip() for line in unit.text.split("\n") if line.strip())
            if names:
                blocks.append(f"{unit.column_label or '執行單位'}：{names}")
    return blocks or [place]


# --- a result as text --------------------------------------------------------------------------


def measure_text(measure: Measure) -> str:
    """「目標 96 次，實際 98 次」."""
    unit = measure.unit or ""
    gap = "" if unit in ("%", "％") else " "
    parts = []
    if measure.target is not None:
        parts.append(f"目標 {number_text(measure.target)}{gap}{unit}".rstrip())
    if measure.actual is not None:
        parts.append(f"實際 {number_text(measure.actual)}{gap}{unit}".rstrip())
    return "，".join(parts)


def number_text(value: float) -> str:
    """98 → 98; 1206 → 1,206; 92.5 → 92.5."""
    number = plain_number(value)
    return f"{number:,}" if isinstance(number, int) else f"{number:,.10g}"


def date_term(result: Result) -> str:
    return "完成日期" if result.status is Status.done else "日期"


def result_blocks(result: Result) -> list[Block]:
    """A result as plan text: its reason, what was done, its measures, its evidence (title and
    address) and its date — for the ODT, the CSV and the printed column widths."""
    blocks: list[Block] = []
    if result.reason:
        blocks.append(f"原因：{result.reason}")
    blocks += list(result.done)
    if result.measures:
        blocks.append(TermList(terms=[Term(term=m.name, description=measure_text(m)) for m in result.measures]))
    blocks += [f"佐證資料：{e.title}（{e.url}）" for e in result.evidence]
    if result.date:
        blocks.append(f"{date_term(result)}：{roc_date(result.date)}")
    return blocks or ["（沒有說明）"]


def plain(blocks: Sequence[Block]) -> str:
    """Blocks as one line of text (a CSV cell)."""
    from .plain_text import block_lines

    return "\n".join(line for block in blocks for line in block_lines(block))
