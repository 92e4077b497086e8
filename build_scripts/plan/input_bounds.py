"""What a plan file may be before it is parsed: its size, its encoding, the characters in it, how
deeply it nests and which YAML features it uses. A file outside these bounds is refused at once,
with its line and a hint, before it can cost the machine memory or time.

The limits are far above any real plan (the largest example plan is 19 KB, nested 14 levels) and
are listed in the README (「計畫檔的上限」).
"""

from __future__ import annotations

import re
import unicodedata

from .problems import Problem

MAX_FILE_BYTES = 512 * 1024  # 512 KB: 25 times the largest real plan; a plan this size prints ~200 pages
MAX_DEPTH = 40  # levels of nesting (a plan with a 6-column table inside a list item is about 20)
MAX_PROBLEMS_PER_KIND = 5  # characters YAML cannot read: the first few are named, then a count

# Every line break ruamel.yaml reads as one: each becomes a newline when a file is read (``decode``).
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
# Characters YAML does not allow in a file (YAML 1.2 c-printable), and which no XML output can hold.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
# Characters no XML output (ODT, Atom feeds, the PDF's tags) can hold, once YAML escapes ("\v") are read.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_CHARACTER_HINTS = {
    "\x00": "NUL 字元通常表示檔案損壞，或其實不是文字檔（例如被存成 UTF-16 或從其他程式複製了二進位內容）。",
    "\x0b": "這是 Word 的「Shift+Enter」換行；要換行請直接換行，否則刪除它。",
    "\x0c": "這是分頁符號（從 Word 貼上時帶進來的），請刪除。",
}


def too_large(size: int, filename: str) -> Problem | None:
    if size <= MAX_FILE_BYTES:
        return None
    return Problem(
        filename,
        0,
        0,
        "",
        f"檔案太大（{size // 1024:,} KB），超過計畫檔的上限 {MAX_FILE_BYTES // 1024} KB",
        f"一份計畫檔最多 {MAX_FILE_BYTES // 1024} KB（實際的計畫通常不到 50 KB）",
        "確認這是計畫檔，而不是資料匯出或貼進了圖片的內容；內容真的這麼多時，請分成幾份計畫。",
    )


def decode(raw: bytes, filename: str) -> str | Problem:
    """The file's text (UTF-8, with or without BOM), or why not. Every line break YAML reads as one
    (Windows' CR LF, an old Mac's CR, NEL, Unicode's line and paragraph separators) becomes a newline,
    so that the lines we count are the parser's."""
    utf16 = _utf16(raw)
    if utf16:
        hint = f"用記事本開啟後「另存新檔」，編碼選 UTF-8；或執行 iconv -f {utf16} -t UTF-8 {filename} -o {filename}.utf8 再改回原檔名。"
        return Problem(filename, 1, 1, "", f"檔案是 {utf16} 編碼（Windows 的「Unicode」存檔格式）", "計畫檔必須是 UTF-8", hint)
    try:
        return _LINE_BREAKS.sub("\n", raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = f"用記事本開啟後「另存新檔」，編碼選 UTF-8；或執行 iconv -f BIG5 -t UTF-8 {filename} -o {filename}.utf8 再改回原檔名。"
        return Problem(
            filename, line, 1, "", "檔案不是 UTF-8 編碼（可能是舊版 Windows 編輯器存成的 Big5）", "計畫檔必須是 UTF-8", hint
        )


def _utf16(raw: bytes) -> str:
    """UTF-16LE or UTF-16BE, by the byte-order mark or by the zero bytes beside ASCII text; else ""."""
    if raw.startswith(b"\xff\xfe"):
        return "UTF-16LE"
    if raw.startswith(b"\xfe\xff"):
        return "UTF-16BE"
    head = raw[:200]
    if len(head) >= 4 and b"\x00" in head:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > len(odd) * 0.3 and even.count(0) == 0:
            return "UTF-16LE"
        if even.count(0) > len(even) * 0.3 and odd.count(0) == 0:
            return "UTF-16BE"
    return ""


def unreadable_characters(text: str, filename: str) -> list[Problem]:
    """Characters YAML refuses to read (NUL, Word's vertical tab …), each at its line and column."""
    problems: list[Problem] = []
    found = list(_UNREADABLE.finditer(text))
    for match in found[:MAX_PROBLEMS_PER_KIND]:
        char = match.group()
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(
            Problem(
                filename,
                line,
                column,
                "",
                f"這裡有一個不能出現在計畫檔的控制字元 {character_name(char)}",
                "計畫檔只能有一般文字、換行與空白",
                character_hint(char)
                + (f"（檔案裡共有 {len(found)} 個這樣的字元）" if len(found) > MAX_PROBLEMS_PER_KIND else ""),
            )
        )
    return problems


def character_hint(char: str) -> str:
    return _CHARACTER_HINTS.get(char, "這多半是從 Word、網頁或其他程式貼上時帶進來的；請刪除該字元後重打。")


def character_name(char: str) -> str:
    """U+000B（LINE TABULATION）."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "CONTROL")
    return f"U+{ord(char):04X}（{name}）"


_CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED", 0x1B: "ESCAPE"}


def too_deep(line: int, column: int, filename: str) -> Problem:
    return Problem(
        filename,
        line,
        column,
        "",
        f"內容的層次太深（超過 {MAX_DEPTH} 層）",
        f"計畫檔最多 {MAX_DEPTH} 層（實際的計畫不超過 20 層）",
        "檢查這一行附近的縮排或括號「[」「{」是否多打了；清單裡再放清單，通常不需要超過四層。",
    )


def alias_refused(anchor: str, line: int, column: int, filename: str) -> Problem:
    return Problem(
        filename,
        line,
        column,
        "",
        f"計畫檔不能使用 YAML 的別名「*{anchor}」",
        "每一段內容都直接寫出來",
        "別名會把一小段文字展開成很大的內容；請把要重複的內容複製貼上，並刪掉「&" + anchor + "」與「*" + anchor + "」。",
    )


def tag_refused(tag: str, line: int, column: int, filename: str) -> Problem:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return Problem(
        filename,
        line,
        column,
        "",
        f"計畫檔不能使用 YAML 的標記「{shown}」",
        "值要是一般文字、數字或日期",
        f"刪掉「{shown}」，直接寫出文字（例如 title: 計畫名稱）。",
    )
