"""The site's search index: Pagefind, over the pages a citizen searches for.

Pagefind splits the index into small pieces that a visitor's browser fetches only while searching
(the search page, ``content/search.md``), so no page carries the whole index.

Chinese has no spaces, and Pagefind's own word splitting (a Simplified Chinese dictionary at build
time, the browser's ``Intl.Segmenter`` at search time) cuts Traditional text differently on the
two sides: 「民國」 is indexed as 民 + 國 but searched as one word, and is never found. So the
index is made of single characters: a zero-width space goes between Han characters (and between
Han and digits) of the indexed copy, and the search page asks for the query's characters as an
exact phrase (``content/assets/search.js``) — a substring search, which is what readers of
Chinese expect: 「品質」 finds 服務品質, 「114年」 and 「民國114年」 find 民國114年度. The zero-width
spaces do not show in result excerpts. Pages that only list plans (home, 主動公開資訊, browse
pages, 網站導覽, the search page) are not indexed, so results lead to plans and agencies.

The index is cached by a hash of the indexed pages (and Pagefind's version): a build that changed
no page copies the last index instead of starting Pagefind.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path

from lxml import html as lxml_html

from ..cache import FileCache, code_digest

OUTPUT = "pagefind"
ROOT_SELECTOR = "article"
# Not content: cell labels repeated for phones, breadcrumbs, the 導盲磚, downloads, the git date, and
# an agency page's lists of its plans and the sentence that says so (their words would rank the short
# agency page above the plans that hold them; the agency is still found by its name, city and type); a
# results page's copies of its plan's items (found by its own words: what was done, measures, reasons).
EXCLUDED = (
    ".plan-cell-label",
    ".tw-breadcrumbs",
    ".tw-accesskey",
    ".plan-downloads",
    ".plan-page-date",
    ".agency-lists",
    ".results-item",
    ".results-missing",
)
LANGUAGE = "zh-tw"
ZERO_WIDTH_SPACE = "\u200b"

# Characters written two ways in Taiwan's texts (the official form first): a page holding one is also
# indexed with the other, so 「台南」 finds 臺南市 and 「臺東」 finds 台東. Forms pasted from Simplified or
# Japanese input (户, 卫) are included for the words plans use most.
VARIANTS = {
    "臺": "台", "裡": "裏", "線": "綫", "衛": "衞", "群": "羣", "峰": "峯", "啟": "啓", "溫": "温",
    "鄉": "鄕", "著": "着", "為": "爲", "說": "説", "內": "内", "錄": "録", "戶": "户", "眾": "衆",
    "黃": "黄", "彙": "匯", "於": "于", "証": "證",
}  # fmt: skip
_SWAP = {**VARIANTS, **{other: official for official, other in VARIANTS.items()}}
_VARIANT = re.compile("[" + "".join(_SWAP) + "]")

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_BETWEEN = re.compile(rf"(?<=[{_HAN}])(?=[{_HAN}0-9])|(?<=[0-9])(?=[{_HAN}])")
_TEXT = re.compile(r">([^<]+)<")


# What the search page does not use of Pagefind's bundle (other interfaces, the highlighter).
UNUSED = (
    "pagefind-component-ui.css",
    "pagefind-component-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-highlight.js",
)
# What an index merged into the primary one does not use either: the search runs on the primary's.
MERGED_UNUSED = ("pagefind.js", "pagefind-worker.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-highlight.js")
_PX_FONT = re.compile(r"font-size:calc\((\d+(?:\.\d+)?)px")


class SearchIndexError(Exception):
    pass


def searchable(html: str) -> str:
    """The page as it is indexed: a zero-width space between Han characters in its text (not in
    its tags or attributes); each text of the indexed part that holds a variant character, again
    with the other form, at its end."""
    end = html.rfind(f"</{ROOT_SELECTOR}>")
    variants = [_VARIANT.sub(lambda m: _SWAP[m.group()], t) for t in _indexed_texts(html) if _VARIANT.search(t)]
    if end < 0 or not variants:
        return _spaced(html)
    return _spaced(html[:end] + "".join(f"<p>{escape(v)}</p>" for v in variants) + html[end:])


def _indexed_texts(html: str) -> list[str]:
    """The texts Pagefind indexes: those of the root element, less the excluded elements."""
    root = lxml_html.fromstring(html).find(f".//{ROOT_SELECTOR}")
    if root is None:
        return []
    excluded = {selector.lstrip(".") for selector in EXCLUDED}
    for element in list(root.iter()):
        if isinstance(element, lxml_html.HtmlElement) and excluded & set(element.classes):
            element.drop_tree()
    return [str(text) for text in root.itertext() if text.strip()]


def _spaced(html: str) -> str:
    return _TEXT.sub(lambda m: ">" + _BETWEEN.sub(ZERO_WIDTH_SPACE, m.group(1)) + "<", html)


def page_url(dest: str) -> str:
    """The URL of a built page from its path in the site: disclosure/x/index.html → /disclosure/x/."""
    return "/" + (dest[: -len("index.html")] if dest.endswith("index.html") else dest)


def _write(site_dir: Path, pages: Sequence[str], bundle: Path, texts: Mapping[str, str]) -> None:
    """The indexed copies of the pages in a folder of their own, then Pagefind's command over it
    (its command reads a folder far faster than its Python API takes pages one by one)."""
    with tempfile.TemporaryDirectory(prefix="plansite-search-") as tmp:
        pages_dir = Path(tmp) / "pages"
        for dest in pages:
            copy = pages_dir / dest
            copy.parent.mkdir(parents=True, exist_ok=True)
            html = texts[dest] if dest in texts else (site_dir / dest).read_text("utf-8")
            copy.write_text(searchable(html), "utf-8")
        config = {
            "site": str(pages_dir),
            "output_path": str(bundle.resolve()),
            "root_selector": ROOT_SELECTOR,
            "exclude_selectors": list(EXCLUDED),
            "force_language": LANGUAGE,
        }
        (Path(tmp) / "pagefind.json").write_text(json.dumps(config), "utf-8")  # read from the working folder
        # Pagefind's extended binary itself: ``python -m pagefind`` costs 0.1 s of Python to find it.
        from pagefind_bin_extended import get_executable

        result = subprocess.run([str(get_executable())], cwd=tmp, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise SearchIndexError("無法建立搜尋索引（Pagefind）：" + "；".join(detail))


def _key(site_dir: Path, pages: Sequence[str], digests: Mapping[str, str] | None = None, primary: bool = True) -> str:
    """A hash of everything the index is made from: each page's URL and HTML (or the digest of its
    HTML, when the build knows it), Pagefind, this code, and whether the bundle is the primary one."""
    digest = hashlib.sha256(code_digest(("pagefind", "pagefind-bin-extended")).encode() + (b"" if primary else b"\0merged"))
    for dest in pages:
        content = digests[dest].encode() if digests and dest in digests else (site_dir / dest).read_bytes()
        digest.update(dest.encode() + b"\0" + content + b"\0")
    return digest.hexdigest()[:40]


def _whole_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.testzip() is None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        return False


def _archive(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # the index pieces are compressed already
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def index_site(
    site_dir: Path,
    pages: Sequence[str],
    cache_dir: Path | None = None,
    *,
    bundle: Path | None = None,
    digests: Mapping[str, str] | None = None,
    primary: bool = True,
    texts: Mapping[str, str] | None = None,
) -> bool:
    """Write the search index of ``pages`` (paths of built HTML files inside ``site_dir``) into
    ``bundle`` (default ``site_dir/pagefind``); from the cache when no page changed (returns True
    then). ``digests``: the digest of each page's HTML, if known; ``primary``: False for an index
    merged into the primary one by the search page (``search_shards``), which needs none of
    Pagefind's scripts; ``texts``: the HTML of pages whose files may not be written yet. Raises
    ``SearchIndexError``."""
    pages = sorted(pages)
    bundle = bundle or site_dir / OUTPUT
    cache = FileCache(cache_dir, ".zip", check=_whole_zip) if cache_dir else None
    key = _key(site_dir, pages, digests, primary) if cache else ""
    cached = cache.get(key) if cache else None
    if cached is not None:
        with zipfile.ZipFile(io.BytesIO(cached)) as archive:
            archive.extractall(bundle)
        return True
    try:
        _write(site_dir, pages, bundle, texts or {})
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"無法建立搜尋索引（Pagefind）：{exc}") from None
    if not (bundle / "pagefind.js").is_file():
        raise SearchIndexError("無法建立搜尋索引（Pagefind）：沒有產生 pagefind.js。")
    for name in UNUSED if primary else (*UNUSED, *MERGED_UNUSED):
        (bundle / name).unlink(missing_ok=True)
    for wasm in () if primary else bundle.glob("wasm.*"):
        wasm.unlink()
    _relative_font_sizes(bundle / "pagefind-ui.css")
    if cache:
        cache.put(key, _archive(bundle))
        cache.prune()
    return False


def _relative_font_sizes(stylesheet: Path) -> None:
    """Pagefind's interface sets its font sizes in px; the Taiwan rules want sizes a reader can
    enlarge (CS2140401C): 16px → 1rem, the same size by default."""
    if stylesheet.is_file():
        css = stylesheet.read_text("utf-8")
        stylesheet.write_text(_PX_FONT.sub(lambda m: f"font-size:calc({float(m[1]) / 16:g}rem", css), "utf-8")
