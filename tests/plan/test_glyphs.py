"""Font coverage: a character no installed font can draw stops the build with a located message."""

from __future__ import annotations

from build_scripts.plan import glyphs
from build_scripts.plan.consistency import check_glyphs
from build_scripts.plan.load import parse_plan
from build_scripts.plan.yaml_positions import load_located

from ..support.project import FIXTURES


def test_parse_charsets_merges_ranges():
    coverage = glyphs.parse_charsets("20-7e a0-ff\n4e00-4e05 4e06 20000\n")
    assert 0x41 in coverage and 0x4E06 in coverage and 0x20000 in coverage
    assert 0x7F not in coverage and 0x4E07 not in coverage
    assert len(coverage) == 95 + 96 + 7 + 1


def test_invisible_and_combining_characters_are_not_asked_for_glyphs():
    coverage = glyphs.parse_charsets("41")
    assert glyphs.undrawable("A\u200b\u202e \u0301", coverage) == []
    assert glyphs.undrawable("AB", coverage) == [(1, "B")]


def test_installed_fonts_cover_the_seed_plans_and_rare_characters():
    coverage = glyphs.installed()
    assert coverage is not None
    # Noto CJK, and the 全字庫 fonts for Extension B (𠀀 U+20000, 𪜀 U+2A700).
    for char in "永臺灣𠀀𪜀":
        assert ord(char) in coverage, char
    assert 0x10FFFD not in coverage


def test_a_character_no_font_draws_is_a_located_error():
    text = (FIXTURES / "plans" / "sample-114.yaml").read_text("utf-8")
    text = text.replace("範例區公所114年度提升服務執行計畫", "範例區公所\U0010fffd計畫", 1)
    located = load_located(text.encode("utf-8"), "plans/sample-114.yaml")
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if "\U0010fffd" in row)
    problems = check_glyphs(located, "plans/sample-114.yaml")
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.line, problem.field) == ("plans/sample-114.yaml", line, "title")
    assert "U+10FFFD" in str(problem) and "沒有任何字型" in str(problem)
    # The same error stops validation of the whole plan.
    _, all_problems = parse_plan(text.encode("utf-8"), "plans/sample-114.yaml")
    assert any("U+10FFFD" in str(p) for p in all_problems)


def test_without_fontconfig_the_check_warns_instead_of_guessing(monkeypatch):
    monkeypatch.setattr(glyphs, "installed", lambda: None)
    located = load_located((FIXTURES / "plans" / "sample-114.yaml").read_bytes(), "sample-114.yaml")
    problems = check_glyphs(located, "sample-114.yaml")
    assert [p.severity.name for p in problems] == ["warning"]
    assert "fontconfig" in problems[0].message


def test_characters_no_font_draws_are_one_error_a_field_naming_them():
    text = (FIXTURES / "plans" / "sample-114.yaml").read_text("utf-8")
    rare = "".join(chr(0x10FFF0 + i) for i in range(7))
    text = text.replace("範例區公所114年度提升服務執行計畫", f"範例{rare}{rare}計畫", 1)
    located = load_located(text.encode("utf-8"), "plans/sample-114.yaml")
    problems = check_glyphs(located, "plans/sample-114.yaml")
    assert [p.field for p in problems] == ["title"]
    message = problems[0].message
    assert "「\U0010fff0」（U+10FFF0）" in message and "U+10FFF4" in message and "U+10FFF5" not in message
    assert "等 7 個字" in message and "第一個在第 3 個字" in message


def test_without_a_chinese_font_a_plan_gets_one_message_saying_which_to_install():
    located = load_located((FIXTURES / "plans" / "sample-114.yaml").read_bytes(), "plans/sample-114.yaml")
    problems = check_glyphs(located, "plans/sample-114.yaml", glyphs.parse_charsets("20-7e"))
    assert len(problems) == 1
    assert (problems[0].line, problems[0].field) == (0, "")
    assert "沒有中文字型" in problems[0].message and "fonts-noto-cjk" in problems[0].hint
