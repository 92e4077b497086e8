"""The usual YAML slips, named in the webmaster's words at the line where they are.

Two passes. ``prescan`` reads the lines before the parser does, for slips the parser would report
a line too late or accept silently: a full-width colon after a field name (「city： 高雄市」), no space
after the colon (「city:高雄市」), full-width spaces or tabs used for indentation. ``syntax_problem``
turns a parser error into a message: a colon inside unquoted text, wrong indentation, a line that
is not 「欄位: 值」, an unclosed quote or bracket, a character that cannot start unquoted text.
No English parser text reaches the webmaster.
"""

from __future__ import annotations

import re
from functools import cache

from ruamel.yaml.error import MarkedYAMLError

from . import model
from .problems import Problem

SYNTAX = "YAML 格式錯誤"
QUOTE_HINT = '把整段文字用引號括起來，例如 title: "計畫: 114年度"；文字裡的冒號也可以改用全形「：」。'
INDENT_HINT = "同一層的欄位要對齊（通常每層多 2 個空白），清單的「- 」也要對齊；用空白鍵縮排，不要用 Tab 或全形空白。"


@cache
def field_names() -> frozenset[str]:
    """Every field name a plan file or a results file may use."""
    from . import results_model

    names: set[str] = set()
    for value in [*vars(model).values(), *vars(results_model).values()]:
        if isinstance(value, type) and issubclass(value, model.BaseModel) and value is not model.BaseModel:
            names.update(value.model_fields)
    return frozenset(names)


_KEY_LINE = re.compile(r"^(?P<indent>[ ]*)(?P<dash>-[ ]+)?(?P<key>[A-Za-z_][A-Za-z0-9_]*)(?P<sep>[ \t]*[：:])")


def _problem(filename: str, line: int, column: int, message: str, expected: str, hint: str) -> Problem:
    return Problem(filename, line, column, "", message, expected, hint)


def prescan(text: str, filename: str) -> list[Problem]:
    """Slips found by reading the lines, one problem per line at most."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        found = _line_slip(line, filename, number)
        if found:
            problems.append(found)
    return problems


def repaired(text: str, slips: list[Problem]) -> str:
    """The text with each prescanned slip mended the way its hint says (a Tab or full-width space
    in the indentation → two spaces, a full-width colon → 「: 」, a space after the colon), so the
    rest of the file can still be checked: every problem of a file is listed at once."""
    lines = text.split("\n")
    for slip in slips:
        if 0 < slip.line <= len(lines):
            lines[slip.line - 1] = _mended(lines[slip.line - 1])
    return "\n".join(lines)


def _mended(line: str) -> str:
    stripped = line.lstrip(" \t\u3000")
    indent = line[: len(line) - len(stripped)]
    line = indent.replace("\t", "  ").replace("\u3000", "  ") + stripped
    match = _KEY_LINE.match(line)
    if match and match["key"] in field_names():
        after = line[match.end() :]
        line = line[: match.end() - len(match["sep"])] + ": " + after.lstrip(" ")
    return line


def _line_slip(line: str, filename: str, number: int) -> Problem | None:
    indent = len(line) - len(line.lstrip(" "))
    rest = line[indent:]
    after_spaces = rest.lstrip(" \u3000")
    looks_like_yaml = after_spaces.startswith("- ") or bool(_KEY_LINE.match(after_spaces))
    if rest.startswith("\u3000") and looks_like_yaml:
        return _problem(
            filename,
            number,
            indent + 1,
            "這一行用全形空白縮排",
            "YAML 只能用半形空白縮排",
            "把行首的全形空白（中文輸入法的空白）換成半形空白鍵；同一層的欄位要對齊。",
        )
    if rest.startswith("\t"):
        return _tab_problem(filename, number, indent + 1)
    match = _KEY_LINE.match(line)
    if not match or match["key"] not in field_names():
        return None
    key, sep = match["key"], match["sep"]
    after = line[match.end() :]
    if sep.endswith("："):
        column = match.end()
        fixed = f"{key}: {after.strip()}".rstrip()
        return _problem(
            filename,
            number,
            column,
            f"「{key}」後面用了全形冒號「：」",
            "欄位名稱後面要用半形冒號「:」再空一格",
            f"改成「{fixed}」（切換到英文輸入法打冒號）。",
        )
    if after and after[0] not in " \t#" and not after.startswith("//"):
        return _problem(
            filename,
            number,
            match.end(),
            f"「{key}:」的冒號後面沒有空白",
            "欄位名稱的冒號後面要空一格",
            f"改成「{key}: {after.strip()}」。",
        )
    return None


def _tab_problem(filename: str, line: int, column: int) -> Problem:
    return _problem(
        filename,
        line,
        column,
        "這一行用了 Tab 鍵縮排",
        "YAML 只能用空白縮排",
        "把行首的 Tab 換成空白（每層 2 個空白）；多數編輯器有「將 Tab 轉為空白」的功能。",
    )


# --- parser errors ------------------------------------------------------------------------------


def syntax_problem(exc: MarkedYAMLError, filename: str, text: str) -> Problem:
    """The parser's error, told where the slip is and in the webmaster's words."""
    lines = text.split("\n")
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark, opened = exc.problem_mark, exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    start = (opened.line + 1, opened.column + 1) if opened else (line, column)
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in source[: max(column, 1)] or "'\\t'" in problem:
        return _tab_problem(filename, line, column)
    unclosed = _unclosed_quote(lines, line)
    if "quoted scalar" in context or unclosed:
        start = unclosed or start
        quote = lines[start[0] - 1][start[1] - 1 : start[1]] if 0 < start[0] <= len(lines) else '"'
        return _problem(
            filename,
            *start,
            f"這裡開始的引號 {quote} 沒有結束",
            "引號要成對",
            f"在文字結尾補上 {quote}；文字裡本身有 {quote} 時，改用另一種引號把整段括起來。",
        )
    if "flow sequence" in context or "flow mapping" in context:
        pair = "[ ]" if "sequence" in context else "{ }"
        return _problem(
            filename,
            *start,
            f"這裡開始的括號 {pair[0]} 沒有對應的 {pair[2]}",
            "括號要成對",
            f"補上 {pair[2]}；若括號是文字的一部分，把整段文字用引號括起來，或改用全形括號「【】」「（）」。",
        )
    if "undefined alias" in problem or "cannot start any token" in problem:
        char = source[column - 1 : column] or "?"
        text = source[column - 1 :].strip()
        return _problem(
            filename,
            line,
            column,
            f"文字開頭的「{char}」在 YAML 有特別的意思",
            "這個符號不能放在沒有引號的文字開頭",
            f'把整段文字用引號括起來，例如 "{text[:30]}"。',
        )
    if "mapping values are not allowed" in problem:
        return _mapping_value_problem(filename, lines, line, column)
    if "could not find expected ':'" in problem:
        return _not_a_field_problem(filename, lines, *start)
    if "expected <block end>" in problem or "did not find expected" in problem:
        return _problem(filename, line, column, "這一行的縮排和上面的欄位對不齊", "同一層的欄位要對齊", INDENT_HINT)
    return _problem(filename, line, column, SYNTAX, "正確的 YAML 格式", f"檢查這一行與上一行：{INDENT_HINT}；{QUOTE_HINT}")


_QUOTED_VALUE = re.compile(r"^(\s*(?:-\s+)?(?:[A-Za-z_]\w*:\s+)?)([\"'])(.*)$")


def _unclosed_quote(lines: list[str], before: int) -> tuple[int, int] | None:
    """The first line above ``before`` whose value opens a quote it does not close (the parser then
    reads on to the next quote and reports an error far below)."""
    for number, text in enumerate(lines[: before - 1], start=1):
        match = _QUOTED_VALUE.match(text)
        if not match:
            continue
        quote, rest = match[2], match[3]
        closed = re.search(r'(?<!\\)"', rest) if quote == '"' else re.search(r"'(?!')", rest.replace("''", ""))
        if not closed:
            return number, len(match[1]) + 1
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous(lines: list[str], line: int) -> tuple[int, str]:
    """The nearest line above ``line`` (1-based) that holds something other than a comment."""
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        if text.strip() and not text.strip().startswith("#"):
            return number, text
    return 0, ""


def _mapping_value_problem(filename: str, lines: list[str], line: int, column: int) -> Problem:
    """A ": " the parser did not expect: inside unquoted text, after a line missing its colon, or too deep."""
    source = lines[line - 1]
    head = _KEY_LINE.match(source)
    if head and column - 1 > head.end():  # a second ": " on a 「key: value」 line: inside the text
        return _problem(
            filename,
            line,
            column,
            "文字裡有「: 」（冒號加空白），YAML 把它當成另一個欄位",
            "文字裡的「: 」要放在引號裡",
            QUOTE_HINT,
        )
    above, text = _previous(lines, line)
    if above and _indent(text) == _indent(source) and not _KEY_LINE.match(text):
        return _problem(
            filename,
            above,
            _indent(text) + 1,
            "這一行不是「欄位: 值」的寫法，可能少了冒號",
            "欄位名稱後面要有半形冒號與空白",
            f"例如「{text.strip().split()[0]}: …」；若這行是上一段文字的延續，請把它接回上一行。",
        )
    if above and _indent(source) > _indent(text):
        return _problem(filename, line, column, "這一行縮排得比上一行深", "同一層的欄位要對齊", INDENT_HINT)
    return _problem(
        filename,
        line,
        column,
        "文字裡有「: 」（冒號加空白），YAML 把它當成欄位",
        "文字裡的「: 」要放在引號裡",
        QUOTE_HINT,
    )


def _not_a_field_problem(filename: str, lines: list[str], line: int, column: int) -> Problem:
    """A line inside a mapping that is not 「key: value」: a continuation not indented, or a missing colon."""
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    words = source.strip().split(maxsplit=1)
    if len(words) == 2 and words[0] in field_names():
        return _problem(
            filename,
            line,
            column,
            f"「{words[0]}」後面少了冒號",
            "欄位名稱後面要有半形冒號與空白",
            f"改成「{words[0]}: {words[1]}」。",
        )
    return _problem(
        filename,
        line,
        column,
        "這一行不是「欄位: 值」的寫法",
        "欄位名稱後面要有半形冒號與空白，或是縮排在上一段文字之下",
        f"若「{source.strip()[:20]}」是上一行文字的延續，請把它接回上一行（或把整段文字用引號括起來）；"
        "若是新的欄位，欄位名稱後面要加「: 」。",
    )
