"""What a page generator may remember between builds (``publish.render_memo`` remembers it in the
cache): the text of a page it rendered, by a digest of everything the text is made from.

The render functions stay pure: they name what a page's text depends on (``Remember.text``'s
``parts``, a plan by ``plan_key``) and hand over how to make it; ``FORGET`` makes it every time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from ..plan.model import Plan


class Remember(Protocol):
    def plan_key(self, plan: Plan) -> str:
        """A digest of the plan (what every text made from it depends on)."""
        ...

    def text(self, kind: str, parts: Sequence[str], make: Callable[[], str]) -> str:
        """The text ``make`` makes, whose every input ``parts`` names (with the templates, the
        code and where the site is published, which the rememberer adds)."""
        ...


class _Forget:
    def plan_key(self, plan: Plan) -> str:
        return ""

    def text(self, kind: str, parts: Sequence[str], make: Callable[[], str]) -> str:
        return make()


FORGET: Remember = _Forget()
