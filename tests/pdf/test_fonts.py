"""The PDF cache key follows the fonts a PDF can use: installing an unrelated font re-renders nothing."""

from __future__ import annotations

import pytest

from build_scripts.pdf import batch, fonts
from build_scripts.pdf.fonts import PdfFonts, stylesheet_families
from build_scripts.plan.load import load_plan_file
from build_scripts.render.environment import template_file

from ..support.project import ROOT


def test_the_families_a_stylesheet_names_in_order():
    css = 'html { font-family: "Noto Sans CJK TC", \'TW-Sung\', sans-serif; } th { font-family: TW-Kai, "Noto Sans CJK TC"; }'
    assert stylesheet_families(css) == ["Noto Sans CJK TC", "TW-Sung", "sans-serif", "TW-Kai"]


def test_a_text_the_named_fonts_draw_depends_on_them_only():
    named = PdfFonts("named", "everything", "4e00-9fff 20-7e")
    assert named.fingerprint("高雄市 plan 114") == "named"
    assert named.fingerprint("高雄市\u200b") == "named"  # a zero-width space is never drawn
    assert named.fingerprint("𠀋") != "named"  # outside the named fonts: some other installed font may draw it


@pytest.fixture()
def fresh_fonts():
    fonts._pdf_fonts.cache_clear()
    yield
    fonts._pdf_fonts.cache_clear()


def test_installing_a_font_no_stylesheet_names_changes_no_key_of_a_plan_in_the_named_fonts(fresh_fonts, monkeypatch):
    plan = load_plan_file(ROOT / "plans" / "kaohsiung-cijin-114.yaml")
    css = template_file("print.css").read_text("utf-8")
    before = fonts.pdf_fonts(css)
    assert before.named and before.fingerprint(plan.model_dump_json()) == before.named
    key = batch.cache_key(plan, "environment", (), before)

    listing = fonts.fonts_fingerprint()  # every installed font, not a named one
    with_libreoffice = "/usr/share/fonts/truetype/libreoffice/opens___.ttf|65536|0\n" + listing
    monkeypatch.setattr(fonts, "fonts_fingerprint", lambda: with_libreoffice)
    fonts._pdf_fonts.cache_clear()
    after = fonts.pdf_fonts(css)
    assert after.everything != before.everything and after.named == before.named
    assert batch.cache_key(plan, "environment", (), after) == key
    rare = plan.model_copy(update={"title": plan.title + "𝄞"})  # a character only other fonts may have
    assert ord("𝄞") not in after.coverage
    assert batch.cache_key(rare, "environment", (), after) != batch.cache_key(rare, "environment", (), before)


def test_fonts_asked_ahead_are_the_answer_the_build_then_gets(fresh_fonts, monkeypatch):
    css = template_file("print.css").read_text("utf-8")
    asked = []
    real = fonts.fonts_fingerprint
    monkeypatch.setattr(fonts, "fonts_fingerprint", lambda: asked.append(1) or real())
    fonts.ask_ahead(css)
    answer = fonts.pdf_fonts(css)  # waits for the thread's answer instead of asking again
    assert answer.named and asked == [1]
    assert fonts.pdf_fonts(css) is answer
