"""Files that are not plans, or not what their name says: a clear message with a hint, exit 1, nothing
written; and a plan file already in plans/ is never overwritten without --force."""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import docx
import pytest

from build_scripts.cli import main

from ..support.project import FIXTURES

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def run_import(project: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(project)
    (project / "plans").mkdir(exist_ok=True)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["import", *args])
    return status, out.getvalue(), err.getvalue()


def _not_a_plan(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("會議紀錄")
    document.add_paragraph("出席人員：王小明、李小華。")
    document.save(str(path))


def _corrupt(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)


def _password(path: Path) -> None:
    path.write_bytes(OLE + b"\x00" * 64 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 512)


def _word97(path: Path) -> None:
    path.write_bytes(OLE + b"\x00" * 64 + "WordDocument".encode("utf-16-le") + b"\x00" * 512)


def _image(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _spreadsheet(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:spreadsheet/></office:body></office:document-content>',
        )


CASES = [
    ("會議紀錄.docx", _not_a_plan, "文件裡找不到計畫的章節", "章節標題要以「壹、」「一、」等編號開頭"),
    ("壞掉的.docx", _corrupt, "DOCX 檔已損壞", "另存成 .docx 或 .odt"),
    ("有密碼.docx", _password, "檔案有密碼保護", "取消密碼"),
    ("舊版.doc", _word97, "舊版 Word 97–2003 的 .doc 檔", "另存成 .docx 或 .odt"),
    ("改名的圖片.docx", _image, "這個檔案其實是PNG 圖片", "計畫要從 Word（.docx）"),
    ("空的.odt", _empty, "檔案是空的", "確認選對了檔案"),
    ("試算表.odt", _spreadsheet, "這個 ODT 檔不是文字文件", "LibreOffice Writer"),
]


@pytest.mark.parametrize(("name", "make", "message", "hint"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_with_a_message_and_writes_nothing(name, make, message, hint, tmp_path: Path, monkeypatch):
    source = tmp_path / name
    make(source)
    status, out, err = run_import(tmp_path, monkeypatch, str(source))
    assert status == 1
    assert f"無法匯入 {source}：" in err and message in err and "提示：" in err and hint in err
    assert "沒有寫入任何檔案。" in err and "Traceback" not in err + out
    assert list((tmp_path / "plans").iterdir()) == []


def test_an_existing_plan_file_is_kept_unless_forced(tmp_path: Path, monkeypatch):
    from build_scripts.odt.document import render_odt
    from build_scripts.plan.load import load_plan_file

    plan = load_plan_file(FIXTURES / "plans" / "sample-114.yaml")
    source = tmp_path / "sample-114.odt"
    source.write_bytes(render_odt(plan))
    (tmp_path / "plans").mkdir()
    target = tmp_path / "plans" / "sample-114.yaml"
    target.write_text("# 已經編輯過的計畫\n", "utf-8")
    status, _, err = run_import(tmp_path, monkeypatch, str(source))
    assert status == 1 and "已經存在，沒有覆蓋" in err and "--force" in err
    assert target.read_text("utf-8") == "# 已經編輯過的計畫\n"
    status, out, _ = run_import(tmp_path, monkeypatch, str(source), "--force")
    assert status == 0 and f"→ {Path('plans') / 'sample-114.yaml'}" in out.replace(str(tmp_path) + "/", "")
    assert "id: sample-114" in target.read_text("utf-8")


def test_import_prints_what_it_found_and_the_file_validates(tmp_path: Path, monkeypatch):
    from ..support.project import SEEDS

    status, out, err = run_import(tmp_path, monkeypatch, str(SEEDS / "000_2056d4662825457c.txt"), "--id", "kaohsiung-cijin-114")
    assert status == 0, err
    assert "6 個章節" in out and "第 1 層 6 列、第 2 層 22 列、第 3 層 43 列、第 4 層 21 列" in out
    assert "需要確認" in out
    validate = io.StringIO()
    with contextlib.redirect_stdout(validate):
        assert main(["validate"]) == 0
    assert "1 個計畫檔都正確" in validate.getvalue()
