"""The ``disclosure`` plugin's options as MkDocs validates them, made from ``settings.Options``
(the one place their names and defaults are written)."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ...settings import Options


def _option(default: Any) -> c.BaseConfigOption[Any]:
    return c.Optional(c.Type(str)) if default is None else c.Type(str, default=default)


if TYPE_CHECKING:

    class PluginConfig(Config):
        """A Config subclass whose options are Options' fields (plans_dir, section, publisher …)."""

else:
    PluginConfig = type(
        "PluginConfig", (Config,), {f.name: _option(None if f.default is MISSING else f.default) for f in fields(Options)}
    )


def options_of(config: Config) -> Options:
    """The validated plugin options as the library's ``Options``."""
    return Options.from_mapping({f.name: config[f.name] for f in fields(Options)})
