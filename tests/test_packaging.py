"""The package as pip installs it: every subpackage is listed in pyproject.toml (the list is explicit
because the site's templates/ folder is installed as build_scripts.templates)."""

from __future__ import annotations

import tomllib

from .support.project import ROOT


def test_every_subpackage_is_installed():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "build_scripts").rglob("__init__.py")
        if "__pycache__" not in path.parts
    }
    assert set(setuptools["packages"]) == found | {"build_scripts.templates"}
    assert setuptools["package-dir"] == {"build_scripts.templates": "templates"}
