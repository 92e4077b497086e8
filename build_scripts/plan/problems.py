"""Problems found in plan files: values with a location, printed by the adapters."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    error = "錯誤"
    warning = "警告"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based
    field: str  # path of the field, e.g. sections[2].blocks[0]; "" for the file itself
    message: str  # what is wrong
    expected: str = ""  # what was expected
    hint: str = ""  # how to fix it
    severity: Severity = Severity.error

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        head = f"{where}: {self.field}: " if self.field else f"{where}: "
        text = head + self.message
        if self.expected:
            text += f"，{self.expected}"
        if self.severity is Severity.warning:
            text = f"{text}（{self.severity.value}）"
        if self.hint:
            text += f"\n    提示：{self.hint}"
        return text


class PlanError(Exception):
    """Raised with every problem found, so all of them can be reported at once."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.error]
