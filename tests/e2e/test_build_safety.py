"""Builds that cannot hurt the published site or the machine: two at once, one stopped or killed
half-way (its PDF workers end with it), one that cannot write where it should."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..support.project import copy_project, mkdocs


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _start(project: Path, cache: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLANSITE_CACHE": str(cache)}
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_a_second_build_is_turned_away_and_the_first_publishes_the_whole_site(project: Path, tmp_path: Path, built_site: Path):
    first = _start(project, tmp_path / "cold-cache")  # renders every PDF: takes a while
    lock = project / ".site.lock"
    _wait_for(lambda: lock.is_file() and lock.read_text().strip() == str(first.pid))
    second = mkdocs(project, "build", env_changes={"PLANSITE_CACHE": str(tmp_path / "other-cache")})
    _out, err = first.communicate(timeout=600)
    assert second.returncode == 1
    told = second.stdout + second.stderr
    assert f"另一個建置正在進行（PID {first.pid}）" in told and "Traceback" not in told
    assert first.returncode == 0, err
    assert set(_files(project / "site")) == set(_files(built_site))  # every page, stylesheet, PDF and ODT


def test_a_build_stopped_while_rendering_pdfs_ends_its_workers_and_keeps_the_site(project: Path, tmp_path: Path):
    assert mkdocs(project, "build", env_changes={"PLANSITE_CACHE": str(tmp_path / "warm")}).returncode == 0
    published = _files(project / "site")
    build = _start(project, tmp_path / "cold")
    _wait_for(lambda: len(_children(build.pid)) >= 2)
    workers = _children(build.pid)
    build.send_signal(signal.SIGTERM)
    out, err = build.communicate(timeout=60)
    assert build.returncode == 1
    assert "建置被中斷（SIGTERM），網站沒有更新。已發布的網站（site/）保持原樣。" in out + err and "Traceback" not in out + err
    _wait_for(lambda: not _alive(workers), 10)
    assert _files(project / "site") == published
    assert not (project / ".site.building").exists()


# An MkDocs hook sending SIGTERM to its own build from inside pydantic's serializer (Rust calling back
# into Python): the signal's exception comes out wrapped in pydantic's own error, or is swallowed.
_SIGNAL_INSIDE_PYDANTIC = """
import os, signal
from pydantic import BaseModel, field_serializer

sent = False

class Sends(BaseModel):
    value: int = 0

    @field_serializer("value")
    def _send(self, value):
        global sent
        if not sent:
            sent = True
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(10_000):  # the handler runs here, inside the serializer
                pass
        return value

def on_page_markdown(markdown, **kwargs):
    {call}
    return markdown
"""


@pytest.mark.parametrize(
    "call",
    [
        pytest.param("Sends().model_dump_json()", id="wrapped-by-pydantic"),
        pytest.param("try:\n        Sends().model_dump_json()\n    except Exception:\n        pass", id="swallowed"),
    ],
)
def test_a_stop_signal_whose_exception_is_wrapped_or_swallowed_still_stops_the_build_in_chinese(
    project: Path, tmp_path: Path, call: str
):
    assert mkdocs(project, "build").returncode == 0
    published = _files(project / "site")
    (project / "stop_hook.py").write_text(_SIGNAL_INSIDE_PYDANTIC.replace("{call}", call), "utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - stop_hook.py\n")
    build = _start(project, tmp_path / "cold")  # PDF workers are running while MkDocs converts the pages
    out, err = build.communicate(timeout=300)
    assert build.returncode == 1, out + err
    assert "建置被中斷（SIGTERM），網站沒有更新。已發布的網站（site/）保持原樣。" in out + err
    assert "Traceback" not in out + err and "PydanticSerializationError" not in out + err
    assert _files(project / "site") == published
    assert not [p for p in project.iterdir() if p.name.startswith(".site.building")]


def test_a_build_killed_outright_takes_its_workers_with_it_and_the_next_build_publishes(project: Path, tmp_path: Path):
    build = _start(project, tmp_path / "cold")
    _wait_for(lambda: len(_children(build.pid)) >= 2)
    workers = _children(build.pid)
    build.kill()  # SIGKILL: no cleanup runs in the build itself
    build.communicate(timeout=60)
    _wait_for(lambda: not _alive(workers), 10)
    again = mkdocs(project, "build", env_changes={"PLANSITE_CACHE": str(tmp_path / "cold")})
    assert again.returncode == 0, again.stderr  # the lock died with the build; its staging folder is set aside
    assert (project / "site" / "index.html").is_file()
    assert not [p for p in project.iterdir() if p.name.startswith((".site.building", ".site.trash"))]


def test_a_site_folder_that_cannot_be_made_is_explained_in_chinese(project: Path):
    (project / "not-a-folder").write_text("a file")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nsite_dir: not-a-folder/site\n", "utf-8")
    result = mkdocs(project, "build")
    told = result.stdout + result.stderr
    assert result.returncode == 1
    assert "無法建立建置鎖定檔" in told and "not-a-folder：這裡已經有同名的檔案，不是資料夾" in told
    assert "提示：" in told and "Traceback" not in told
