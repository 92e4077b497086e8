"""The Nu Html Checker (vnu.jar, from the ``vnu-jar`` npm package) over a built site.

``run_vnu`` checks every ``.html`` page of a built site folder (or the pages
given) in one ``java`` run and turns each error into a ``findings.Finding``
(rule ``vnu``).  Warnings and info messages are left out; fatal errors and
errors about a file that cannot be read are kept.  The checker's messages are
in English, so each one is prefixed with a short Traditional Chinese summary.

Needs Java 17 or later (``java`` on PATH, or ``$JAVA``) and ``npm ci``.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ..settings import java
from .browser import NodeModulesMissing, html_pages, node_modules
from .findings import Finding

JAR = Path("build", "dist", "vnu.jar")  # inside node_modules/vnu-jar
# The checker needs a deep stack; C1-only compiling halves its start-up time for a run this short.
JAVA_OPTIONS: tuple[str, ...] = ("-Xss4m", "-XX:TieredStopAtLevel=1")
VNU_OPTIONS: tuple[str, ...] = ("--format", "json", "--stdout", "--exit-zero-always", "--errors-only", "--no-langdetect")
MESSAGE_PREFIX = "HTML 不符合標準："
HELP = "依 HTML 標準修正這段標記（標籤正確開合、id 不重複、屬性與屬性值有效）；可用 Nu Html Checker（https://validator.w3.org/nu/）重新檢查。"
FATAL_PREFIX = "HTML 嚴重錯誤，檢查無法繼續："
IO_PREFIX = "無法檢查這個檔案："
ELEMENT_LIMIT = 200


class VnuUnavailable(RuntimeError):
    """Java or vnu.jar is missing."""


def vnu_command() -> list[str]:
    """``java … -jar vnu.jar`` with the options this module parses."""
    runtime = java()
    if not runtime:
        raise VnuUnavailable(
            "找不到 java：Nu Html Checker 需要 Java 17 以上。請執行 `make test` 安裝所需套件（或自行安裝 default-jre-headless）。"
        )
    try:
        jar = node_modules("vnu-jar") / JAR
    except NodeModulesMissing as error:
        raise VnuUnavailable(str(error)) from error
    if not jar.is_file():
        raise VnuUnavailable(f"找不到 {jar}：請在專案資料夾執行 `make test`（或 `npm ci`）重新安裝 vnu-jar。")
    return [runtime, *JAVA_OPTIONS, "-jar", str(jar), *VNU_OPTIONS]


def _page(url: str, site_dir: Path, by_path: dict[Path, str]) -> str:
    """The page a message is about, relative to the site folder with / separators."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return url
    path = Path(url2pathname(parts.path))
    if path in by_path:
        return by_path[path]
    try:
        return path.resolve().relative_to(site_dir).as_posix()
    except ValueError:
        return url


# What the Nu Html Checker's (English) messages are about, as a title in Chinese.
MESSAGE_TITLES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), title)
    for pattern, title in (
        (r"^Duplicate ID", "id 重複"),
        (r"^Bad value .* for attribute", "屬性的值不正確"),
        (r"^Attribute .* not allowed on element", "元素不可使用這個屬性"),
        (r"^Element .* not allowed as child of element", "元素不可放在這個位置"),
        (r"^Element .* is missing (a )?required (attribute|instance of child element)", "元素缺少必要的屬性或子元素"),
        (r"^Stray (end|start) tag", "多餘的標籤"),
        (r"^End tag .* seen, but there were open elements|^Unclosed element", "標籤沒有正確結束"),
        (r"obsolete", "使用已淘汰的寫法"),
        (r"^The .* role is unnecessary|^The .* role is not allowed|^Bad value .* for attribute .?role", "ARIA role 使用不當"),
        (r"aria-", "ARIA 屬性使用不當"),
        (r"^CSS:", "CSS 語法錯誤"),
        (r"^Text not allowed|^Character reference|^Saw ", "HTML 語法錯誤"),
        (r"heading", "標題結構有問題"),
        (r"^Consider adding a .lang.|lang", "語言標示有問題"),
    )
)


def message_title(text: str) -> str:
    """The Chinese title of a Nu Html Checker message (Duplicate ID "x". → id 重複)."""
    return next((title for pattern, title in MESSAGE_TITLES if pattern.search(text)), "HTML 不符合標準")


def _finding(page: str, message: dict) -> Finding | None:
    kind, sub = message.get("type"), message.get("subType")
    text = " ".join(str(message.get("message", "")).split())
    if kind == "error" and sub == "fatal":
        prefix = FATAL_PREFIX
    elif kind == "error":
        prefix = MESSAGE_PREFIX
    elif kind == "non-document-error":
        prefix = IO_PREFIX
    else:  # info and warnings
        return None
    extract = str(message.get("extract", ""))
    start, length = message.get("hiliteStart"), message.get("hiliteLength")
    if isinstance(start, int) and isinstance(length, int) and length > 0:
        extract = extract[start : start + length] or extract  # the offending markup, without the context around it
    line = message.get("lastLine") or message.get("firstLine")
    where = f"（第 {line} 行）" if line else ""
    return Finding(
        page=page,
        rule="vnu",
        code="",
        element=" ".join(extract.split())[:ELEMENT_LIMIT],
        message=f"{prefix}{message_title(text)}：{text}{where}",
        help=HELP,
    )


def run_vnu(site_dir: Path, pages: list[str] | None = None) -> list[Finding]:
    """Check every ``.html`` page of a built site (or the given pages) with one Nu Html Checker run."""
    site_dir = Path(site_dir).resolve()
    names = html_pages(site_dir, pages)
    if not names:
        return []
    missing = [name for name in names if not (site_dir / name).is_file()]
    if missing:
        raise FileNotFoundError(f"網站資料夾 {site_dir} 裡沒有這些網頁：{', '.join(missing)}")
    by_path = {site_dir / name: name for name in names}
    command = vnu_command()
    done = subprocess.run(
        [*command, *(str(path) for path in by_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(
            f"Nu Html Checker 沒有產生 JSON 報告（結束碼 {done.returncode}）：{(done.stderr or done.stdout).strip()[:2000]}"
        ) from error
    findings = []
    for message in report.get("messages", []):
        finding = _finding(_page(message.get("url", ""), site_dir, by_path), message)
        if finding is not None:
            findings.append(finding)
    order = {name: index for index, name in enumerate(names)}
    findings.sort(key=lambda f: order.get(f.page, len(order)))  # stable: each page's messages stay in line order
    return findings
