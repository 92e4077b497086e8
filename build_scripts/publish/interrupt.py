"""A build stopped from outside (Ctrl-C, ``kill``, a CI job cancelled) ends through its own cleanup:
the PDF workers end, the staging folder is removed, the published site stays as it was."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType

STOPPING_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class Termination:
    """The terminating signals, caught for the length of a build (``catch``, then ``restore``).

    The first one raises ``stopped(name)`` in the main thread at once, instead of killing the process
    on the spot; its name stays in ``received``. The exception may land anywhere: inside a C or Rust
    extension calling back into Python (pydantic's serializer wraps it in its own error), or in code
    that turns a failure into a cache miss. So the build asks ``received`` where it ends, and whatever
    it meets after a signal is the signal."""

    def __init__(self) -> None:
        self.received: str | None = None
        self._previous: dict[signal.Signals, object] = {}

    @classmethod
    def catch(cls, stopped: Callable[[str], BaseException]) -> Termination:
        """Does nothing outside the main thread (no signal can be caught there)."""
        termination = cls()
        if threading.current_thread() is not threading.main_thread():
            return termination

        def handler(number: int, _frame: FrameType | None) -> None:
            name = signal.Signals(number).name
            if termination.received is None:
                termination.received = name
                sys.unraisablehook = _stopped_already
            raise stopped(name)

        termination._previous = {sig: signal.signal(sig, handler) for sig in STOPPING_SIGNALS}
        return termination

    def restore(self) -> None:
        """The handlers from before the build (the quiet ``sys.unraisablehook`` of a stopped build stays
        until the process ends)."""
        previous, self._previous = self._previous, {}
        for sig, old in previous.items():
            signal.signal(sig, old)  # type: ignore[arg-type]


def _stopped_already(unraisable: sys.UnraisableHookArgs) -> None:
    """After a stop signal, the errors of objects it left half-made (a zip being written when the
    signal landed, say), raised when they are collected as late as the interpreter's exit: the
    signal too, already told to the webmaster, so not shown as a Python traceback."""
