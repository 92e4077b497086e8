"""The typed plan model: what one YAML file under ``plans/`` holds.

Everything here is plain, immutable data. Numbering labels (一、(一)、1.、(1)) are
not stored: lists and table rows carry a numbering style and the labels are
derived when rendering (see ``numbering``). A source whose numbering deviates
keeps its own label through ``label``.

Field titles and descriptions are in Traditional Chinese because they end up in
the published JSON Schema, which editors show to webmasters as they type.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from . import divisions

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# What the importer writes where the document did not say: 「（請填寫機關全銜）」. Allowed in a draft only.
PLACEHOLDER = re.compile(r"^（請填寫[^）]{1,20}）$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("blank_text")
    return value


def _trim(value: Any) -> Any:
    """Spaces at either end of a one-line field (often a full-width space) are not part of it."""
    return value.strip(" \u3000\t") if isinstance(value, str) else value


Text = Annotated[str, AfterValidator(_non_blank), Field(min_length=1)]
# A one-line field (a title, a name, a heading): spaces at its ends are trimmed.
Line = Annotated[str, BeforeValidator(_trim), AfterValidator(_non_blank), Field(min_length=1)]
Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        min_length=1,
        max_length=80,
        description="只用小寫英文字母、數字與連字號（-），例如 kaohsiung-cijin-114。",
    ),
]


class Numbering(str, Enum):
    """How the items of a list (or the rows of a table column) are labelled."""

    cjk = "cjk"  # 一、
    cjk_paren = "cjk-paren"  # (一)
    decimal = "decimal"  # 1.
    decimal_comma = "decimal-comma"  # 1、
    decimal_paren = "decimal-paren"  # (1)
    bullet = "bullet"  # ● (a bulleted list: no numbers)
    none = "none"  # no label


class AgencyType(str, Enum):
    district_office = "區公所"
    township_office = "鄉鎮市公所"  # 鄉公所, 鎮公所, 縣轄市公所 (self-governing, unlike a 區公所)
    health_center = "衛生所"
    household_registration = "戶政事務所"
    land_office = "地政事務所"
    local_government = "縣市政府"  # 高雄市政府, 屏東縣政府
    bureau = "局處"  # a 局 or 處 of a 縣市政府: 地政局, 秘書處, 動物保護防疫處
    other = "其他"


class SectionKind(str, Enum):
    basis = "basis"  # 計畫依據
    goals = "goals"  # 計畫目標
    targets = "targets"  # 實施對象
    content = "content"  # 計畫內容 / 實施方式
    intro = "intro"  # 為民服務業務現況簡介
    management = "management"  # 推動及管考 / 考核與獎勵
    future = "future"  # 未來努力方向
    schedule = "schedule"  # 執行期程
    other = "other"  # 其他


class DocumentRole(str, Enum):
    """What a referenced document is to the plan."""

    basis = "依據"  # the plan is based on it
    approval = "核定"  # the letter approving the plan
    filing = "核備"  # the letter accepting the plan on file (備查)
    promulgation = "函頒"  # issued by letter
    issue = "發文"  # the letter sending the plan out


class PlanGenre(str, Enum):
    """The kind of plan: all are published the same way."""

    service = "提升服務計畫"
    goals = "施政目標與重點"
    mid_term = "中程施政計畫"
    annual = "年度施政計畫"
    other = "其他計畫"


class DisclosureCategory(str, Enum):
    """The items of 政府資訊公開法 §7 (1) that an agency publishes proactively."""

    regulations = "法規命令"  # 1 條約、對外關係文書、法律、緊急命令、法規命令及地方自治法規
    interpretations = "解釋性規定及裁量基準"  # 2
    organization = "組織、職掌、地址、電話、傳真、網址及電子郵件信箱帳號"  # 3
    guidance = "行政指導有關文書"  # 4
    plans = "施政計畫、業務統計及研究報告"  # 5
    budgets = "預算及決算書"  # 6
    petitions = "請願之處理結果及訴願之決定"  # 7
    contracts = "書面之公共工程及採購契約"  # 8
    subsidies = "支付或接受之補助"  # 9
    meetings = "合議制機關之會議紀錄"  # 10


def _taiwan_city(value: str) -> str:
    """One of the 22 縣市, 台 read as 臺 (and shown so); the importer's placeholder is left to the draft check."""
    found = divisions.city(value)
    if found is not None:
        return found.name
    if PLACEHOLDER.match(value):
        return value
    raise ValueError("unknown_city")


class Agency(_Strict):
    id: Slug = Field(title="機關代號", description="機關的英文代號，用於網址，例如 kaohsiung-cijin-district-office。")
    name: Line = Field(title="機關名稱", description="機關全銜，例如 高雄市旗津區公所。")
    city: Annotated[Line, AfterValidator(_taiwan_city)] = Field(
        title="所屬縣市", description="臺灣 22 個縣市之一，寫全名，例如 高雄市、屏東縣（寫「台」也可以，顯示為「臺」）。"
    )
    type: AgencyType = Field(title="機關類型")
    parent: Line | None = Field(None, title="上級機關", description="例如 高雄市政府地政局（岡山地政事務所的上級機關）。")


# Characters a URL never holds as they are (RFC 3986): spaces, quotes, <>, \\ {} | ^ and `; the
# engine would also read a backslash as escaping what follows it in the link.
_URL_CHAR = r"[^\s<>\"'`\\{}|^]"
_URL_RE = re.compile(
    rf"^(?:https?://{_URL_CHAR}+\.{_URL_CHAR}+|mailto:[^\s<>\"'`@\\]+@{_URL_CHAR}+|tel:\+?[0-9\-() ]{{3,30}}[0-9])$"
)


def _link_url(value: str) -> str:
    """Only http(s), mailto and tel addresses: never javascript:, data:, file: or a relative path."""
    if not _URL_RE.match(value.strip()):
        raise ValueError("bad_link")
    return value.strip()


Url = Annotated[str, AfterValidator(_link_url), Field(min_length=1, max_length=2000)]


class Link(_Strict):
    """A link shown under 相關連結 on the plan page, e.g. the full text of the parent plan."""

    title: Line = Field(title="連結文字", description="說明連到哪裡，例如 高雄市政府提升服務實施計畫全文。")
    url: Url = Field(
        title="網址",
        description="只接受 https://、http://、mailto: 或 tel: 開頭的網址，例如 https://www.kcg.gov.tw/ 或 tel:07-5713121。",
    )


class DocumentRef(_Strict):
    """A document: a programme a plan is based on, or a letter that approved, filed or issued it."""

    role: DocumentRole | None = Field(
        None,
        title="文件角色",
        description="依據、核定、核備、函頒或發文；省略時依所在欄位（basis 為依據，issued 為發文）。",
    )
    title: Line | None = Field(None, title="文件名稱", description="例如 高雄市政府提升服務實施計畫。")
    issuer: Line | None = Field(None, title="發布機關", description="例如 高雄市政府。")
    date: dt.date | None = Field(None, title="發文日期", description="西元日期，格式 YYYY-MM-DD，例如 2021-01-05。")
    number: Line | None = Field(
        None,
        title="文號",
        description="發文字號，一律當作文字，例如 高市府研發字第11030001300號。",
    )

    @model_validator(mode="after")
    def _something(self) -> DocumentRef:
        if not (self.title or self.number or self.date):
            raise ValueError("empty_document")
        return self


class Item(_Strict):
    """A numbered item that has its own sub-items, or a label of its own."""

    term: Line | None = Field(
        None,
        title="項目名詞",
        description="項目開頭的名詞（例如「服務便捷化」），以粗體顯示，後面接全形冒號與 text。",
    )
    text: Text | None = Field(None, title="內容", description="項目文字；換行會保留。")
    label: str | None = Field(
        None,
        title="自訂編號",
        description="原文編號與自動編號不同時（重複或跳號）才填，照原文寫，例如 三.；空字串表示不編號。",
    )
    numbering: Numbering | None = Field(None, title="子項目編號樣式", description="子項目的編號樣式；省略時依層級自動決定。")
    items: list[ItemLike] = Field(default_factory=list, title="子項目")
    blocks: list[Block] = Field(
        default_factory=list,
        title="項目下的內容",
        description="寫在這個項目之下、子項目之前的段落、表格或清單（例如第二項底下的一個表格）。",
    )

    @model_validator(mode="after")
    def _something(self) -> Item:
        if self.text is None and self.term is None and not self.items and not self.blocks:
            raise ValueError("empty_item")
        return self


def _item_tag(value: Any) -> str:
    return "text" if isinstance(value, str) else "item"


ItemLike = Annotated[
    Annotated[Text, Tag("text")] | Annotated[Item, Tag("item")],
    Discriminator(_item_tag),
]


class ListBlock(_Strict):
    numbering: Numbering = Field(Numbering.cjk, title="編號樣式", description="第一層項目的編號樣式。")
    items: list[ItemLike] = Field(min_length=1, title="項目")


class Column(_Strict):
    label: Line | None = Field(
        None, title="欄名", description="照原文的欄名，例如 執行要項。相鄰同名的欄會合併成一個表頭；沒有表頭列的表格可省略。"
    )
    numbering: Numbering = Field(Numbering.none, title="此欄的編號樣式")


ColumnLike = Annotated[
    Annotated[Line, Tag("text")] | Annotated[Column, Tag("item")],
    Discriminator(_item_tag),
]


class Row(_Strict):
    """One cell of a hierarchical table and the rows it spans in the next column."""

    cell: CellContent | None = Field(None, title="儲存格內容", description="文字，或段落與清單組成的清單。")
    label: str | None = Field(None, title="自訂編號", description="原文編號與自動編號不同時才填；空字串表示不編號。")
    span: int = Field(1, ge=1, le=6, title="跨欄數", description="這格橫跨幾欄（預設 1）。")
    rows: list[Row] = Field(default_factory=list, title="下一欄的列", description="這格所涵蓋、屬於右邊下一欄的各格。")


class Table(_Strict):
    caption: Line | None = Field(None, title="表格標題", description="省略時使用所在章節的標題。")
    columns: list[ColumnLike] = Field(min_length=2, max_length=6, title="欄")
    header_columns: int | None = Field(
        None,
        ge=1,
        le=5,
        title="列標題欄數",
        description="左邊幾欄是列標題（例如 執行要項、執行重點）；省略時為欄數減 2（至少 1）。",
    )
    header: bool = Field(True, title="有表頭列", description="原文表格沒有表頭列（欄名）時寫 false。")
    rows: list[Row] = Field(min_length=1, title="列")

    @model_validator(mode="after")
    def _labelled(self) -> Table:
        if self.header and any(not isinstance(c, str) and c.label is None for c in self.columns):
            raise ValueError("unlabelled_column")
        if _reach(self.rows, 0) > len(self.columns):
            raise ValueError("rows_too_deep")
        return self


def _reach(rows: list[Row], column: int) -> int:
    """How many columns the deepest row reaches (each level of rows is the next column)."""
    return max((_reach(row.rows, column + row.span) if row.rows else column + row.span for row in rows), default=column)


class Term(_Strict):
    """One entry of a term → description list (單位 → 業務分掌)."""

    term: Line = Field(title="名詞", description="例如 民政課。")
    description: Text = Field(title="說明", description="例如 辦理自治、選務、兵役等業務。")


class TermList(_Strict):
    terms: list[Term] = Field(min_length=1, title="名詞與說明", description="每一項是 term（名詞）與 description（說明）。")


def _block_tag(value: Any) -> str:
    """Which kind of block a value is: in a plan file (text or a mapping), or a model when serialized."""
    if isinstance(value, str):
        return "paragraph"
    if isinstance(value, Table) or (isinstance(value, dict) and "columns" in value):
        return "table"
    if isinstance(value, TermList) or (isinstance(value, dict) and "terms" in value):
        return "terms"
    return "list"


Block = Annotated[
    Annotated[Text, Tag("paragraph")]
    | Annotated[ListBlock, Tag("list")]
    | Annotated[Table, Tag("table")]
    | Annotated[TermList, Tag("terms")],
    Discriminator(_block_tag),
]

CellContent = Annotated[
    Annotated[Text, Tag("text")] | Annotated[list[Block], Tag("blocks")],
    Discriminator(lambda v: "text" if isinstance(v, str) else "blocks"),
]


class Section(_Strict):
    heading: Line | None = Field(
        None,
        title="章節標題",
        description="照原文，不含 壹、貳、 等編號；原文沒有標題的章節（例如最後一段「本計畫如有未盡事宜…」）省略。",
    )
    kind: SectionKind | None = Field(None, title="章節類別", description="供分類與資料輸出使用，不影響顯示。")
    label: str | None = Field(None, title="自訂編號", description="原文編號與自動編號（壹、貳、參…）不同時才填。")
    blocks: list[Block] = Field(
        default_factory=list,
        title="內容",
        description="依閱讀順序排列：文字是一個段落；有 items 的是編號清單；有 columns 的是表格。",
    )

    @model_validator(mode="after")
    def _something(self) -> Section:
        if self.heading is None and not self.blocks:
            raise ValueError("empty_section")
        return self


class Version(_Strict):
    """One version of the plan as the document lists it, e.g. 「105.04.23 初版」."""

    label: Line = Field(title="版本", description="例如 初版、修正版、第2次修正。")
    date: dt.date | None = Field(None, title="日期", description="西元日期，格式 YYYY-MM-DD。")


class Change(_Strict):
    """A dated note of a change made after the plan was published (GOV.UK's change note)."""

    date: dt.date = Field(title="更新日期", description="西元日期，格式 YYYY-MM-DD，例如 2025-03-10。")
    note: Line = Field(title="更新說明", description="一句話說明改了什麼，例如 修正第肆點執行單位。")


class Plan(_Strict):
    draft: bool = Field(
        False,
        title="草稿",
        description="true：匯入或還在撰寫的計畫，只在 make serve 預覽（頁首有「草稿：尚未發布」），不會發布；核對完成後刪掉這一行。",
    )
    id: Slug = Field(title="計畫代號", description="和檔名相同，用於網址，例如 kaohsiung-cijin-114。")
    title: Line = Field(title="計畫名稱", description="照原文的計畫全名。")
    genre: PlanGenre = Field(PlanGenre.service, title="計畫種類", description="提升服務計畫、施政目標與重點、中程施政計畫等。")
    category: DisclosureCategory = Field(
        DisclosureCategory.plans,
        title="主動公開類別",
        description="政府資訊公開法第7條第1項的類別；計畫屬於「施政計畫、業務統計及研究報告」。",
    )
    agency: Agency = Field(title="機關")
    year: int | None = Field(None, ge=1, le=300, title="年度（民國）", description="民國年，例如 114；原文沒寫就省略。")
    basis: list[DocumentRef] = Field(default_factory=list, title="計畫依據的文件", description="上級計畫或方案。")
    issued: DocumentRef | None = Field(None, title="本計畫的發文", description="本計畫發布時的函：日期與文號。")
    documents: list[DocumentRef] = Field(
        default_factory=list,
        title="本計畫的其他公文",
        description="核定、核備、函頒本計畫的公文，各寫 role（核定、核備、函頒、發文）、發文機關、日期與文號。",
    )
    approved: dt.date | None = Field(None, title="核定日期")
    published: dt.date | None = Field(None, title="發布日期")
    updated: dt.date | None = Field(None, title="最後更新日期", description="省略時取本檔案最後一次提交的日期。")
    version: Line | None = Field(None, title="版本")
    versions: list[Version] = Field(
        default_factory=list, title="版本紀錄", description="原文列出的版本與日期，例如 105.04.23 初版。"
    )
    changes: list[Change] = Field(
        default_factory=list,
        title="更新紀錄",
        description="公開後每次修正的日期與說明，由舊到新排列；顯示在網頁的「更新紀錄」，也會出現在訂閱（Atom）與公開資料中。",
    )
    links: list[Link] = Field(default_factory=list, title="相關連結", description="上級計畫全文、承辦單位信箱或電話等。")
    sections: list[Section] = Field(min_length=1, title="章節")

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        """A plan's page and files sit in its agency's folder beside the names generated there."""
        for pattern, code in _RESERVED_IDS:
            if pattern.fullmatch(value):
                raise ValueError(code)
        return value


_RESERVED_IDS = (
    (re.compile("index"), "reserved_id"),  # the agency page is <agency>/index.md
    (re.compile(r"compare-\d+-\d+"), "reserved_comparison"),  # <agency>/compare-113-114.md
    (re.compile(r".+-table-\d+"), "reserved_table"),  # <plan>-table-2.csv, a plan's second table
    (re.compile(r".+-results(-\d+)?"), "reserved_results"),  # <plan>-results.md, a plan's results report
)


def _is_line(annotation: Any) -> bool:
    """Whether an annotation is (or holds, e.g. ``Line | None``) the one-line ``Line`` type."""
    metadata = getattr(annotation, "__metadata__", ())
    if any(isinstance(m, BeforeValidator) and m.func is _trim for m in metadata):
        return True
    return any(_is_line(arg) for arg in get_args(annotation))


def one_line_fields() -> frozenset[str]:
    """Names of the fields that hold one line of text (titles, names, headings, labels …) in any
    model (a results file's too): the text shown in page titles, navigation and feeds."""
    names = set()
    for value in _models(_Strict):
        for name, info in value.model_fields.items():
            if _is_line(info.annotation) or any(isinstance(m, BeforeValidator) and m.func is _trim for m in info.metadata):
                names.add(name)
    return frozenset(names)


def _models(base: type[_Strict]) -> list[type[_Strict]]:
    """Every model built on ``base``, in the modules imported so far."""
    found = []
    for sub in base.__subclasses__():
        found += [sub, *_models(sub)]
    return found


Item.model_rebuild()
TermList.model_rebuild()
ListBlock.model_rebuild()
Row.model_rebuild()
Table.model_rebuild()
Section.model_rebuild()
Plan.model_rebuild()
