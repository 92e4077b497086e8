"""Checks across fields that a schema cannot express (a valid plan can still fail them):
the year against the plan's dates, and a glyph in some installed font for every character."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from . import glyphs
from .dates import first_published, roc_year
from .model import Plan
from .problems import Problem, Severity
from .slips import check_slips
from .yaml_positions import Located, Path, format_path


def check_plan(plan: Plan, located: Located, name: str) -> list[Problem]:
    return [
        *check_slips(plan, located, name),
        *_check_year(plan, located, name),
        *check_changes(plan, located, name),
        *check_glyphs(located, name),
    ]


def _texts(value: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _texts(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _texts(child, (*path, index))


_NAMED = 5  # characters named in a field's message; the rest are counted


def check_glyphs(located: Located, name: str, coverage: glyphs.Coverage | glyphs.InstalledFonts | None = None) -> list[Problem]:
    """Every character must have a glyph in some installed font, or the PDF would show an empty box."""
    coverage = coverage or glyphs.installed()
    if coverage is None:
        return [
            Problem(
                name,
                0,
                0,
                "",
                "找不到 fontconfig（fc-list），無法確認每個字都有字型可以印出",
                "",
                "在 Debian 上執行 apt-get install fontconfig；make site 會自動安裝。",
                Severity.warning,
            )
        ]
    if len(glyphs.undrawable(glyphs.COMMON_CJK, coverage)) == len(glyphs.COMMON_CJK):
        # No Chinese font at all: one message, not one for every character of the plan.
        return [
            Problem(
                name,
                0,
                0,
                "",
                "電腦上沒有中文字型，PDF 裡的中文都會印成空白方塊",
                "建置需要 Noto Sans CJK TC（思源黑體）",
                "在 Debian 上執行 apt-get install fonts-noto-cjk（make site 會自動安裝），再重新建置。",
            )
        ]
    problems = []
    for path, text in _texts(located.data):
        missing = glyphs.undrawable(text, coverage)
        if not missing:
            continue
        line, column = located.position(path)
        distinct = list(dict.fromkeys(char for _, char in missing))
        named = "、".join(f"「{char}」（U+{ord(char):04X}）" for char in distinct[:_NAMED])
        if len(distinct) == 1:
            message = f"{named}在第 {missing[0][0] + 1} 個字，電腦上沒有任何字型能印出這個字"
        else:
            more = f"等 {len(distinct)} 個字" if len(distinct) > _NAMED else f"這 {len(distinct)} 個字"
            message = f"{named}{more}（第一個在第 {missing[0][0] + 1} 個字），電腦上沒有任何字型能印出"
        problems.append(
            Problem(
                name,
                line,
                column,
                format_path(path),
                message,
                "每個字都要有字型可以顯示，否則 PDF 會印成空白方塊",
                "改用通用的寫法或同義字；若是罕用字，請安裝含有此字的字型（例如全字庫 fonts-cns11643-sung）後再建置。",
            )
        )
    return problems


def _check_year(plan: Plan, located: Located, name: str) -> list[Problem]:
    problems: list[Problem] = []
    if plan.year is not None:
        dated: list[tuple[str, str | None, dt.date | None]] = [("issued", "date", plan.issued.date if plan.issued else None)]
        dated += [(field, None, getattr(plan, field)) for field in ("approved", "published")]
        for field, sub, date in dated:
            # A plan for year N is written late in N-1 or during N (or published after it ends).
            if date is None or plan.year - 1 <= roc_year(date) <= plan.year + 1:
                continue
            path = (field, sub) if sub else (field,)
            line, column = located.position(path)
            problems.append(
                Problem(
                    name,
                    line,
                    column,
                    ".".join(p for p in path if p),
                    f"日期 {date.isoformat()}（民國 {roc_year(date)} 年）與計畫年度 {plan.year} 年對不起來",
                    f"應該在民國 {plan.year - 1} 到 {plan.year + 1} 年之間",
                    "檢查 year 或這個日期是否寫錯；民國年加 1911 就是西元年。",
                )
            )
    return problems


def check_changes(plan: Plan, located: Located, name: str, today: dt.date | None = None) -> list[Problem]:
    """Change notes are dated after publication, not in the future, and listed oldest first."""
    today = today or dt.date.today()
    start = first_published(plan)
    problems: list[Problem] = []
    for index, change in enumerate(plan.changes):
        path = ("changes", index, "date")
        problem: tuple[str, str, str] | None = None
        if change.date > today:
            problem = (
                f"更新日期 {change.date.isoformat()} 還沒到",
                "應該是今天或更早的日期",
                "更新紀錄寫的是已經做過的修正；檢查年份或月份是否打錯。",
            )
        elif start and change.date < start:
            problem = (
                f"更新日期 {change.date.isoformat()} 早於計畫的發布日期 {start.isoformat()}",
                f"應該是 {start.isoformat()} 或更晚的日期",
                "發布前的修改不算更新；檢查日期，或修正 published（發布日期）。",
            )
        elif index and change.date < plan.changes[index - 1].date:
            previous = plan.changes[index - 1].date.isoformat()
            problem = (
                f"更新日期 {change.date.isoformat()} 早於上一筆的 {previous}",
                "應該由舊到新排列，每一筆不早於上一筆",
                "把這一筆移到正確的位置，讓更新紀錄依日期由舊到新排列。",
            )
        if problem:
            line, column = located.position(path)
            problems.append(Problem(name, line, column, format_path(path), *problem))
    return problems
