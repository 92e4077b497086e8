"""The message corpus: broken plan files a hurried webmaster writes, and exactly what they are told.

Each case in ``messages/`` is a plan file (or a folder of files, for cases about the plans folder)
with one slip; ``<case>.expected`` is what ``plansite validate`` prints for it, kept as text so
every message is reviewed as a person reads it. UPDATE_GOLDEN=1 rewrites the expected files.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from build_scripts.cli import main

from ..support.golden import check_golden

CORPUS = Path(__file__).parent / "messages"
CASES = sorted(p for p in CORPUS.iterdir() if p.suffix != ".expected")


def validate_output(case: Path, project: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """What `plansite validate` prints (errors first, then the result) for a plans folder holding the case."""
    plans = project / "plans"
    if case.is_dir():
        shutil.copytree(case, plans)
    else:
        plans.mkdir()
        shutil.copy(case, plans / case.name)
    monkeypatch.chdir(project)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["validate"])
    return f"{err.getvalue()}{out.getvalue()}（結束碼 {status}）\n"


def test_the_corpus_has_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_each_slip_gets_its_message(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = validate_output(case, tmp_path, monkeypatch)
    assert "Traceback" not in text and "Error" not in text  # no Python or parser English
    check_golden(CORPUS / f"{case.name}.expected", text)
