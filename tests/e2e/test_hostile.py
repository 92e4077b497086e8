"""Hostile and awkward text, and a very large plan, through the real build: page, PDF and ODT."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pikepdf
import pytest
from odf import teletype
from odf.opendocument import load as load_odt
from odf.text import P

from build_scripts.audit.browser import chromium, serve
from build_scripts.pdf import batch as printing
from build_scripts.pdf import typeset as pdf
from build_scripts.pdf.tags import structure_elements
from build_scripts.plan.load import parse_plan

from ..support.project import copy_project, mkdocs, pdftotext

LONG = "https://www.example.gov.tw/" + "ａ" * 120 + "x" * 150
TEXTS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "{{ config.site_name }} {% raw %}",
    "**不是粗體** | 不是表格 |",
    "[不是連結](javascript:alert(1))",
    "&lt;實體&gt; &amp;",
    "罕用字𠀀𪜀與全形ＡＢＣ半形ｱｲｳ",
    "表情符號😀",
    LONG,
]


def hostile_plan() -> dict:
    return {
        "id": "hostile-114",
        "title": "測試<b>標題</b>{{ 1+1 }}",
        "agency": {"id": "hostile-office", "name": "測試區公所", "city": "新竹市", "type": "區公所"},
        "year": 114,
        "sections": [
            {"heading": "# 不是標題", "blocks": [*TEXTS[:4], LONG, {"items": TEXTS[4:7]}]},
            {
                "heading": "計畫內容",
                "blocks": [
                    {
                        "caption": "表格",
                        "columns": ["項目", "說明"],
                        "rows": [{"cell": t, "rows": [{"cell": t}]} for t in TEXTS[6:]],
                    }
                ],
            },
        ],
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("hostile")
    copy_project(project)
    (project / "plans" / "hostile-114.yaml").write_text(json.dumps(hostile_plan(), ensure_ascii=False, indent=1), "utf-8")
    result = mkdocs(project, "build")
    assert result.returncode == 0, result.stderr
    return project / "site"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_page_shows_every_text_as_typed_and_runs_none_of_it(hostile_site: Path):
    from html import unescape

    html = (hostile_site / "disclosure" / "hsinchu-city" / "hostile-office" / "hostile-114" / "index.html").read_text("utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    assert "<script" not in article and "<img" not in article and "<b>" not in article
    assert 'href="javascript' not in article and "<strong>" not in article
    visible = _squash(unescape(re.sub(r"<[^>]+>", "", article)))
    for text in [*TEXTS, "測試<b>標題</b>{{ 1+1 }}", "# 不是標題"]:
        assert _squash(text) in visible, text


def test_pdf_and_odt_carry_every_text_as_typed(hostile_site: Path):
    folder = hostile_site / "disclosure" / "hsinchu-city" / "hostile-office"
    printed = _squash(pdftotext(folder / "hostile-114.pdf"))
    document = load_odt(str(folder / "hostile-114.odt"))
    written = _squash("".join(teletype.extractText(p) for p in document.getElementsByType(P)))
    for text in TEXTS:
        if text == LONG:
            continue  # wrapped across lines with breaks pdftotext cannot join; checked below
        assert _squash(text) in printed, text
        assert _squash(text) in written, text
    assert _squash(LONG) in written
    assert "ａ" * 20 in printed and "x" * 40 in printed.replace("-", "")


def test_long_unbroken_text_stays_inside_the_pdf_page(hostile_site: Path):
    path = hostile_site / "disclosure" / "hsinchu-city" / "hostile-office" / "hostile-114.pdf"
    with pikepdf.open(path) as document:
        width = float(document.pages[0].MediaBox[2])
    boxes = pdftotext(path, "-bbox")
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes)]
    assert right_edges and max(right_edges) <= width


def test_long_unbroken_text_does_not_widen_the_page_on_a_phone(hostile_site: Path):
    with serve(hostile_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(base + "disclosure/hsinchu-city/hostile-office/hostile-114/")
        overflow = page.evaluate(
            """() => [...document.querySelectorAll("article p")]
                 .filter(p => p.textContent.includes("https://www.example.gov.tw/"))
                 .map(p => [p.getBoundingClientRect().right, p.scrollWidth, p.clientWidth, innerWidth])"""
        )
        page.close()
    assert overflow  # the paragraph holding the long address
    for right, scroll_width, client_width, viewport in overflow:
        assert right <= viewport and scroll_width <= client_width


def big_plan(rows: int = 2000) -> dict:
    name = ("高雄市" + "非常長的機關名稱" * 30)[:197] + "區公所"
    leaves_per_point = rows // 200
    table_rows = [
        {
            "cell": f"要項{a + 1}：提升服務品質與效能",
            "rows": [
                {
                    "cell": f"重點{a + 1}-{b + 1}：落實為民服務",
                    "rows": [
                        {
                            "cell": f"第{a + 1}項第{b + 1}點第{c + 1}步：依規定辦理並追蹤成效，每月檢討一次。",
                            "rows": [{"cell": "秘書室"}],
                        }
                        for c in range(leaves_per_point)
                    ],
                }
                for b in range(10)
            ],
        }
        for a in range(20)
    ]
    return {
        "id": "big-114",
        "title": "大型計畫：兩千列的計畫內容表",
        "agency": {"id": "big-office", "name": name, "city": "高雄市", "type": "區公所"},
        "year": 114,
        "sections": [
            {
                "heading": "計畫內容",
                "blocks": [
                    {
                        "columns": [
                            {"label": "執行要項", "numbering": "cjk"},
                            {"label": "執行重點", "numbering": "cjk-paren"},
                            {"label": "執行步驟", "numbering": "decimal"},
                            "承辦單位",
                        ],
                        "rows": table_rows,
                    }
                ],
            }
        ],
    }


@pytest.mark.e2e
def test_a_plan_with_2000_rows_and_a_200_character_agency_paginates_and_stays_readable(tmp_path: Path):
    import page as page_validation

    data = big_plan()
    assert len(data["agency"]["name"]) == 200
    plan, problems = parse_plan(json.dumps(data, ensure_ascii=False).encode("utf-8"), "plans/big.yaml")
    assert plan is not None and problems == []
    rendered = printing.render_pdfs([plan], None)["big-114"]
    path = tmp_path / "big.pdf"
    path.write_bytes(rendered.data)
    assert rendered.pages >= 60
    # One table of 2,000 rows is beyond page-validation's default safety limit of 1,024 grid rows.
    limits = page_validation.SafetyLimits(max_table_grid_rows=20_000)
    assert page_validation.validate_pdf(str(path), profile="ua1", limits=limits).failures == []
    last = pdftotext(path, "-f", str(rendered.pages), "-l", str(rendered.pages))
    assert f"第 {rendered.pages} 頁，共 {rendered.pages} 頁" in last
    # One Table element holds all 2,000 rows; each page repeats the header row (as an artifact).
    with pikepdf.open(path) as document:
        tables = [e for e, _ in structure_elements(document.Root.StructTreeRoot.K) if e.S == "/Table"]
        body = next(k for k in tables[-1].K if isinstance(k, pikepdf.Dictionary) and k.S == "/TBody")
        assert len(tables) == 2 and len([r for r in body.K if isinstance(r, pikepdf.Dictionary)]) == 2000
    for number in (2, rendered.pages // 2, rendered.pages):
        text = re.sub(r"\s+", "", pdftotext(path, "-raw", "-f", str(number), "-l", str(number)))
        # Every page shows which 要項 its rows belong to: once, marked 「（續）」 where it goes on.
        assert "執行要項" in text and len(re.findall(r"要項\d+：", text)) >= 1, number
        assert number == 1 or "（續）" in text, number
    table = pdf.print_html(plan).split('<table id="table-1-1" class="plan-grid">')[1].split("</table>")[0]
    assert table.count("<tr>") == 2000 + 1  # every row, and the header row
