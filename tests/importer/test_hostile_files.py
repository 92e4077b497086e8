"""Hostile packages: each is refused with a clear message, within seconds and bounded memory, and no
local file's content reaches the output. Each runs as `plansite import` in a process of its own."""

from __future__ import annotations

import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from ..support.zips import deflated_zeros, raw_zip, stored

SECRET = "絕不可外洩-7f3a9c"
BOMB = 512 << 20
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TYPES = stored(b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')


def docx(document_xml: bytes, extra: list[tuple[str, bytes, int, int, int]] | None = None) -> bytes:
    return raw_zip([("[Content_Types].xml", *TYPES), ("word/document.xml", *stored(document_xml)), *(extra or [])])


def odt(content_xml: bytes) -> bytes:
    return raw_zip([("mimetype", *stored(b"application/vnd.oasis.opendocument.text")), ("content.xml", *stored(content_xml))])


def body(paragraphs: str) -> bytes:
    return f'<?xml version="1.0"?><w:document {W}><w:body>{paragraphs}</w:body></w:document>'.encode()


# `plansite import` in a process of its own, which reports its own peak memory when it ends. VmHWM
# belongs to the process's own memory since exec; getrusage's ru_maxrss would carry over the peak
# of the (large) test process that forked it.
CHILD = (
    "import re, sys\n"
    "from build_scripts.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "status_text = open('/proc/self/status', encoding='ascii').read()\n"
    "print('PEAK_KB=' + re.search(r'VmHWM:\\s*(\\d+)', status_text).group(1), file=sys.stderr)\n"
    "sys.exit(status)\n"
)


def run_import(tmp_path: Path, name: str, data: bytes) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Run the import in a child process; its wall time and its peak memory (MB)."""
    (tmp_path / "plans").mkdir(exist_ok=True)
    source = tmp_path / name
    source.write_bytes(data)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, "import", str(source)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    elapsed = time.perf_counter() - start
    peak = int(result.stderr.rsplit("PEAK_KB=", 1)[1].strip()) / 1024
    return result, elapsed, peak


def refused(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    result, elapsed, peak = run_import(tmp_path, name, data)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert message in result.stderr and "沒有寫入任何檔案" in result.stderr
    assert "Traceback" not in output and SECRET not in output
    assert list((tmp_path / "plans").iterdir()) == []
    assert elapsed < 20, f"took {elapsed:.1f} s"
    assert peak < 500, f"peak {peak:.0f} MB"


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, "utf-8")
    return path


def test_an_external_entity_pointing_at_a_local_file(tmp_path: Path, secret_file: Path):
    xml = f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret_file}">]>'
    xml += f"<w:document {W}><w:body><w:p><w:r><w:t>壹、計畫依據&x;</w:t></w:r></w:p></w:body></w:document>"
    refused(tmp_path, "xxe.docx", docx(xml.encode()), "DOCTYPE 或 ENTITY 宣告")


def test_an_external_entity_in_an_odt(tmp_path: Path, secret_file: Path):
    xml = f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret_file}">]><office:document-content>&x;</office:document-content>'
    refused(tmp_path, "xxe.odt", odt(xml.encode()), "DOCTYPE 或 ENTITY 宣告")


def test_billion_laughs(tmp_path: Path):
    entities = '<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    xml = f'<?xml version="1.0"?><!DOCTYPE d [{entities}]><w:document {W}><w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>'
    refused(tmp_path, "laughs.docx", docx(xml.encode()), "DOCTYPE 或 ENTITY 宣告")


@pytest.fixture(scope="module")
def bomb() -> tuple[bytes, int]:
    return deflated_zeros(BOMB)  # 512 MiB of zeros, 8 times the largest part the importer inflates


def test_a_zip_bomb_that_says_how_big_it_is(tmp_path: Path, bomb: tuple[bytes, int]):
    data, crc = bomb
    assert len(data) < 3 << 20
    package = raw_zip([("[Content_Types].xml", *TYPES), ("word/document.xml", data, crc, BOMB, zlib.DEFLATED)])
    refused(tmp_path, "bomb.docx", package, "解壓縮後異常巨大")


def test_a_zip_bomb_that_lies_about_its_size(tmp_path: Path, bomb: tuple[bytes, int]):
    data, crc = bomb
    package = raw_zip([("[Content_Types].xml", *TYPES), ("word/document.xml", data, crc, 4096, zlib.DEFLATED)])
    refused(tmp_path, "liar.docx", package, "檔已損壞")  # never inflated past what it declares


def test_an_entry_that_would_leave_the_folder(tmp_path: Path):
    package = docx(body("<w:p><w:r><w:t>壹、依據</w:t></w:r></w:p>"), [("../../evil.sh", *stored(b"rm -rf /"))])
    refused(tmp_path, "slip.docx", package, "不安全的內部路徑")


def test_a_table_with_absurdly_many_rows(tmp_path: Path):
    rows = "<w:tr><w:tc><w:p/></w:tc></w:tr>" * 6000
    refused(tmp_path, "rows.docx", docx(body(f"<w:p><w:r><w:t>壹、依據</w:t></w:r></w:p><w:tbl>{rows}</w:tbl>")), "大得不合理")


def test_a_cell_spanning_absurdly_many_columns(tmp_path: Path):
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="100000"/></w:tcPr><w:p/></w:tc>'
    refused(tmp_path, "span.docx", docx(body(f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>")), "大得不合理")


def test_an_odt_cell_repeated_absurdly_often(tmp_path: Path):
    ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    table = '<table:table><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row></table:table>'
    xml = f'<?xml version="1.0"?><office:document-content {ns}><office:body><office:text><text:p>壹、依據</text:p>{table}</office:text></office:body></office:document-content>'
    refused(tmp_path, "repeat.odt", odt(xml.encode()), "大得不合理")
