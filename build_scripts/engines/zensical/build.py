"""``plansite build --engine zensical``: the build session around Zensical, which runs no plugins.

Zensical reads ``mkdocs.yml`` and the theme overrides, but none of MkDocs' plugin events, and has
no module API: so every stage the plugin hands over in events happens here around one run of its
command line.

1. The session loads and validates the plans and generates the pages with their downloads.
2. The docs folder Zensical reads is written out (``pipeline.docs.write_docs``): the hand-written
   pages with their ``<!-- plansite: … -->`` markers filled, and the generated pages and files.
3. A configuration of its own (``config.zensical_config``) points Zensical at that folder
   and at the staging folder, names the navigation explicitly (Zensical would name sections
   after their folders) and gives the templates what the plugin would have given them.
4. ``zensical build``, with that configuration and the docs folder beside mkdocs.yml (Zensical
   wants both its folders inside the folder of its configuration). plansite's cache is not in
   ``.cache/``, which ``zensical build --clean`` empties.
5. The session finishes every built page (head metadata, theme fixes, compaction), indexes the
   search, and swaps the new site in.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ...pdf.typeset import PdfError
from ...pipeline.docs import handwritten_pages, write_docs
from ...pipeline.session import BuildSession
from ...plan.problems import errors, report, tell
from ...publish.interrupt import Termination
from ...publish.progress import terminal_progress
from ...publish.search_index import SearchIndexError
from ...publish.swap import SwapError
from ...settings import Settings
from ...site_config import read_site_config
from ...workers import WorkerLost
from .config import zensical_config

# Beside mkdocs.yml: Zensical wants its docs and site folders inside the folder of its configuration.
CONFIG = ".plansite-zensical.yml"
DOCS = ".plansite-zensical"  # the docs folder Zensical reads, written by each build


class _Stopped(Exception):
    pass


def build(config_file: Path, settings: Settings) -> int:
    try:
        session = BuildSession(settings, publish=True, progress=terminal_progress())
    except SwapError as exc:
        print(exc, file=sys.stderr)
        return 1
    tell([*session.notices, *session.reminders()])
    termination = Termination.catch(_Stopped)
    try:
        if not _stages(session, config_file):
            session.fail()
        if termination.received:  # a signal whose exception was swallowed on its way up
            raise _Stopped(termination.received)
    except Exception:
        if termination.received is None:
            raise
        session.fail()  # whatever the signal's exception became on its way up, the build was stopped
        print(f"建置被中斷（{termination.received}），網站沒有更新。{session.untouched()}", file=sys.stderr)
    finally:
        termination.restore()
        try:
            published = session.close()
        except SwapError as exc:
            print(f"{exc}\n{session.untouched()}", file=sys.stderr)
            return 1
        tell(session.notices)
    if published:
        print(f"網站已更新（Zensical）：{settings.site_dir}")
        return 0
    return 1


def _stages(session: BuildSession, config_file: Path) -> bool:
    settings = session.settings
    problems = session.load()
    if problems:
        print(report(problems), file=sys.stderr)
    if errors(problems):
        print(f"網站沒有建置，{session.untouched()}請依上面的訊息修正計畫檔後再建置。", file=sys.stderr)
        return False
    try:
        session.generate(handwritten_pages(settings.docs_dir, session.layout.section))
    except (PdfError, WorkerLost) as exc:
        print(f"{exc}\n網站沒有建置，{session.untouched()}", file=sys.stderr)
        return False
    docs = config_file.parent / DOCS
    shutil.rmtree(docs, ignore_errors=True)
    write_docs(session, docs)
    own = config_file.parent / CONFIG
    own.write_text(zensical_config(read_site_config(config_file), config_file, session, docs), "utf-8")
    command = [sys.executable, "-m", "zensical", "build", "--config-file", str(own)]
    result = subprocess.run(command, cwd=config_file.parent, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
        print(f"Zensical 沒有完成建置（結束碼 {result.returncode}），網站沒有建置，{session.untouched()}", file=sys.stderr)
        return False
    session.finish_folder()
    try:
        session.finish_site()
    except SearchIndexError as exc:
        print(f"{exc}\n網站沒有建置，{session.untouched()}", file=sys.stderr)
        return False
    return True
