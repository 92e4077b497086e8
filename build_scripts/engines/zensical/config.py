"""The configuration Zensical builds from: the site's mkdocs.yml, pointed at the written-out docs
folder and the staging folder, with its navigation named, and with what the plugin would have
given the templates."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...pipeline.session import BuildSession
from ...render.environment import THEME_TEMPLATES
from ...settings import PLUGIN_NAME


def zensical_config(config: Mapping[str, Any], config_file: Path, session: BuildSession, docs: Path) -> str:
    """The configuration as text (JSON, which is YAML)."""
    project = config_file.parent
    data = dict(config)
    data["docs_dir"] = _inside(docs, project)
    data["site_dir"] = _inside(session.output_dir, project)
    theme = dict(data.get("theme") or {})
    custom = theme.get("custom_dir")
    theme["custom_dir"] = _inside((project / custom).resolve() if custom else THEME_TEMPLATES, project)
    theme.setdefault("variant", "classic")  # the look (and markup) of mkdocs-material the site is tuned for
    data["theme"] = theme
    data["plugins"] = [p for p in data.get("plugins") or [] if _plugin_name(p) not in (PLUGIN_NAME, "search")]
    data["markdown_extensions"] = [_without_python(e) for e in data.get("markdown_extensions") or []]
    data["nav"] = session.navigation()
    data["extra"] = {**session.theme_extra(), **(data.get("extra") or {})}
    return json.dumps(data, ensure_ascii=False, indent=1)


def _inside(path: Path, project: Path) -> str:
    """A path as Zensical takes it: relative to the folder of its configuration."""
    return os.path.relpath(path, project)


def _plugin_name(entry: Any) -> str:
    return str(next(iter(entry))) if isinstance(entry, Mapping) and entry else str(entry)


def _without_python(entry: Any) -> Any:
    """An extension's options without those mkdocs.yml gave as Python objects (read as nothing)."""
    if not isinstance(entry, Mapping):
        return entry
    return {name: {k: v for k, v in (options or {}).items() if v is not None} for name, options in entry.items()}
