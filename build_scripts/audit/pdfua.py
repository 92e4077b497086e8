"""PDF/UA-1 for every PDF of a built site (page-validation, profile ua1)."""

from __future__ import annotations

from pathlib import Path

from .findings import Finding

# A plan table is one Table element however many pages it spans: allow long ones.
MAX_TABLE_ROWS = 20_000

# What each PDF/UA-1 rule of page-validation is about, by the part of its id (PDFUA1-<part>-NNN).
RULE_TITLES: tuple[tuple[str, str], ...] = (
    ("CONTENT-TAGGING", "內容沒有標記：文字或圖形既不是頁面裝飾（Artifact），也不在結構樹裡"),
    ("ID-", "缺少 PDF/UA 識別（XMP 的 pdfuaid）"),
    ("METADATA-TITLE", "中繼資料沒有文件標題（dc:title）"),
    ("METADATA", "中繼資料（XMP）不完整"),
    ("OUTLINE", "書籤（大綱）有問題"),
    ("STRUCT", "結構樹有問題"),
    ("TAGGED-DOCUMENT", "沒有宣告為標記 PDF（MarkInfo /Marked）"),
    ("LANGUAGE", "文字沒有標示語言（/Lang）"),
    ("VIEWER-PREFERENCES", "閱讀器開啟時不會顯示文件標題（DisplayDocTitle）"),
    ("TABLE", "表格標記有問題（表頭、範圍或儲存格）"),
    ("FIGURE", "圖片沒有替代文字"),
    ("ALT", "缺少替代文字"),
    ("FONT", "字型沒有內嵌或缺少字元對照（ToUnicode）"),
    ("HEADING", "標題層級有問題"),
    ("LIST", "清單結構有問題"),
    ("ANNOT", "註記或連結沒有標記"),
    ("LINK", "連結沒有標記或說明"),
)


def rule_title(rule_id: str) -> str:
    """The Chinese title of a PDF/UA-1 rule (PDFUA1-TEXT-LANGUAGE-001 → 文字沒有標示語言（/Lang））."""
    return next((title for part, title in RULE_TITLES if part in rule_id), "不符合 PDF/UA-1")


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
            message = f"PDF 不符合 PDF/UA-1：{rule_title(failure.rule_id)}（{failure.message}）"
            findings.append(Finding(name, f"pdf-ua:{failure.rule_id}", "", failure.rule_id, message, HELP))
    return names, findings
