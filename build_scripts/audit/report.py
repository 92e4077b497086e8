"""Reports of an audit: plain text for the terminal, HTML for people, JSON and JUnit XML for CI."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

import jinja2

from .site_audit import CHECKERS, Audit, checker_of

# The report is the checks' own page, not part of the site: its template lives beside this module.
_REPORT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent), autoescape=True, trim_blocks=True, lstrip_blocks=True
)


def summary(audit: Audit) -> str:
    counts = Counter(checker_of(f) for f in audit.findings)
    parts = [f"{title}：{counts.get(name, 0)} 個問題" for name, title in CHECKERS if name in audit.seconds]
    head = f"檢查了 {len(audit.pages)} 個網頁、{len(audit.pdfs)} 個 PDF。"
    return head + "\n" + "\n".join(f"  {p}" for p in parts)


def text(audit: Audit, limit: int = 200) -> str:
    lines = []
    for finding in audit.findings[:limit]:
        lines.append(f"{finding.page}: [{finding.rule} {finding.criterion}] {finding.message}")
        lines.append(f"    元素：{finding.element}")
        lines.append(f"    修正：{finding.help}")
    if len(audit.findings) > limit:
        lines.append(f"……還有 {len(audit.findings) - limit} 個問題，請看完整報告。")
    return "\n".join(lines)


def as_json(audit: Audit) -> str:
    data = {
        "site": str(audit.site_dir),
        "ok": audit.ok,
        "pages": audit.pages,
        "pdfs": audit.pdfs,
        "checkers": {
            name: {"title": title, "seconds": round(audit.seconds[name], 2)} for name, title in CHECKERS if name in audit.seconds
        },
        "findings": [
            {
                "checker": checker_of(f),
                "page": f.page,
                "rule": f.rule,
                "code": f.code,
                "wcag": f.wcag,
                "element": f.element,
                "message": f.message,
                "help": f.help,
            }
            for f in audit.findings
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_junit(audit: Audit) -> str:
    """One test suite per checker, one test case per page (or PDF): failures list that page's findings."""
    suites = ET.Element("testsuites", name="plansite check", failures=str(len(audit.findings)))
    for name, title in CHECKERS:
        if name not in audit.seconds:
            continue
        targets = audit.pdfs if name == "pdf" else audit.pages
        found = [f for f in audit.findings if checker_of(f) == name]
        extra = sorted({f.page for f in found} - set(targets))  # e.g. CSS files
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=title,
            tests=str(len(targets) + len(extra)),
            failures=str(len({f.page for f in found})),
            time=f"{audit.seconds[name]:.2f}",
        )
        for target in [*targets, *extra]:
            case = ET.SubElement(suite, "testcase", classname=name, name=target)
            mine = [f for f in found if f.page == target]
            if mine:
                failure = ET.SubElement(case, "failure", message=f"{len(mine)} 個問題", type=name)
                failure.text = "\n".join(
                    f"[{f.rule} {f.criterion}] {f.message}\n  元素：{f.element}\n  修正：{f.help}" for f in mine
                )
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def as_html(audit: Audit) -> str:
    groups = [
        (title, audit.seconds[name], [f for f in audit.findings if checker_of(f) == name])
        for name, title in CHECKERS
        if name in audit.seconds
    ]
    return _REPORT.get_template("report.html.j2").render(audit=audit, groups=groups)


def write_reports(audit: Audit, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    outputs = {"check.html": as_html(audit), "check.json": as_json(audit), "check-junit.xml": as_junit(audit)}
    paths = []
    for name, content in outputs.items():
        path = folder / name
        path.write_text(content, "utf-8")
        paths.append(path)
    return paths
