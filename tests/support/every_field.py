"""A plan with a value in every field of the model, made from the model itself; and a results file for
it with a value in every field of the results model.

``every_field_plan(text)`` walks ``Plan``'s fields (and their models, lists and unions, every
variant of a union at least once) and puts ``text(marker)`` into each free-text field, a different
marker for each field. A field added to the model later is filled, and so tested, without editing
this file. Fields that are not free text get a valid value: ids, addresses, dates, numbers, choices.
``every_field_results(text)`` does the same for ``ResultsReport`` (markers R001 …): its one result
points at the plan's first section.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

from annotated_types import Ge, MinLen
from pydantic import BaseModel, Discriminator

from build_scripts.plan import model, results_model

MAX_DEPTH = 6  # model nesting (items in items, blocks in cells) beyond which lists stay empty and unions take text
DATE = dt.date(2025, 1, 2)
YEAR = 114  # the year of DATE
URL = "https://www.example.gov.tw/plans?a=1&b=2"
PLAN_ID, AGENCY_ID = "every-field-114", "every-field-office"


class Filler:
    """Fills a model's fields; ``fields`` records each free-text field's path by its marker."""

    def __init__(self, text: Callable[[str], str], city: str | None, prefix: str = "F"):
        self.text = text
        self.city = city  # the city field, when the model allows only real cities
        self.prefix = prefix  # of the markers
        self.fields: dict[str, str] = {}  # marker → path, e.g. "F012" → "sections[0].blocks[1].items[0].text"

    def free_text(self, path: str) -> str:
        marker = f"{self.prefix}{len(self.fields) + 1:03d}"
        self.fields[marker] = path
        return self.text(marker)

    def model(self, cls: type[BaseModel], path: str, depth: int, skip: tuple[str, ...] = ()) -> dict[str, Any]:
        """Every field of ``cls`` but those in ``skip`` (the caller fills them)."""
        if cls is model.Table:
            return self.table(path, depth)
        values: dict[str, Any] = {}
        for name, info in cls.model_fields.items():
            if name in skip:
                continue
            at = f"{path}.{name}" if path else name
            value = self.special(cls, name, at, depth)
            values[name] = self.value(info.annotation, list(info.metadata), at, depth) if value is _GENERIC else value
        return {k: v for k, v in values.items() if v is not None}

    def special(self, cls: type[BaseModel], name: str, path: str, depth: int) -> Any:
        """Values that are not free text, or that checks across fields constrain."""
        info = cls.model_fields[name]
        if any(getattr(m, "pattern", None) == model.SLUG_PATTERN for m in info.metadata):
            return PLAN_ID if cls in (model.Plan, results_model.ResultsReport) else AGENCY_ID
        if cls is model.Link and name == "url":
            return URL
        if cls is model.Agency and name == "city" and self.city:
            return self.city
        if cls is model.Plan and name == "year":
            return YEAR
        if cls is model.Plan and name == "draft":
            return False  # a draft is never published: the plan must be, to show its fields
        if cls is model.Plan and name == "sections":
            return self.sections()
        if cls is model.Row and name == "span":
            return 1
        if cls is model.Change and name == "date":
            return (DATE + dt.timedelta(days=1 + int(path.split("[")[1].split("]")[0]))).isoformat()
        return self.special_result(cls, name)

    @staticmethod
    def special_result(cls: type[BaseModel], name: str) -> Any:
        """A results file's values that are not free text."""
        if cls is results_model.ResultsReport:
            return {"plan": PLAN_ID, "year": YEAR, "draft": False}.get(name, _GENERIC)
        if cls is results_model.Result and name == "item":
            return "第1章"  # the every-field plan's first section (its label is the payload)
        if cls is results_model.Result and name == "status":
            return results_model.Status.delayed.value  # one that must say why
        if cls is results_model.Evidence and name == "url":
            return URL
        if cls is results_model.Measure and name in ("target", "actual"):
            return 96 if name == "target" else 98.5
        return _GENERIC

    def value(self, annotation: Any, metadata: list[Any], path: str, depth: int) -> Any:
        annotation, metadata = _unwrap(annotation, metadata)
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            variants = [a for a in get_args(annotation) if a is not type(None)]
            plain = [v for v in variants if _unwrap(v, [])[0] is str]
            return self.value(plain[0] if depth >= MAX_DEPTH and plain else variants[0], metadata, path, depth)
        if origin is list:
            (item,) = get_args(annotation)
            if depth >= MAX_DEPTH and not any(isinstance(m, MinLen) and m.min_length for m in metadata):
                return []
            return [self.value(v, [], f"{path}[{i}]", depth + 1) for i, v in enumerate(_variants(item, depth))]
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return self.model(annotation, path, depth + 1)
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            return next(iter(annotation)).value
        if annotation is bool:
            return True
        if annotation is int:
            return max([1, *(m.ge for m in metadata if isinstance(m, Ge))])
        if annotation is dt.date:
            return DATE.isoformat()
        if annotation is str:
            return self.free_text(path)
        raise TypeError(f"no value for {annotation!r} at {path}")

    def sections(self) -> list[dict[str, Any]]:
        """A section for each kind of block, so every kind is filled at every depth it can take."""
        sections = []
        for index, block in enumerate(_variants(model.Block, 0)):
            path = f"sections[{index}]"
            section = self.model(model.Section, path, 1, skip=("blocks",))
            section["blocks"] = [self.value(block, [], f"{path}.blocks[0]", 2)]
            sections.append(section)
        return sections

    def table(self, path: str, depth: int) -> dict[str, Any]:
        """A table of three columns (a plain label, then two columns with their own fields) whose
        rows go three levels deep, with a text cell and a cell of blocks."""
        table = {
            name: self.value(info.annotation, list(info.metadata), f"{path}.{name}", depth)
            for name, info in model.Table.model_fields.items()
            if name not in ("columns", "rows", "header_columns")
        }
        table["columns"] = [
            self.free_text(f"{path}.columns[0]"),
            self.model(model.Column, f"{path}.columns[1]", depth + 1),
            self.model(model.Column, f"{path}.columns[2]", depth + 1),
        ]

        def row(at: str, level: int, cell: Any = None) -> dict[str, Any]:
            values = self.model(model.Row, at, MAX_DEPTH, skip=("rows",) if cell is None else ("rows", "cell"))
            if cell is not None:
                values["cell"] = cell
            values["rows"] = [row(f"{at}.rows[0]", level + 1)] if level < 2 else []
            return values

        blocks_at = f"{path}.rows[1].cell"
        blocks = [self.free_text(f"{blocks_at}[0]"), {"numbering": "none", "items": [self.free_text(f"{blocks_at}[1].items[0]")]}]
        table["rows"] = [row(f"{path}.rows[0]", 0), row(f"{path}.rows[1]", 0, blocks)]
        return table


_GENERIC = object()


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """Annotated[X, …] → X with its metadata (a discriminated union → the union of its variants)."""
    while get_origin(annotation) is Annotated:
        base, *extra = get_args(annotation)
        metadata = [*metadata, *extra]
        annotation = base
    return annotation, [m for m in metadata if not isinstance(m, Discriminator)]


def _variants(item: Any, depth: int) -> Iterator[Any]:
    """The values a list holds: each variant of a union once (only the text variant, when deep)."""
    base, _ = _unwrap(item, [])
    if get_origin(base) not in (Union, types.UnionType):
        yield item
        return
    variants = list(get_args(base))
    if depth >= MAX_DEPTH:
        variants = [v for v in variants if _unwrap(v, [])[0] is str] or variants[:1]
    yield from variants


def every_field_results(text: Callable[[str], str]) -> tuple[dict[str, Any], dict[str, str]]:
    """A valid results file (as data) for the every-field plan, ``text(marker)`` in every free-text field
    (markers R001 …), and the field path of each marker."""
    filler = Filler(text, None, prefix="R")
    return filler.model(results_model.ResultsReport, "", 0), filler.fields


def every_field_plan(text: Callable[[str], str], city: str | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """A valid plan (as plan-file data) with ``text(marker)`` in every free-text field, and the
    field path of each marker. ``city``: the value of the one field the model limits to a list."""
    filler = Filler(text, city)
    return filler.model(model.Plan, "", 0), filler.fields


__all__ = ["every_field_plan", "every_field_results"]
