from build_scripts.plan.model import Numbering
from build_scripts.plan.numbering import chinese_number, label, labels, next_level, section_label


def test_chinese_numbers_follow_official_usage():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 19, 20, 21, 99)] == [
        "一",
        "九",
        "十",
        "十一",
        "十九",
        "二十",
        "二十一",
        "九十九",
    ]
    assert chinese_number(105) == "一百零五"
    assert chinese_number(110) == "一百一十"


def test_section_labels_use_formal_numerals():
    assert [section_label(n) for n in (1, 2, 3, 4, 5, 6, 10, 11)] == [
        "壹、",
        "貳、",
        "參、",
        "肆、",
        "伍、",
        "陸、",
        "拾、",
        "拾壹、",
    ]


def test_each_style_has_its_label():
    assert label(Numbering.cjk, 3) == "三、"
    assert label(Numbering.cjk_paren, 3) == "(三)"
    assert label(Numbering.decimal, 3) == "3."
    assert label(Numbering.decimal_comma, 3) == "3、"
    assert label(Numbering.decimal_paren, 3) == "(3)"
    assert label(Numbering.none, 3) == ""


def test_levels_descend_like_official_outlines():
    style, seen = Numbering.cjk, []
    for _ in range(4):
        seen.append(style)
        style = next_level(style)
    assert seen == [Numbering.cjk, Numbering.cjk_paren, Numbering.decimal, Numbering.decimal_paren]
    assert next_level(Numbering.decimal_comma) is Numbering.decimal_paren


def test_source_labels_are_kept_and_empty_labels_do_not_count():
    # The source repeats (一), leaves a row unnumbered, then goes on.
    got = list(labels(Numbering.cjk_paren, [None, None, "(一)", "", None]))
    assert got == ["(一)", "(二)", "(一)", "", "(四)"]
