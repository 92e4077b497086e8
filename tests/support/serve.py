"""A real `mkdocs serve` on a free port, for the tests that watch a preview as a webmaster does."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


@dataclass
class Preview:
    """The running preview: its address, and what it printed once stopped."""

    base: str
    errors: str = field(default="")

    def fetch(self, path: str) -> str:
        with urllib.request.urlopen(self.base + path, timeout=5) as response:
            return response.read().decode("utf-8")


def wait_for(predicate: Callable[[], T], seconds: float) -> T | None:
    """The predicate's first true value within the time, retried while the server is not answering yet."""
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(project: Path) -> Iterator[Preview]:
    """`mkdocs serve` in the project for the duration of the block; its standard error is kept in `errors`."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    preview = Preview(f"http://127.0.0.1:{port}")
    try:
        yield preview
    finally:
        server.terminate()
        _, err = server.communicate(timeout=20)
        preview.errors = err.decode("utf-8")
