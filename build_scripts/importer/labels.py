"""Labels typed in front of text (壹、 一、 (一) （一） 1. 1、 (1) ●), read back into numbering styles."""

from __future__ import annotations

import re
from functools import cache

from ..plan.model import Numbering
from ..plan.numbering import chinese_number

SECTION = "section"  # 壹、貳、: a section, not a list style

_CJK = "〇零一二三四五六七八九十百"
_FORMAL = "零壹貳參肆伍陸柒捌玖拾佰"
_LABEL = re.compile(
    rf"^[ \u3000]*(?P<label>[(（][ \u3000]*[{_CJK}]+[ \u3000]*[)）]|[(（][ \u3000]*\d+[ \u3000]*[)）]|[{_FORMAL}]+[ \u3000]*[、.．]"
    rf"|[{_CJK}]+[ \u3000]*[、．.]|\d+[ \u3000]*[.．](?!\d)|\d+[ \u3000]*、|\d+(?=\t)|[●•■◎○◆▪‧]|-[ \u3000])[ \u3000\t]*"
)


@cache
def _numbers(digits: str, ten: str) -> dict[str, int]:
    return {chinese_number(n, digits, ten): n for n in range(1, 200)}


def split_label(text: str) -> tuple[str, str]:
    """("(一)", "擴大服務…") for "(一) 擴大服務…"; ("", text) when the text opens with no label.

    A list marker an extraction put in front of a typed label (「- (一) …」) is not part of it."""
    match = _LABEL.match(text)
    if not match:
        return "", text
    written, rest = match["label"].replace("\u3000", "").replace(" ", ""), text[match.end() :]
    if written in ("-", "•"):
        inner = _LABEL.match(rest)
        if inner and inner["label"].strip() not in ("-", "•"):
            return inner["label"].replace("\u3000", "").replace(" ", ""), rest[inner.end() :]
    return written, rest


def classify(written: str) -> tuple[Numbering | str | None, int | None]:
    """The numbering style a label belongs to and its number: "(二)" → (cjk-paren, 2)."""
    core = written.strip(" \u3000")
    if not core:
        return None, None
    if core in "●•■◎○◆▪‧-":
        return Numbering.bullet, None
    inner = core.strip("()（）、.．")
    if core[0] in "(（":
        if inner.isdigit():
            return Numbering.decimal_paren, int(inner)
        return Numbering.cjk_paren, _numbers("〇一二三四五六七八九", "十").get(inner)
    if inner.isdigit():
        return (Numbering.decimal_comma if core.endswith("、") else Numbering.decimal), int(inner)
    formal = _numbers("零壹貳參肆伍陸柒捌玖", "拾").get(inner)
    if formal is not None and any(ch in _FORMAL for ch in inner):
        return SECTION, formal
    return Numbering.cjk, _numbers("〇一二三四五六七八九", "十").get(inner)


def same_label(written: str, derived: str) -> bool:
    """A typed label is the derived one when they differ only in full- or half-width forms: （1） is (1)."""
    return written.translate(_HALF) == derived.translate(_HALF)


_HALF = str.maketrans("（）．，：", "().,:")
