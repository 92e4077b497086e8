"""Golden files: expected output kept as data, compared as text (UPDATE_GOLDEN=1 accepts new output)."""

from __future__ import annotations

import os
from pathlib import Path

UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))


def check_golden(path: Path, text: str) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    assert path.is_file(), f"{path} is missing; run UPDATE_GOLDEN=1 pytest to write it, then read it"
    expected = path.read_text("utf-8")
    assert text == expected, f"{path.name} differs; run UPDATE_GOLDEN=1 pytest to accept\n--- got ---\n{text}"
