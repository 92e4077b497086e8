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


def test_nothing_below_the_engine_adapters_imports_an_engine():
    """The library and the command line run without MkDocs, ProperDocs or Zensical loaded; only
    build_scripts.engines.* import them."""
    import subprocess
    import sys

    modules = [
        ".".join(path.with_suffix("").relative_to(ROOT).parts)
        for path in sorted((ROOT / "build_scripts").rglob("*.py"))
        if "engines" not in path.parts and path.name != "__main__.py"
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name.removesuffix('.__init__'))\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'material', 'properdocs', 'zensical'}))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
