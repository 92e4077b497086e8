"""The plugin as MkDocs drives it, without a build."""

from __future__ import annotations

from pathlib import Path

from build_scripts.mkdocs_plugin.plugin import DisclosurePlugin
from build_scripts.render.environment import TEMPLATES
from build_scripts.settings import Settings


def test_serve_watches_the_plans_and_the_templates(tmp_path: Path):
    plugin = DisclosurePlugin()
    plugin.settings = Settings(
        root=tmp_path, plans_dir=tmp_path / "plans", docs_dir=tmp_path / "content", site_dir=tmp_path / "site"
    )

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=None, builder=None)
    assert server.watched == [str(tmp_path / "plans"), str(TEMPLATES)]
