"""Plan → printable PDF (PDF/UA-1) with WeasyPrint, from templates/print.html.j2.

Only local files may be fetched while rendering; any WeasyPrint ERROR log line
makes the render fail (WeasyPrint itself only logs a missing lang or alt).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from .model import Plan
from .pdf_tags import finish
from .render import TEMPLATES, render


class PdfError(Exception):
    pass


def keywords(plan: Plan) -> list[str]:
    words = [plan.agency.name, plan.agency.city, plan.agency.type.value, "提升服務計畫", "主動公開資訊"]
    if plan.year is not None:
        words.append(f"{plan.year}年度")
    return words


def print_html(plan: Plan, updated: dt.date | None = None) -> str:
    stylesheet = (TEMPLATES / "print.css").read_text("utf-8")
    return render("print.html.j2", plan=plan, updated=updated or plan.updated, keywords=keywords(plan), stylesheet=stylesheet, print_layout=True)


def _local_only(url: str, *args, **kwargs):
    raise PdfError(f"列印時不允許讀取外部資源：{url}")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_errors() -> Iterator[_Collect]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def render_pdf(plan: Plan, updated: dt.date | None = None) -> bytes:
    from weasyprint import HTML  # imported here: slow to import, and only needed for PDFs

    html = print_html(plan, updated)
    with _weasyprint_errors() as errors:
        document = HTML(string=html, url_fetcher=_local_only)
        data = document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    if errors.messages:
        raise PdfError(f"{plan.id}: WeasyPrint 回報錯誤：" + "；".join(errors.messages))
    return finish(data)
