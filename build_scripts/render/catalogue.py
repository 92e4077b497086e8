"""The data catalogue: every plan's data files described with data.gov.tw's metadata fields.

An agency registers its datasets on 政府資料開放平臺 by copying these fields; the same list is
published as a page (``PAGE_SIZE`` datasets to a page), as JSON and as CSV (UTF-8 with BOM).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..plan.dates import last_changed, publication_date, roc_year_label
from ..plan.model import Plan
from ..settings import Publication
from .data_files import PLAN_ID_COLUMN, column_names, plan_tables
from .environment import render
from .metadata import keywords
from .site_layout import Layout, Page, link, paged
from .spreadsheet import csv_bytes

LICENCE_NAME = "政府資料開放授權條款－第1版"
LICENCE_URL = "https://data.gov.tw/license"
PRICE = "免費"
ENCODING = "UTF-8"
JSON_FIELDS = (
    "$schema（所依據的格式）、id（計畫代號）、title（計畫名稱）、genre（計畫種類）、agency（機關：名稱、縣市、類型）、"
    "year（民國年度）、published（發布日期）、changes（更新紀錄：日期、說明）、sections（章節：標題、段落、清單、表格）"
)
RESULTS_FIELDS = (
    "JSON 的 results：year（年度）、reported（提出日期）、results（各項成果：item、place（項目編號）、plan_path（項目在本檔的位置）、"
    "status（執行情形）、reason（原因）、done（辦理情形）、measures（衡量指標）、evidence（佐證資料）、date（日期））；"
    "成果 CSV：計畫代號、年度、項目編號、計畫項目、執行情形、原因、辦理情形、日期、佐證資料、指標、目標值、實際值、單位"
)
FIELDS = (
    "資料集名稱",
    "資料集描述",
    "主要欄位說明",
    "提供機關",
    "聯絡人",
    "更新頻率",
    "授權方式",
    "授權說明網址",
    "計費方式",
    "編碼格式",
    "檔案格式",
    "上架日期",
    "詮釋資料更新時間",
    "資源網址",
    "關鍵字",
)


@dataclass(frozen=True)
class Dataset:
    plan: Plan
    page: str  # the plan page (docs path)
    fields: dict[str, str]
    resources: list[tuple[str, str]]  # (format, address)


def dataset(
    plan: Plan,
    page: str,
    files: Sequence[tuple[str, str]],
    page_date: dt.date | None,
    publication: Publication,
    results_years: Sequence[int] = (),
) -> Dataset:
    """A plan's open-data files (``files``: site path and media type of each; its results reports' CSV
    among them, for each of ``results_years``) as one dataset."""
    resources = [(path.rsplit(".", 1)[-1].upper(), publication.url(path)) for path, _ in files]
    year = f"{roc_year_label(plan.year)}" if plan.year is not None else ""
    tables = plan_tables(plan)
    csv_fields = "；".join(
        "CSV：" + "、".join([PLAN_ID_COLUMN, *(n for pair in column_names(t.table) for n in pair[::-1] if n)]) for t in tables
    )
    listed = publication_date(plan) or page_date
    changed = last_changed(plan, page_date)
    fields = {
        "資料集名稱": (plan.title if plan.agency.name in plan.title else f"{plan.agency.name}：{plan.title}") + "（開放資料）",
        "資料集描述": f"{plan.agency.name}{year}「{plan.title}」全文的結構化資料（JSON）"
        + ("與計畫內容表格（CSV，每列一個細項，含各層編號與文字）" if tables else "")
        + (
            f"，以及{'、'.join(f'{y}年度' for y in results_years)}的執行成果（JSON 的 results 與成果 CSV，每個項目一列）"
            if results_years
            else ""
        )
        + "，依政府資訊公開法第7條主動公開。",
        "主要欄位說明": "JSON："
        + JSON_FIELDS
        + (f"；{csv_fields}" if csv_fields else "")
        + (f"；{RESULTS_FIELDS}" if results_years else ""),
        "提供機關": plan.agency.name,
        "聯絡人": publication.contact_text,
        "更新頻率": publication.update_frequency,
        "授權方式": LICENCE_NAME,
        "授權說明網址": LICENCE_URL,
        "計費方式": PRICE,
        "編碼格式": ENCODING,
        "檔案格式": "、".join(dict.fromkeys(kind for kind, _ in resources)),
        "上架日期": listed.isoformat() if listed else "",
        "詮釋資料更新時間": changed.isoformat() if changed else "",
        "資源網址": " ".join(url for _, url in resources),
        "關鍵字": "、".join(keywords(plan)),
    }
    return Dataset(plan, page, fields, resources)


def catalogue_json(datasets: Sequence[Dataset], publication: Publication) -> bytes:
    data = {
        "目錄": f"{publication.site_name}開放資料目錄",
        "提供者": publication.publisher_name,
        "資料集": [d.fields for d in datasets],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def catalogue_csv(datasets: Sequence[Dataset]) -> bytes:
    return csv_bytes(FIELDS, ([d.fields[name] for name in FIELDS] for d in datasets))


def catalogue_pages(
    datasets: Sequence[Dataset], layout: Layout, publication: Publication, feeds: Mapping[str, str], schema: bytes
) -> list[Page]:
    """The catalogue page (split into pages of ``PAGE_SIZE`` datasets), with the catalogue as JSON and
    CSV and the plan schema as companion files of its first page."""
    first = layout.data(1)
    files = (
        (layout.data_file("catalog.json"), catalogue_json(datasets, publication)),
        (layout.data_file("catalog.csv"), catalogue_csv(datasets)),
        (layout.data_file("plan.schema.json"), schema),
    )
    pages = []
    for number, path, chunk, pager in paged(datasets, layout.data):
        content = render(
            "data.md.j2",
            datasets=[(d, link(path, d.page)) for d in chunk],
            number=number,
            pager=pager,
            publication=publication,
            licence=(LICENCE_NAME, LICENCE_URL),
            files={name.rsplit("/", 1)[-1]: link(path, name) for name, _ in files},
            feed=link(path, feeds["site"]),
            crumbs=layout.crumbs(path, current="開放資料"),
            fields=(PRICE, ENCODING),
        )
        title = "開放資料" if number == 1 else f"開放資料（第 {number} 頁）"
        pages.append(Page(path, title, content, files=files if path == first else (), kind="data", beside=number == 1))
    return pages
