"""A real Chromium (Debian's /usr/bin/chromium) driven by Playwright, a local web server,
and the project's ``node_modules`` folder (axe-core, the Nu Html Checker).

Playwright is imported lazily, inside ``chromium()``, so importing this module
needs only the standard library.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..settings import chromium as chromium_path
from ..settings import node_modules_dir

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(extra_args: list[str] | tuple[str, ...] = ()) -> Iterator[Browser]:
    """A headless Chromium; ``extra_args`` are added to ``CHROMIUM_ARGS``."""
    executable = chromium_path()
    if not Path(executable).is_file():
        raise BrowserMissing(
            f"找不到 Chromium（{executable}）：請執行 make test（會以 apt-get 安裝 Debian 的 chromium），"
            "或以環境變數 CHROMIUM 指定瀏覽器的位置。"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=[*CHROMIUM_ARGS, *extra_args])
        try:
            yield browser
        finally:
            browser.close()


class BrowserMissing(FileNotFoundError):
    """Debian's Chromium is not installed."""


class NodeModulesMissing(FileNotFoundError):
    """The project's node_modules folder (or a package in it) is not installed."""


def node_modules(package: str | None = None) -> Path:
    """The project's ``node_modules`` folder, or one installed package's folder in it.

    ``$PLANSITE_NODE_MODULES``, when set, is the only place looked at.  Otherwise
    the first ``node_modules`` found upward from the current folder, then upward
    from this package's folder; when ``package`` is given, only a
    ``node_modules`` that holds that package counts.
    """
    env = node_modules_dir()
    if env:
        candidates = [env]
    else:
        candidates = [
            folder / "node_modules"
            for start in (Path.cwd(), Path(__file__).resolve().parent)
            for folder in (start, *start.parents)
        ]
    for candidate in candidates:
        target = candidate / package if package else candidate
        if target.is_dir():
            return target
    what = f"node_modules/{package}" if package else "node_modules"
    where = f"（PLANSITE_NODE_MODULES={env}）" if env else ""
    raise NodeModulesMissing(
        f"找不到 {what}{where}：請在專案資料夾執行 `make test`（或 `npm ci`）安裝檢測工具，"
        "或以環境變數 PLANSITE_NODE_MODULES 指定 node_modules 的位置。"
    )


def html_pages(site_dir: Path, pages: list[str] | None = None) -> list[str]:
    """The pages to check, relative to ``site_dir`` with / separators.

    By default every ``.html`` file in the folder, sorted; ``pages`` (paths
    relative to the site folder) picks some of them, in that order.
    """
    if pages is not None:
        return [str(page).replace(os.sep, "/").lstrip("/") for page in pages]
    return sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html"))
