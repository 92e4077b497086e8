"""mkdocs.yml as plain data, read the way the engines read it, without any engine installed.

MkDocs, ProperDocs and Zensical all read ``mkdocs.yml``; plansite's commands read it too, for the
settings they share (``settings.settings_from``). What the engines add to YAML is honoured:
``INHERIT:`` (a parent file, merged under this one), ``!ENV`` (an environment variable, with a
default) and ``!relative``. Tags that make Python objects (``!!python/name:…``, used by Markdown
extension options) are read as nothing: plansite never needs them, and never runs them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import Node, ScalarNode, SequenceNode

MAX_INHERIT = 10  # INHERIT chains longer than this are a loop


class SiteConfigError(Exception):
    """mkdocs.yml cannot be read; the message says why, in the webmaster's words."""


def read_site_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml's data, with its INHERIT parents merged in."""
    return _read(path.resolve(), 0)


def _read(path: Path, depth: int) -> dict[str, Any]:
    if depth > MAX_INHERIT:
        raise SiteConfigError(f"{path}：INHERIT 一層接一層超過 {MAX_INHERIT} 層，可能互相引用成一圈。")
    try:
        data = _yaml().load(path.read_text("utf-8"))
    except OSError as exc:
        raise SiteConfigError(f"無法讀取設定檔 {path}（{exc.strerror}）。") from None
    except (YAMLError, UnicodeDecodeError) as exc:
        raise SiteConfigError(f"設定檔 {path} 的 YAML 格式有誤：{_where(exc)}請對照 README 的範例檢查。") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SiteConfigError(f"設定檔 {path} 的最上層要是 site_name:、plugins: 這類欄位。")
    parent = data.pop("INHERIT", None)
    if parent:
        return _merged(_read((path.parent / str(parent)).resolve(), depth + 1), data)
    return data


def _where(exc: Exception) -> str:
    mark = getattr(exc, "problem_mark", None)
    return f"第 {mark.line + 1} 行附近；" if mark is not None else ""


def _merged(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """The child's values over the parent's; mappings are merged key by key, as MkDocs does."""
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def _env(constructor: SafeConstructor, node: Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable set, else the default."""
    if isinstance(node, ScalarNode):
        names, default = [constructor.construct_scalar(node)], None
    elif isinstance(node, SequenceNode):
        values = [constructor.construct_object(child, deep=True) for child in node.value]
        names, default = values[:-1] if len(values) > 1 else values, values[-1] if len(values) > 1 else None
    else:
        return None
    for name in names:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return default


def _relative(constructor: SafeConstructor, node: Node) -> Any:
    return constructor.construct_scalar(node) if isinstance(node, ScalarNode) else None


def _nothing(constructor: SafeConstructor, tag_suffix: str, node: Node) -> None:
    return None


def _yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.constructor.add_constructor("!ENV", _env)
    yaml.constructor.add_constructor("!relative", _relative)
    yaml.constructor.add_multi_constructor("tag:yaml.org,2002:python/", _nothing)
    yaml.constructor.add_multi_constructor("!", _nothing)
    return yaml
