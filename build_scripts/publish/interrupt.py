"""A build stopped from outside (Ctrl-C, ``kill``, a CI job cancelled) ends through its own cleanup:
the PDF workers end, the staging folder is removed, the published site stays as it was."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType

STOPPING_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def raise_on_termination(stopped: Callable[[str], BaseException]) -> Callable[[], None]:
    """Until the returned function is called, a terminating signal raises ``stopped(name)`` in the
    main thread instead of killing the process on the spot. Does nothing outside the main thread."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def handler(number: int, _frame: FrameType | None) -> None:
        raise stopped(signal.Signals(number).name)

    previous = {sig: signal.signal(sig, handler) for sig in STOPPING_SIGNALS}

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore
