"""PDF/UA-1 for every PDF of a built site (page-validation, profile ua1)."""

from __future__ import annotations

from pathlib import Path

from .findings import Finding

# A plan table is one Table element however many pages it spans: allow long ones.
MAX_TABLE_ROWS = 20_000

HELP = "PDF 由 templates/print.html.j2 與 print.css 產生，pdf/tags.py 補上 WeasyPrint 缺少的標記；請從這兩處修正。"


def check_pdfs(site_dir: Path) -> tuple[list[str], list[Finding]]:
    """The PDFs checked (relative to the site folder) and every PDF/UA-1 failure found in them."""
    import page as page_validation  # page-validation: a Rust PDF/UA validator

    names = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.pdf"))
    limits = page_validation.SafetyLimits(max_table_grid_rows=MAX_TABLE_ROWS)
    findings = []
    for name in names:
        report = page_validation.validate_pdf(str(site_dir / name), profile="ua1", limits=limits)
        for failure in report.failures:
            message = f"PDF 不符合 PDF/UA-1：{failure.message}"
            findings.append(Finding(name, f"pdf-ua:{failure.rule_id}", "", failure.rule_id, message, HELP))
    return names, findings
