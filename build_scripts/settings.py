"""Every setting of plansite, in one place.

- ``PluginConfig``: the options of the ``disclosure`` plugin in ``mkdocs.yml`` and their defaults.
  It is the only source of defaults: the MkDocs plugin validates its options with it, and the
  ``plansite`` commands read the same ``mkdocs.yml`` through ``load_settings``.
- ``Settings``: those options resolved against the project folder, as the library uses them.
- The environment variables plansite reads, each read when it is needed (never at import time):

  ``PLANSITE_CACHE``         where built PDFs, ODTs and parsed YAML are cached (default ``.cache/plansite``)
  ``PLANSITE_NODE_MODULES``  the ``node_modules`` folder holding axe-core and vnu-jar
  ``CHROMIUM``               the browser the checks drive (default ``/usr/bin/chromium``)
  ``JAVA``                   the Java runtime for the Nu Html Checker (default: ``java`` on PATH)
  ``CI``                     set in CI: no progress line on the terminal
  ``SOURCE_DATE_EPOCH``      the date of the build, for reproducible output (default: the last commit)
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

DEFAULT_CONFIG_FILE = "mkdocs.yml"
PLUGIN_NAME = "disclosure"
DEFAULT_CHROMIUM = "/usr/bin/chromium"

# mkdocs.yml ships with an example site_url: links in the sitemap, feeds and canonical URLs would
# point there. `mkdocs build` says so until it is changed.
EXAMPLE_HOSTS = ("example.gov.tw", "example.com", "example.org", "example.net", "example.invalid")
EXAMPLE_URL_WARNING = (
    "注意：mkdocs.yml 的 site_url 仍是範例網址（{url}）。網站地圖與網頁的正式網址都會指向它；"
    "發布前請改成本網站的正式網址，例如 https://www.example-district.gov.tw/plans/（見 README「發布網站」）。"
)


def is_example_url(url: str | None) -> bool:
    """Whether mkdocs.yml's site_url is still an example address (or missing)."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "") if url else ""
    return not host or any(host == h or host.endswith("." + h) for h in EXAMPLE_HOSTS)


class PluginConfig(Config):
    """The ``disclosure`` plugin's options (``plugins: - disclosure: {...}`` in mkdocs.yml)."""

    plans_dir = c.Type(str, default="plans")  # the plan YAML files, relative to mkdocs.yml
    section = c.Type(str, default="disclosure")  # the folder of the 主動公開資訊 pages inside the site
    edit_base = c.Optional(c.Type(str))  # e.g. https://git.example.gov.tw/site/-/edit/main/ (「編輯此頁」)


@dataclass(frozen=True)
class Settings:
    """The plugin's options resolved against the project folder (the folder of mkdocs.yml)."""

    root: Path
    plans_dir: Path
    docs_dir: Path
    site_dir: Path
    section: str = "disclosure"
    edit_base: str | None = None

    @classmethod
    def resolve(cls, root: Path, options: PluginConfig, docs_dir: str, site_dir: str) -> Settings:
        root = root.resolve()
        return cls(
            root=root,
            plans_dir=(root / options.plans_dir).resolve(),
            docs_dir=(root / docs_dir).resolve(),
            site_dir=(root / site_dir).resolve(),
            section=options.section,
            edit_base=options.edit_base,
        )

    @property
    def cache_dir(self) -> Path:
        return cache_dir(self.root)


class SettingsError(Exception):
    """mkdocs.yml cannot be read; the message says why, in the webmaster's words."""


def default_options() -> PluginConfig:
    options = PluginConfig()
    options.load_dict({})
    options.validate()
    return options


def load_settings(config_file: Path | None = None) -> Settings:
    """The settings of the project whose mkdocs.yml is ``config_file`` (default: ./mkdocs.yml).

    mkdocs.yml is read exactly as ``mkdocs build`` reads it (INHERIT, !ENV and plugin option
    validation included). Without a mkdocs.yml, every option has its default."""
    path = Path(config_file or DEFAULT_CONFIG_FILE)
    if not path.is_file():
        if config_file is not None:
            raise SettingsError(f"找不到設定檔 {path}")
        return Settings.resolve(Path.cwd(), default_options(), "docs", "site")
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        config = load_config(str(path))
    except ConfigurationError as exc:
        raise SettingsError(f"{path} 的設定有誤：{exc}") from None
    plugin = config.plugins.get(PLUGIN_NAME)
    options = plugin.config if plugin is not None and isinstance(plugin.config, PluginConfig) else default_options()
    return Settings.resolve(path.parent, options, config.docs_dir, config.site_dir)


# --- environment -----------------------------------------------------------------------------


def cache_dir(root: Path) -> Path:
    """Where built files are cached: ``$PLANSITE_CACHE``, else ``.cache/plansite`` in the project."""
    override = os.environ.get("PLANSITE_CACHE")
    return Path(override) if override else root / ".cache" / "plansite"


def node_modules_dir() -> Path | None:
    """``$PLANSITE_NODE_MODULES``, if set: the only place the checks look for axe-core and vnu-jar."""
    value = os.environ.get("PLANSITE_NODE_MODULES")
    return Path(value) if value else None


def chromium() -> str:
    return os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM


def java() -> str | None:
    return os.environ.get("JAVA") or shutil.which("java")


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def set_source_date_epoch(epoch: int) -> None:
    """Dates MkDocs writes itself (sitemap.xml lastmod, the .gz header) read this variable."""
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
