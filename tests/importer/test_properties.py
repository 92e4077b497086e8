"""Whatever comes in — damaged or odd text, DOCX, ODT or PDF — the importer either writes a valid draft or
refuses with a located message in Traditional Chinese and a hint; never a traceback."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts.importer.guarded_zip import ImportRefused
from build_scripts.importer.run import import_file
from build_scripts.plan.load import parse_plan
from build_scripts.plan.problems import errors

FIXTURES = Path(__file__).parent / "fixtures"
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
_HAN = re.compile(r"[\u4e00-\u9fff]")

LABELS = st.sampled_from(["", "壹、", "貳、", "一、", "二、", "(一)", "（二）", "1.", "2、", "(3)", "●", "- ", "\t", "目錄"])
WORDS = st.sampled_from(
    [
        "計畫依據",
        "高雄市",
        "旗津區公所",
        "屏東縣政府",
        "地政局",
        "115年度",
        "104至107年度",
        "函頒",
        "……3",
        "\t",
        "。",
        "：",
        "、",
        "「",
        "」",
        " ",
    ]
)
LINE = st.builds(lambda label, words: label + "".join(words), LABELS, st.lists(WORDS, max_size=8))
TEXT = st.lists(LINE, max_size=30).map("\n".join) | st.text(max_size=300)


def _check(path: Path) -> None:
    """The import either gives a valid draft or is refused with a message and a hint in Chinese."""
    try:
        result = import_file(path)
    except ImportRefused as refused:
        assert _HAN.search(refused.message) and _HAN.search(refused.hint), (refused.message, refused.hint)
        return
    assert not errors(result.problems), [str(p) for p in result.problems]
    plan, problems = parse_plan(result.text.encode("utf-8"), f"plans/{result.plan_id}.yaml")
    assert plan is not None and plan.draft and not errors(problems)


@SLOW
@given(text=TEXT, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp950"]))
def test_any_text_imports_or_is_refused_in_words(tmp_path_factory, text: str, encoding: str):
    path = tmp_path_factory.mktemp("text") / "計畫.txt"
    path.write_bytes(text.encode(encoding, errors="replace"))
    _check(path)


@SLOW
@given(lines=st.lists(st.tuples(LINE, st.integers(0, 3), st.booleans()), max_size=20), rows=st.integers(0, 4))
def test_any_word_document_imports_or_is_refused_in_words(tmp_path_factory, lines, rows: int):
    document = docx.Document()
    for text, level, heading in lines:
        document.add_paragraph(text, style=f"Heading {level + 1}" if heading else None)
    if rows:
        table = document.add_table(rows=rows, cols=3)
        for r in range(rows):
            table.cell(r, 0).text = f"{'一二三四'[r]}、項目"
        if rows > 1:
            table.cell(0, 1).merge(table.cell(rows - 1, 1)).text = "(一)合併的儲存格"
    path = tmp_path_factory.mktemp("docx") / "計畫.docx"
    document.save(str(path))
    _check(path)


@st.composite
def damaged(draw, data: bytes) -> bytes:
    """The file cut short, or with bytes overwritten (a bad download, a broken disk)."""
    cut = draw(st.integers(1, len(data)))
    out = bytearray(data[:cut] if draw(st.booleans()) else data)
    for _ in range(draw(st.integers(0, 6))):
        out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
    return bytes(out)


def _damaged_files(suffix: str, name: str = "land-office-auto-numbering"):
    data = (FIXTURES / f"{name}.{suffix}").read_bytes()
    return damaged(data)


@SLOW
@given(data=_damaged_files("docx"))
def test_a_damaged_docx_imports_or_is_refused_in_words(tmp_path_factory, data: bytes):
    path = tmp_path_factory.mktemp("docx") / "計畫.docx"
    path.write_bytes(data)
    _check(path)


@SLOW
@given(data=_damaged_files("odt"))
def test_a_damaged_odt_imports_or_is_refused_in_words(tmp_path_factory, data: bytes):
    path = tmp_path_factory.mktemp("odt") / "計畫.odt"
    path.write_bytes(data)
    _check(path)


@SLOW
@given(data=_damaged_files("pdf", "city-bureau-typed-one"))
def test_a_damaged_pdf_imports_or_is_refused_in_words(tmp_path_factory, data: bytes):
    path = tmp_path_factory.mktemp("pdf") / "計畫.pdf"
    path.write_bytes(data)
    _check(path)


@settings(max_examples=15, deadline=None)
@given(suffix=st.sampled_from(["docx", "odt", "pdf", "txt"]), data=st.binary(max_size=2000))
def test_random_bytes_under_any_name_are_refused_in_words(tmp_path_factory, suffix: str, data: bytes):
    path = tmp_path_factory.mktemp("bytes") / f"計畫.{suffix}"
    path.write_bytes(data)
    _check(path)


def test_the_checks_see_a_valid_import():
    """The property holds for real documents too (so the checks above can pass only by either branch)."""
    buffer = io.BytesIO((FIXTURES / "land-office-auto-numbering.docx").read_bytes())
    assert buffer.getbuffer().nbytes > 0
    result = import_file(FIXTURES / "land-office-auto-numbering.docx")
    assert result.data["draft"] is True
