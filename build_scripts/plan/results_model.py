"""The typed model of a results file (成果報告): what one ``plans/<plan-id>.results.yaml`` holds.

A results file answers one plan for one year: each result points at the item of the plan it answers by
the plan's own numbering (「肆、一、(二)、1」, see ``plan_items``), says how it went (a status, with the
reason when it was put off, not done or changed), what was done (paragraphs and lists, as in a plan),
its measures (指標, 目標值, 實際值, 單位), evidence links (http or https only) and a date.

Like the plan model: plain, immutable data, validated strictly; titles and descriptions in Traditional
Chinese, because they reach the published JSON Schema editors show to webmasters.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any
from urllib.parse import unquote, urlsplit

from pydantic import AfterValidator, Discriminator, Field, PlainSerializer, Tag, model_validator

from .model import Line, ListBlock, Plan, Slug, Text, _Strict

RESULTS_SUFFIX = ".results"  # plans/<plan-id>.results.yaml, or .results-<year>.yaml for a plan of no one year


class Status(str, Enum):
    """How an item of the plan went."""

    done = "已完成"
    ongoing = "進行中"
    delayed = "延後"
    not_done = "未辦理"
    adjusted = "調整"


# Statuses that must say why (延後、未辦理、調整).
NEEDS_REASON = frozenset({Status.delayed, Status.not_done, Status.adjusted})

# What a result says of an item that has none in the report (not a status a webmaster writes).
NO_RESULT = "未列成果"


def _http_url(value: str) -> str:
    """Evidence is a web page or a file on the web: http or https, a host with a dot, no character a
    URL never holds; and not a closed office format (government downloads are PDF or ODF)."""
    text = value.strip()
    if not re.match(r"^https?://[^\s<>\"'`\\{}|^]+\.[^\s<>\"'`\\{}|^]+$", text):
        raise ValueError("bad_evidence_link")
    extension = posixpath.splitext(unquote(urlsplit(text).path))[1].lower()
    if extension in (".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx"):
        raise ValueError("closed_format_evidence")
    return text


WebUrl = Annotated[str, AfterValidator(_http_url), Field(min_length=1, max_length=2000)]


def plain_number(value: float) -> int | float:
    """96.0 → 96: a whole number is written without a decimal point (in JSON, CSV and on the page)."""
    return int(value) if value.is_integer() else value


Number = Annotated[
    float,
    Field(ge=-1_000_000_000_000, le=1_000_000_000_000, allow_inf_nan=False),
    PlainSerializer(plain_number, return_type=int | float),
]


def _result_block_tag(value: Any) -> str:
    return "paragraph" if isinstance(value, str) else "list"


# What was done: paragraphs and lists, as in a plan (a table has no room inside a result).
ResultBlock = Annotated[
    Annotated[Text, Tag("paragraph")] | Annotated[ListBlock, Tag("list")],
    Discriminator(_result_block_tag),
]


class Measure(_Strict):
    """One measure of an item: 電話禮貌測試，目標 96 次，實際 98 次."""

    name: Line = Field(title="指標", description="量的是什麼，例如 電話禮貌測試、民眾滿意度。")
    target: Number | None = Field(None, title="目標值", description="計畫訂的目標，只寫數字，例如 96。")
    actual: Number | None = Field(None, title="實際值", description="實際做到的數字，例如 98。")
    unit: Line | None = Field(None, title="單位", description="例如 次、件、人次、%。")

    @model_validator(mode="after")
    def _some_value(self) -> Measure:
        if self.target is None and self.actual is None:
            raise ValueError("empty_measure")
        return self


class Evidence(_Strict):
    """A page or file that shows the result: a news release, a photo album, a report."""

    title: Line = Field(title="佐證資料名稱", description="說明連到什麼，例如 114年度電話禮貌測試結果。")
    url: WebUrl = Field(
        title="網址",
        description="只接受 https:// 或 http:// 開頭的完整網址；文件請連到 PDF 或 ODT，不要連到 Word、Excel 檔。",
    )


class Result(_Strict):
    """The result of one item of the plan."""

    item: Line = Field(
        title="計畫項目",
        description="照計畫的編號寫，例如 肆、一、(二)、1；沒有編號的項目寫第幾列或第幾項，例如 肆、四、(二)、第1列。",
    )
    status: Status = Field(title="執行情形", description="已完成、進行中、延後、未辦理或調整。")
    reason: Text | None = Field(None, title="原因", description="延後、未辦理或調整時一定要寫：為什麼，以及接下來怎麼做。")
    done: list[ResultBlock] = Field(
        default_factory=list, title="辦理情形", description="做了什麼：段落或清單，和計畫的寫法一樣；編號會自動產生。"
    )
    measures: list[Measure] = Field(
        default_factory=list,
        title="衡量指標",
        description="每一項寫 name（指標）、target（目標值）、actual（實際值）、unit（單位）。",
    )
    evidence: list[Evidence] = Field(
        default_factory=list, title="佐證資料", description="每一項寫 title（名稱）與 url（網址），例如新聞稿、成果照片、報告。"
    )
    date: dt.date | None = Field(
        None, title="日期", description="已完成的寫完成日期，其他寫辦理情形的日期；西元 YYYY-MM-DD，例如 2025-12-31。"
    )

    @model_validator(mode="after")
    def _reason_given(self) -> Result:
        if self.status in NEEDS_REASON and self.reason is None:
            raise ValueError("missing_reason")
        return self


class ResultsReport(_Strict):
    """A results file: one plan's results for one year."""

    draft: bool = Field(
        False,
        title="草稿",
        description="true：匯入或還在撰寫的成果報告，只在 make serve 預覽，不會發布；核對完成後刪掉這一行。",
    )
    plan: Slug = Field(title="計畫代號", description="這份成果回應的計畫，和計畫檔的 id 相同，例如 kaohsiung-cijin-114。")
    year: int = Field(ge=1, le=300, title="年度（民國）", description="成果的年度，民國年，例如 114。")
    title: Line | None = Field(
        None, title="成果報告名稱", description="照原文，例如 高雄市旗津區公所114年度提升服務成果報告；省略時由計畫名稱產生。"
    )
    reported: dt.date | None = Field(None, title="提出日期", description="成果報告提出或公開的日期，西元 YYYY-MM-DD。")
    note: Text | None = Field(None, title="說明", description="顯示在成果頁開頭的說明，例如資料截止日期。")
    summary: list[ResultBlock] = Field(default_factory=list, title="總結", description="整體執行情形：段落或清單。")
    results: list[Result] = Field(min_length=1, title="各項成果", description="每一項回應計畫的一個項目。")


def results_id(plan: Plan, year: int) -> str:
    """The name of a results report's page and files: <plan-id>-results, or <plan-id>-results-<year>
    for a plan of no one year (or of another year)."""
    return f"{plan.id}-results" if plan.year == year else f"{plan.id}-results-{year}"


def results_title(plan: Plan, report: ResultsReport) -> str:
    """The report's own title, else one made from the plan's."""
    if report.title:
        return report.title
    return f"{plan.title}執行成果" if plan.year == report.year else f"{plan.title}（{report.year}年度）執行成果"


@dataclass(frozen=True)
class PlanResults:
    """A results report with the plan it answers: what every output of the report is made from."""

    plan: Plan
    report: ResultsReport

    @property
    def id(self) -> str:
        return results_id(self.plan, self.report.year)

    @property
    def year(self) -> int:
        return self.report.year

    @property
    def title(self) -> str:
        return results_title(self.plan, self.report)


ResultsReport.model_rebuild()
