"""Plan data → the text of a plan file (results data → a results file), in the order and style of the
hand-made ones, with a 「# 請確認：…」 comment above every guessed value (ruamel.yaml keeps order and
comments)."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from .recognise import Guess, Path

MODELINE = "# yaml-language-server: $schema=../schema/plan.schema.json"
RESULTS_MODELINE = "# yaml-language-server: $schema=../schema/results.schema.json"
CONFIRM = "請確認："


def _node(value: Any) -> Any:
    if isinstance(value, dict):
        node = CommentedMap()
        for key, child in value.items():
            node[key] = _node(child)
        return node
    if isinstance(value, list):
        seq = CommentedSeq()
        seq.extend(_node(child) for child in value)
        return seq
    if isinstance(value, str) and "\n" in value and not value.endswith((" ", "\n")) and "\t" not in value:
        return LiteralScalarString(value)
    return value


def _column(path: Path) -> int:
    """The column the key (or list dash) at ``path`` is written at: every level indents by 2."""
    return 2 * (len(path) - 1)


def _attach(root: CommentedMap, guess: Guess) -> None:
    parent: Any = root
    for part in guess.path[:-1]:
        parent = parent[part]
    key = guess.path[-1]
    text = f"{CONFIRM}{guess.note}"
    if (isinstance(parent, CommentedMap) and key in parent) or (
        isinstance(parent, CommentedSeq) and isinstance(key, int) and key < len(parent)
    ):
        parent.yaml_set_comment_before_after_key(key, before=text, indent=_column(guess.path))


def _dump(data: dict[str, Any], guesses: list[Guess]) -> str:
    root = _node(data)
    for guess in guesses:
        _attach(root, guess)
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # one line a value: long Chinese sentences are not folded
    yaml.allow_unicode = True
    stream = io.StringIO()
    yaml.dump(root, stream)
    return stream.getvalue()


def results_yaml(data: dict[str, Any], guesses: list[Guess], source_name: str, unmatched: list[str]) -> str:
    """A results file; text the importer could not place under an item of the plan follows as comments."""
    head = [RESULTS_MODELINE, f"# 由 plansite import 從「{source_name}」匯入的成果報告。"]
    if guesses:
        head.append(f"# 標示「{CONFIRM}」的地方是猜的：核對原文、改好之後，把那一行註解刪掉。")
    head.append("# 這是草稿（draft: true）：只在 make serve 預覽，不會發布；全部核對完成後刪掉 draft: true 那一行。")
    tail = []
    if unmatched:
        tail.append(f"# {CONFIRM}下面 {len(unmatched)} 段原文找不到對應的計畫項目，沒有放進成果；需要的話請放到正確的項目：")
        tail += ["#   " + " ".join(line.split()) for text in unmatched for line in text.splitlines() if line.strip()]
    return "\n".join(head) + "\n" + _dump(data, guesses) + "".join(line + "\n" for line in tail)


def plan_yaml(data: dict[str, Any], guesses: list[Guess], source_name: str) -> str:
    head = [MODELINE, f"# 由 plansite import 從「{source_name}」匯入。"]
    if guesses:
        head.append(f"# 標示「{CONFIRM}」的地方是猜的：核對原文、改好之後，把那一行註解刪掉。")
    if data.get("draft"):
        head.append("# 這是草稿（draft: true）：只在 make serve 預覽，不會發布；全部核對完成後刪掉 draft: true 那一行。")
    return "\n".join(head) + "\n" + _dump(data, guesses)
