"""The ODT download: odfpy output, reloaded with odfpy (LibreOffice is not needed)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from odf import dc, meta, teletype
from odf import table as odftable
from odf.element import Element, Node, Text
from odf.namespaces import STYLENS, TABLENS, TEXTNS
from odf.opendocument import OpenDocument, load
from odf.style import DefaultStyle, FontFace, TextProperties
from odf.text import H, P

from build_scripts.odt import body
from build_scripts.odt.body import BodyElement
from build_scripts.odt.document import _Builder, render_odt
from build_scripts.plan.load import load_plan_file
from build_scripts.plan.model import Plan

from ..support import fidelity
from ..support.project import FIXTURES, PLAN_FILES, ROOT, SEED_PLANS, SEEDS

SAMPLE = FIXTURES / "plans" / "sample-114.yaml"

HOSTILE = "<script>alert(1)</script> & {{ x }} {% if %} &amp; ]]> \"'"


def save(tmp_path: Path, plan: Plan, name: str = "plan.odt") -> Path:
    path = tmp_path / name
    path.write_bytes(render_odt(plan))
    return path


def elements(node, *qnames):
    """Elements with one of these qualified names, in document order."""
    for child in node.childNodes:
        if child.nodeType != Node.ELEMENT_NODE:
            continue
        if child.qname in qnames:
            yield child
        yield from elements(child, *qnames)


def text_of(node) -> str:
    return teletype.extractText(node)


def headings(document) -> list[tuple[int, str]]:
    return [(int(h.getAttrNS(TEXTNS, "outline-level")), text_of(h)) for h in document.getElementsByType(H)]


def paragraphs(node) -> list[str]:
    """Text of every paragraph and heading, in reading order (table cells included)."""
    return [text_of(e) for e in elements(node, (TEXTNS, "p"), (TEXTNS, "h"))]


def cells(row):
    return [c for c in row.childNodes if c.nodeType == Node.ELEMENT_NODE]


def is_covered(cell) -> bool:
    return cell.qname == (TABLENS, "covered-table-cell")


def meta_texts(document, kind) -> list[str]:
    return [str(e) for e in document.meta.getElementsByType(kind)]


@pytest.fixture(scope="module")
def sample_plan() -> Plan:
    return load_plan_file(SAMPLE)


@pytest.fixture(scope="module")
def sample(sample_plan, tmp_path_factory):
    path = save(tmp_path_factory.mktemp("odt"), sample_plan)
    return load(str(path))


def test_is_a_valid_odt_package(sample_plan, tmp_path):
    path = save(tmp_path, sample_plan)
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        assert names[0] == "mimetype"
        assert package.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        assert package.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert {"content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"} <= set(names)
        assert package.testzip() is None


def test_headings_have_outline_levels_in_reading_order(sample):
    assert headings(sample) == [
        (1, "範例區公所114年度提升服務執行計畫"),
        (2, "壹、計畫依據"),
        (2, "貳、計畫目標"),
        (2, "參、計畫內容"),
    ]
    styles = [h.getAttrNS(TEXTNS, "style-name") for h in sample.getElementsByType(H)]
    assert styles == ["Title", "Heading_20_2", "Heading_20_2", "Heading_20_2"]


def test_metadata_block_follows_the_title(sample):
    texts = paragraphs(sample.text)
    assert texts[1:7] == [
        "機關：範例市範例區公所（新北市，區公所）",
        "年度：民國114年度（2025年）",
        "計畫依據：範例市政府提升服務實施計畫（範例市政府 民國110年1月5日 範府研發字第11030001300號）",
        "本計畫發文：民國114年1月20日 範區秘字第11430000100號",
        "發布日期：民國114年1月22日",
        "最後更新日期：民國114年3月1日",
    ]


def test_only_the_plans_own_dates_are_the_documents_dates(sample_plan, tmp_path):
    """The ODT says when the plan was last amended (its updated field), never when a file was committed."""
    document = load(str(save(tmp_path, sample_plan.model_copy(update={"updated": dt.date(2025, 6, 30)}))))
    assert "最後更新日期：民國114年6月30日" in paragraphs(document.text)
    assert meta_texts(document, dc.Date) == ["2025-06-30T00:00:00"]
    undated = load(str(save(tmp_path, sample_plan.model_copy(update={"updated": None}), "undated.odt")))
    assert not any(t.startswith("最後更新日期") for t in paragraphs(undated.text))


def test_list_labels_match_the_web_page(sample):
    texts = paragraphs(sample.text)
    start = texts.index("提升本所行政效能。")
    assert texts[start + 1 : start + 7] == [
        "一、\t持續推動民眾滿意服務。",
        "(一)\t擴大服務使用者的參與。",
        "(二)\t建構多元服務環境。",
        "1.\t第一小項。",
        "一、\t原文重複編號的項目。",
        "三、\t第一行。\n第二行。",
    ]


def test_nested_lists_are_nested(sample):
    item = next(p for p in sample.getElementsByType(P) if text_of(p) == "1.\t第一小項。")
    depth, node = 0, item
    while node is not None and getattr(node, "qname", None) != (TEXTNS, "section"):
        if getattr(node, "qname", None) == (TEXTNS, "list"):
            depth += 1
        node = node.parentNode
    assert depth == 3
    outer = next(elements(sample.text, (TEXTNS, "list")))
    assert outer.getAttrNS(TEXTNS, "style-name").startswith("Plan_20_List")


def test_line_breaks_are_line_break_elements(sample):
    item = next(p for p in sample.getElementsByType(P) if text_of(p).startswith("三、\t第一行。"))
    assert [c.qname for c in item.childNodes if c.nodeType == Node.ELEMENT_NODE][-1] == (TEXTNS, "line-break")


def test_sectionless_heading_label_starts_the_paragraph(sample):
    assert paragraphs(sample.text)[-1] == "肆、本計畫如有未盡事宜，得依實際需要修正。"


def test_table_header_row_repeats_and_merges_labels(sample):
    tables = sample.getElementsByType(odftable.Table)
    assert len(tables) == 1
    table = tables[0]
    header_rows = table.getElementsByType(odftable.TableHeaderRows)
    assert len(header_rows) == 1
    (row,) = header_rows[0].getElementsByType(odftable.TableRow)
    slots = cells(row)
    assert [text_of(c) for c in slots if not is_covered(c)] == ["執行要項", "執行重點", "執行單位"]
    assert len(slots) == 4  # the full grid: the merged header covers one slot
    assert slots[1].getAttrNS(TABLENS, "number-columns-spanned") == "2"
    assert is_covered(slots[2])
    # the caption is above the table
    before = table.parentNode.childNodes[table.parentNode.childNodes.index(table) - 1]
    assert text_of(before) == "計畫內容"


def test_table_cells_rowspans_and_covered_cells(sample):
    table = sample.getElementsByType(odftable.Table)[0]
    header = table.getElementsByType(odftable.TableHeaderRows)[0]
    body_rows = [r for r in table.childNodes if r.qname == (TABLENS, "table-row")]
    assert header not in body_rows and len(body_rows) == 4
    grid = [cells(r) for r in body_rows]
    assert all(len(r) == 4 for r in grid)  # every row has one slot per column

    first = grid[0][0]
    assert text_of(first) == "一、完備基礎服務項目"
    assert first.getAttrNS(TABLENS, "number-rows-spanned") == "3"
    assert [is_covered(row[0]) for row in grid] == [False, True, True, False]

    assert text_of(grid[0][1]) == "(一)訂定計畫。"
    assert grid[0][1].getAttrNS(TABLENS, "number-rows-spanned") == "2"
    assert is_covered(grid[1][1])
    assert text_of(grid[0][2]) == "1.訂定本所執行計畫。"
    assert text_of(grid[0][3]) == "秘書室"
    assert paragraphs(grid[1][2]) == ["2.服務資訊公開", "(1)\t服務場所。", "(2)\t機關網站。"]
    assert text_of(grid[1][3]) == "各課室\n人事室"

    spanning = grid[2][1]
    assert text_of(spanning) == "(二)依據服務特性辦理滿意度調查。"
    assert spanning.getAttrNS(TABLENS, "number-columns-spanned") == "2"
    assert is_covered(grid[2][2])
    assert text_of(grid[2][3]) == "各課室"
    assert text_of(grid[3][0]) == "不編號的要項"


def test_document_metadata(sample, sample_plan):
    assert meta_texts(sample, dc.Title) == [sample_plan.title]
    assert meta_texts(sample, dc.Creator) == ["範例市範例區公所"]
    assert meta_texts(sample, meta.InitialCreator) == ["範例市範例區公所"]
    assert meta_texts(sample, dc.Language) == ["zh-TW"]
    assert meta_texts(sample, dc.Subject) == ["提升服務計畫"]
    words = meta_texts(sample, meta.Keyword)
    assert {"範例市範例區公所", "新北市", "提升服務計畫", "114年度"} <= set(words)
    assert meta_texts(sample, meta.CreationDate) == ["2025-01-22T00:00:00"]
    assert meta_texts(sample, dc.Date) == ["2025-03-01T00:00:00"]


def test_languages_and_cjk_font(sample):
    (default,) = [s for s in sample.styles.getElementsByType(DefaultStyle) if s.getAttrNS(STYLENS, "family") == "paragraph"]
    (props,) = default.getElementsByType(TextProperties)
    assert props.getAttrNS(STYLENS, "language-asian") == "zh"
    assert props.getAttrNS(STYLENS, "country-asian") == "TW"
    assert props.getAttribute("language") == "zh" and props.getAttribute("country") == "TW"
    assert props.getAttrNS(STYLENS, "font-name-asian") == "Noto Sans CJK TC"
    faces = [f.getAttrNS(STYLENS, "name") for f in sample.fontfacedecls.getElementsByType(FontFace)]
    assert "Noto Sans CJK TC" in faces


def test_output_is_byte_identical(sample_plan, tmp_path):
    first = render_odt(sample_plan)
    load(str(save(tmp_path, load_plan_file(PLAN_FILES[0]))))  # odfpy activity in between
    assert render_odt(sample_plan) == first
    with zipfile.ZipFile(save(tmp_path, sample_plan)) as package:
        assert {info.date_time for info in package.infolist()} == {(2025, 3, 1, 0, 0, 0)}


def test_output_is_byte_identical_in_a_fresh_process(sample_plan, tmp_path):
    """No clock, no hash order, no odfpy state left over from earlier documents."""
    script = (
        "import sys\n"
        "from build_scripts.plan.load import load_plan_file\n"
        "from build_scripts.odt.document import render_odt\n"
        "sys.stdout.buffer.write(render_odt(load_plan_file(sys.argv[1])))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    fresh = subprocess.run([sys.executable, "-c", script, str(SAMPLE)], cwd=ROOT, env=env, capture_output=True, check=True)
    assert fresh.stdout == render_odt(sample_plan)


def test_hostile_text_comes_back_exactly(tmp_path):
    plan = hostile_plan(tmp_path)
    document = load(str(save(tmp_path, plan)))
    texts = paragraphs(document.text)
    assert texts[0] == HOSTILE
    assert f"機關：{HOSTILE}（新北市，區公所）" in texts
    assert "壹、" + HOSTILE in texts
    assert "<script>alert(1)</script> & {{ x }}" in texts
    assert "兩個  空白\t與定位\n與換行" in texts
    assert "  開頭三空白\t\t兩個定位   \x85\ufffd 結尾兩空白  " in texts  # U+007F: XML discourages it
    assert "一、" + HOSTILE in texts
    assert "一、" + HOSTILE in [text_of(c) for c in document.getElementsByType(odftable.TableCell)]
    assert meta_texts(document, dc.Title) == [HOSTILE]
    assert meta_texts(document, dc.Creator) == [HOSTILE]
    with zipfile.ZipFile(tmp_path / "plan.odt") as package:
        content = package.read("content.xml").decode("utf-8")
    assert "<script>" not in content and "&lt;script&gt;" in content


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
def test_every_plan_renders_and_reloads(path, tmp_path):
    plan = load_plan_file(path)
    document = load(str(save(tmp_path, plan)))
    found = headings(document)
    assert found[0] == (1, plan.title)
    assert all(level == 2 for level, _ in found[1:])
    assert len(found) - 1 == sum(1 for s in plan.sections if s.heading)
    assert meta_texts(document, dc.Title) == [plan.title]
    for table in document.getElementsByType(odftable.Table):
        assert len(table.getElementsByType(odftable.TableHeaderRows)) == 1
        widths = set()
        for row in table.getElementsByType(odftable.TableRow):
            widths.add(len(cells(row)))
        assert len(widths) == 1  # a full grid: every row has one slot per column
    assert render_odt(plan) == render_odt(plan)


def as_odfpy(node):
    """A light body element (``odt.body``) rebuilt as odfpy's own, through odfpy's grammar checks."""
    if isinstance(node, str):
        return Text(node)
    rebuilt = Element(qname=node.qname, qattributes=node.attributes)
    for child in node.childNodes:
        if isinstance(child, str):
            rebuilt.addText(child)
        else:
            rebuilt.addElement(as_odfpy(child))
    return rebuilt


def hostile_plan(tmp_path) -> Plan:
    """The sample, with text people paste (markup, entities, tabs, line breaks, runs of spaces) in a
    title, a name, a heading, list items and a table cell."""
    quoted = json.dumps(HOSTILE, ensure_ascii=False)  # a JSON string is a YAML scalar
    source = SAMPLE.read_text("utf-8")
    for old, new in (
        ("title: 範例區公所114年度提升服務執行計畫", f"title: {quoted}"),
        ("  name: 範例市範例區公所", f"  name: {quoted}"),
        ("  - heading: 計畫依據", f"  - heading: {quoted}"),
        (
            "      - 範例市政府提升服務實施計畫。",
            '      - "<script>alert(1)</script> & {{ x }}"\n'
            '      - "兩個  空白\\t與定位\\n與換行"\n'
            '      - "  開頭三空白\\t\\t兩個定位   \\u0085\\u007f 結尾兩空白  "\n'
            f"      - items: [{quoted}]",
        ),
        ("          - cell: 完備基礎服務項目", f"          - cell: {quoted}"),
    ):
        assert old in source
        source = source.replace(old, new, 1)
    (tmp_path / "hostile.yaml").write_text(source, "utf-8")
    return load_plan_file(tmp_path / "hostile.yaml")


@pytest.mark.parametrize("path", [SAMPLE, *PLAN_FILES, "hostile"], ids=lambda p: getattr(p, "stem", p))
def test_the_body_is_written_as_odfpy_writes_its_own_elements(path, tmp_path):
    """The body is made of light elements (``odt.body``): rebuilt as odfpy's own elements, through
    odfpy's grammar checks (every child allowed where it is), it gives the same XML, escaping and all."""
    plan = hostile_plan(tmp_path) if path == "hostile" else load_plan_file(path)
    text = _Builder(plan, plan.updated).build().text
    ours, odfpys = io.StringIO(), io.StringIO()
    text.toXml(1, ours)
    as_odfpy(text).toXml(1, odfpys)
    assert ours.getvalue() == odfpys.getvalue()
    assert "<text:p" in ours.getvalue()


@pytest.mark.parametrize(
    "value", ["a\tb", "a\nb", "x   y", "  開頭", "結尾  ", "\t\t", "a \t b", " ", "\x85\x7f\ufdd0\U0001fffe", HOSTILE]
)
def test_text_is_added_as_odfpys_teletype_adds_it(value):
    """Tabs, line breaks and runs of spaces become text:tab, text:line-break and text:s exactly as odfpy's
    ``teletype.addTextToElement`` makes them; characters XML discourages are written as odfpy writes them."""
    ours, odfpys = BodyElement(body.P), P()
    body.add_text(ours, value)
    teletype.addTextToElement(odfpys, value)
    written = io.StringIO()
    ours.toXml(1, written)
    expected = io.StringIO()
    as_odfpy(ours).toXml(1, io.StringIO())  # rebuilding is allowed by the grammar
    odfpys.toXml(1, expected)
    assert written.getvalue() == expected.getvalue()


@pytest.mark.parametrize("path", [SAMPLE, *PLAN_FILES], ids=lambda p: p.stem)
def test_the_automatic_styles_written_are_odfpys_own(path):
    """Our faster lookup of the automatic styles an ODT uses finds what odfpy's own finds: in content.xml
    (what the styles and the body name) and in styles.xml (what the page layouts name)."""
    plan = load_plan_file(path)
    document = _Builder(plan, plan.updated).build()
    ours = [
        [style.getAttrNS(STYLENS, "name") for style in document._used_auto_styles(segments)]
        for segments in ([document.styles, document.automaticstyles, document.body], [document.masterstyles])
    ]
    document.body.childNodes[:] = [as_odfpy(document.text)]  # odfpy's lookup reads odfpy's elements only
    for segments, found in zip(
        ([document.styles, document.automaticstyles, document.body], [document.masterstyles]), ours, strict=True
    ):
        odfpys = [style.getAttrNS(STYLENS, "name") for style in OpenDocument._used_auto_styles(document, segments)]
        assert found == odfpys
    assert len(document.automaticstyles.childNodes) > 1  # the plan's own styles, not only odfpy's


def test_every_document_gets_the_shared_styles_unchanged(sample_plan, tmp_path):
    """The styles every ODT has are made once and written into each document: writing one document
    leaves them as they were for the next (the same styles.xml, whatever came before)."""
    first = zipfile.ZipFile(save(tmp_path, sample_plan, "a.odt")).read("styles.xml")
    for path in PLAN_FILES:
        render_odt(load_plan_file(path))
    again = zipfile.ZipFile(save(tmp_path, sample_plan, "b.odt")).read("styles.xml")
    assert again == first
    assert b'style:name="Plan_20_List"' in first and b'style:name="Plan_20_Page"' in first


@pytest.mark.parametrize("seed", sorted(SEED_PLANS))
def test_odt_keeps_every_line_of_the_source(seed, tmp_path):
    plan = load_plan_file(ROOT / "plans" / f"{SEED_PLANS[seed]}.yaml")
    document = load(str(save(tmp_path, plan)))
    text = "\n".join(paragraphs(document.text))
    source = (SEEDS / seed).read_text("utf-8")
    assert fidelity.missing(source, text) == []
    assert len(fidelity.source_fragments(source)) > 40


def test_libreoffice_is_not_needed(sample_plan, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice / libreoffice to be found
    assert shutil.which("soffice") is None and shutil.which("libreoffice") is None
    path = save(tmp_path, sample_plan)
    assert headings(load(str(path)))[0][1] == sample_plan.title
