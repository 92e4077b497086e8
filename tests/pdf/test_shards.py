"""Shards of the PDF stage: every plan in exactly one shard, always the same one."""

from __future__ import annotations

import pytest

from build_scripts.pdf.shards import Shard, ShardError
from build_scripts.plan.load import load_directory

from ..support.project import ROOT


def test_every_plan_is_in_exactly_one_shard_and_shares_are_even():
    plans = [p.plan for p in load_directory(ROOT / "plans", ROOT)[0]]
    shards = [Shard.parse(f"{n}/3").select(plans) for n in (1, 2, 3)]
    ids = [plan.id for share in shards for plan in share]
    assert sorted(ids) == sorted(p.id for p in plans)
    assert max(map(len, shards)) - min(map(len, shards)) <= 1
    assert Shard.parse("2/3").select(list(reversed(plans))) == shards[1]  # the order plans come in does not matter


@pytest.mark.parametrize(("text", "message"), [("3/2", "1 到 2 之間"), ("0/4", "1 到 4 之間"), ("half", "例如 --shard 1/4")])
def test_a_wrong_shard_is_explained(text: str, message: str):
    with pytest.raises(ShardError, match=message):
        Shard.parse(text)
