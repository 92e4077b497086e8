"""WeasyPrint's native libraries opened without running a compiler.

WeasyPrint opens GObject, Pango, HarfBuzz and fontconfig under several names each, Windows' names
first (``weasyprint/text/ffi.py``). cffi hands a name that is not a file to
``ctypes.util.find_library``, which on Linux asks ``ldconfig -p`` and, for a name ldconfig does not
list, runs gcc and then ld: 16 names, 16 compiler runs, about 0.15 s of CPU (0.16 s of wall time)
each time a process loads WeasyPrint — the spare worker of every rebuild that makes a PDF, and each
PDF worker. While WeasyPrint loads, a name is looked up in ldconfig's list alone: a library it does
not list is opened by the next name WeasyPrint tries (its file name, found as the system finds it).
"""

from __future__ import annotations

import ctypes.util
import sys

LIBRARIES = "weasyprint.text.ffi"  # the module that opens them


def load_weasyprint() -> None:
    """Load WeasyPrint's native libraries in this process (once; a no-op after)."""
    if LIBRARIES in sys.modules:
        return
    in_ldconfig = getattr(ctypes.util, "_findSoname_ldconfig", None)  # Linux's first step of find_library
    if in_ldconfig is None:
        __import__(LIBRARIES)
        return
    find_library = ctypes.util.find_library
    ctypes.util.find_library = in_ldconfig
    try:
        __import__(LIBRARIES)
    finally:
        ctypes.util.find_library = find_library
