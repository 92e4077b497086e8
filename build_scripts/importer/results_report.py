"""A 成果報告 document → the data of a draft results file, matched to the plan it answers, every guess
marked.

A results report follows its plan's numbering: paragraphs that open with the plan's labels
(「肆、計畫內容」「一、」「(二)」「1.」, typed or the word processor's own), or a table whose first columns
hold them (merged cells as in the plan's table) and whose other columns say how each item went
(執行情形, 辦理成果, 完成日期 …). Each label path is read the way a results file names an item
(``plan.plan_items``); what follows it until the next item of the plan is that item's result. The
status is read from its words (已完成, 辦理中, 延後, 未辦理, 調整 …), the date from a 民國 date, links from
the text — each of them a guess. Text that names no item of the plan is kept as a comment at the end of
the file, never dropped.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from ..plan.model import Numbering, Plan
from ..plan.plan_items import SECTION as SECTION_ITEM
from ..plan.plan_items import PlanItem, PlanOutline, normalise
from ..plan.results_model import NEEDS_REASON, Status
from . import agency, frontmatter
from .guarded_zip import ImportRefused
from .labels import SECTION, classify, split_label
from .recognise import Guess, is_furniture
from .source import Grid, Para, SourceDocument

# A title that says the document reports results, not a plan.
REPORT_TITLE = re.compile(r"成果報告|執行成果|辦理成果|成效報告|執行情形報告|辦理情形報告|成果彙整|成果表")
# Words of each status, strongest first: a put-off item says so even if it also says 完成 somewhere.
STATUS_WORDS: tuple[tuple[Status, re.Pattern[str]], ...] = (
    (Status.not_done, re.compile(r"未辦理|未執行|未實施|停辦|取消辦理|未報名")),
    (Status.delayed, re.compile(r"延後|延期|展延|順延|延至")),
    (Status.adjusted, re.compile(r"調整|變更|改為|改由|改以|併入|修正為")),
    (Status.ongoing, re.compile(r"辦理中|進行中|執行中|持續辦理|持續推動|持續進行|規劃中|未完成|審查中|研議中")),
    (Status.done, re.compile(r"已完成|完成|已辦理|辦理完竣|已達成|達成|如期|已於")),
)
# Column names of a results table: what each column holds.
COLUMN_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("status", re.compile(r"執行情形|辦理進度|執行進度|進度|狀態|完成情形")),
    ("done", re.compile(r"辦理成果|執行成果|辦理情形|具體成效|成效|成果|說明|執行內容")),
    ("date", re.compile(r"完成日期|日期|時間")),
    ("note", re.compile(r"備註|原因")),
    ("unit", re.compile(r"單位|承辦|負責")),
)
_URL = re.compile(r"https?://[^\s<>\"'`\\{}|^，。；、）)]+")
_REASON = re.compile(r"(?:原因|理由)[：:]\s*(.+)$", re.S)
# What a report writes before a result's text: 「辦理情形：」「執行成果：」.
_LEAD = re.compile(r"^\s*(?:辦理|執行)(?:情形|成果|成效|狀況)\s*[：:]\s*")
_MEASURE = re.compile(
    r"目標(?:值)?\s*[：:為]?\s*(?P<target>[\d,]+(?:\.\d+)?)\s*(?P<unit>[^\d\s，,；;。、）)]{0,3})\s*[，,；;、]?\s*"
    r"(?:實際|達成|完成)(?:值|數)?\s*[：:為]?\s*(?P<actual>[\d,]+(?:\.\d+)?)"
)
SIMILAR = 0.55  # how alike a paragraph must be to its plan item's text to be the item restated, not its result


@dataclass
class _Entry:
    """One item of the plan and what the report says of it."""

    item: PlanItem
    texts: list[str] = field(default_factory=list)
    status: str = ""  # a status column's text
    dates: list[str] = field(default_factory=list)


@dataclass
class ResultsImport:
    data: dict[str, Any]
    guesses: list[Guess]
    plan: Plan
    unmatched: list[str]  # text that names no item of the plan (kept as a comment in the file)


def is_results_report(document: SourceDocument) -> bool:
    """Whether a document reports a plan's results (its title says so)."""
    title = _title(document)
    return bool(REPORT_TITLE.search(title))


def _title(document: SourceDocument) -> str:
    """The first line of text; with the next when a PDF broke a long title in two (「…提升服務」「執行成果」)."""
    lines = [
        frontmatter.compact(b.text)
        for b in document.blocks[:8]
        if isinstance(b, Para) and b.text.strip() and not is_furniture(b.text)
    ]
    if not lines:
        return document.title
    first = lines[0]
    if not REPORT_TITLE.search(first) and len(lines) > 1 and len(lines[1]) <= 15 and not split_label(lines[1])[0]:
        joined = first + lines[1]
        if REPORT_TITLE.search(joined):
            return joined
    return first


def matching_plan(document: SourceDocument, plans: list[Plan], plan_id: str | None) -> tuple[Plan, str]:
    """The plan a report answers: named (``--plan``, or the document's plansite:plan-id), else the one
    whose agency and year the title names; and how it was found (a guess, or "" when named)."""
    named = plan_id or document.properties.get("plansite:plan-id")
    if named:
        found = next((p for p in plans if p.id == named), None)
        if found is None:
            raise ImportRefused(
                f"找不到計畫「{named}」", "plans/ 裡要有這份成果報告回應的計畫檔；計畫代號就是計畫檔的檔名（不含 .yaml）。"
            )
        return found, ""
    title = _title(document)
    year = frontmatter.year_of(title)
    writer = agency.in_title(title)
    names = {writer.name} if writer else set()
    candidates = [
        p for p in plans if (p.agency.name in title or p.agency.name in names) and (year is None or p.year in (year, None))
    ]
    if year is not None and any(p.year == year for p in candidates):
        candidates = [p for p in candidates if p.year == year]
    if len(candidates) == 1:
        return candidates[0], f"依文件標題的機關與年度，配對到計畫「{candidates[0].title}」"
    hint = "用 --plan 指定計畫代號，例如 plansite import 成果報告.docx --plan kaohsiung-cijin-114；計畫還沒有計畫檔時，請先匯入計畫。"
    if not candidates:
        raise ImportRefused(f"找不到「{title}」回應的計畫（plans/ 裡沒有同一機關、同一年度的計畫）", hint)
    listed = "、".join(p.id for p in candidates[:5])
    raise ImportRefused(f"「{title}」可能回應好幾份計畫（{listed}），無法確定是哪一份", hint)


def recognise_results(document: SourceDocument, plans: list[Plan], plan_id: str | None = None) -> ResultsImport:
    plan, how = matching_plan(document, plans, plan_id)
    outline = PlanOutline(plan)
    reader = _Reader(outline)
    blocks = [b for b in document.blocks if isinstance(b, Grid) or (b.text.strip() and not is_furniture(b.text))]
    title = _title(document)
    first_item = len(blocks)
    for index, block in enumerate(blocks):
        if isinstance(block, Para) and frontmatter.compact(block.text) in title and not reader.entries:
            continue
        reader.add(block)
        first_item = min(first_item, index) if reader.entries else first_item
    reader.drop_headings()
    if not reader.entries:
        raise ImportRefused(
            f"文件裡找不到照計畫「{plan.title}」編號寫的項目",
            "成果報告的項目要照計畫的編號寫（例如「肆、計畫內容」「一、」「(二)」「1.」），或寫在欄名有「執行情形」「辦理成果」的表格裡。",
        )
    guesses: list[Guess] = []
    year = frontmatter.year_of(title) or plan.year
    if year is None:
        raise ImportRefused("看不出這份成果報告是哪一年度的", "在文件標題寫上年度，例如「114年度提升服務成果報告」。")
    data: dict[str, Any] = {"draft": True, "plan": plan.id, "year": year, "title": title}
    if how:
        guesses.append(Guess(("plan",), how))
    if frontmatter.year_of(title) is None:
        guesses.append(Guess(("year",), "文件標題沒有寫年度，先填計畫的年度"))
    reported = _reported(blocks, first_item)
    if reported:
        data["reported"] = reported.isoformat()
        guesses.append(Guess(("reported",), "提出日期是文件開頭的日期，請對照公文或發布日期"))
    data["results"] = [_result(entry, index, outline, guesses) for index, entry in enumerate(reader.entries)]
    return ResultsImport(data, guesses, plan, reader.unmatched)


def _reported(blocks: list[Para | Grid], first_item: int) -> dt.date | None:
    """A date written before the first item (under the title: 「中華民國115年1月20日」)."""
    for block in blocks[:first_item]:
        if isinstance(block, Para) and (date := frontmatter.roc_date(block.text)) is not None:
            return date
    return None


# --- reading the items --------------------------------------------------------------------------


class _Reader:
    """Follows the plan's numbering through the document; collects each item's text.

    A labelled paragraph starts an item of the plan when its label path leads to one and it either
    restates that item's text or comes after the item before it (results follow the plan's order): a
    list inside a result, numbered from 1 again, stays the result's text."""

    def __init__(self, outline: PlanOutline) -> None:
        self.outline = outline
        self.order = {node.path: index for index, node in enumerate(outline.items())}
        self.stack: list[tuple[object, str]] = []  # (numbering style, label as a reference names it)
        self.entries: list[_Entry] = []
        self.current: _Entry | None = None
        self.unmatched: list[str] = []

    def add(self, block: Para | Grid) -> None:
        if isinstance(block, Grid):
            self.table(block)
            return
        written = block.label or split_label(block.text)[0]
        rest = (block.text if block.label else split_label(block.text)[1]).strip(" \u3000")
        whole = f"{block.label}{block.text}" if block.label else block.text.strip()
        item = self.follow(written, rest) if written else None
        if item is None:
            self.text(whole)
        elif item.kind == SECTION_ITEM:
            self.current = None
        else:
            self.start(item, rest)

    def follow(self, written: str, rest: str) -> PlanItem | None:
        """The plan item a label path leads to, once ``written`` is put where its style belongs."""
        style, _ = classify(written)
        if style is None or style is Numbering.bullet:
            return None
        key = normalise(written)
        stack: list[tuple[object, str]]
        if style == SECTION:
            stack = [(style, key)]
        else:
            base: list[tuple[object, str]] = self.stack or [(SECTION, self._content_section())]
            levels = [s for s, _ in base]
            stack = [*base[: levels.index(style)], (style, key)] if style in levels else [*base, (style, key)]
        item = self.outline.resolve("、".join(k for _, k in stack)).item if stack[0][1] else None
        if item is None or not self._starts(item, rest):
            return None
        self.stack = stack
        return item

    def _starts(self, item: PlanItem, rest: str) -> bool:
        if item.kind == SECTION_ITEM or self.current is None or _restates(rest.partition("：")[0], item):
            return True
        return self.order[item.path] > self.order[self.current.item.path]

    def start(self, item: PlanItem, rest: str) -> None:
        self.current = next((e for e in self.entries if e.item is item), None)
        if self.current is None:
            self.current = _Entry(item)
            self.entries.append(self.current)
        head, colon, after = rest.partition("：")
        text = after if colon and _restates(head, item) else rest
        if text.strip() and not _restates(text, item):
            self.current.texts.append(text.strip())

    def text(self, text: str) -> None:
        if not text:
            return
        if self.current is not None:
            self.current.texts.append(text)
        elif self.entries:
            self.unmatched.append(text)

    def table(self, grid: Grid) -> None:
        """A results table: the plan's labels in the first columns, how each went in the others."""
        head = [cell.text if cell else "" for cell in grid.rows[0]] if grid.rows else []
        roles = [_role(name) for name in head]
        body = grid.rows[1:] if any(roles) else grid.rows
        carried: dict[int, str] = {}
        for row in body:
            labels: list[str] = []
            extra: dict[str, list[str]] = {}
            for column, cell in enumerate(row):
                role = roles[column] if column < len(roles) else None
                if role:
                    if cell is not None and cell.text:
                        extra.setdefault(role, []).append(cell.text)
                    continue
                text = cell.text if cell is not None else carried.get(column, "")
                if cell is not None:
                    carried[column] = text
                label = split_label(text)[0] if text else ""
                if label and classify(label)[0] not in (None, Numbering.bullet):
                    labels.append(normalise(label))
            self.table_row(labels, extra)

    def table_row(self, labels: list[str], extra: dict[str, list[str]]) -> None:
        if not labels:
            return
        section = self.stack[0][1] if self.stack and self.stack[0][0] == SECTION else self._content_section()
        item = self.outline.resolve("、".join([section, *labels])).item if section else None
        if item is None:
            self.unmatched.append("、".join(labels) + "：" + "；".join(t for texts in extra.values() for t in texts))
            return
        self.start(item, "")
        assert self.current is not None
        self.current.texts += extra.get("done", []) + extra.get("note", [])
        self.current.status = "；".join(extra.get("status", []))
        self.current.dates += extra.get("date", [])

    def drop_headings(self) -> None:
        """An item the report only names on the way to its parts (「一、完備基礎服務項目…」 above its
        (一)) has no result of its own."""
        said = [e for e in self.entries if e.texts or e.status]
        self.entries = [
            e for e in self.entries if e.texts or e.status or not any(e.item in other.item.ancestors() for other in said)
        ]

    def _content_section(self) -> str:
        """Items read before any section heading answer the plan's 計畫內容."""
        sections = [s for s in self.outline.sections if self.outline.actionable(s)]
        return sections[0].key if sections else ""


def _restates(text: str, item: PlanItem) -> bool:
    """Whether a paragraph is the plan item's own text again (a report repeats its plan's items)."""
    words, own = re.sub(r"\s+", "", text), re.sub(r"\s+", "", item.text)
    if not words or not own:
        return not words
    return words == own or difflib.SequenceMatcher(None, words, own, autojunk=False).ratio() >= SIMILAR


def _role(name: str) -> str | None:
    return next((role for role, pattern in COLUMN_ROLES if pattern.search(name)), None) if name else None


# --- one result ----------------------------------------------------------------------------------


def _status(entry: _Entry) -> tuple[Status, str]:
    """The status and how it was read (the note of its guess)."""
    for words, note in ((entry.status, "執行情形欄"), ("\n".join(entry.texts), "辦理情形的文字")):
        for status, pattern in STATUS_WORDS:
            found = pattern.search(words)
            if found:
                return status, f"執行情形是從{note}的「{found.group()}」判斷的"
    return Status.done, "原文沒有寫執行情形，先填「已完成」"


def _result(entry: _Entry, index: int, outline: PlanOutline, guesses: list[Guess]) -> dict[str, Any]:
    path = ("results", index)
    status, how = _status(entry)
    result: dict[str, Any] = {"item": outline.place(entry.item), "status": status.value}
    guesses.append(Guess((*path, "status"), how))
    texts = [_LEAD.sub("", t).strip() for t in entry.texts if _LEAD.sub("", t).strip()]
    if status in NEEDS_REASON:
        reason = next((m.group(1).strip() for t in texts if (m := _REASON.search(t))), None)
        if reason is None and texts:
            reason = texts[0]
            texts = texts[1:]
        result["reason"] = reason or "（請填寫原因）"
        guesses.append(Guess((*path, "reason"), "原因是從辦理情形的文字摘出的" if reason else "原文沒有寫原因，請填寫"))
    if texts:
        result["done"] = texts
    measures = [m for t in texts for m in _measures(t, entry.item)]
    if measures:
        result["measures"] = measures
        guesses.append(Guess((*path, "measures"), "衡量指標是從文字裡的「目標…實際…」整理的；指標名稱請改成簡短的說法"))
    links = [url.rstrip(".") for t in texts for url in _URL.findall(t)]
    if links:
        result["evidence"] = [{"title": f"佐證資料{n}", "url": url} for n, url in enumerate(dict.fromkeys(links), start=1)]
        guesses.append(Guess((*path, "evidence"), "佐證資料的網址是從文字裡找到的；名稱請改成說明連到什麼"))
    dates = [d for t in [*entry.dates, *texts] if (d := frontmatter.roc_date(t)) is not None]
    if dates:
        result["date"] = max(dates).isoformat()
        guesses.append(Guess((*path, "date"), "日期是文字裡最晚的民國日期"))
    guesses.append(Guess((*path, "item"), f"照原文的編號對到計畫的「{_short(entry.item.text)}」"))
    return result


def _measures(text: str, item: PlanItem) -> list[dict[str, Any]]:
    found = []
    for match in _MEASURE.finditer(text):
        measure: dict[str, Any] = {"name": _short(item.text, 12)}
        measure["target"] = _number(match["target"])
        measure["actual"] = _number(match["actual"])
        if match["unit"]:
            measure["unit"] = match["unit"]
        found.append(measure)
    return found


def _number(text: str) -> int | float:
    value = float(text.replace(",", ""))
    return int(value) if value.is_integer() else value


def _short(text: str, limit: int = 20) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
