"""plansite import FOLDER: every document, one summary table, nothing overwritten; and the PDFs that cannot
be read (a scan, fonts without a Unicode map) are refused with what to do, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts.cli import main
from build_scripts.plan.load import load_directory

from .test_bad_input import run_import

FIXTURES = Path(__file__).parent / "fixtures"


def _folder(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "十年的計畫"
    folder.mkdir()
    for name in names:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def test_a_folder_imports_every_document_into_drafts_with_one_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    names = ["county-government-headings.docx", "county-government-headings.pdf", "scanned.pdf", "table-over-pages.odt"]
    folder = _folder(tmp_path, names)
    (folder / "說明.xlsx").write_bytes(b"PK\x03\x04")
    status, out, err = run_import(tmp_path, monkeypatch, str(folder))
    assert status == 1 and "Traceback" not in out + err  # one document was refused
    lines = out.splitlines()
    assert lines[0].split() == ["文件", "寫入的檔案", "待確認", "結果"]
    row = {line.split()[0]: line for line in lines[2:7]}
    assert "plans/pingtung-government-115.yaml" in row["county-government-headings.docx"]
    assert "plans/pingtung-government-115-2.yaml" in row["county-government-headings.pdf"]  # never overwritten
    assert "無法匯入：這個 PDF 是掃描的影像" in row["scanned.pdf"]
    assert "無法匯入：不認得「.xlsx」的檔案" in row["說明.xlsx"]
    assert "plans/kaohsiung-cijin-115.yaml" in row["table-over-pages.odt"] and "草稿；3 個章節" in row["table-over-pages.odt"]
    assert "共 5 份文件：3 份匯入成草稿，2 份沒有匯入。" in out and "提示：scanned.pdf：請向承辦人索取原始的 Word" in out
    plans, problems = load_directory(tmp_path / "plans")
    assert problems == [] and len(plans) == 3 and all(p.plan.draft for p in plans)
    before = {p.name: p.read_bytes() for p in (tmp_path / "plans").iterdir()}
    run_import(tmp_path, monkeypatch, str(folder))  # again: new names, the first ones untouched
    assert all((tmp_path / "plans" / name).read_bytes() == data for name, data in before.items())
    assert (tmp_path / "plans" / "pingtung-government-115-3.yaml").is_file()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("scanned.pdf", "這個 PDF 是掃描的影像，沒有文字層，讀不出文字"),
        ("no-unicode-map.pdf", "PDF 的字型沒有文字對照表（抽出的字是「(cid:…)」代碼），讀不出正確的文字"),
    ],
)
def test_a_pdf_without_readable_text_is_refused_with_what_to_do(name: str, message: str, tmp_path: Path, monkeypatch):
    source = tmp_path / name
    shutil.copy(FIXTURES / name, source)
    status, out, err = run_import(tmp_path, monkeypatch, str(source))
    assert status == 1 and f"無法匯入 {source}：{message}" in err
    assert "提示：" in err and "原始的 Word（.docx）或 ODT 檔" in err and "沒有寫入任何檔案。" in err
    assert list((tmp_path / "plans").iterdir()) == [] and "Traceback" not in out + err


def test_out_names_the_plan_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    source = tmp_path / "計畫.pdf"
    shutil.copy(FIXTURES / "city-bureau-typed-one.pdf", source)
    status, out, _ = run_import(tmp_path, monkeypatch, str(source), "--out", "plans/kaohsiung-apo-115.yaml")
    assert status == 0 and "草稿" in out
    text = (tmp_path / "plans" / "kaohsiung-apo-115.yaml").read_text("utf-8")
    assert "\nid: kaohsiung-apo-115\n" in text
    status, _, err = run_import(tmp_path, monkeypatch, str(source), "--out", "plans/動保處.yaml")
    assert status == 2 and "只能用小寫英文字母、數字與連字號" in err


def test_validate_counts_the_drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    source = tmp_path / "計畫.docx"
    shutil.copy(FIXTURES / "land-office-auto-numbering.docx", source)
    assert run_import(tmp_path, monkeypatch, str(source))[0] == 0
    assert main(["validate"]) == 0
    assert "1 個計畫檔都正確（其中 1 個是草稿，不會發布）。" in capsys.readouterr().out
