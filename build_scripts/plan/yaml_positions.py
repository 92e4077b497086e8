"""YAML text → plain Python data, with the line and column of every value.

ruamel.yaml composes the node graph (YAML 1.2, so ``no`` stays text and ``0755``
is not octal); we build the data ourselves so that duplicate keys are reported
instead of silently overwritten, and so that dates stay text for the model to
check (``2024-02-30`` is a message, not a crash). The events come from libyaml's C parser
(``ruamel.yaml.clib``) when it is installed, about 5× faster than ruamel.yaml's pure Python scanner,
through the same composer (aliases refused, depth bounded) and YAML 1.2 resolver. What the two
read apart goes to the pure one, whose messages and positions are the ones we tell: a file the C
parser refuses, a ``%`` directive, tabs, a byte-order mark inside the text, an empty value.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from ..cache import FileCache, code_digest, hashed
from . import input_bounds
from .model import one_line_fields
from .problems import Problem, Severity, errors
from .yaml_syntax import SYNTAX, prescan, repaired, syntax_problem

try:
    from _ruamel_yaml import CParser  # ruamel.yaml.clib
except ImportError:  # pragma: no cover - the pure parser does it all, only slower
    CParser = None

Path = tuple[str | int, ...]

YAML_LIBRARIES = ("ruamel.yaml", "ruamel.yaml.clib")  # what reads a plan file: in the keys of what is cached from it

# Characters a webmaster cannot see: usually pasted from Word or a web page.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# The value types a plan file holds; any other tag (!!binary, !custom, !!python/…) is refused.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


@dataclass
class Located:
    data: Any = None
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # the text as written of values that are not text (numbers, true/false): 01130001300, not 1130001300
    sources: dict[Path, str] = field(default_factory=dict)
    # where a comment starts right after an unquoted value on the same line: 「本所各課室 #含里辦公處」
    comments: dict[Path, tuple[int, int, str]] = field(default_factory=dict)

    def position(self, path: Path) -> tuple[int, int]:
        """Line and column of the value at path, or of its nearest ancestor."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def key_position(self, path: Path) -> tuple[int, int]:
        return self.keys.get(path) or self.position(path)

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "data": self.data,
                "values": [[list(p), *at] for p, at in self.values.items()],
                "keys": [[list(p), *at] for p, at in self.keys.items()],
                "problems": [{**asdict(p), "severity": p.severity.value} for p in self.problems],
                "sources": [[list(p), text] for p, text in self.sources.items()],
                "comments": [[list(p), *at] for p, at in self.comments.items()],
            },
            ensure_ascii=False,
        ).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> Located:
        stored = json.loads(raw)
        return cls(
            stored["data"],
            {tuple(p): (line, column) for p, line, column in stored["values"]},
            {tuple(p): (line, column) for p, line, column in stored["keys"]},
            [Problem(**{**p, "severity": Severity(p["severity"])}) for p in stored["problems"]],
            {tuple(p): text for p, text in stored["sources"]},
            {tuple(p): (line, column, text) for p, line, column, text in stored["comments"]},
        )


def format_path(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def parse_path(text: str) -> Path:
    """The inverse of ``format_path``: "sections[2].heading" → ("sections", 2, "heading")."""
    return tuple(int(m[1]) if m[1] is not None else m[2] for m in _PART.finditer(text))


def load_located(raw: bytes, filename: str, cache: FileCache | None = None) -> Located:
    """Compose the YAML or take the result of an earlier run from ``cache``."""
    if cache is None:
        return _load_located(raw, filename)
    key = hashed(code_digest(YAML_LIBRARIES), filename, raw)
    cached = cache.get(key)
    if cached is not None:
        try:
            return Located.from_json(cached)
        except (ValueError, KeyError, TypeError, AttributeError):
            cache.discard(key)  # whole, but not what this code writes: compose again
    result = _load_located(raw, filename)
    cache.put(key, result.to_json())
    return result


def _load_located(raw: bytes, filename: str) -> Located:
    result = Located()
    refused = input_bounds.too_large(len(raw), filename)
    text = refused or input_bounds.decode(raw, filename)
    if isinstance(text, Problem):
        result.problems.append(text)
        return result
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        result.problems.append(
            Problem(filename, 0, 0, "", "檔案是空的", "一個計畫檔要有 id、title、agency 與 sections", _TEMPLATE_HINT)
        )
        return result
    unreadable = input_bounds.unreadable_characters(text, filename)
    if unreadable:
        result.problems += unreadable
        return result
    slips = prescan(text, filename)
    if slips:  # mended, so the rest of the file is checked too; what the mending touched is reported once
        text = repaired(text, slips)
    node = _compose(text, filename)
    if isinstance(node, Problem):
        result.problems.append(node)
    else:
        _Walker(result, filename, text.split("\n")).walk(node, ())
    mended = {slip.line for slip in slips}
    result.problems = [*slips, *(p for p in result.problems if p.line not in mended)]
    return result


_TEMPLATE_HINT = "可複製 plans/ 裡其他計畫檔當作範本。"


class _AliasRefused(Exception):
    def __init__(self, event: AliasEvent):
        self.anchor, self.mark = str(event.anchor), event.start_mark


class _PlanComposer(Composer):
    """ruamel.yaml's composer, refusing aliases: a plan never needs one, and a few hundred bytes
    of nested aliases would otherwise expand into gigabytes."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        # An alias of no anchor is usually text starting with 「*」: the parser's error names that slip.
        if self.parser.check_event(AliasEvent) and self.parser.peek_event().anchor in self.anchors:
            raise _AliasRefused(self.parser.peek_event())
        return super().compose_node(parent, index)


class _CEvents:
    """What the composer reads: libyaml's events of the text, ruamel.yaml's YAML 1.2 resolver."""

    def __init__(self, text: str) -> None:
        self._parser = CParser(text)
        self._resolver = VersionedResolver(version=(1, 2), loader=self)
        self.max_depth = input_bounds.MAX_DEPTH


class _PureOnly(Exception):
    """Text whose positions only ruamel.yaml's own scanner gives as we tell them."""


class _CPlanComposer(_PlanComposer):
    def compose_scalar_node(self, anchor: Any) -> Any:
        event = self.parser.peek_event()
        if not event.value and not event.style:  # an empty value: libyaml places it where the key ends
            raise _PureOnly
        node = super().compose_scalar_node(anchor)
        node.style = node.style or None  # libyaml says "" for a plain scalar, ruamel.yaml None
        return node


# What only ruamel.yaml's own scanner reads as we tell it: a %YAML 1.1 directive, tabs (libyaml takes
# some it refuses), a byte-order mark inside the text. (Line breaks are newlines by now: ``input_bounds.decode``.)
_PURE_ONLY = re.compile("^%|[\t\ufeff]", re.MULTILINE)


def _compose_fast(text: str) -> Node | None:
    """The node graph from libyaml's events, or None when the pure parser must say what it makes of the text."""
    if CParser is None or _PURE_ONLY.search(text):
        return None
    events = _CEvents(text)
    try:
        node: Node = _CPlanComposer(loader=events).get_single_node()
        return node
    except Exception:  # whatever libyaml refuses, the pure parser tells, in its words
        return None
    finally:
        events._parser.dispose()


def _compose(text: str, filename: str) -> Node | Problem:
    """ruamel.yaml's node graph of the text (YAML 1.2), or the syntax error, located."""
    fast = _compose_fast(text)
    if fast is not None:
        return fast
    # The safe parser: the round-trip one also gathers comments (a fifth of the time), which the
    # positions do not need (``_note_comment`` reads the line itself).
    yaml = YAML(typ="safe", pure=True)
    yaml.Composer = _PlanComposer
    yaml.max_depth = input_bounds.MAX_DEPTH
    try:
        node: Node = yaml.compose(text)
        return node
    except _AliasRefused as refused:
        return input_bounds.alias_refused(refused.anchor, refused.mark.line + 1, refused.mark.column + 1, filename)
    except MaxDepthExceededError as exc:
        mark = exc.problem_mark
        return input_bounds.too_deep(mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, filename)
    except MarkedYAMLError as exc:
        return syntax_problem(exc, filename, text)
    except YAMLError:  # errors without a position
        return Problem(filename, 1, 1, "", SYNTAX, "正確的 YAML 格式", "請對照 plans/ 裡其他計畫檔檢查這個檔案。")


class _Walker:
    def __init__(self, result: Located, filename: str, lines: list[str]):
        self.result = result
        self.filename = filename
        self.lines = lines

    def walk(self, node: Node, path: Path, depth: int = 0) -> Any:
        mark = node.start_mark
        self.result.values[path] = (mark.line + 1, mark.column + 1)
        if node.tag not in _PLAIN_TAGS:
            self.result.problems.append(input_bounds.tag_refused(str(node.tag), mark.line + 1, mark.column + 1, self.filename))
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            value = [self.walk(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        elif isinstance(node, ScalarNode):
            value = self._scalar(node, path)
        else:
            value = None
        if path == ():
            self.result.data = value
        return value

    def _mapping(self, node: MappingNode, path: Path, depth: int) -> dict[str, Any]:
        value: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else str(key_node)
            line = key_node.start_mark.line + 1
            if key in first_seen:
                self.result.problems.append(
                    Problem(
                        self.filename,
                        line,
                        key_node.start_mark.column + 1,
                        format_path((*path, key)),
                        f"欄位「{key}」重複出現（第 {first_seen[key]} 行已有）",
                        "同一層的每個欄位只能出現一次",
                        "刪掉其中一個，或把兩段內容合併；重複的欄位會讓前一段內容不見。",
                    )
                )
                continue
            first_seen[key] = line
            self.result.keys[(*path, key)] = (line, key_node.start_mark.column + 1)
            value[key] = self.walk(value_node, (*path, key), depth + 1)
        if path == ():
            self.result.data = value
        return value

    def _scalar(self, node: ScalarNode, path: Path) -> Any:
        self._note_comment(node, path)
        value = self._value(node, path)
        if not isinstance(value, str) and value is not None:
            self.result.sources[path] = str(node.value)
        return value

    def _note_comment(self, node: ScalarNode, path: Path) -> None:
        """A comment on the same line right after an unquoted value: it may have cut the text short."""
        if node.style is not None or node.end_mark is None:
            return
        end = node.end_mark
        rest = self.lines[end.line][end.column :] if end.line < len(self.lines) else ""
        comment = rest.lstrip(" ")
        if comment.startswith("#"):
            self.result.comments[path] = (end.line + 1, end.column + len(rest) - len(comment) + 1, comment)

    def _value(self, node: ScalarNode, path: Path) -> Any:
        tag, text = node.tag or "", node.value
        if tag.endswith(":null"):
            return None
        if tag.endswith(":bool"):
            return text.lower() == "true"
        if tag.endswith(":int"):
            try:
                return int(text.replace("_", ""), 10)
            except ValueError:
                try:
                    return int(text, 0)
                except ValueError:
                    return text
        if tag.endswith(":float"):
            try:
                return float(text)
            except ValueError:
                return text
        if isinstance(text, str):
            self._check_invisible(text, node, path)
            text = _SURROGATE.sub("\ufffd", text)  # reported above; kept out of the cache's UTF-8
        return text

    def _check_invisible(self, text: str, node: ScalarNode, path: Path) -> None:
        """Characters no one can see. Those no XML output can hold (Word's Shift+Enter \\v, a bell) are
        errors anywhere; the others (zero-width, bidirectional controls) are errors in a one-line
        field, which reaches page titles, navigation and feeds, and warnings in running text."""
        key = next((part for part in reversed(path) if isinstance(part, str)), "")
        for match in _INVISIBLE.finditer(text):
            char = match.group()
            fatal = bool(input_bounds.XML_INVALID.match(char)) or key in one_line_fields()
            self.result.problems.append(
                Problem(
                    self.filename,
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                    format_path(path),
                    f"文字裡有看不見的控制字元 {input_bounds.character_name(char)}，在第 {match.start() + 1} 個字",
                    "計畫文字不能有控制字元" if fatal else "計畫文字通常不需要控制字元",
                    input_bounds.character_hint(char)
                    + ("（標題、名稱這類一行的欄位會出現在網頁標題與選單，所以不接受。）" if key in one_line_fields() else ""),
                    Severity.error if fatal else Severity.warning,
                )
            )


def not_fields(located: Located, name: str, expected: str, hint: str) -> list[Problem] | None:
    """The file's problems when its top level is not fields (a mapping) — with one saying so when the
    YAML itself did not (``expected``, ``hint``: what that file's top level holds, where to copy one
    from) — else None: the file can be checked against its model."""
    problems = list(located.problems)
    if isinstance(located.data, dict):
        return None
    if not errors(problems):
        problems.append(Problem(name, 1, 1, "", "檔案最上層不是欄位清單", expected, hint))
    return problems
