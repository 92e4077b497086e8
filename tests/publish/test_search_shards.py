"""The search index in shards: an agency's pages together, each shard cached, merged by the search page."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

from build_scripts.publish.search_index import OUTPUT
from build_scripts.publish.search_shards import SHARDS, SHARDS_SCRIPT, ShardedIndex, index_shards, shards

PAGE = """<!DOCTYPE html><html lang="zh-TW"><head><title>{title}</title></head><body>
<article><h1>{title}</h1><p>{text}</p></article></body></html>"""


def _pages(agencies: int, plans: int = 2) -> list[str]:
    pages = []
    for agency in range(agencies):
        folder = f"disclosure/kaohsiung/office-{agency}"
        pages += [f"{folder}/index.html", *(f"{folder}/plan-{agency}-{n}/index.html" for n in range(plans))]
    return pages


def test_a_small_site_has_one_index_and_an_agencys_pages_share_a_shard():
    assert shards(_pages(3)) == [sorted(_pages(3))]
    for group in shards(_pages(40), size=12):
        agencies = {page.split("/")[2] for page in group}
        assert all(sum(page.split("/")[2] == agency for page in group) == 3 for agency in agencies)


def test_a_new_plan_changes_its_agencys_shard_only_until_the_site_doubles():
    before = shards(_pages(40), size=12)  # 120 pages: 16 shards
    after = shards([*_pages(40), "disclosure/kaohsiung/office-7/plan-7-9/index.html"], size=12)
    assert len(after) == len(before) and sum(group not in before for group in after) == 1
    doubled = shards(_pages(80), size=12, most=32)  # 32 shards: each of the 16 split in two
    assert len(doubled) > 16  # (a shard no agency hashes to is left out)
    assert all(any(set(group) <= set(old) for old in shards(_pages(80), size=24)) for group in doubled)


def test_a_large_site_has_no_more_shards_than_the_cap_and_they_grow_instead():
    """Every shard costs a first search a few KB: past the cap, shards hold more pages, not more shards."""
    capped = shards(_pages(80), size=12, most=8)  # 240 pages: 20 shards' worth, capped at 8
    assert len(capped) == 8 and sum(map(len, capped)) == 240
    assert max(map(len, capped)) > 12
    assert shards(_pages(80), size=12, most=8) == shards(_pages(80), size=24, most=8)  # past the cap, the size no longer matters


def _site(folder: Path, pages: list[str], changed: str = "") -> Path:
    for page in pages:
        (folder / page).parent.mkdir(parents=True, exist_ok=True)
        text = "推動線上申辦服務。" if page == changed else "推動單一窗口服務。"
        (folder / page).write_text(PAGE.format(title=page.split("/")[-2], text=text), "utf-8")
    return folder


def test_shards_are_merged_by_the_search_page_and_only_a_changed_one_is_indexed_again(tmp_path: Path):
    pages = _pages(6)
    cache = tmp_path / "cache"
    site = _site(tmp_path / "site", pages)
    assert index_shards(site, pages, cache, size=4) == 0
    merged = json.loads((site / OUTPUT / SHARDS_SCRIPT).read_text("utf-8").split("=", 1)[1].rstrip(";\n"))
    assert len(merged) >= 2 and all(folder.startswith(SHARDS + "/") for folder in merged)
    assert (site / OUTPUT / "pagefind.js").is_file() and (site / OUTPUT / "pagefind-ui.js").is_file()
    for folder in merged:  # a merged shard: its index only, searched by the primary's scripts
        files = {p.name for p in (site / folder).iterdir()}
        assert "pagefind-entry.json" in files and not files & {"pagefind.js", "pagefind-ui.js", "pagefind-worker.js"}
        assert not [name for name in files if name.startswith("wasm.")]

    again = _site(tmp_path / "again", pages, changed=pages[4])
    assert index_shards(again, pages, cache, size=4) == len(merged)  # every shard but one from the cache


def _indexed(bundle: Path) -> str:
    """The text of every page a Pagefind bundle holds (its fragments)."""
    return "".join(gzip.decompress(f.read_bytes()).decode("utf-8") for f in (bundle / "fragment").iterdir())


def test_a_shard_is_indexed_as_soon_as_its_pages_are_built_while_the_others_wait(tmp_path: Path):
    """The build hands each finished page over: a shard whose pages are all finished is indexed at
    once (Pagefind on another core while the build goes on), even from a page not yet in its file."""
    pages = _pages(6)
    site = _site(tmp_path / "site", pages)
    index = ShardedIndex(site, pages, tmp_path / "cache", size=4)
    first, *others = index.groups
    last = first[-1]
    html = PAGE.format(title="最後", text="剛完成的頁面：櫃臺延長服務。")
    (site / last).unlink()  # the engine writes it after handing it over
    for page in first[:-1]:
        index.finished(page, page, (site / page).read_text("utf-8"))
    assert not index.places[0].exists()  # one page of the shard still missing
    index.finished(last, "last", html)
    deadline = time.monotonic() + 60
    while not (index.places[0] / "pagefind-entry.json").is_file() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (index.places[0] / "pagefind-entry.json").is_file()
    assert not any(place.exists() for place in index.places[1:])  # not started: their pages are not finished
    assert "延\u200b長" in _indexed(index.places[0])

    assert index.complete({page: page for page in pages}) == 0
    assert all((place / "pagefind-entry.json").is_file() for place in index.places)
    assert len(others) >= 2 and (site / OUTPUT / SHARDS_SCRIPT).is_file()


def test_the_shards_of_changed_pages_are_built_first_the_rest_in_their_order():
    pages = _pages(6)
    index = ShardedIndex(Path("/nonexistent"), pages, None, size=4)
    changed = pages[4]
    group = next(g for g in index.groups if changed in g)
    order = index.first(pages, [changed])
    assert set(order[: len(group)]) == set(group)  # the changed page's whole shard first
    assert order[: len(group)] == [p for p in pages if p in group]  # each part in the engine's order
    assert order[len(group) :] == [p for p in pages if p not in group]
    assert index.first(pages, []) == pages
    index.stop()


def test_held_shards_wait_for_the_cores_to_be_free(tmp_path: Path):
    """While the PDFs of a first build take every core, a finished shard waits for ``release``."""
    pages = _pages(6)
    site = _site(tmp_path / "site", pages)
    index = ShardedIndex(site, pages, None, size=4, held=True)
    for page in index.groups[0]:
        index.finished(page, page, (site / page).read_text("utf-8"))
    time.sleep(1)
    assert not index.places[0].exists()
    index.release()
    deadline = time.monotonic() + 60
    while not (index.places[0] / "pagefind-entry.json").is_file() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (index.places[0] / "pagefind-entry.json").is_file()
    index.complete({page: page for page in pages})
