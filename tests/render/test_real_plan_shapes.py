"""Real plans bend the five seeds' shape: a parent agency, a 核備 letter, versions, an item opening
with a term, a table under an item, a table without a header row, a term list, a cell listing
several units, a bulleted list. Each is shown on the page, in print and in the ODT."""

from __future__ import annotations

import io
import re

import markdown
import pytest
from odf import table as odftable
from odf import teletype
from odf.opendocument import load as load_odt
from odf.text import H, P

from build_scripts.odt.document import render_odt
from build_scripts.pdf.print_html import print_html
from build_scripts.plan.load import load_plan_file
from build_scripts.plan.model import Plan
from build_scripts.render.pages import Layout, plan_page

from ..support.plaintext import plan_text
from ..support.project import FIXTURES


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan_file(FIXTURES / "plans" / "gangshan-land-115.yaml")


@pytest.fixture(scope="module")
def html(plan: Plan) -> str:
    content = plan_page(plan, "plans/gangshan-land-115.yaml", None, Layout()).content.split("---\n", 2)[2]
    return markdown.markdown(content, extensions=["attr_list", "md_in_html"])


def test_metadata_names_the_parent_agency_the_letters_by_role_and_the_versions(html: str):
    assert "<dt>上級機關</dt>\n<dd>高雄市政府地政局</dd>" in html
    assert "高市府研發字第11030001300號函頒）" in html  # the basis was promulgated by letter
    assert "<dt>本計畫核備</dt>" in html and "高市地政秘字第11530000100號" in html
    assert '<dd><time datetime="2016-04-23">民國105年4月23日</time> 初版</dd>' in html
    assert "<dt>主動公開類別</dt>\n<dd>施政計畫、業務統計及研究報告（政府資訊公開法第7條）</dd>" in html


def test_an_item_opening_with_a_term_shows_it_emphasised(html: str):
    assert '<span class="plan-label">一、</span><strong class="plan-term">服務便捷化</strong>：透過線上申辦' in html


def test_a_table_under_an_item_without_a_header_row_stays_a_real_table(html: str):
    item = html.split('<span class="plan-label">二、</span>服務多元化', 1)[1].split("</li>", 1)[0]
    assert "<p>各課室依下表分工辦理：</p>" in item and "<caption" in item and "服務多元化分工" in item
    assert "<thead>" not in item  # no invented column labels
    assert '<th id="table-1-1-2-2-r1" class="plan-col-0" scope="row">登記課</th>' in item
    assert '<td id="table-1-1-2-2-r2" headers="table-1-1-2-2-r1" class="plan-col-1">跨域代收代寄</td>' in item


def test_term_lists_units_and_bullets_are_lists(html: str):
    assert '<dl class="plan-terms">\n<dt>登記課</dt>\n<dd>辦理土地及建物登記業務。</dd>' in html
    assert '<ul class="plan-list">\n<li>登記課</li>\n<li>測量課</li>\n<li>秘書室</li>\n</ul>' in html
    assert '<li><span class="plan-label" aria-hidden="true">●</span>推動數位地籍服務。</li>' in html


def test_print_and_odt_carry_the_same_text(plan: Plan):
    printed = print_html(plan)
    document = load_odt(io.BytesIO(render_odt(plan)))
    paragraphs = [*document.getElementsByType(H), *document.getElementsByType(P)]
    # a hanging indent puts a tab between a list label and its text
    odt_text = "\n".join(re.sub(r"^(\S+?)\t", r"\1", teletype.extractText(p)) for p in paragraphs)
    for line in plan_text(plan).splitlines():
        if line.strip() and "\t" not in line:
            assert line in odt_text, line
    for expected in ("本計畫核備", "服務便捷化", "跨域代收代寄", "辦理土地複丈及建物測量業務。", "●"):
        assert expected in printed
    # the table under item 二 is a real table in the ODT too (ODF allows no table inside a list item)
    tables = document.getElementsByType(odftable.Table)
    assert len(tables) == 2
    assert not tables[0].getElementsByType(odftable.TableHeaderRows)
    assert "本計畫核備：高雄市政府地政局 民國115年2月10日 高市地政秘字第11530000100號" in odt_text
