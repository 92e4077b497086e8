"""axe-core over a built site, in a real Chromium, with axe's Traditional Chinese messages.

``run_axe`` serves a built site folder on a loopback port, opens every ``.html``
page (404.html included) in one Chromium page with
``node_modules/axe-core/axe.min.js`` injected (an init script that also switches
axe to its ``zh_TW`` locale with ``axe.configure``) and runs the WCAG 2.0/2.1/2.2
A and AA rules and axe's best practices.  Each violating element becomes one
``findings.Finding`` (rule ``axe:<rule id>``).  It also records every
request a page makes to a host other than the local server: the site must work
offline, so there should be none.

Other hosts never resolve in that browser (a host resolver rule maps them to
"not found"), so a page that calls out is recorded without waiting on the
network and without reaching it.

Needs Playwright, Debian's Chromium and ``npm ci`` (axe-core in node_modules).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

from .browser import chromium, html_pages, node_modules, serve
from .findings import RULES_BY_ID, Finding
from .target_size import CODE as TARGET_SIZE_CODE
from .target_size import target_findings
from .wording import reworded

AXE_TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
LOCALE = "zh_TW"
ELEMENT_LIMIT = 200

# axe rules that test exactly what a 檢測碼 of the 網站無障礙規範 asks for.
AXE_CODES: dict[str, str] = {
    "image-alt": RULES_BY_ID["img-alt"].code,
    "link-name": RULES_BY_ID["link-text"].code,
    "html-has-lang": RULES_BY_ID["html-lang"].code,
    "html-lang-valid": RULES_BY_ID["html-lang"].code,
    "empty-heading": RULES_BY_ID["empty-heading"].code,
    "heading-order": RULES_BY_ID["heading-order"].code,
    "td-headers-attr": RULES_BY_ID["table-headers"].code,
    "skip-link": RULES_BY_ID["skip-link"].code,
    "label": RULES_BY_ID["empty-label"].code,
    "target-size": TARGET_SIZE_CODE,
    "color-contrast": "GN2140300E",
}

# Every host but the local server fails to resolve at once.
_OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]

# Runs in the page: only the violations, trimmed to what a Finding needs.
_RUN = """
async (options) => {
  const results = await axe.run(document, options);
  return results.violations.map(v => ({
    id: v.id,
    tags: v.tags,
    help: v.help,
    helpUrl: v.helpUrl,
    description: v.description,
    nodes: v.nodes.map(n => ({ html: n.html, failureSummary: n.failureSummary || "" })),
  }));
}
"""


def axe_script() -> str:
    """axe.min.js from node_modules, switched to its Traditional Chinese locale."""
    axe_dir = node_modules("axe-core")
    source = (axe_dir / "axe.min.js").read_text(encoding="utf-8")
    locale = reworded(json.loads((axe_dir / "locales" / f"{LOCALE}.json").read_text(encoding="utf-8")))
    return f"{source}\n;axe.configure({{ locale: {json.dumps(locale, ensure_ascii=False)} }});\n"


@dataclass
class AxeResult:
    findings: list[Finding] = field(default_factory=list)
    # (page, url) for every request a page made to a host other than the local server
    external_requests: list[tuple[str, str]] = field(default_factory=list)


def _snippet(html: str, limit: int = ELEMENT_LIMIT) -> str:
    html = " ".join(html.split())
    return html if len(html) <= limit else html[: limit - 1] + "…"


_SC_TAG = re.compile(r"wcag(\d)(\d)(\d{1,2})$")


def _criterion(tags: list[str]) -> str:
    """The WCAG criterion of an axe rule, from its tags (wcag412 → 4.1.2)."""
    return next((f"{m[1]}.{m[2]}.{m[3]}" for tag in tags if (m := _SC_TAG.match(tag))), "")


def _findings(page: str, violations: list[dict]) -> list[Finding]:
    findings: list[Finding] = []
    for violation in violations:
        rule = violation["id"]
        help_text = violation["help"]
        if violation.get("helpUrl"):
            help_text += f"（說明：{violation['helpUrl']}）"
        for node in violation["nodes"]:
            findings.append(
                Finding(
                    page=page,
                    rule=f"axe:{rule}",
                    code=AXE_CODES.get(rule, ""),
                    element=_snippet(node["html"]),
                    message=(node["failureSummary"] or violation["description"]).strip(),
                    help=help_text,
                    wcag=_criterion(violation.get("tags", [])),
                )
            )
    return findings


class _RequestLog:
    """Records every request a page (or its workers) makes to a host other than the local server."""

    def __init__(self, base: str, names: list[str], result: AxeResult) -> None:
        self.base = base
        self.local = urlsplit(base).netloc
        self.names = set(names)
        self.result = result
        self.current = ""  # the page being loaded
        self.seen: set[tuple[str, str]] = set()

    def page_of(self, request: Any) -> str:
        """The page whose document made the request; the page being loaded when that is unknown."""
        try:
            url = request.frame.url
        except Exception:  # a worker's request has no frame
            return self.current
        if url.startswith(self.base):
            path = unquote(urlsplit(url).path).lstrip("/")
            if path in self.names:
                return path
        return self.current

    def __call__(self, request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about") or not parts.netloc or parts.netloc == self.local:
            return
        key = (self.page_of(request), request.url)
        if key not in self.seen:
            self.seen.add(key)
            self.result.external_requests.append(key)


def run_axe(site_dir: Path, pages: list[str] | None = None, width: int = 1280) -> AxeResult:
    """Run axe-core on every ``.html`` page of a built site (or the given pages, relative to it),
    in a window ``width`` CSS pixels wide (phones: 320 or 375)."""
    site_dir = Path(site_dir)
    script = axe_script()
    options = {"runOnly": {"type": "tag", "values": list(AXE_TAGS)}, "resultTypes": ["violations"]}
    names = html_pages(site_dir, pages)
    missing = [name for name in names if not (site_dir / name).is_file()]
    if missing:
        raise FileNotFoundError(f"網站資料夾 {site_dir} 裡沒有這些網頁：{', '.join(missing)}")

    result = AxeResult()
    with serve(site_dir) as base, chromium(_OFFLINE_ARGS) as browser:
        requests = _RequestLog(base, names, result)
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-TW")
        # Every document gets axe before its own scripts run: injected by the browser at each
        # navigation (much faster than sending axe.min.js again with add_script_tag), and into
        # frames too, so axe can look inside them.
        context.add_init_script(script=script)
        context.on("request", requests)  # the pages' and their workers' requests
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            for name in names:
                requests.current = name
                page.goto(urljoin(base, quote(name)), wait_until="load")
                result.findings += _findings(name, page.evaluate(_RUN, options))
                result.findings += target_findings(name, page)
        finally:
            context.close()
    return result
