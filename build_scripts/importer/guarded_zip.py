"""Opening an office file that came from outside, without trusting it.

A DOCX or ODT is a zip of XML. Before anything is parsed: the kind of file is told by its first
bytes (a Word 97 .doc, a password-protected file, an image renamed .docx are named as such); the
zip directory is checked (entry count, names that would leave the folder, declared sizes); every
read is capped however small the entry claims to be (a zip bomb lies); XML with a DOCTYPE or an
ENTITY (external entities, "billion laughs") is refused, and the parser resolves no entity and
fetches nothing.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from lxml import etree

MAX_FILE = 50 * 1024 * 1024  # the file as uploaded
MAX_ENTRIES = 2000
MAX_PART = 64 * 1024 * 1024  # one XML part, inflated
MAX_TOTAL = 256 * 1024 * 1024  # all parts read, inflated


class ImportRefused(Exception):
    """The file cannot be imported; the message says why and what to do, in the webmaster's words."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


_MAGIC = {
    b"\x89PNG": "PNG 圖片",
    b"\xff\xd8\xff": "JPEG 圖片",
    b"GIF8": "GIF 圖片",
    b"%PDF": "PDF 檔",
    b"{\\rtf": "RTF 檔",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SAVE_AS = "請用 Word 或 LibreOffice 開啟，另存成 .docx 或 .odt（開放文件格式）後再匯入；也可以把文字複製到 .txt 檔匯入。"


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportRefused(f"找不到或無法讀取檔案 {path}（{exc.strerror}）", "確認檔名與路徑是否正確。") from None
    if size > MAX_FILE:
        raise ImportRefused(
            f"檔案太大（{size // (1024 * 1024)} MB），計畫文件通常不到 5 MB", "確認選對了檔案；圖片很多時，可先刪除圖片再匯入。"
        )
    if size == 0:
        raise ImportRefused("檔案是空的", "確認選對了檔案，或重新存檔後再匯入。")
    return path.read_bytes()


def refuse_other_kinds(data: bytes, expected: str) -> None:
    """Name what the file really is when it is not the office package its name says."""
    if data.startswith(_OLE):
        if "EncryptionInfo".encode("utf-16-le") in data or b"EncryptedPackage" in data.replace(b"\x00", b""):
            raise ImportRefused("檔案有密碼保護，無法讀取內容", "請在 Word 或 LibreOffice 取消密碼（另存時不設密碼）後再匯入。")
        raise ImportRefused("這是舊版 Word 97–2003 的 .doc 檔，無法直接匯入", SAVE_AS)
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise ImportRefused(
                f"這個檔案其實是{kind}，不是 {expected}",
                "計畫要從 Word（.docx）、開放文件（.odt）、PDF（.pdf）或文字檔（.txt）匯入；PDF 請把副檔名改成 .pdf。",
            )
    if not data.startswith(b"PK"):
        raise ImportRefused(f"這個檔案不是 {expected}（內容已損壞或副檔名不對）", SAVE_AS)


class Package:
    """The parts of a zip package, read within limits."""

    def __init__(self, data: bytes, kind: str) -> None:
        refuse_other_kinds(data, kind)
        self.kind = kind
        self.read_total = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise ImportRefused(f"{kind} 檔已損壞，無法打開", SAVE_AS) from None
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ImportRefused(f"{kind} 檔裡有 {len(infos)} 個內部檔案，不像是一般的文件", SAVE_AS)
        for info in infos:
            name = info.filename
            if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name:
                raise ImportRefused(
                    f"{kind} 檔裡有不安全的內部路徑（{name[:60]}），已拒絕匯入", "這個檔案可能被動過手腳；請向來源索取原始文件。"
                )
        self.names = {info.filename for info in infos}

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """One part, inflated, at most MAX_PART bytes whatever the zip directory says."""
        info = self.zip.getinfo(name)
        if info.file_size > MAX_PART:
            raise self._too_big()
        try:
            with self.zip.open(info) as stream:
                data = stream.read(MAX_PART + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error):  # corrupt data, bad CRC, truncated
            raise ImportRefused(f"{self.kind} 檔已損壞，無法讀取「{name}」", SAVE_AS) from None
        self.read_total += len(data)
        if len(data) > MAX_PART or self.read_total > MAX_TOTAL:
            raise self._too_big()
        return data

    def _too_big(self) -> ImportRefused:
        return ImportRefused(
            f"{self.kind} 檔解壓縮後異常巨大（可能是惡意的壓縮炸彈），已拒絕匯入",
            "請向來源索取原始文件，或把文字複製到 .txt 檔匯入。",
        )

    def xml(self, name: str) -> etree._Element:
        return parse_xml(self.read(name), f"{self.kind} 檔的「{name}」")


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False)


def parse_xml(data: bytes, where: str) -> etree._Element:
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data:
        raise ImportRefused(
            f"{where}含有 DOCTYPE 或 ENTITY 宣告（可能用來讀取電腦上的檔案），已拒絕匯入",
            "一般的 Word 或 LibreOffice 文件不會有這種內容；請向來源索取原始文件。",
        )
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        raise ImportRefused(f"{where}不是正確的 XML，檔案可能已損壞", SAVE_AS) from None
