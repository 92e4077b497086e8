"""Figures for an imported plan against the hand-made one: table rows at each level, text coverage."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from build_scripts.plan.model import Block, Plan, Row, Table

from . import fidelity
from .plaintext import plan_text


def _tables(blocks: list[Block]) -> Iterator[Table]:
    for block in blocks:
        if isinstance(block, Table):
            yield block


def _cell_text(row: Row) -> str:
    if row.cell is None:
        return ""
    if isinstance(row.cell, str):
        return fidelity.normalise(row.cell)
    return fidelity.normalise(" ".join(str(b) for b in row.cell))


def rows_by_level(plan: Plan) -> dict[int, list[str]]:
    levels: dict[int, list[str]] = {}

    def visit(rows: list[Row], level: int) -> None:
        for row in rows:
            levels.setdefault(level, []).append(_cell_text(row))
            visit(row.rows, level + 1)

    for section in plan.sections:
        for table in _tables(section.blocks):
            visit(table.rows, 1)
    return levels


@dataclass(frozen=True)
class LevelFigure:
    level: int
    imported: int
    expected: int
    matched: int  # rows of the expected plan found, with the same text, at the same level


def compare_rows(imported: Plan, expected: Plan) -> list[LevelFigure]:
    got, want = rows_by_level(imported), rows_by_level(expected)
    figures = []
    for level in sorted(set(got) | set(want)):
        common = Counter(got.get(level, [])) & Counter(want.get(level, []))
        figures.append(LevelFigure(level, len(got.get(level, [])), len(want.get(level, [])), sum(common.values())))
    return figures


def coverage(seed: str, plan: Plan) -> float:
    """The share of the seed's text fragments found in the plan's text."""
    fragments = fidelity.source_fragments(seed)
    missing = fidelity.missing(seed, plan_text(plan))
    return 1 - len(missing) / len(fragments) if fragments else 1.0
