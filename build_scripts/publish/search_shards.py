"""The search index in shards, so a rebuild re-indexes only the shard whose pages changed.

Pagefind indexes a whole folder at a time (about 10 ms a page): one plan changed on a site of 1,000
re-indexed all 1,250 searched pages. The searched pages are split into shards of at most about
``SHARD_PAGES`` pages (a power of two of them, at most ``MAX_SHARDS``: ``shards``), each an index of
its own (``search_index.index_site``, cached by its pages' HTML); an agency's page and its plans
always share a shard (a plan's title shows on both). The search page merges the shards into one
search (Pagefind's ``mergeIndex``, ``content/assets/search.js``, which reads their places from
``SHARDS_SCRIPT``): a query fetches each shard's small index pieces for its words and the excerpts
of the results it shows. A site of up to ``SHARD_PAGES`` pages has one index, as before.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Collection, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from .search_index import OUTPUT, index_site

# About how many pages a shard holds: one plan changed re-indexes its shard (about 10 ms a page).
# A search fetches a few KB from every shard, so their number is capped: past MAX_SHARDS × SHARD_PAGES
# pages, shards grow instead (1,000 plans: 16 shards of about 80 pages, a first search ≈ 0.5 MB).
SHARD_PAGES = 40
MAX_SHARDS = 16
SHARDS_SCRIPT = "shards.js"  # in the primary bundle: the other shards' folders, for the search page
SHARDS = "pagefind-shards"  # beside the primary bundle: a folder for each other shard (1/, 2/ …)


def shard_of(page: str, count: int) -> int:
    """Which of ``count`` shards a built page goes to: by its agency's folder for the pages of the
    主動公開資訊 section (disclosure/<city>/<agency>/…), else by the page itself."""
    parts = page.split("/")
    unit = "/".join(parts[:3]) if len(parts) > 3 else page
    return int.from_bytes(hashlib.sha256(unit.encode()).digest()[:8], "big") % count


def shards(pages: Sequence[str], size: int = SHARD_PAGES, most: int = MAX_SHARDS) -> list[list[str]]:
    """The searched pages in shards of at most about ``size`` pages, and at most ``most`` shards
    (empty shards left out), each sorted. Their number is a power of two: a site that grows past it
    splits each shard in two, and until then a page never moves to another shard."""
    count = min(1 << max(0, math.ceil(math.log2(max(1, len(pages)) / size))), most)
    grouped: list[list[str]] = [[] for _ in range(count)]
    for page in sorted(pages):
        grouped[shard_of(page, count)].append(page)
    return [group for group in grouped if group]


def index_shards(
    site_dir: Path,
    pages: Sequence[str],
    cache_dir: Path | None,
    digests: Mapping[str, str] | None = None,
    size: int = SHARD_PAGES,
) -> int:
    """Index ``pages`` (built HTML files in ``site_dir``) shard by shard: the first shard is the
    primary bundle (``site_dir/pagefind``), the others in folders of their own beside it
    (``pagefind-shards/1/`` …); misses are indexed in parallel. Returns how many shards came from
    the cache. Raises ``search_index.SearchIndexError``."""
    return ShardedIndex(site_dir, pages, cache_dir, size).complete(digests or {})


class ShardedIndex:
    """The search index of a build's searched pages, a shard started as soon as the build has
    finished every page of it (``finished``): Pagefind then runs on another core while the build
    goes on with the other pages — unless every core is busy (``held``: the PDFs of a first build),
    where Pagefind beside them only costs more. ``complete`` starts the shards left and waits for them all."""

    def __init__(
        self, site_dir: Path, pages: Sequence[str], cache_dir: Path | None, size: int = SHARD_PAGES, *, held: bool = False
    ) -> None:
        """``held``: the shards whose pages are finished wait for ``release`` (the cores are busy)."""
        self.site_dir, self.cache_dir = site_dir, cache_dir
        self.held = held
        self._ready: dict[int, dict[str, str]] = {}  # shards held back: the page that finished each, and its HTML
        self.pages = frozenset(pages)
        self.groups = shards(pages, size)
        primary = site_dir / OUTPUT
        self.places = [primary, *(site_dir / SHARDS / str(n) for n in range(1, len(self.groups)))]
        self._shard_of = {page: number for number, group in enumerate(self.groups) for page in group}
        self._waiting = [set(group) for group in self.groups]
        self._digests: dict[str, str] = {}
        self._started: dict[int, Future[bool]] = {}
        self._pool = ThreadPoolExecutor(max_workers=max(1, min(len(self.groups), os.cpu_count() or 1)))

    def first(self, pages: Sequence[str], changed: Collection[str]) -> list[str]:
        """``pages`` (built pages, in the order the engine would build them) with the pages of the
        shards that hold a page of ``changed`` first: those shards are then indexed while the engine
        builds the rest."""
        ahead = {self._shard_of[page] for page in changed if page in self._shard_of}
        return sorted(pages, key=lambda page: self._shard_of.get(page) not in ahead)  # a stable sort

    def finished(self, page: str, digest: str, html: str) -> None:
        """A searched page as the build finished it (``html``, which may not be in its file yet; the
        shard's other pages are): its shard starts once all of its pages are finished."""
        number = self._shard_of.get(page)
        if number is None or number in self._started:
            return
        self._digests[page] = digest
        waiting = self._waiting[number]
        waiting.discard(page)
        if waiting:
            return
        if self.held:
            self._ready[number] = {page: html}
        else:
            self._start(number, self._digests, {page: html})

    def release(self) -> None:
        """Start the shards held back, and from now on each as soon as its pages are finished."""
        self.held = False
        ready, self._ready = self._ready, {}
        for number, texts in ready.items():
            self._start(number, self._digests, texts)

    def complete(self, digests: Mapping[str, str]) -> int:
        """Every shard indexed: those not started yet with the ``digests`` of their pages' HTML;
        then the primary bundle's list of the others. Returns how many shards came from the cache.
        Raises ``search_index.SearchIndexError``."""
        try:
            self.release()
            for number in range(len(self.groups)):
                if number not in self._started:
                    self._start(number, digests, {})
            cached = sum(self._started[number].result() for number in range(len(self.groups)))
        finally:
            self.stop()
        merged = [f"{SHARDS}/{n}/" for n in range(1, len(self.groups))]  # from the site's root
        (self.places[0] / SHARDS_SCRIPT).write_text(f"window.plansiteSearchShards = {json.dumps(merged)};\n", "utf-8")
        return cached

    def stop(self) -> None:
        """No more shards started; those running are waited for (a Pagefind process takes about a second)."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _start(self, number: int, digests: Mapping[str, str], texts: Mapping[str, str]) -> None:
        group = self.groups[number]
        known = {page: digests[page] for page in group if page in digests}
        self._started[number] = self._pool.submit(
            index_site,
            self.site_dir,
            group,
            self.cache_dir,
            bundle=self.places[number],
            digests=known,
            primary=number == 0,
            texts=texts,
        )
