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
from datetime import date, datetime, timedelta, timezone
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


# The classification codes of 行政機關電子資料流通詮釋資料及分類檢索規範 most district office sites
# carry (主題, 施政, 服務); an agency should check its own codes and set them in mkdocs.yml.
DEFAULT_CATEGORIES = ("300", "600", "I00")
DEFAULT_UPDATE_FREQUENCY = "每年"


@dataclass(frozen=True)
class Publication:
    """What the site says about itself in data files, feeds, the catalogue and page metadata."""

    site_url: str = "https://plans.example.gov.tw/"  # always ends with /
    site_name: str = "主動公開資訊"
    publisher: str = ""  # default: site_name
    contact: str | None = None
    update_frequency: str = DEFAULT_UPDATE_FREQUENCY
    categories: tuple[str, str, str] = DEFAULT_CATEGORIES  # theme, cake, service

    def url(self, path: str) -> str:
        """The address of a file or page of the site (a docs-folder path, as MkDocs publishes it)."""
        if path.endswith(".md"):
            path = path[: -len(".md")]
            path = path[: -len("index")] if path == "index" or path.endswith("/index") else path + "/"
        return self.site_url + path

    @property
    def publisher_name(self) -> str:
        return self.publisher or self.site_name


class PluginConfig(Config):
    """The ``disclosure`` plugin's options (``plugins: - disclosure: {...}`` in mkdocs.yml)."""

    plans_dir = c.Type(str, default="plans")  # the plan YAML files, relative to mkdocs.yml
    section = c.Type(str, default="disclosure")  # the folder of the 主動公開資訊 pages inside the site
    edit_base = c.Optional(c.Type(str))  # e.g. https://git.example.gov.tw/site/-/edit/main/ (「編輯此頁」)
    # Open data and page metadata (資料集目錄, DC and Category meta tags)
    publisher = c.Optional(c.Type(str))  # DC.Publisher and the catalogue's 提供機關 for the site (default: site_name)
    contact = c.Optional(c.Type(str))  # 聯絡人 in the data catalogue, e.g. 研考課 王小明 07-5713121
    update_frequency = c.Type(str, default=DEFAULT_UPDATE_FREQUENCY)  # 更新頻率
    category_theme = c.Type(str, default=DEFAULT_CATEGORIES[0])  # 主題分類 (Category.Theme)
    category_cake = c.Type(str, default=DEFAULT_CATEGORIES[1])  # 施政分類 (Category.Cake)
    category_service = c.Type(str, default=DEFAULT_CATEGORIES[2])  # 服務分類 (Category.Service)


@dataclass(frozen=True)
class Settings:
    """The plugin's options resolved against the project folder (the folder of mkdocs.yml)."""

    root: Path
    plans_dir: Path
    docs_dir: Path
    site_dir: Path
    section: str = "disclosure"
    edit_base: str | None = None
    publication: Publication = Publication()
    templates_dir: Path | None = None  # the site's own templates (theme.custom_dir), before the package's

    @classmethod
    def resolve(
        cls,
        root: Path,
        options: PluginConfig,
        docs_dir: str,
        site_dir: str,
        site_url: str | None = None,
        site_name: str = "",
        templates_dir: str | None = None,
    ) -> Settings:
        root = root.resolve()
        publication = Publication(
            site_url=(site_url or Publication.site_url).rstrip("/") + "/",
            site_name=site_name or Publication.site_name,
            publisher=options.publisher or "",
            contact=options.contact,
            update_frequency=options.update_frequency,
            categories=(options.category_theme, options.category_cake, options.category_service),
        )
        return cls(
            root=root,
            plans_dir=(root / options.plans_dir).resolve(),
            docs_dir=(root / docs_dir).resolve(),
            site_dir=(root / site_dir).resolve(),
            section=options.section,
            edit_base=options.edit_base,
            publication=publication,
            templates_dir=(root / templates_dir).resolve() if templates_dir else None,
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
    return Settings.resolve(
        path.parent, options, config.docs_dir, config.site_dir, config.site_url, config.site_name, config.theme.custom_dir
    )


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


def build_date() -> date | None:
    """The date of the build for pages that have none of their own: SOURCE_DATE_EPOCH (the last commit)."""
    epoch = source_date_epoch()
    return datetime.fromtimestamp(epoch, tz=timezone(timedelta(hours=8))).date() if epoch is not None else None
