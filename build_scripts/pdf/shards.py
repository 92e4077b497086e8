"""Which PDFs a machine renders when the PDF stage is split over several (``plansite pdf --shard I/N``).

The PDF cache is content-addressed, so machines can each fill a part of it and a final build,
given all the parts, renders nothing. Plans are dealt out by id in sorted order, one to each shard
in turn: the same plans always land on the same shard, and shards get nearly equal shares.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .print_html import Printable

_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


class ShardError(ValueError):
    pass


@dataclass(frozen=True)
class Shard:
    number: int  # from 1
    count: int

    @staticmethod
    def parse(text: str) -> Shard:
        """「2/4」 → the second of four shards."""
        match = _SHARD.match(text)
        if not match:
            raise ShardError(f"分片的寫法是「第幾片/共幾片」，例如 --shard 1/4；收到「{text}」。")
        number, count = int(match[1]), int(match[2])
        if not 1 <= number <= count:
            raise ShardError(f"分片 {number}/{count} 不存在：第幾片要在 1 到 {count} 之間。")
        return Shard(number, count)

    def select(self, plans: Sequence[Printable]) -> list[Printable]:
        """This shard's PDFs (plans and results reports): every ``count``-th by id, starting at ``number``."""
        ordered = sorted(plans, key=lambda plan: plan.id)
        return ordered[self.number - 1 :: self.count]
