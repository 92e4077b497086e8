"""Compiled templates kept between builds: Jinja's bytecode in the build cache.

Every build used to parse and compile each template it renders (ours and the theme's: about 40,
0.2 s of a rebuild). Jinja keeps the compiled code of a template by its name and file, and uses it
only while the template's text is the same; the key here also holds the versions of Jinja and the
engine, this package's code (which sets the environments up) and Python's own (the code's format).
The entries are ``cache.FileCache`` files: written atomically, and a damaged one is compiled again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache

from ..cache import FileCache, code_digest, hashed

FOLDER = "templates"  # inside the cache folder
_SUFFIX = ".jinja"


class CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache over a ``FileCache`` in the build cache (``cache_dir``/templates);
    ``packages``: the distributions whose versions change what the environment compiles (Jinja, and
    the engine for its theme)."""

    def __init__(self, cache_dir: Path, packages: tuple[str, ...] = ("jinja2",)) -> None:
        self.files = FileCache(cache_dir / FOLDER, _SUFFIX)
        self.context = hashed(code_digest(packages), sys.version)

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashed(self.context, name, filename or "")

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.files.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)  # Jinja checks the template's text and the code's format

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.files.put(bucket.key, bucket.bytecode_to_string())

    def prune(self) -> None:
        self.files.prune()
