"""What an imported plan still needs before it is published: a plan that is not a draft may not hold the
importer's placeholders (「（請填寫縣市）」: an error at its line), and its 「# 請確認」 notes should be gone
(a warning at each line). A draft (``draft: true``) is never published, so it is left alone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import PLACEHOLDER, Plan
from .places import describe
from .problems import Problem, Severity
from .yaml_positions import Located, Path, format_path

CONFIRM_NOTE = "# 請確認"
PUT_BACK = "還沒核對完的計畫，請在檔案開頭加回 draft: true，它就只在預覽出現，不會發布。"


def review(plan: Plan | None, located: Located, raw: bytes, name: str) -> list[Problem]:
    if plan is None:
        return []
    return review_file(plan.draft, located, raw, name)


def review_file(draft: bool, located: Located, raw: bytes, name: str) -> list[Problem]:
    """The same for any file that may be a draft (a plan, a results file)."""
    if draft:
        return []
    return [*_placeholders(located, name), *_confirm_notes(raw, name)]


def _strings(value: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, (*path, index))


def _placeholders(located: Located, name: str) -> list[Problem]:
    problems = []
    for path, text in _strings(located.data):
        if PLACEHOLDER.match(text.strip(" \u3000")):
            problems.append(
                Problem(
                    name,
                    *located.position(path),
                    format_path(path),
                    f"「{text.strip()}」是匯入時留下的待填文字，還沒有填寫",
                    "要發布的計畫不能有待填的欄位",
                    f"照原文填上正確的內容。{PUT_BACK}",
                    where=describe(path, located.data),
                )
            )
    return problems


def _confirm_notes(raw: bytes, name: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(raw.decode("utf-8-sig", errors="replace").splitlines(), start=1):
        stripped = line.lstrip(" \t")
        if stripped.startswith(CONFIRM_NOTE):
            note = stripped[len(CONFIRM_NOTE) :].lstrip("：: ")
            problems.append(
                Problem(
                    name,
                    number,
                    len(line) - len(stripped) + 1,
                    "",
                    f"匯入時要確認的地方還留著註解：「{note[:40]}」",
                    "核對過的地方，把「# 請確認」那一行註解刪掉",
                    f"核對原文、改好下一行的內容後刪掉這行註解。{PUT_BACK}",
                    Severity.warning,
                )
            )
    return problems
