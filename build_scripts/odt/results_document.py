"""A plan's results report → OpenDocument text (ODT): the same content and order as its web page and PDF.

Set like the plan's ODT (``document``): real headings, the summary as a table, then each section's
results in the plan's own structure (a table whose header row repeats on every page), lists with the
plan's labels. Evidence is written with its address, as in print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from odf import dc, meta
from odf.opendocument import OpenDocumentText

from ..plan.dates import roc_date, roc_year_label
from ..plan.results_model import PlanResults
from ..render.metadata import keywords
from ..render.results import ResultsView, results_view
from .document import LANGUAGE, _Builder, _clean, _paragraph, add_dublin_core, heading_element, term_paragraph
from .package import package_bytes
from .styles import add_styles

SUBJECT = "執行成果"


def render_results_odt(results: PlanResults, metadata: Sequence[tuple[str, str]] = ()) -> bytes:
    """The results report as an ODT document (bytes), identical for identical input; ``metadata``: its
    Dublin Core, as for a plan's ODT."""
    document = _ResultsBuilder(results_view(results)).build()
    add_dublin_core(document, metadata)
    return package_bytes(document, results.report.reported)


@dataclass(frozen=True)
class _Row:
    """A row of the summary table (the shape ``render.tables.layout_table`` lays out)."""

    cell: str
    label: str | None = None
    span: int = 1
    rows: tuple[_Row, ...] = ()


@dataclass(frozen=True)
class _Counts:
    caption: str
    columns: list[str]
    rows: list[_Row]
    header_columns: int = 1
    header: bool = True


def _add_metadata(doc: OpenDocumentText, view: ResultsView) -> None:
    results = view.results
    plan, report = results.plan, results.report
    doc.meta.addElement(dc.Title(text=_clean(results.title)))
    doc.meta.addElement(dc.Description(text=_clean(f"{plan.agency.name}｜{results.title}：{view.summary}")))
    doc.meta.addElement(dc.Subject(text=SUBJECT))
    for word in [*keywords(plan), SUBJECT, f"{report.year}年度"]:
        doc.meta.addElement(meta.Keyword(text=_clean(word)))
    doc.meta.addElement(meta.InitialCreator(text=_clean(plan.agency.name)))
    doc.meta.addElement(dc.Creator(text=_clean(plan.agency.name)))
    if report.reported:
        doc.meta.addElement(meta.CreationDate(text=f"{report.reported.isoformat()}T00:00:00"))
        doc.meta.addElement(dc.Date(text=f"{report.reported.isoformat()}T00:00:00"))
    doc.meta.addElement(dc.Language(text=LANGUAGE))
    for name, value in (("plansite:plan-id", plan.id), ("plansite:results-year", str(report.year))):
        doc.meta.addElement(meta.UserDefined(name=name, valuetype="string", text=value))


class _ResultsBuilder(_Builder):
    def __init__(self, view: ResultsView) -> None:
        super().__init__(view.results.plan, view.results.report.reported)
        self.view = view

    def heading(self, text: str, level: int = 2) -> None:
        self.doc.text.addElement(heading_element(text, level, "Title" if level == 1 else f"Heading_20_{level}"))

    def build(self) -> OpenDocumentText:
        view, doc = self.view, self.doc
        plan, report = view.results.plan, view.results.report
        add_styles(doc)
        _add_metadata(doc, view)
        body = doc.text
        self.heading(view.results.title, 1)
        if report.note:
            body.addElement(_paragraph("Text_20_body", report.note))
        facts = [("計畫", plan.title), ("機關", f"{plan.agency.name}（{plan.agency.city}，{plan.agency.type.value}）")]
        facts.append(("年度", roc_year_label(report.year)))
        if report.reported:
            facts.append(("提出日期", roc_date(report.reported)))
        for term, value in facts:
            body.addElement(term_paragraph("Plan_20_Meta", term, value))
        self.heading("執行情形摘要")
        body.addElement(_paragraph("Text_20_body", f"計畫的 {view.total} 個項目：{view.summary}。"))
        shown = [c for c in view.counts if c.count]
        rows = [_Row(c.label, rows=(_Row(str(c.count), rows=(_Row(f"{c.percent}%"),)),)) for c in shown]
        self.table(body, _Counts("各執行情形的項目數", ["執行情形", "項目數", "比例"], rows), "各執行情形的項目數", "counts")
        if report.summary:
            self.heading("總結")
            self.blocks(body, report.summary, "", "overview-", "Text_20_body")
        for section in view.sections:
            self.heading(section.title)
            self.table(body, section.table, section.table.caption, f"results-{section.number}")
        if view.missing:
            self.heading("未列成果的項目")
            body.addElement(_paragraph("Text_20_body", "本報告沒有列出下列計畫項目的成果（表格中標示「未列成果」）："))
            for item, count in view.missing:
                text = " ".join(item.text.split()) + (f"（共 {count} 項）" if count > 1 else "")
                body.addElement(_paragraph("Text_20_body", text, view.place(item) + " "))
        return doc
