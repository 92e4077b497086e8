"""Problems found in plan files: values with a location, printed by the adapters.

A problem names the file, line and column, where in the plan it is the way a person counts
(「肆、計畫內容 › 第 2 個區塊（表格）› 執行要項第 1 列」) beside the technical path
(``sections[3].blocks[1].rows[0]``), what is wrong, what was expected and a hint.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum


class Severity(str, Enum):
    error = "錯誤"
    warning = "警告"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based
    field: str  # technical path of the field, e.g. sections[2].blocks[0]; "" for the file itself
    message: str  # what is wrong
    expected: str = ""  # what was expected
    hint: str = ""  # how to fix it
    severity: Severity = Severity.error
    where: str = ""  # the same place as a person counts, e.g. 參、實施對象 › 第 1 個區塊（段落）

    def located(self, where: str) -> Problem:
        return replace(self, where=where)

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        if self.where and self.field:
            place += f": {self.where}（{self.field}）"
        elif self.field:
            place += f": {self.field}"
        text = self.message + (f"，{self.expected}" if self.expected else "")
        lines = [place, f"    {self.severity.value}：{text}"]
        if self.hint:
            lines.append(f"    提示：{self.hint}")
        return "\n".join(lines)


class PlanError(Exception):
    """Raised with every problem found, so all of them can be reported at once."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.error]


def besides(reported: list[Problem], found: list[Problem]) -> list[Problem]:
    """What the model finds, less what follows from a slip already reported on the same line
    (a refused tag leaves its value empty: saying so again would only confuse)."""
    lines = {p.line for p in errors(reported)}
    return [p for p in found if p.line not in lines]


SHOWN = 500  # problems printed in full; the rest are counted (fixing the first shows them)


def report(problems: list[Problem]) -> str:
    """Every problem, then how many errors and warnings: what the adapters print. A problem of a
    whole file that many files share (no Chinese font, say) is printed once, naming the files."""
    count = len(errors(problems))
    warnings = len(problems) - count
    shared: dict[tuple[str, str, str, Severity], list[Problem]] = {}
    entries: list[list[Problem]] = []
    for problem in problems:
        if problem.line or problem.field:
            entries.append([problem])
            continue
        key = (problem.message, problem.expected, problem.hint, problem.severity)
        if key not in shared:
            shared[key] = []
            entries.append(shared[key])
        shared[key].append(problem)
    lines = [_entry(entry) for entry in entries[:SHOWN]]
    if len(entries) > SHOWN:
        lines.append(f"……另有 {len(entries) - SHOWN} 個問題沒有列出；先修正上面的問題，再建置一次就會列出其餘的。")
    if problems:
        lines.append(f"共 {count} 個錯誤、{warnings} 個警告。")
    return "\n".join(lines)


def _entry(same: list[Problem]) -> str:
    if len(same) == 1:
        return str(same[0])
    files = "、".join(p.file for p in same[:3]) + (f" 等 {len(same)} 個檔案" if len(same) > 3 else "")
    return str(replace(same[0], file=files))


def tell(notices: Iterable[str]) -> None:
    """What the webmaster should know although the build went on: printed, never a strict-mode warning."""
    for notice in notices:
        print(notice if notice.startswith("注意：") else f"注意：{notice}", file=sys.stderr)
