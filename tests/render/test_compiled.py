"""Compiled templates kept between builds: a rebuild compiles no template whose text is the same."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from build_scripts.render.compiled import FOLDER, CompiledTemplates


def _environment(templates: Path, compiled: Path) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=CompiledTemplates(compiled))


def _no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", refused)


def test_a_template_compiled_by_one_build_is_not_compiled_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("<h1>{{ title }}</h1>", "utf-8")
    assert _environment(tmp_path / "t", tmp_path / "cache").get_template("page.html").render(title="旗津") == "<h1>旗津</h1>"
    with monkeypatch.context() as patched:
        _no_compiling(patched)
        assert _environment(tmp_path / "t", tmp_path / "cache").get_template("page.html").render(title="鼓山") == "<h1>鼓山</h1>"


def test_an_edited_template_is_compiled_again_and_a_damaged_entry_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "t").mkdir()
    page = tmp_path / "t" / "page.html"
    page.write_text("<h1>{{ title }}</h1>", "utf-8")
    _environment(tmp_path / "t", tmp_path / "cache").get_template("page.html")
    page.write_text("<h2>{{ title }}</h2>", "utf-8")
    assert _environment(tmp_path / "t", tmp_path / "cache").get_template("page.html").render(title="旗津") == "<h2>旗津</h2>"

    for entry in (tmp_path / "cache" / FOLDER).iterdir():
        entry.write_bytes(entry.read_bytes()[:-20] + b"\0" * 20)  # the code's tail overwritten
    assert _environment(tmp_path / "t", tmp_path / "cache").get_template("page.html").render(title="鼓山") == "<h2>鼓山</h2>"
    with monkeypatch.context() as patched:  # compiled again and stored whole
        _no_compiling(patched)
        assert _environment(tmp_path / "t", tmp_path / "cache").get_template("page.html").render(title="左營") == "<h2>左營</h2>"
