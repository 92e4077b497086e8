"""The lines before a plan's first section: its title, agency, year, the documents it names and its dates.

Two kinds of source write them. plansite's own exports (and documents made like them) have a
block of 「名稱：值」 lines (機關：…、年度：…、計畫依據：…); agencies' documents have the title and
lines like 「106年4月25日所行字第1060259708號函」 or 「105.04.23 初版」. Both are read; 民國 dates become
ISO dates, document numbers stay text as written.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..plan.dates import ROC_OFFSET
from ..plan.model import DisclosureCategory, DocumentRole, PlanGenre

_ROC = r"(?:民國)?\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
ROC_DATE = re.compile(_ROC)
_NUMBER = re.compile(r"((?:(?![年月日號])[\u4e00-\u9fff]){1,12}字第\s*\d{6,12}\s*號)")
_VERSION = re.compile(r"^(\d{2,3})[.．/](\d{1,2})[.．/](\d{1,2})\s*(\S.{0,20})$")
_YEAR = re.compile(r"(\d{2,3})\s*(?:年度|年(?!\s*\d{1,2}\s*月))")  # 「106年…計畫」, not 「106年4月」
_YEARS = re.compile(r"(\d{2,3})\s*(?:年度?)?\s*(?:至|到|－|-|~|～)\s*(\d{2,3})\s*年度?")
_AGENCY_META = re.compile(r"^(?P<name>.+?)（(?P<city>[^，）]+)，(?P<type>[^）]+)）$")
_ROLES = {role.value: role for role in DocumentRole}


def roc_date(text: str) -> dt.date | None:
    """「民國110年1月5日」「110 年 1 月 5 日」 → 2021-01-05 (None when there is none, or it does not exist)."""
    match = ROC_DATE.search(text)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year + ROC_OFFSET, month, day)
    except ValueError:
        return None


def year_of(title: str) -> int | None:
    match = _YEAR.search(title)
    return int(match[1]) if match else None


def year_range(title: str) -> tuple[int, int] | None:
    """「104至107年度」 → (104, 107): a plan over several years."""
    match = _YEARS.search(title)
    if not match or int(match[1]) >= int(match[2]):
        return None
    return int(match[1]), int(match[2])


def compact(text: str) -> str:
    """Spaces extraction put between CJK characters and digits go: 「110 年 1 月」 → 「110年1月」."""
    return re.sub(r"(?<=[\u4e00-\u9fff\d])[ \u3000]+(?=[\u4e00-\u9fff\d])", "", text.strip())


def document(text: str, role: DocumentRole | None = None) -> dict[str, Any]:
    """「高雄市政府提升服務實施計畫（高雄市政府 民國110年1月5日 高市府研發字第11030001300號函頒）」 → a document."""
    doc: dict[str, Any] = {}
    title, details = text, ""
    if text.endswith("）") and "（" in text:
        title, details = text[: text.rindex("（")], text[text.rindex("（") + 1 : -1]
    if role is not None:
        doc["role"] = role.value
    for word in details.split():
        ending = next((r for r in _ROLES if word.endswith(r) and "號" in word), None)
        if ending and _NUMBER.fullmatch(word[: -len(ending)]):
            doc["role"] = ending
            word = word[: -len(ending)]
        if _NUMBER.fullmatch(word):
            doc["number"] = word
        elif ROC_DATE.fullmatch(word):
            doc["date"] = roc_date(word)
        elif "issuer" not in doc:
            doc["issuer"] = word
    if title:
        doc = {"title": title, **doc}
    return doc


def letter(text: str) -> dict[str, Any] | None:
    """A line naming a letter: 「106年 4月 25日所行字第 1060259708號函」 → title as written, date, number."""
    date = roc_date(text)
    number = _NUMBER.search(compact(text))
    if not (date and number):
        return None
    return {"title": compact(text), "date": date, "number": number.group().replace(" ", "")}


def version(text: str) -> dict[str, Any] | None:
    """「105.04.23 初版」 → a version with its date."""
    match = _VERSION.match(text.strip())
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups()[:3])
    try:
        date = dt.date(year + ROC_OFFSET, month, day)
    except ValueError:
        return None
    return {"label": match[4].strip(), "date": date}


def meta_line(term: str, value: str, data: dict[str, Any]) -> bool:
    """Put one 「名稱：值」 line of a plansite-style metadata block into ``data``; False if not one."""
    if term == "機關":
        match = _AGENCY_META.match(value)
        if not match:
            return False
        data["agency"] = {"name": match["name"], "city": match["city"], "type": match["type"]}
    elif term == "上級機關":
        data.setdefault("agency", {})["parent"] = value
    elif term == "年度":
        year = re.match(r"民國(\d+)年度", value)
        if not year:
            return False
        data["year"] = int(year[1])
    elif term == "計畫依據":
        data.setdefault("basis", []).append(document(value))
    elif term.startswith("本計畫") and term[3:] in _ROLES:
        _letter_about_plan(_ROLES[term[3:]], value, data)
    elif term in ("核定日期", "發布日期", "最後更新日期"):
        date = roc_date(value)
        if date is None:
            return False
        data[{"核定日期": "approved", "發布日期": "published", "最後更新日期": "updated"}[term]] = date
    else:
        return _other_meta(term, value, data)
    return True


def _other_meta(term: str, value: str, data: dict[str, Any]) -> bool:
    if term == "版本":
        data["version"] = value
    elif term == "版本紀錄":
        date = roc_date(value)
        label = ROC_DATE.sub("", value).strip() if date else value
        data.setdefault("versions", []).append({"label": label, **({"date": date} if date else {})})
    elif term == "計畫種類" and value in {g.value for g in PlanGenre}:
        data["genre"] = value
    elif term == "主動公開類別":
        category = value.split("（")[0]
        if category != DisclosureCategory.plans.value and category in {c.value for c in DisclosureCategory}:
            data["category"] = category
    elif term == "相關連結":
        match = re.match(r"^(?P<title>.+)：(?P<url>(?:https?://|mailto:|tel:)\S+)$", value)
        if not match:
            return False
        data.setdefault("links", []).append({"title": match["title"], "url": match["url"]})
    else:
        return False
    return True


def _letter_about_plan(role: DocumentRole, value: str, data: dict[str, Any]) -> None:
    """「issuer 民國… number」 as plansite shows a letter, or a line written as the letter's title."""
    parts = value.split()
    doc = (_letter_parts(parts) if len(parts) > 1 else None) or letter(value) or document(value)
    if role is DocumentRole.issue and "issued" not in data:
        data["issued"] = doc
    else:
        data.setdefault("documents", []).append({"role": role.value, **doc})


def _letter_parts(parts: list[str]) -> dict[str, Any] | None:
    """「高雄市政府地政局 民國115年2月10日 高市地政秘字第11530000100號」 → issuer, date, number."""
    doc: dict[str, Any] = {}
    for word in parts:
        if _NUMBER.fullmatch(word):
            doc["number"] = word
        elif ROC_DATE.fullmatch(word):
            doc["date"] = roc_date(word)
        elif "issuer" not in doc:
            doc["issuer"] = word
        else:
            return None
    return doc if ("number" in doc or "date" in doc) else None


_QUOTED = re.compile(r"「([^「」]{2,60})」")
_ORG = re.compile(r"([\u4e00-\u9fff]{2,16}(?:院|委員會|政府|局|部|署|處|會|所))$")
_BASIS_TITLE = re.compile(r"^[^，。：:「」]{4,40}(?:計畫|方案|要點|辦法|規定|原則)$")


def _own_letter(doc: dict[str, Any], text: str, start: int, match: re.Match[str], titles: list[re.Match[str]]) -> None:
    """The date and 文號 of one of several documents: written before its title (「行政院106年1月9日院授發社字
    第1061300008號函頒「…」」), or in brackets right after it (「「…」（106年1月9日…號函）」)."""
    later = [m.start() for m in titles if m.start() > match.start()]
    after = text[match.end() : later[0] if later else len(text)]
    for segment in (compact(text[start : match.start()]), compact(after) if after.lstrip().startswith(("（", "(")) else ""):
        date, number = roc_date(segment), _NUMBER.search(segment)
        if date or number:
            if date:
                doc["date"] = date
            if number:
                doc["number"] = number.group()
            return


def basis_documents(text: str, plan_title: str = "") -> list[dict[str, Any]]:
    """The documents a 計畫依據 paragraph names: 「…」-quoted titles with the agency before them,
    or the paragraph itself when it is just a title; a date and 文號 go with a single title."""
    titles = [m for m in _QUOTED.finditer(text) if m[1] != plan_title and not text[: m.start()].endswith("訂定")]
    if not titles:
        plain = text.strip().rstrip("。")
        return [{"title": plain}] if _BASIS_TITLE.match(plain) else []
    docs = []
    start = 0
    for match in titles:
        before = text[start : match.start()]
        before = re.split(r"[、，及暨與]", before)[-1]
        before = re.sub(r"^(依據|依)", "", before)
        before = re.sub(r"(函頒|訂定|核定|頒布|頒訂|之)$", "", before)
        doc: dict[str, Any] = {"title": match[1]}
        if len(titles) > 1:
            _own_letter(doc, text, start, match, titles)
        compacted = compact(before)
        date = roc_date(compacted)
        if date:
            compacted = compacted[: ROC_DATE.search(compacted).start()]  # type: ignore[union-attr]
        org = _ORG.search(compacted)
        if org:
            doc["issuer"] = org[1]
        docs.append(doc)
        start = match.end()
    if len(docs) == 1:
        whole = compact(text)
        if date := roc_date(whole):
            docs[0]["date"] = date
        if number := _NUMBER.search(whole):
            docs[0]["number"] = number.group()
        if "函頒" in whole:
            docs[0]["role"] = DocumentRole.promulgation.value
    return docs
