"""The plugin as MkDocs drives it, without a build."""

from __future__ import annotations

from pathlib import Path

from build_scripts.engines.mkdocs.plugin import DisclosurePlugin
from build_scripts.pipeline.session import BuildSession
from build_scripts.render.environment import TEMPLATES
from build_scripts.settings import Settings


def test_serve_watches_the_plans_and_the_templates(tmp_path: Path):
    plugin = DisclosurePlugin()
    settings = Settings(root=tmp_path, plans_dir=tmp_path / "plans", docs_dir=tmp_path / "content", site_dir=tmp_path / "site")
    plugin.session = BuildSession(settings, publish=False)

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=None, builder=None)
    assert server.watched == [str(tmp_path / "plans"), str(TEMPLATES)]  # the package's templates are the site's here


def test_a_full_disk_during_the_build_is_told_in_chinese_and_nothing_is_published(tmp_path: Path):
    import errno

    import pytest
    from mkdocs.exceptions import Abort

    (tmp_path / "site").mkdir()
    plugin = DisclosurePlugin()
    settings = Settings(root=tmp_path, plans_dir=tmp_path / "plans", docs_dir=tmp_path / "content", site_dir=tmp_path / "site")
    plugin.session = BuildSession(settings, publish=True)
    full = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / ".site.building" / "index.html"))
    with pytest.raises(Abort) as stopped:
        plugin.on_build_error(error=full)
    message = str(stopped.value)
    assert "建置時無法讀寫檔案" in message and "磁碟空間不足" in message and ".site.building/index.html" in message
    assert "網站沒有建置，已發布的網站（site/）保持原樣。" in message and "No space" not in message
    plugin.on_shutdown()
    assert not (tmp_path / ".site.building").exists() and not (tmp_path / ".site.lock").exists()
