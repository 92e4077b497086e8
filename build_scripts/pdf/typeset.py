"""Print HTML → PDF/UA-1 with WeasyPrint, finished by ``tags``.

Only local files may be fetched while rendering; any WeasyPrint ERROR log line makes the render
fail (WeasyPrint itself only logs a missing lang or alt).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any, NoReturn

from ..plan.model import Plan
from .continuation import carried_rows
from .layout import render_document
from .libraries import load_weasyprint
from .print_html import Printable, print_html, results_print_html


class PdfError(Exception):
    pass


def local_only(url: str, *args: object, **kwargs: object) -> NoReturn:
    """WeasyPrint's URL fetcher: nothing may be fetched while printing a plan."""
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


@cache
def font_configuration() -> Any:
    """The process's one WeasyPrint font configuration, for all its PDFs (WeasyPrint makes one for each
    document it is not given one): fontconfig's configuration loaded, and Pango's and HarfBuzz's fonts
    with what they learned laying out and subsetting (glyphs, metrics, the CJK font's tables), once a
    process instead of once a PDF. The print stylesheet has no ``@font-face``: a configuration holds
    the installed fonts only, which a process takes as fixed (``fonts.pdf_fonts`` asks once too)."""
    load_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render_pdf(job: Printable, metadata: Sequence[tuple[str, str]] = ()) -> bytes:
    """A plan's PDF/UA-1, or a plan's results report's, with ``metadata`` (``DC.Title`` … pairs) as the
    Dublin Core of its XMP."""
    load_weasyprint()
    with _weasyprint_errors() as errors:
        html = print_html(job) if isinstance(job, Plan) else results_print_html(job)
        document = render_document(html, local_only, font_configuration())
        data = document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    if errors.messages:
        raise PdfError(f"{job.id}: WeasyPrint 回報錯誤：" + "；".join(errors.messages))
    from .tags import finish  # pikepdf: imported when a PDF is made, so the plugin loads quickly

    return finish(data, carried_rows([page._page_box for page in document.pages]), metadata)


def warm_up() -> None:
    """What a worker does before its first PDF (``workers.Spare``): WeasyPrint and pikepdf imported, and
    a line of Chinese laid out in the print stylesheet's fonts, so Pango and fontconfig have them loaded
    in the configuration its PDFs use."""
    load_weasyprint()
    from weasyprint import HTML

    from ..render.environment import template_file
    from . import tags  # noqa: F401 (imported ahead)
    from .fonts import GENERIC, stylesheet_families

    named = stylesheet_families(template_file("print.css").read_text("utf-8"))
    families = ", ".join(family if family.lower() in GENERIC else f'"{family}"' for family in named)
    HTML(
        string=f'<html lang="zh-Hant-TW"><p style="font-family: {families}">計畫 114 年</p></html>', url_fetcher=local_only
    ).render(font_config=font_configuration())
