"""A source document → plan data: title and metadata, sections with their headings and kinds,
blocks, tables; and every guess made on the way, for the webmaster to confirm.

Nothing is invented: text is kept exactly as written (typos included), a value the source does
not state is left out, and where something had to be guessed (an agency's id, a section's kind)
a ``Guess`` names the field and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..plan.model import SLUG_PATTERN
from ..plan.numbering import section_label
from . import frontmatter
from .blocks import BlockBuilder
from .labels import SECTION, classify, split_label
from .package import ImportRefused
from .source import Grid, Para, SourceDocument
from .tables import read_table

Path = tuple[str | int, ...]

# Words in a heading → the section's kind.
KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("依據",), "basis"),
    (("目標",), "goals"),
    (("對象",), "targets"),
    (("現況", "簡介"), "intro"),
    (("計畫內容", "實施方式", "執行內容", "實施內容", "工作內容", "辦理事項", "執行方式", "實施策略", "具體作法"), "content"),
    (("管考", "考核", "獎勵", "督導", "考評"), "management"),
    (("未來", "努力方向"), "future"),
    (("期程", "進度"), "schedule"),
    (("其他", "附則"), "other"),
)
# Extraction artefacts that are not part of the plan.
FURNITURE = re.compile(r"^(第\s*\d+\s*頁[，,]\s*共\s*\d+\s*頁|\[在此鍵入\]|-?\s*\d{1,3}\s*-?|第\s*\d+\s*頁|頁\s*\d+)$")
_SLUG = re.compile(SLUG_PATTERN)
_OFFICE_SUFFIX = {
    "區公所": "district-office",
    "衛生所": "health-center",
    "戶政事務所": "household-registration-office",
    "地政事務所": "land-office",
}


# The order of a plan file's fields, as the hand-made plans and the README write them.
ORDER = (
    "id", "title", "genre", "category", "agency", "year", "basis", "issued", "documents",
    "approved", "published", "updated", "version", "versions", "links", "sections",
)  # fmt: skip


@dataclass(frozen=True)
class Guess:
    path: Path
    note: str


@dataclass
class Imported:
    data: dict[str, Any]
    guesses: list[Guess] = field(default_factory=list)


def is_furniture(text: str) -> bool:
    return bool(FURNITURE.match(text.strip()))


def recognise(
    document: SourceDocument, plan_id: str | None = None, agencies: dict[str, str] | None = None, stem: str = ""
) -> Imported:
    """``agencies``: agency name → id of the plans already in the plans folder (their ids are reused)."""
    blocks = [b for b in document.blocks if isinstance(b, Grid) or (b.text.strip() and not is_furniture(b.text))]
    result = Imported({})
    meta: dict[str, Any] = {}
    title, rest = _title(blocks, document.title)
    preamble, sections = _split_sections(rest)
    if not sections:
        raise ImportRefused(
            "文件裡找不到計畫的章節（例如「壹、計畫依據」）",
            "確認這是計畫文件；章節標題要以「壹、」「貳、」開頭，或使用 Word 的標題樣式。",
        )
    leftovers = _front(preamble, meta)
    data = result.data
    data["id"] = ""
    data["title"] = title
    for key in ("genre", "category"):
        if key in meta:
            data[key] = meta.pop(key)
    known_id = next(
        (c for c in (plan_id, document.properties.get("plansite:plan-id"), stem.lower()) if c and _SLUG.match(c)), None
    )
    data["agency"] = _agency(meta.pop("agency", {}), title, blocks, document, agencies or {}, known_id, result)
    year = meta.pop("year", None) or frontmatter.year_of(title)
    if year:
        data["year"] = year
    data.update(meta)
    data["sections"] = [_section(heading, body, index, result) for index, (heading, body) in enumerate(sections)]
    if "basis" not in data:
        _basis_from_section(data, result)
    if leftovers:
        data["sections"].insert(0, {"label": "", "blocks": _blocks(leftovers, "")})
        result.guesses.append(Guess(("sections", 0), "計畫名稱與第一個章節之間的文字，看不出屬於哪個欄位，先放在這裡"))
    data["id"] = known_id or _guess_plan_id(data, result)
    result.data = {key: data[key] for key in ORDER if key in data}
    return result


def _title(blocks: list[Para | Grid], property_title: str) -> tuple[str, list[Para | Grid]]:
    for index, block in enumerate(blocks):
        if isinstance(block, Para) and (block.heading == 1 or not property_title or block.text.strip() == property_title):
            return frontmatter.compact(block.text), blocks[index + 1 :]
        if isinstance(block, Para):
            break
    for index, block in enumerate(blocks):
        if isinstance(block, Para):
            return frontmatter.compact(block.text), blocks[index + 1 :]
    return property_title, blocks


def _is_heading(block: Para | Grid) -> bool:
    if not isinstance(block, Para):
        return False
    if block.heading is not None and block.heading >= 1:
        return True
    label = block.label or split_label(block.text)[0]
    return bool(label) and classify(label)[0] == SECTION


def _split_sections(blocks: list[Para | Grid]) -> tuple[list[Para | Grid], list[tuple[Para, list[Para | Grid]]]]:
    preamble: list[Para | Grid] = []
    sections: list[tuple[Para, list[Para | Grid]]] = []
    for block in blocks:
        if _is_heading(block):
            assert isinstance(block, Para)
            sections.append((block, []))
        elif sections:
            sections[-1][1].append(block)
        else:
            preamble.append(block)
    return preamble, sections


def _front(preamble: list[Para | Grid], meta: dict[str, Any]) -> list[Para | Grid]:
    """Read the metadata lines; return what is not metadata."""
    left: list[Para | Grid] = []
    for block in preamble:
        if isinstance(block, Para):
            text = block.text.strip()
            term, colon, value = text.partition("：")
            if colon and frontmatter.meta_line(term.strip(), value.strip(), meta):
                continue
            if "issued" not in meta and (written := frontmatter.letter(text)):
                meta["issued"] = written
                continue
            if version := frontmatter.version(text):
                meta.setdefault("versions", []).append(version)
                continue
        left.append(block)
    return left


def _kind(heading: str | None) -> str | None:
    if heading is None:
        return "other"
    for words, kind in KINDS:
        if any(word in heading for word in words):
            return kind
    return None


def _section(head: Para, body: list[Para | Grid], index: int, result: Imported) -> dict[str, Any]:
    label = head.label or split_label(head.text)[0]
    text = (head.text if head.label else split_label(head.text)[1]).strip(" \u3000")
    section: dict[str, Any] = {}
    first: str | None = None
    colon_at = re.search(r"[：:]", text)
    heading, colon, after = (text[: colon_at.start()], colon_at.group(), text[colon_at.end() :]) if colon_at else (text, "", "")
    heading = heading.strip()
    if colon:
        first = after.strip() or None
    elif len(heading) > 25 or heading.endswith(("。", "；")):
        heading, first = "", heading  # a closing sentence 「陸、本計畫如有未盡事宜…」, not a heading
    if heading:
        section["heading"] = heading
    kind = _kind(heading or None)
    if kind:
        section["kind"] = kind
    else:
        result.guesses.append(Guess(("sections", index, "heading"), f"看不出「{heading}」是哪一類章節（kind），請視需要補上"))
    if label and classify(label)[0] == SECTION and label != section_label(index + 1):
        section["label"] = label
    opening: list[Para | Grid] = [Para(first)] if first else []
    blocks = _blocks(opening + body, heading)
    if blocks:
        section["blocks"] = blocks
    return section


def _basis_from_section(data: dict[str, Any], result: Imported) -> None:
    """The documents the 計畫依據 section names, when no metadata line gave them."""
    for index, section in enumerate(data["sections"]):
        if section.get("kind") == "basis" and section.get("blocks") and isinstance(section["blocks"][0], str):
            docs = frontmatter.basis_documents(section["blocks"][0], data["title"])
            if docs:
                data["basis"] = docs
                result.guesses.append(Guess(("basis",), f"計畫依據的文件是從第 {index + 1} 章的文字整理出來的"))
            return


def _blocks(body: list[Para | Grid], heading: str) -> list[Any]:
    builder = BlockBuilder(lambda grid, caption: read_table(grid, caption, lambda inner: _blocks(inner, ""), heading), heading)
    for block in body:
        builder.add(block)
    return builder.blocks()


def _agency(
    found: dict[str, Any],
    title: str,
    blocks: list[Para | Grid],
    document: SourceDocument,
    agencies: dict[str, str],
    plan_id: str | None,
    result: Imported,
) -> dict[str, Any]:
    agency = dict(found)
    if "name" not in agency:
        named = frontmatter.agency_in(title)
        if named is None:
            named = frontmatter.agency_in(_all_text(blocks))
            if named is not None:
                result.guesses.append(Guess(("agency", "name"), "計畫名稱沒有寫機關，這是從內文找到的機關名稱"))
        if named is None:
            named = {"name": "（請填寫機關全銜）", "city": "（請填寫縣市）", "type": "其他"}
            result.guesses.append(Guess(("agency", "name"), "文件裡找不到機關名稱，請填寫機關全銜、縣市與類型"))
        agency = {**named, **agency}
    name = agency["name"]
    agency_id = document.properties.get("plansite:agency-id") or agencies.get(name)
    if not agency_id:
        agency_id = _guess_agency_id(name, plan_id)
        result.guesses.append(Guess(("agency", "id"), f"機關代號是猜的（{name}），請改成機關慣用的英文代號"))
    ordered = {"id": agency_id, "name": name, "city": agency.get("city", ""), "type": agency.get("type", "其他")}
    if agency.get("parent"):
        ordered["parent"] = agency["parent"]
    return ordered


def _all_text(blocks: list[Para | Grid]) -> str:
    """The text of paragraphs and of table cells, in reading order."""
    parts = []
    for block in blocks:
        if isinstance(block, Para):
            parts.append(block.text)
        else:
            parts += [_all_text(cell.blocks) for row in block.rows for cell in row if cell is not None]
    return "\n".join(parts)


def _guess_agency_id(name: str, plan_id: str | None) -> str:
    """From the plan's id without its year (kaohsiung-cijin-114 → kaohsiung-cijin-district-office)."""
    suffix = next((v for k, v in _OFFICE_SUFFIX.items() if name.endswith(k)), "office")
    base = re.sub(r"-\d+$", "", plan_id) if plan_id else "agency"
    return f"{base}-{suffix}"


def _guess_plan_id(data: dict[str, Any], result: Imported) -> str:
    base = str(data["agency"]["id"])
    for suffix in _OFFICE_SUFFIX.values():
        base = base.removesuffix(f"-{suffix}")
    plan_id = f"{base}-{data['year']}" if data.get("year") else f"{base}-plan"
    result.guesses.append(Guess(("id",), "計畫代號是依機關與年度猜的；檔名要和它相同"))
    return plan_id
