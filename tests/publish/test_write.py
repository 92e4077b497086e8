"""``plansite generate``'s writer: real files, its own pages beside the section known from the
webmaster's, and nothing outside the docs folder touched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from build_scripts.publish.write import MANIFEST, generated_beside, write_pages
from build_scripts.render.site_layout import Layout, Page

LAYOUT = Layout()


def pages(privacy: str = "# 隱私權政策\n") -> list[Page]:
    return [
        Page("disclosure/index.md", "主動公開資訊", "# 主動公開資訊\n", files=(("disclosure/a.json", b"{}"),)),
        Page("privacy.md", "隱私權政策", privacy),
    ]


def test_its_own_pages_beside_the_section_are_rewritten_and_an_edited_one_is_kept(tmp_path: Path):
    docs = tmp_path / "content"
    assert write_pages(pages(), docs, LAYOUT) == 3
    assert set(generated_beside(docs, LAYOUT)) == {"privacy.md"}
    assert write_pages(pages("# 新的隱私權政策\n"), docs, LAYOUT) == 1
    assert (docs / "privacy.md").read_text("utf-8") == "# 新的隱私權政策\n"
    (docs / "privacy.md").write_text("# 本所自己的政策\n", "utf-8")
    assert write_pages(pages("# 再新的政策\n"), docs, LAYOUT) == 0
    assert (docs / "privacy.md").read_text("utf-8") == "# 本所自己的政策\n"
    assert generated_beside(docs, LAYOUT) == {}


def test_a_page_it_no_longer_makes_is_removed_unless_edited(tmp_path: Path):
    docs = tmp_path / "content"
    write_pages([*pages(), Page("sitemap.md", "網站導覽", "# 網站導覽\n")], docs, LAYOUT)
    write_pages(pages(), docs, LAYOUT)
    assert not (docs / "sitemap.md").exists() and (docs / "privacy.md").is_file()


def test_a_hand_edited_list_cannot_reach_outside_the_docs_folder(tmp_path: Path):
    docs = tmp_path / "content"
    write_pages(pages(), docs, LAYOUT)
    outside = tmp_path / "notes.md"
    outside.write_text("# 筆記\n", "utf-8")
    listed = json.loads((docs / "disclosure" / MANIFEST).read_text("utf-8"))
    digest = hashlib.sha256("# 筆記\n".encode()).hexdigest()
    listed.update({"../notes.md": digest, "/etc/notes.md": digest, "disclosure/index.md": digest})
    (docs / "disclosure" / MANIFEST).write_text(json.dumps(listed), "utf-8")
    assert set(generated_beside(docs, LAYOUT)) == {"privacy.md"}
    write_pages(pages(), docs, LAYOUT)
    assert outside.read_text("utf-8") == "# 筆記\n"
