"""Downloadable files of a plan and of its results reports (open formats only): the output formats as
one registry.

Each ``OutputFormat`` says what it is (name, suffix, media type, what a reader is told), whether
it is open data (listed in the data catalogue), which libraries' versions its cache depends on,
and how it is made for a batch of plans and results reports. A new format is one more entry of
``FORMATS``: it then appears in every plan's (and report's) download list, in the data catalogue (if
open data) and in the page's JSON-LD, with no other edit. A report's files are named after it
(``<plan-id>-results.pdf``); its data is also in its plan's JSON.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from ..cache import FileCache, code_digest, hashed
from ..pdf.batch import Metadata, PdfRun, Progress, RenderedPdf, render_pdfs, start_pdfs
from ..pdf.print_html import Printable
from ..plan.dates import last_changed
from ..plan.load import plan_digest, results_digest
from ..plan.model import Plan
from ..plan.results_model import PlanResults
from ..render.data_files import csv_filename, plan_json, plan_tables, results_csv, table_csv
from ..render.page_metadata import dublin_core
from ..render.site_layout import Layout
from ..settings import Publication
from ..workers import Spare, in_workers

PDF_FOLDER, ODT_FOLDER, DATA_FOLDER = "pdf", "odt", "data"  # inside the cache folder (plansite pdf fills the first)


@dataclass(frozen=True)
class Batch:
    """What every format is made with: the plans and their results reports, where the cache is, how to
    report progress, and where the site is published (a document's metadata names its address and its page)."""

    plans: Sequence[Plan]
    cache_dir: Path | None
    progress: Progress | None = None
    workers: int | None = None
    schema_url: str = "plan.schema.json"
    publication: Publication = Publication()
    layout: Layout = Layout()
    keys: Mapping[str, str] = field(default_factory=dict)  # plan id → a digest of the plan, when known
    results: Sequence[PlanResults] = ()
    defer: bool = False  # PDFs not in the cache made while the build goes on (``Pending``)
    spare: Spare | None = None  # a worker started earlier, warmed up for PDFs (``workers.Spare``)

    @property
    def documents(self) -> list[Printable]:
        """Every plan, then every results report."""
        return [*self.plans, *self.results]

    @cached_property
    def _results_by_plan(self) -> dict[str, list[PlanResults]]:
        by_plan: dict[str, list[PlanResults]] = {}
        for results in self.results:
            by_plan.setdefault(results.plan.id, []).append(results)
        return by_plan

    def results_of(self, plan: Plan) -> list[PlanResults]:
        return self._results_by_plan.get(plan.id, [])

    def key(self, document: Printable) -> str:
        """A digest of a plan, or of a results report and its plan, for cache keys."""
        if isinstance(document, PlanResults):
            return results_digest(self.key(document.plan), document.report)
        return self.keys.get(document.id) or plan_digest(document.model_dump_json())


@dataclass(frozen=True)
class OutputFormat:
    name: str  # shown to people: 下載 PDF（…）
    suffix: str
    media_type: str
    description: str  # what the format is, in the link's title
    open_data: bool  # a dataset's resource in the data catalogue
    cache_packages: tuple[str, ...]  # libraries whose versions are in its cache key (with this package's code)
    make: Callable[[OutputFormat, Batch], Mapping[str, Sequence[Download]]]  # plan or report id → its files


_TOKEN = re.compile(r"PlansitePdf[0-9a-f]{16}")


@dataclass(frozen=True)
class Pending:
    """A PDF whose page count and size a page writes as ``token`` (ASCII letters and digits: the same in
    Markdown, HTML and an attribute), filled in as the page is finished (``fill_details``): so the page
    can be made before the PDF is, and does not change with it. ``run``: the PDF is still being made
    (``pdf.batch.PdfRun``)."""

    id: str
    run: PdfRun | None = None

    @property
    def token(self) -> str:
        return "PlansitePdf" + hashlib.sha256(self.id.encode()).hexdigest()[:16]


def has_pending_details(text: str) -> bool:
    """Whether ``text`` still holds a pending PDF's token."""
    return "PlansitePdf" in text and _TOKEN.search(text) is not None


def pending_tokens(text: str) -> list[str]:
    """The pending PDFs' tokens ``text`` holds."""
    return _TOKEN.findall(text) if "PlansitePdf" in text else []


def fill_details(text: str, details: Mapping[str, str]) -> str:
    """``text`` with each pending PDF's token replaced by its details (「4 頁，395 KB」)."""
    if "PlansitePdf" not in text:
        return text
    return _TOKEN.sub(lambda match: details.get(match.group(), match.group()), text)


@dataclass(frozen=True)
class Download:
    format: OutputFormat
    filename: str
    data: bytes  # empty while ``pending.run``
    pages: int | None = None
    part: str = ""  # which part the file holds, e.g. 表格：肆、計畫內容
    pending: Pending | None = None  # its page count and size written as a token

    def made(self, pdf: RenderedPdf) -> Download:
        """A PDF's download once it is made (its token stays)."""
        return replace(self, data=pdf.data, pages=pdf.pages, pending=Pending(self.pending.id) if self.pending else None)

    @property
    def media_type(self) -> str:
        return self.format.media_type

    @property
    def open_data(self) -> bool:
        return self.format.open_data

    @property
    def size_label(self) -> str:
        return human_size(len(self.data))

    @property
    def size_details(self) -> str:
        """「4 頁，395 KB」."""
        return "，".join([*([f"{self.pages} 頁"] if self.pages else []), self.size_label])

    @property
    def details(self) -> str:
        size = self.pending.token if self.pending else self.size_details
        return "，".join([*([self.part] if self.part else []), size])

    @property
    def label(self) -> str:
        return f"下載 {self.format.name}（{self.details}）"

    @property
    def title(self) -> str:
        """The link title: what the file is, for people deciding whether to download it."""
        return f"下載 {self.format.name} 檔（{self.details}）：{self.format.description}"


def human_size(size: int) -> str:
    """1536 → 2 KB; 1_572_864 → 1.5 MB (1 KB = 1,024 bytes)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


# --- the formats ------------------------------------------------------------------------------


def document_metadata(
    kind: OutputFormat, documents: Sequence[Printable], publication: Publication, layout: Layout
) -> dict[str, Metadata]:
    """Each document of this format (a plan's, a results report's) described by the 15 Dublin Core
    elements: its address, its page as the resource it belongs to, the document's own dates (never a
    build's)."""
    described = {}
    for document in documents:
        if isinstance(document, Plan):
            page, title, date = layout.plan(document), document.title, last_changed(document, None)
            plan = document
        else:
            page, title, date = layout.results(document), document.title, document.report.reported
            plan = document.plan
        address = publication.url(posixpath.join(posixpath.dirname(page), f"{document.id}{kind.suffix}"))
        description = f"{plan.agency.name}｜{title}"
        described[document.id] = dublin_core(
            title, description, address, date, publication, plan, media_type=kind.media_type, relation=publication.url(page)
        )
    return described


def _pdfs(kind: OutputFormat, batch: Batch) -> dict[str, list[Download]]:
    """Plans and results reports rendered in parallel, cached by everything a PDF depends on (``pdf.batch``)."""
    folder = batch.cache_dir / PDF_FOLDER if batch.cache_dir else None
    jobs = batch.documents
    metadata = document_metadata(kind, jobs, batch.publication, batch.layout)
    if not batch.defer:
        pdfs = render_pdfs(jobs, folder, batch.workers, batch.progress, metadata, batch.spare)
        return {j.id: [Download(kind, f"{j.id}{kind.suffix}", pdfs[j.id].data, pdfs[j.id].pages)] for j in jobs}
    found, run = start_pdfs(jobs, folder, batch.workers, batch.progress, metadata, spare=batch.spare)
    made = {}
    for j in jobs:
        name, pdf = f"{j.id}{kind.suffix}", found.get(j.id)
        if pdf is not None:
            made[j.id] = [Download(kind, name, pdf.data, pdf.pages, pending=Pending(j.id))]
        else:
            assert run is not None, "a PDF not found in the cache is in the run"
            made[j.id] = [Download(kind, name, b"", pending=Pending(j.id, run))]
    return made


def _odts(kind: OutputFormat, batch: Batch) -> dict[str, list[Download]]:
    """Plans and results reports as ODT, cached by the document, its metadata and odfpy; the missing
    ones made in worker processes (``workers``)."""
    cache = FileCache(batch.cache_dir / ODT_FOLDER, kind.suffix, accept=whole_odt) if batch.cache_dir else None
    metadata = document_metadata(kind, batch.documents, batch.publication, batch.layout)
    keys = {j.id: hashed(code_digest(kind.cache_packages), batch.key(j), repr(metadata[j.id])) for j in batch.documents}
    made = {j.id: data for j in batch.documents if cache and (data := cache.get(keys[j.id])) is not None}
    missing = [(j, metadata[j.id]) for j in batch.documents if j.id not in made]
    for (job, _), data in in_workers(_odt, missing, batch.workers or os.cpu_count() or 1, _lost_odt):
        made[job.id] = data
        if cache:
            cache.put(keys[job.id], data)
    if cache:
        cache.prune()
    return {j.id: [Download(kind, f"{j.id}{kind.suffix}", made[j.id])] for j in batch.documents}


def _odt(item: tuple[Printable, Metadata]) -> bytes:
    job, metadata = item
    # odfpy: imported only when an ODT must be made
    if isinstance(job, Plan):
        from ..odt.document import render_odt

        return render_odt(job, metadata)
    from ..odt.results_document import render_results_odt

    return render_results_odt(job, metadata)


def _lost_odt(item: tuple[Printable, Metadata]) -> str:
    return f"產生 {item[0].id} 的 ODT 時，背景程序意外結束（多半是記憶體不足）。請關閉其他程式後再建置。"


def whole_odt(data: bytes) -> bool:
    """An ODT package a word processor opens: a zip whose entries are all intact, its mimetype
    first, and a content.xml."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
            return (
                names[:1] == ["mimetype"]
                and package.read("mimetype") == ODT.media_type.encode()
                and "content.xml" in names
                and package.testzip() is None
            )
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        return False


def _json(kind: OutputFormat, batch: Batch) -> dict[str, list[Download]]:
    """The plan with its results (a results report has no JSON of its own: it is in its plan's)."""
    return _data_files(kind, batch, lambda p: [(f"{p.id}{kind.suffix}", plan_json(p, batch.schema_url, batch.results_of(p)), "")])


def _csv(kind: OutputFormat, batch: Batch) -> dict[str, list[Download]]:
    """One CSV a table of the plan (none for a plan without tables); one a results report (a row an item)."""

    def tables_of(plan: Plan) -> list[tuple[str, bytes, str]]:
        tables = plan_tables(plan)
        return [
            (
                csv_filename(plan, table, len(tables)),
                table_csv(plan, table.table),
                f"表格：{table.name}" if len(tables) > 1 else "",
            )
            for table in tables
        ]

    made = _data_files(kind, batch, tables_of)
    for results in batch.results:
        made[results.id] = [Download(kind, f"{results.id}{kind.suffix}", results_csv(results), part="各項目的執行情形")]
    return made


DataFile = tuple[str, bytes, str]  # file name, bytes, which part of the plan it holds


def _data_files(kind: OutputFormat, batch: Batch, make: Callable[[Plan], list[DataFile]]) -> dict[str, list[Download]]:
    """A format's files for each plan, kept in the cache by the plan, the schema's address and this
    package's code: a rebuild writes out only the changed plans' data again."""
    cache = FileCache(batch.cache_dir / DATA_FOLDER, ".json") if batch.cache_dir else None
    made = {}
    for plan in batch.plans:
        reports = [batch.key(r) for r in batch.results_of(plan)]
        key = hashed(code_digest(("pydantic", "pydantic-core")), kind.name, batch.key(plan), *reports, batch.schema_url)
        stored = cache.get(key) if cache else None
        if stored is not None:
            files = [(name, base64.b64decode(data), part) for name, data, part in json.loads(stored)]
        else:
            files = make(plan)
            if cache:
                entry = [(name, base64.b64encode(data).decode("ascii"), part) for name, data, part in files]
                cache.put(key, json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        made[plan.id] = [Download(kind, name, data, part=part) for name, data, part in files]
    if cache:
        cache.prune()
    return made


PDF = OutputFormat(
    "PDF",
    ".pdf",
    "application/pdf",
    "符合 PDF/UA 無障礙規格，適合列印與保存",
    False,
    ("weasyprint", "pydyf", "pikepdf", "tinyhtml5", "fonttools"),
    _pdfs,
)
ODT = OutputFormat(
    "ODT",
    ".odt",
    "application/vnd.oasis.opendocument.text",
    "開放文件格式（ODF）文字檔，可用 LibreOffice 等軟體開啟與編輯",
    False,
    ("odfpy",),
    _odts,
)
JSON = OutputFormat(
    "JSON",
    ".json",
    "application/json",
    "開放資料：整份計畫的結構化資料（JSON，UTF-8），欄位依計畫檔格式（JSON Schema）",
    True,
    (),
    _json,
)
CSV = OutputFormat(
    "CSV",
    ".csv",
    "text/csv",
    "開放資料：表格的每一列（CSV，UTF-8，可用 Excel 或 LibreOffice 開啟）",
    True,
    (),
    _csv,
)
FORMATS: tuple[OutputFormat, ...] = (PDF, ODT, JSON, CSV)  # in the order of the download list


def pdfs_may_change(cache_dir: Path, folders: Sequence[Path], files: Sequence[Path] = ()) -> bool:
    """A guess, made before the plans load, whether this build will make a PDF: a file or folder under
    ``folders`` (the plans, the site's templates), or one of ``files`` (mkdocs.yml), changed after the
    PDF cache last did (or there is no cache yet). A wrong guess costs only time: a worker warmed up
    for nothing, or none ahead of the first PDF (``workers.Spare``)."""
    try:
        cached = (cache_dir / PDF_FOLDER).stat().st_mtime
    except OSError:
        return True

    def newer(path: Path | str) -> bool:
        try:
            return os.stat(path).st_mtime > cached
        except OSError:
            return False

    for folder in folders:
        for parent, subfolders, names in os.walk(folder):
            if newer(parent) or any(newer(os.path.join(parent, name)) for name in [*subfolders, *names]):
                return True
    return any(newer(path) for path in files)


def render_downloads(
    plans: Sequence[Plan],
    cache_dir: Path | None,
    progress: Progress | None = None,
    workers: int | None = None,
    schema_url: str = "plan.schema.json",
    publication: Publication = Publication(),
    layout: Layout = Layout(),
    keys: Mapping[str, str] | None = None,
    results: Sequence[PlanResults] = (),
    defer: bool = False,
    spare: Spare | None = None,
) -> dict[str, list[Download]]:
    """Every plan's and results report's downloads, by id, in the order of ``FORMATS``; ``cache_dir``
    (if given) keeps them; ``keys``: a digest of each plan (by id), when the caller knows it. ``defer``:
    the PDFs' page counts and sizes are tokens (``Pending``), and the PDFs not in the cache are started
    in worker processes (the other formats are then made in this process) for the build to go on while
    they are made; ``spare``: a worker started earlier for the PDFs, given the first."""
    batch = Batch(plans, cache_dir, progress, workers, schema_url, publication, layout, keys or {}, results, defer, spare)
    downloads: dict[str, list[Download]] = {d.id: [] for d in batch.documents}
    for kind in FORMATS:
        for plan_id, files in kind.make(kind, batch).items():
            downloads[plan_id].extend(files)
        if any(d.pending and d.pending.run for files in downloads.values() for d in files):  # the workers make PDFs
            batch = replace(batch, workers=1, spare=None)
    return downloads
