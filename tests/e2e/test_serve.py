"""`mkdocs serve` rebuilds the site when a plan changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from ..support.project import copy_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.5)
    return None


def test_serve_rebuilds_when_a_plan_changes(tmp_path: Path):
    project = copy_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    url = f"http://127.0.0.1:{port}/disclosure/tainan/tainan-shanshang-district-office/tainan-shanshang-106/"
    try:
        assert wait_for(lambda: "臺南市山上區公所提升服務品質實施計畫" in fetch(url), 60)
        plan = project / "plans" / "tainan-shanshang-106.yaml"
        plan.write_text(plan.read_text("utf-8").replace("有效推動服務行銷", "有效推動服務行銷（已修訂）"), "utf-8")
        assert wait_for(lambda: "有效推動服務行銷（已修訂）" in fetch(url), 60), "the page was not rebuilt"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_broken_plan_is_shown_in_the_browser_and_the_preview_recovers_by_itself(tmp_path: Path):
    """While a plan has errors, every preview page lists them (the terminal's words), showing the
    plans as they last were; once the file is fixed the pages rebuild without the notice."""
    project = copy_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    url = f"http://127.0.0.1:{port}/disclosure/tainan/tainan-shanshang-district-office/tainan-shanshang-106/"
    try:
        assert wait_for(lambda: "臺南市山上區公所提升服務品質實施計畫" in fetch(url), 60)
        plan = project / "plans" / "tainan-shanshang-106.yaml"
        good = plan.read_text("utf-8")
        plan.write_text(good.replace("year: 106", "year: 一〇六"), "utf-8")
        broken = wait_for(lambda: next((page for page in [fetch(url)] if "tw-build-problems" in page), None), 60)
        assert broken, "no notice of the broken plan"
        assert (
            "plans/tainan-shanshang-106.yaml" in broken and "年度" in broken and "臺南市山上區公所提升服務品質實施計畫" in broken
        )
        plan.write_text(good, "utf-8")
        assert wait_for(lambda: "tw-build-problems" not in fetch(url), 60), "the preview did not recover"
    finally:
        server.terminate()
        _, err = server.communicate(timeout=20)
    told = err.decode("utf-8")
    assert "The server will appear stuck" not in told and "保持原樣" not in told and "Traceback" not in told
