"""Finish WeasyPrint's tagged PDF where its PDF/UA tagging falls short (pikepdf).

- Table header cells get ``/Scope``: ``/Column`` in the table head, ``/Row`` elsewhere
  (WeasyPrint writes IDs and ``/Headers`` but no scope; WeasyPrint issue #2508).
- A row split by a page break is one row: the piece on the next page joins it.
- The running header and the page numbers become pagination artifacts. WeasyPrint tags the
  page-margin text as marked content whose structure elements hang outside the tree (#1836);
  here that marked content becomes ``/Artifact`` and leaves the parent tree, so assistive
  technology does not read 「第 2 頁，共 6 頁」 in the middle of the plan.

The output is deterministic: same input bytes, same output bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence

import pikepdf
from pikepdf import Array, Dictionary, Name


def finish(data: bytes, carried: frozenset[tuple[int, int]] = frozenset(), metadata: Sequence[tuple[str, str]] = ()) -> bytes:
    """``carried``: (page index, table number on that page) of the table pieces whose first row
    goes on from the previous page (a row split by the page break), from ``continuation.carried_rows``;
    ``metadata``: the document's Dublin Core (``DC.Title`` … pairs), written into its XMP."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _dublin_core(pdf, metadata)
        root = pdf.Root.StructTreeRoot
        document = root.K[0] if isinstance(root.K, Array) else root.K
        if isinstance(document, Dictionary):
            _join_split_tables(document, _Pieces(pdf, root.K, carried))
        reachable = set()
        for element, ancestors in structure_elements(root.K, ()):
            reachable.add(element.objgen)
            if element.get("/S") == Name.TH:
                _set_scope(element, Name.Column if Name.THead in ancestors else Name.Row)
        _page_furniture_to_artifacts(pdf, reachable)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


# XMP's containers for the Dublin Core elements (XMP Specification Part 1, 8.3): ordered or not.
_LISTED = {"creator", "date"}
_BAGS = {"subject", "publisher", "contributor", "type", "language", "relation"}


def _dublin_core(pdf: pikepdf.Pdf, metadata: Sequence[tuple[str, str]]) -> None:
    """The Dublin Core elements into the PDF's XMP (dc:title is WeasyPrint's already); no date of
    editing is added, so the same plan gives the same bytes."""
    elements = [(name.removeprefix("DC.").lower(), value) for name, value in metadata if name.startswith("DC.")]
    if not elements:
        return
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        for element, value in elements:
            xmp[f"dc:{element}"] = [value] if element in _LISTED else ({value} if element in _BAGS else value)


def _kids(element: Dictionary) -> list[Dictionary]:
    kids = element.get("/K")
    if isinstance(kids, Array):
        return [k for k in kids if isinstance(k, Dictionary) and "/S" in k]
    return [kids] if isinstance(kids, Dictionary) and "/S" in kids else []


def _table_of(element: Dictionary) -> Dictionary | None:
    """The table an element is, or the one table a wrapper <div> holds."""
    if element.get("/S") == Name.Table:
        return element
    kids = _kids(element)
    if element.get("/S") == Name.Div and len(kids) == 1 and kids[0].get("/S") == Name.Table:
        return kids[0]
    return None


def _part(table: Dictionary, kind: Name) -> Dictionary | None:
    return next((k for k in _kids(table) if k.get("/S") == kind), None)


def _header_ids(table: Dictionary) -> list[str] | None:
    head = _part(table, Name.THead)
    rows = _kids(head) if head is not None else []
    if len(rows) != 1:
        return None
    return [str(cell.get("/ID", "")) for cell in _kids(rows[0])]


class _Pieces:
    """Which table pieces open with a row carried over from the previous page, and the parent tree to
    update when their cells join the row they continue."""

    def __init__(self, pdf: pikepdf.Pdf, kids: object, carried: frozenset[tuple[int, int]]) -> None:
        self.pages: dict[tuple[int, int], int] = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        self.parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        self.carried: set[tuple[int, int]] = set()  # objgen of the pieces
        counts: dict[int, int] = {}
        for element, _ in structure_elements(kids):
            if element.get("/S") == Name.Table:
                page = self.page_of(element)
                if page is None:
                    continue
                number = counts.get(page, 0)
                counts[page] = number + 1
                if (page, number) in carried:
                    self.carried.add(element.objgen)

    def page_of(self, element: Dictionary) -> int | None:
        for found, _ in structure_elements(element):
            page = found.get("/Pg")
            if page is not None:
                return self.pages.get(page.objgen)
        return None

    def join_row(self, row: Dictionary, into: Dictionary) -> None:
        """Move the cells' content of a carried row piece into the row it continues."""
        for cell, target in zip(_kids(row), _kids(into), strict=False):
            page = cell.get("/Pg")
            kids = cell.get("/K")
            items = list(kids) if isinstance(kids, Array) else ([] if kids is None else [kids])
            moved = []
            for item in items:
                if isinstance(item, int) and page is not None:  # an MCID on the cell's own page
                    item = Dictionary(Type=Name.MCR, MCID=item, Pg=page)
                elif isinstance(item, Dictionary) and "/S" in item:
                    item.P = target
                moved.append(item)
            self._reparent(cell, target)
            existing = target.get("/K")
            current = list(existing) if isinstance(existing, Array) else ([] if existing is None else [existing])
            if current and isinstance(current[0], int) and target.get("/Pg") is not None:
                current = [Dictionary(Type=Name.MCR, MCID=k, Pg=target.Pg) if isinstance(k, int) else k for k in current]
            target.K = Array([*current, *moved])

    def _reparent(self, cell: Dictionary, target: Dictionary) -> None:
        """Marked content the parent tree gives to ``cell`` now belongs to ``target``."""
        for entries in self.parent_tree.values():
            if isinstance(entries, Array):
                for i, entry in enumerate(entries):
                    if isinstance(entry, Dictionary) and entry.objgen == cell.objgen:
                        entries[i] = target


def _join_split_tables(document: Dictionary, pieces: _Pieces) -> None:
    """Join the pieces of a table that WeasyPrint split at page breaks into one Table element.

    WeasyPrint writes one Table per page (issue #2903); a continuation has no caption and repeats
    the header row. Its body rows move into the first piece (their /Headers pointing at the first
    piece's header cells); the continuation, repeated header row included, leaves the tree, so its
    marked content becomes pagination artifacts in ``_page_furniture_to_artifacts``.
    """
    kids = document.get("/K")
    if not isinstance(kids, Array):
        return
    kept: list[object] = []
    main: Dictionary | None = None
    main_ids: list[str] | None = None
    for element in list(kids):
        if not isinstance(element, Dictionary):  # marked content between elements
            kept.append(element)
            continue
        table = _table_of(element)
        if table is None or main is None or main_ids is None or not _continues(table, main_ids):
            kept.append(element)
            main = table if table is not None and _part(table, Name.Caption) is not None else None
            main_ids = _header_ids(main) if main is not None else None
            continue
        if not _move_rows(table, main, main_ids, pieces):
            kept.append(element)
    document.K = Array(kept)


def _continues(table: Dictionary, main_ids: list[str]) -> bool:
    """A continuation of the main table: no caption, and a header row of the same width — or no
    header at all (a page that one tall row fills gets no repeated header)."""
    if _part(table, Name.Caption) is not None:
        return False
    piece_ids = _header_ids(table)
    if piece_ids is None:
        return _part(table, Name.THead) is None
    return len(piece_ids) == len(main_ids)


def _move_rows(piece: Dictionary, main: Dictionary, main_ids: list[str], pieces: _Pieces) -> bool:
    """Move the body rows of a continuation into the main table, their /Headers pointing at its
    header; a first row carried over from the previous page joins the row it continues."""
    body, piece_body, piece_ids = _part(main, Name.TBody), _part(piece, Name.TBody), _header_ids(piece)
    if body is None or piece_body is None:
        return False
    renamed = dict(zip(piece_ids, main_ids, strict=True)) if piece_ids is not None else {}
    rows = _kids(piece_body)
    if rows and piece.objgen in pieces.carried and _kids(body):
        pieces.join_row(rows[0], _kids(body)[-1])
        rows = rows[1:]
    for row in rows:
        row.P = body
        body.K.append(row)
        for cell in _kids(row):
            attributes = cell.get("/A")
            if isinstance(attributes, Dictionary) and "/Headers" in attributes:
                attributes.Headers = Array([pikepdf.String(renamed.get(str(h), str(h))) for h in attributes.Headers])
    return True


def structure_elements(kids: object, ancestors: tuple[object, ...] = ()) -> Iterator[tuple[Dictionary, tuple[object, ...]]]:
    """Every structure element under kids, with the structure types of its ancestors, in document
    order. Walked with a stack of its own: nested generators passed each element up through every
    level above it, a third of the time ``finish`` took."""
    stack: list[tuple[object, tuple[object, ...]]] = [(kids, ancestors)]
    while stack:
        node, above = stack.pop()
        if isinstance(node, Array):
            stack.extend([(kid, above) for kid in reversed(list(node))])
        elif isinstance(node, Dictionary):
            kind = node.get("/S")  # each lookup of a pikepdf object costs: each key read once
            if kind is None:
                continue
            yield node, above
            kids_of = node.get("/K")
            if kids_of is not None and not isinstance(kids_of, int):  # an MCID holds no element
                stack.append((kids_of, (*above, kind)))


def _set_scope(element: Dictionary, scope: Name) -> None:
    attributes = element.get("/A")
    if attributes is None:
        element.A = Dictionary(O=Name.Table, Scope=scope)
        return
    for owner in attributes if isinstance(attributes, Array) else [attributes]:
        if isinstance(owner, Dictionary) and owner.get("/O") == Name.Table:
            owner.Scope = scope
            return
    element.A = Array([*(attributes if isinstance(attributes, Array) else [attributes]), Dictionary(O=Name.Table, Scope=scope)])


# WeasyPrint writes each marked-content operator on its own lines: "/Span\n<</MCID 3>>\nBDC".
_BDC = re.compile(rb"^/\w+\n<</MCID (\d+)>>\nBDC$", re.M)
_ARTIFACT = b"/Artifact\n<</Type /Pagination>>\nBDC"


def _page_content(page: pikepdf.Page) -> bytes:
    contents = page.obj.Contents
    if isinstance(contents, Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes()


def _mark_artifacts(content: bytes, mcids: set[int]) -> bytes:
    """Turn the marked content with these MCIDs into pagination artifacts.

    A fast text substitution on WeasyPrint's own layout of the operators; if it does not find every
    MCID (another layout), the content stream is parsed and rewritten operator by operator."""
    found: set[int] = set()

    def replace(match: re.Match[bytes]) -> bytes:
        mcid = int(match[1])
        if mcid in mcids:
            found.add(mcid)
            return _ARTIFACT
        return match[0]

    fast = _BDC.sub(replace, content)
    if found == mcids:
        return fast
    operations = []
    scratch = pikepdf.new()  # kept alive while its stream is parsed
    for instruction in pikepdf.parse_content_stream(scratch.make_stream(content)):
        operands, operator = list(instruction.operands), instruction.operator
        if str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], Dictionary):
            mcid = operands[1].get("/MCID")
            if mcid is not None and int(mcid) in mcids:
                operands = [Name.Artifact, Dictionary(Type=Name.Pagination)]
        operations.append(pikepdf.ContentStreamInstruction(operands, operator))
    return pikepdf.unparse_content_stream(operations)


def _page_furniture_to_artifacts(pdf: pikepdf.Pdf, reachable: set[tuple[int, int]]) -> None:
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    by_key = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        if key is None or int(key) not in by_key:
            continue
        mcids = by_key[int(key)]
        orphans = {i for i, element in enumerate(mcids) if isinstance(element, Dictionary) and element.objgen not in reachable}
        if not orphans:
            continue
        page.Contents = pdf.make_stream(_mark_artifacts(_page_content(page), orphans))
        for i in orphans:
            mcids[i] = None
