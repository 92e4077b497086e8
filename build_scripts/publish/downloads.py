"""Downloadable files of a plan (open formats only), with what the page says about them."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..cache import FileCache, code_digest, hashed
from ..pdf.batch import Progress, RenderedPdf, render_pdfs
from ..plan.model import Plan
from ..render.data_files import csv_filename, plan_json, plan_tables, table_csv
from ..render.page_metadata import MEDIA_TYPES


@dataclass(frozen=True)
class Download:
    format: str  # short name shown to people, e.g. ODT
    description: str  # what the format is, for the link title
    filename: str
    data: bytes
    pages: int | None = None
    part: str = ""  # which part of the plan the file holds, e.g. 表格：肆、計畫內容

    @property
    def size_label(self) -> str:
        return human_size(len(self.data))

    @property
    def details(self) -> str:
        return "，".join([*([self.part] if self.part else []), *([f"{self.pages} 頁"] if self.pages else []), self.size_label])

    @property
    def label(self) -> str:
        return f"下載 {self.format}（{self.details}）"

    @property
    def title(self) -> str:
        """The link title: what the file is, for people deciding whether to download it."""
        return f"下載 {self.format} 檔（{self.details}）：{self.description}"


def human_size(size: int) -> str:
    """1536 → 2 KB; 1_572_864 → 1.5 MB (1 KB = 1,024 bytes)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def odt_download(plan: Plan, cache: FileCache | None = None) -> Download:
    key = _odt_key(plan) if cache else ""
    data = cache.get(key) if cache else None
    if data is None:
        from ..odt.document import render_odt  # odfpy: imported only when an ODT must be made

        data = render_odt(plan)
        if cache:
            cache.put(key, data)
    return Download("ODT", "開放文件格式（ODF）文字檔，可用 LibreOffice 等軟體開啟與編輯", f"{plan.id}.odt", data)


def whole_odt(data: bytes) -> bool:
    """An ODT package a word processor opens: a zip whose entries are all intact, its mimetype
    first, and a content.xml."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
            return (
                names[:1] == ["mimetype"]
                and package.read("mimetype") == MEDIA_TYPES["odt"].encode()
                and "content.xml" in names
                and package.testzip() is None
            )
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        return False


def _odt_key(plan: Plan) -> str:
    """A hash of everything an ODT is made from: the plan, this package's code, odfpy's version."""
    return hashed(code_digest(("odfpy",)), repr(plan))


PDF_FOLDER, ODT_FOLDER = "pdf", "odt"  # inside the cache folder (plansite pdf fills the first)


def pdf_download(plan: Plan, rendered: RenderedPdf) -> Download:
    return Download("PDF", "符合 PDF/UA 無障礙規格，適合列印與保存", f"{plan.id}.pdf", rendered.data, rendered.pages)


JSON_DESCRIPTION = "開放資料：整份計畫的結構化資料（JSON，UTF-8），欄位依計畫檔格式（JSON Schema）"
CSV_DESCRIPTION = "開放資料：表格的每一列（CSV，UTF-8，可用 Excel 或 LibreOffice 開啟）"


def data_downloads(plan: Plan, schema_url: str) -> list[Download]:
    """The plan as JSON, then each of its tables as CSV (open data: see ``render.data_files``)."""
    files = [Download("JSON", JSON_DESCRIPTION, f"{plan.id}.json", plan_json(plan, schema_url))]
    tables = plan_tables(plan)
    for table in tables:
        part = f"表格：{table.name}" if len(tables) > 1 else ""
        name = csv_filename(plan, table, len(tables))
        files.append(Download("CSV", CSV_DESCRIPTION, name, table_csv(plan, table.table), part=part))
    return files


def render_downloads(
    plans: Sequence[Plan],
    cache_dir: Path | None,
    progress: Progress | None = None,
    workers: int | None = None,
    schema_url: str = "plan.schema.json",
) -> dict[str, list[Download]]:
    """The downloads of every plan, by plan id: its PDF, its ODT, then its data files.

    ``cache_dir`` (if given) keeps PDFs in its ``pdf/`` and ODTs in its ``odt/`` folder."""
    pdfs = render_pdfs(plans, cache_dir / PDF_FOLDER if cache_dir else None, workers, progress)
    odts = FileCache(cache_dir / ODT_FOLDER, ".odt", check=whole_odt) if cache_dir else None
    downloads = {p.id: [pdf_download(p, pdfs[p.id]), odt_download(p, odts), *data_downloads(p, schema_url)] for p in plans}
    if odts:
        odts.prune()
    return downloads
