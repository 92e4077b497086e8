"""WeasyPrint's native libraries are opened without running a compiler or linker for each of the
names WeasyPrint tries (about 0.15 s of CPU in every process that makes PDFs)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ..support.project import ROOT

_PROBE = """
import ctypes.util, json, subprocess
ran = []
real_init = subprocess.Popen.__init__
def init(self, args, *rest, **options):
    ran.append(args[0] if isinstance(args, (list, tuple)) else args)
    real_init(self, args, *rest, **options)
subprocess.Popen.__init__ = init
stdlib_find_library = ctypes.util.find_library
from build_scripts.pdf.libraries import load_weasyprint
load_weasyprint()
load_weasyprint()
from weasyprint import HTML
pdf = HTML(string='<html lang="zh-Hant-TW"><p>計畫 114 年</p></html>').write_pdf()
print(json.dumps({"ran": ran, "restored": ctypes.util.find_library is stdlib_find_library, "pdf": pdf[:5].decode()}))
"""


def test_weasyprint_loads_its_libraries_without_a_compiler_and_still_prints():
    result = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    programs = {Path(program).name for program in probe["ran"]}
    assert programs <= {"ldconfig"}, programs  # no gcc, cc or ld
    assert probe["restored"]  # find_library is the standard library's again
    assert probe["pdf"] == "%PDF-"
