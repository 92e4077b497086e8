"""Numbering labels derived from structure: 壹、 一、 (一) 1. 1、 (1).

A list or table column carries a numbering style; the nth numbered item gets
the nth label of that style. An explicit ``label`` replaces the derived one
(the source's own label, where it repeats or skips a number) and still counts;
an empty ``label`` means "no label" and does not count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .model import Numbering

_DIGITS = "〇一二三四五六七八九"
_FORMAL_DIGITS = "零壹貳參肆伍陸柒捌玖"

# The usual descent of Taiwanese official outlines, one level per step.
_NEXT_LEVEL = {
    Numbering.cjk: Numbering.cjk_paren,
    Numbering.cjk_paren: Numbering.decimal,
    Numbering.decimal: Numbering.decimal_paren,
    Numbering.decimal_comma: Numbering.decimal_paren,
    Numbering.decimal_paren: Numbering.none,
    Numbering.bullet: Numbering.bullet,
    Numbering.none: Numbering.none,
}


def chinese_number(n: int, digits: str = _DIGITS, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (for n ≥ 1)."""
    if n < 1:
        raise ValueError(f"numbering starts at 1, got {n}")
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        head = ten if tens == 1 else digits[tens] + ten
        return head + (digits[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    hundred = "百" if digits is _DIGITS else "佰"
    if rest == 0:
        tail = ""
    elif rest < 10:
        tail = "零" + digits[rest]
    else:
        tail = (digits[1] if rest < 20 else "") + chinese_number(rest, digits, ten)
    return digits[hundreds] + hundred + tail


def section_label(n: int) -> str:
    """The label of the nth top-level section: 壹、 貳、 … 拾壹、."""
    return chinese_number(n, _FORMAL_DIGITS, "拾") + "、"


_STYLES: dict[Numbering, Callable[[int], str]] = {
    Numbering.cjk: lambda n: chinese_number(n) + "、",
    Numbering.cjk_paren: lambda n: f"({chinese_number(n)})",
    Numbering.decimal: lambda n: f"{n}.",
    Numbering.decimal_comma: lambda n: f"{n}、",
    Numbering.decimal_paren: lambda n: f"({n})",
    Numbering.bullet: lambda n: "●",
    Numbering.none: lambda n: "",
}


def label(style: Numbering, n: int) -> str:
    return _STYLES[style](n)


def next_level(style: Numbering) -> Numbering:
    return _NEXT_LEVEL[style]


def numbered(own: Iterable[str | None], make: Callable[[int], str]) -> Iterator[str]:
    """One label per entry, given each entry's own label (or None): the nth counted entry gets make(n)."""
    n = 0
    for explicit in own:
        if explicit == "":
            yield ""
            continue
        n += 1
        yield explicit if explicit is not None else make(n)


def labels(style: Numbering, own: Iterable[str | None]) -> Iterator[str]:
    """The labels of a list's items (or a column's rows) in a numbering style."""
    return numbered(own, _STYLES[style])


def section_labels(own: Iterable[str | None]) -> list[str]:
    """The labels of a plan's sections: 壹、 貳、 …, or each section's own label."""
    return list(numbered(own, section_label))
