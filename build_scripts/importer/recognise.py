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

from ..plan.model import SLUG_PATTERN, AgencyType, Numbering, PlanGenre
from ..plan.numbering import section_label
from . import agency, frontmatter, ids
from .agency import FoundAgency
from .blocks import BlockBuilder
from .guarded_zip import ImportRefused
from .labels import SECTION, classify, split_label
from .section_openings import drop_contents, section_test
from .source import Grid, Para, SourceDocument
from .table_rows import read_table

Path = tuple[str | int, ...]

# Words in a heading → the section's kind.
KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("依據",), "basis"),
    (("目標", "目的", "願景"), "goals"),
    (("對象",), "targets"),
    (("現況", "簡介", "緣起", "背景"), "intro"),
    (
        (
            "計畫內容",
            "實施方式",
            "執行內容",
            "實施內容",
            "工作內容",
            "辦理事項",
            "辦理方式",
            "執行方式",
            "實施策略",
            "具體作法",
            "執行策略",
        ),
        "content",
    ),
    (("管考", "考核", "獎勵", "督導", "考評"), "management"),
    (("未來", "努力方向", "預期效益"), "future"),
    (("期程", "進度", "辦理時間"), "schedule"),
    (("其他", "附則"), "other"),
)
# Extraction artefacts that are not part of the plan.
FURNITURE = re.compile(r"^(第\s*\d+\s*頁[，,]\s*共\s*\d+\s*頁|\[在此鍵入\]|-?\s*\d{1,3}\s*-?|第\s*\d+\s*頁|頁\s*\d+)$")
_SLUG = re.compile(SLUG_PATTERN)


# The order of a plan file's fields, as the hand-made plans and the README write them.
ORDER = (
    "draft", "id", "title", "genre", "category", "agency", "year", "basis", "issued", "documents",
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
    document: SourceDocument, plan_id: str | None = None, agencies: dict[str, str] | None = None, taken: set[str] | None = None
) -> Imported:
    """``agencies``: agency name → id of the plans already in the plans folder (their ids are reused);
    ``taken``: plan ids in use (a guessed id gets -2, -3 … instead)."""
    blocks = [b for b in document.blocks if isinstance(b, Grid) or (b.text.strip() and not is_furniture(b.text))]
    blocks, _ = drop_contents(blocks)
    result = Imported({})
    meta: dict[str, Any] = {}
    title, rest = _title(blocks, document.title)
    preamble, sections = _split_sections(rest)
    leftovers = _front(preamble, meta)
    if not sections and not (leftovers and _PLAN_WORDS.search(title)):
        raise ImportRefused(
            "文件裡找不到計畫的章節（例如「壹、計畫依據」或「一、計畫緣起」）",
            "確認這是計畫文件；章節標題要以「壹、」「一、」等編號開頭（打字或 Word 的自動編號都可以），或使用 Word 的標題樣式。",
        )
    data = result.data
    data["draft"] = True
    data["id"] = ""
    data["title"] = title
    genre = meta.pop("genre", None) or _genre(title)
    if genre != PlanGenre.service.value:
        data["genre"] = genre
    if "category" in meta:
        data["category"] = meta.pop("category")
    known_id = next((c for c in (plan_id, document.properties.get("plansite:plan-id")) if c and _SLUG.match(c)), None)
    body = _all_text(rest)
    data["agency"], found = _agency(meta.pop("agency", {}), title, body, document, agencies or {}, result)
    year = meta.pop("year", None) or _year(title, result)
    if year:
        data["year"] = year
    data.update(meta)
    opening = _blocks(leftovers, "")
    data["sections"] = [{"label": "", "blocks": opening}] if opening else []
    if opening and sections:
        result.guesses.append(Guess(("sections", 0), "計畫名稱與第一個章節之間的文字，看不出屬於哪個欄位，照原位置放在這裡"))
    elif opening:
        result.guesses.append(Guess(("sections", 0), "文件裡沒有編號的章節，全文放在同一個章節；可依原文分成幾個章節"))
    _add_sections(data["sections"], sections, result)
    if "basis" not in data:
        _basis_from_section(data, result)
    data["id"] = known_id or _guess_plan_id(data, found, result, taken or set())
    result.data = {key: data[key] for key in ORDER if key in data}
    return result


def _add_sections(out: list[dict[str, Any]], sections: list[tuple[Para, list[Para | Grid]]], result: Imported) -> None:
    top = _top_labels(sections)
    for index, (heading, body) in enumerate(sections):
        position = len(out)
        section = _section(heading, body, index, result, position - index, top)
        if section.get("heading") or section.get("blocks"):
            out.append(section)
        else:  # a label with nothing after it: nothing to publish
            result.guesses = [g for g in result.guesses if g.path[:2] != ("sections", position)]
    if not out:
        raise ImportRefused("文件裡的章節都是空的，沒有可以匯入的內容", "確認選對了檔案；章節編號後面要有標題或內容。")


_PLAN_WORDS = re.compile(r"計畫|方案|目標|重點|要點")


def _genre(title: str) -> str:
    if "施政目標" in title or "施政重點" in title:
        return PlanGenre.goals.value
    if "中程施政計畫" in title:
        return PlanGenre.mid_term.value
    if "施政計畫" in title:
        return PlanGenre.annual.value
    if re.search(r"提升服務|服務品質|為民服務|服務躍升", title) or not title:
        return PlanGenre.service.value
    return PlanGenre.other.value


def _year(title: str, result: Imported) -> int | None:
    years = frontmatter.year_range(title)
    if years:
        result.guesses.append(Guess(("year",), f"計畫涵蓋民國 {years[0]} 至 {years[1]} 年度，年度先填第一年"))
        return years[0]
    return frontmatter.year_of(title)


def _top_labels(sections: list[tuple[Para, list[Para | Grid]]]) -> bool:
    """Whether the sections are numbered with a list style (一、 or bullets) rather than 壹、 or headings."""
    if not sections:
        return False
    head = sections[0][0]
    label = head.label or split_label(head.text)[0]
    return head.heading is None and bool(label) and classify(label)[0] != SECTION


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


def _split_sections(blocks: list[Para | Grid]) -> tuple[list[Para | Grid], list[tuple[Para, list[Para | Grid]]]]:
    opens = section_test(blocks)
    preamble: list[Para | Grid] = []
    sections: list[tuple[Para, list[Para | Grid]]] = []
    for block in blocks:
        if isinstance(block, Para) and opens(block):
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


def _section(
    head: Para, body: list[Para | Grid], index: int, result: Imported, offset: int = 0, top: bool = False
) -> dict[str, Any]:
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
        where = ("sections", index + offset, "heading") if heading else ("sections", index + offset)
        result.guesses.append(Guess(where, f"看不出「{heading or first or ''}」是哪一類章節（kind），請視需要補上"))
    if top:
        section["label"] = "" if classify(label)[0] is Numbering.bullet else label
    elif label and classify(label)[0] == SECTION and label != section_label(index + 1):
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
    written: dict[str, Any],
    title: str,
    body: str,
    document: SourceDocument,
    agencies: dict[str, str],
    result: Imported,
) -> tuple[dict[str, Any], FoundAgency | None]:
    """The agency: as a metadata line wrote it (plansite's own export), else as the title names it,
    else as the text does; every part that was guessed is marked."""
    found = agency.in_title(written.get("name") or title)
    if "name" not in written:
        if found is None and (found := agency.in_text(body)) is not None:
            result.guesses.append(Guess(("agency", "name"), "計畫名稱沒有寫機關，這是從內文找到的機關名稱"))
        if found is not None and not found.city:
            agency.settle_city(found, body)
        if found is not None:
            written = {"name": found.name, "city": found.city or PLACEHOLDER_CITY, "type": found.type.value, **written}
            if found.parent:
                written.setdefault("parent", found.parent)
            result.guesses += [Guess(("agency", "city"), note) for note in found.notes]
            if not found.city:
                result.guesses.append(Guess(("agency", "city"), "找不到機關所在的縣市，請填寫"))
        else:
            written = {"name": PLACEHOLDER_NAME, "city": PLACEHOLDER_CITY, "type": AgencyType.other.value, **written}
            result.guesses.append(Guess(("agency", "name"), "文件裡找不到機關名稱，請填寫機關全銜、縣市與類型"))
    name = written["name"]
    agency_id = document.properties.get("plansite:agency-id") or agencies.get(name)
    if not agency_id:
        agency_id = ids.agency_id(found, title if name == PLACEHOLDER_NAME else name)  # never shared by two unknowns
        result.guesses.append(
            Guess(("agency", "id"), f"機關代號是依縣市、地名與機關類型組成的（{name}），可改成機關慣用的英文代號")
        )
    kind = written.get("type", AgencyType.other.value)
    if kind == AgencyType.other.value and name != PLACEHOLDER_NAME:
        result.guesses.append(Guess(("agency", "type"), "看不出機關類型，先填「其他」；可用的類型見 README「機關類型」"))
    ordered = {"id": agency_id, "name": name, "city": written.get("city", PLACEHOLDER_CITY), "type": kind}
    if written.get("parent"):
        ordered["parent"] = written["parent"]
    return ordered, found


PLACEHOLDER_NAME = "（請填寫機關全銜）"
PLACEHOLDER_CITY = "（請填寫縣市）"


def _all_text(blocks: list[Para | Grid]) -> str:
    """The text of paragraphs and of table cells, in reading order."""
    parts = []
    for block in blocks:
        if isinstance(block, Para):
            parts.append(block.text)
        else:
            parts += [_all_text(cell.blocks) for row in block.rows for cell in row if cell is not None]
    return "\n".join(parts)


def _guess_plan_id(data: dict[str, Any], found: FoundAgency | None, result: Imported, taken: set[str]) -> str:
    genre = PlanGenre(data.get("genre", PlanGenre.service.value))
    plan_id = base = ids.plan_id(found, str(data["agency"]["id"]), data.get("year"), genre, str(data["title"]))
    number = 1
    while plan_id in taken:
        number += 1
        plan_id = f"{base}-{number}"
    result.guesses.append(Guess(("id",), "計畫代號是依機關、年度與計畫種類組成的；檔名要和它相同"))
    return plan_id
