"""Every setting of plansite, in one place.

- ``Options``: the options of the ``disclosure`` plugin in ``mkdocs.yml`` and their defaults. It
  is the only source of defaults: the MkDocs adapter makes its config class from it
  (``engines/mkdocs/config.py``), and every command reads the same ``mkdocs.yml`` through
  ``load_settings`` (``site_config.py``), with or without MkDocs installed.
- ``Settings``: those options resolved against the project folder, as the library uses them.
- The environment variables plansite reads, each read when it is needed (never at import time):

  ``PLANSITE_CACHE``         where built PDFs, ODTs and parsed YAML are cached (default ``.plansite-cache``)
  ``PLANSITE_NODE_MODULES``  the ``node_modules`` folder holding axe-core and vnu-jar
  ``CHROMIUM``               the browser the checks drive (default ``/usr/bin/chromium``)
  ``JAVA``                   the Java runtime for the Nu Html Checker (default: ``java`` on PATH)
  ``CI``                     set in CI: no progress line on the terminal
  ``SOURCE_DATE_EPOCH``      the date of the build, for reproducible output (default: the last commit)
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

DEFAULT_CONFIG_FILE = "mkdocs.yml"
PLUGIN_NAME = "disclosure"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CACHE_FOLDER = ".plansite-cache"

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
class Identity:
    """The agency that runs the site, as every agency site shows it (header, footer, policies)."""

    agency: str = ""  # 全銜, e.g. 高雄市旗津區公所
    address: str = ""
    phone: str = ""
    fax: str = ""
    office_hours: str = ""  # 服務時間, e.g. 週一至週五 8:00–12:00、13:30–17:30
    email: str = ""
    logo: str = ""  # an image in the docs folder, e.g. assets/logo.png


# The identity mkdocs.yml ships with: `make site` names each one still set to it.
EXAMPLE_IDENTITY = Identity(
    agency="範例市範例區公所",
    address="800 範例市範例區範例路 1 號",
    phone="(07) 000-0000",
    fax="(07) 000-0001",
    office_hours="週一至週五 8:00–12:00、13:30–17:30（國定假日除外）",
    email="service@example.gov.tw",
)
IDENTITY_TITLES = {
    "agency": "網站營運機關全銜",
    "address": "地址",
    "phone": "電話",
    "fax": "傳真",
    "office_hours": "服務時間",
    "email": "電子郵件",
}


@dataclass(frozen=True)
class Publication:
    """What the site says about itself in data files, feeds, the catalogue, page metadata, and its
    header and footer."""

    site_url: str = "https://plans.example.gov.tw/"  # always ends with /
    site_name: str = "主動公開資訊"
    site_description: str = ""
    publisher: str = ""  # default: the agency running the site, else site_name
    contact: str | None = None  # default: the agency, its phone and email
    update_frequency: str = DEFAULT_UPDATE_FREQUENCY
    categories: tuple[str, str, str] = DEFAULT_CATEGORIES  # theme, cake, service
    identity: Identity = Identity()

    def url(self, path: str) -> str:
        """The address of a file or page of the site (a docs-folder path, as MkDocs publishes it)."""
        if path.endswith(".md"):
            path = path[: -len(".md")]
            path = path[: -len("index")] if path == "index" or path.endswith("/index") else path + "/"
        return self.site_url + path

    @property
    def publisher_name(self) -> str:
        return self.publisher or self.identity.agency or self.site_name

    @property
    def contact_text(self) -> str:
        """The data catalogue's 聯絡人: as set, else the agency running the site with its phone and email."""
        if self.contact:
            return self.contact
        who = self.identity
        reach = "，".join(part for part in (f"電話 {who.phone}" if who.phone else "", who.email) if part)
        return f"{who.agency}（{reach}）" if who.agency and reach else who.agency

    def reminders(self) -> list[str]:
        """Each setting still at the example value mkdocs.yml ships with, in the webmaster's words."""
        notes = [EXAMPLE_URL_WARNING.format(url=self.site_url)] if is_example_url(self.site_url) else []
        for name, title in IDENTITY_TITLES.items():
            value = getattr(self.identity, name)
            if value and value == getattr(EXAMPLE_IDENTITY, name):
                notes.append(f"注意：mkdocs.yml 的 {name}（{title}）仍是範例值「{value}」，發布前請改成本機關的資料。")
        return notes


@dataclass(frozen=True)
class Options:
    """The ``disclosure`` plugin's options (``plugins: - disclosure: {...}`` in mkdocs.yml), with
    their defaults; the comment after each is what it means to a webmaster."""

    plans_dir: str = "plans"  # the plan YAML files, relative to mkdocs.yml
    templates_dir: str = "templates"  # the site's own page and print templates (before the package's defaults)
    section: str = "disclosure"  # the folder of the 主動公開資訊 pages inside the site
    edit_base: str | None = None  # e.g. https://git.example.gov.tw/site/-/edit/main/ (「編輯此頁」)
    # Open data and page metadata (資料集目錄, DC and Category meta tags)
    publisher: str | None = None  # DC.Publisher and the catalogue's 提供機關 for the site (default: site_name)
    contact: str | None = None  # 聯絡人 in the data catalogue, e.g. 研考課 王小明 07-5713121
    update_frequency: str = DEFAULT_UPDATE_FREQUENCY  # 更新頻率
    category_theme: str = DEFAULT_CATEGORIES[0]  # 主題分類 (Category.Theme)
    category_cake: str = DEFAULT_CATEGORIES[1]  # 施政分類 (Category.Cake)
    category_service: str = DEFAULT_CATEGORIES[2]  # 服務分類 (Category.Service)
    # The agency running the site: shown in every page's header and footer and in the policy pages
    agency: str | None = None  # 全銜, e.g. 高雄市旗津區公所
    address: str | None = None  # 地址
    phone: str | None = None  # 電話
    fax: str | None = None  # 傳真
    office_hours: str | None = None  # 服務時間
    email: str | None = None  # 電子郵件
    logo: str | None = None  # 機關標誌: an image in the docs folder, e.g. assets/logo.png

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], where: str = "mkdocs.yml") -> Options:
        """The options as written in mkdocs.yml; a misspelt option or a value of the wrong kind
        is a ``SettingsError`` in the webmaster's words."""
        known = {f.name: f for f in fields(cls)}
        chosen: dict[str, Any] = {}
        for name, value in values.items():
            if name not in known:
                raise SettingsError(f"{where}：disclosure 外掛沒有「{name}」這個設定；可以用的設定是 {'、'.join(known)}。")
            if value is None and known[name].default is None:
                continue
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise SettingsError(f"{where}：disclosure 外掛的「{name}」要是一段文字，這裡是「{value}」。")
            chosen[name] = str(value)
        return cls(**chosen)


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
    templates_dir: Path | None = None  # the site's own page and print templates, before the package's

    @classmethod
    def resolve(
        cls,
        root: Path,
        options: Options,
        docs_dir: str,
        site_dir: str,
        site_url: str | None = None,
        site_name: str = "",
        site_description: str | None = None,
    ) -> Settings:
        root = root.resolve()
        publication = Publication(
            site_url=(site_url or Publication.site_url).rstrip("/") + "/",
            site_name=site_name or Publication.site_name,
            site_description=site_description or "",
            publisher=options.publisher or "",
            contact=options.contact,
            update_frequency=options.update_frequency,
            categories=(options.category_theme, options.category_cake, options.category_service),
            identity=Identity(**{f.name: getattr(options, f.name) or "" for f in fields(Identity)}),
        )
        return cls(
            root=root,
            plans_dir=(root / options.plans_dir).resolve(),
            docs_dir=(root / docs_dir).resolve(),
            site_dir=(root / site_dir).resolve(),
            section=options.section,
            edit_base=options.edit_base,
            publication=publication,
            templates_dir=(root / options.templates_dir).resolve(),
        )

    @property
    def cache_dir(self) -> Path:
        return cache_dir(self.root)


class SettingsError(Exception):
    """mkdocs.yml cannot be read; the message says why, in the webmaster's words."""


def load_settings(config_file: Path | None = None) -> Settings:
    """The settings of the project whose mkdocs.yml is ``config_file`` (default: ./mkdocs.yml).

    mkdocs.yml is read as the engines read it (INHERIT and !ENV included; see ``site_config``),
    without MkDocs. Without a mkdocs.yml, every option has its default."""
    from .site_config import SiteConfigError, read_site_config

    path = Path(config_file or DEFAULT_CONFIG_FILE)
    if not path.is_file():
        if config_file is not None:
            raise SettingsError(f"找不到設定檔 {path}")
        return Settings.resolve(Path.cwd(), Options(), "docs", "site")
    try:
        config = read_site_config(path)
    except SiteConfigError as exc:
        raise SettingsError(str(exc)) from None
    return settings_from(path, config)


def settings_from(path: Path, config: Mapping[str, Any]) -> Settings:
    """Settings from mkdocs.yml's data (as ``site_config.read_site_config`` gives it)."""
    return Settings.resolve(
        path.parent,
        Options.from_mapping(plugin_options(config.get("plugins")), str(path)),
        str(config.get("docs_dir") or "docs"),
        str(config.get("site_dir") or "site"),
        config.get("site_url"),
        str(config.get("site_name") or ""),
        config.get("site_description"),
    )


def plugin_options(plugins: Any) -> Mapping[str, Any]:
    """The ``disclosure`` entry of mkdocs.yml's ``plugins`` (a list, or a mapping of names)."""
    entries = (
        plugins.items()
        if isinstance(plugins, Mapping)
        else [next(iter(p.items())) if isinstance(p, Mapping) and p else (p, None) for p in plugins or []]
    )
    for name, options in entries:
        if name == PLUGIN_NAME:
            return options if isinstance(options, Mapping) else {}
    return {}


# --- environment -----------------------------------------------------------------------------


def cache_dir(root: Path) -> Path:
    """Where built files are cached: ``$PLANSITE_CACHE``, else ``.plansite-cache`` in the project (not
    in ``.cache/``, which ``zensical build --clean`` empties)."""
    override = os.environ.get("PLANSITE_CACHE")
    return Path(override) if override else root / CACHE_FOLDER


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
