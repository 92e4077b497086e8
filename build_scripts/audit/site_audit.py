"""Every automated check of a built site, in one place: what `plansite check site/` and the tests run.

1. The Taiwan rules checker (``taiwan_rules``): 導盲磚, skip link, 網站導覽, tables, links, CSS …
2. axe-core in Debian's Chromium (``axe``), and every request a page makes to another host.
3. The Nu Html Checker (``vnu``).
4. PDF/UA-1 for every PDF of the site (page-validation, profile ua1).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding
from .pdfua import check_pdfs
from .taiwan_rules import check_site

CHECKERS: tuple[tuple[str, str], ...] = (
    ("taiwan", "臺灣網站無障礙規範檢查（本專案）"),
    ("axe", "axe-core（WCAG 2.2 AA 與最佳實務）"),
    ("vnu", "Nu Html Checker（HTML 標準）"),
    ("pdf", "PDF/UA-1（page-validation）"),
)


@dataclass
class Audit:
    site_dir: Path
    findings: list[Finding] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # HTML pages checked
    pdfs: list[str] = field(default_factory=list)  # PDFs checked
    seconds: dict[str, float] = field(default_factory=dict)  # time taken by each checker

    @property
    def ok(self) -> bool:
        return not self.findings


def checker_of(finding: Finding) -> str:
    if finding.rule.startswith("axe:") or finding.rule == "external-request":
        return "axe"
    if finding.rule == "vnu":
        return "vnu"
    if finding.rule.startswith("pdf-ua"):
        return "pdf"
    return "taiwan"


def _external(requests: list[tuple[str, str]]) -> list[Finding]:
    return [
        Finding(
            page,
            "external-request",
            "",
            url,
            "網頁向其他網站發出請求，離線時會失效，也可能洩漏瀏覽紀錄。",
            "把字型、程式與圖片放在網站內（mkdocs.yml 的 theme.font: false），不要引用外部網址。",
        )
        for page, url in requests
    ]


def _taiwan(audit: Audit) -> list[Finding]:
    return check_site(audit.site_dir)


def _axe(audit: Audit) -> list[Finding]:
    from .axe import run_axe  # Playwright: imported only when the check runs

    result = run_axe(audit.site_dir)
    return [*result.findings, *_external(result.external_requests)]


def _vnu(audit: Audit) -> list[Finding]:
    from .vnu import run_vnu

    return run_vnu(audit.site_dir)


def _pdfs(audit: Audit) -> list[Finding]:
    audit.pdfs, findings = check_pdfs(audit.site_dir)
    return findings


RUNS: dict[str, Callable[[Audit], list[Finding]]] = {"taiwan": _taiwan, "axe": _axe, "vnu": _vnu, "pdf": _pdfs}


def audit_site(site_dir: Path, only: set[str] | None = None, progress: Callable[[str], None] | None = None) -> Audit:
    """Run the checkers (all, or those named in ``only``) over a built site folder."""
    from .browser import html_pages

    site_dir = Path(site_dir)
    audit = Audit(site_dir, pages=html_pages(site_dir, None))
    for name, _title in CHECKERS:
        if only and name not in only:
            continue
        if progress:
            progress(name)
        start = time.perf_counter()
        audit.findings.extend(RUNS[name](audit))
        audit.seconds[name] = time.perf_counter() - start
    return audit
