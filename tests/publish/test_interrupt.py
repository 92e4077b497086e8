"""The terminating signals caught for a build: raised at once, and remembered when the exception is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from pydantic import BaseModel, field_serializer

from build_scripts.publish.interrupt import Termination


class _Stopped(Exception):
    pass


class _SendsSigterm(BaseModel):
    value: int = 0

    @field_serializer("value")
    def _send(self, value: int) -> int:
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(10_000):  # the handler runs here, inside pydantic's serializer
            pass
        return value


def test_a_signal_raises_the_builds_own_exception_with_its_name():
    termination = Termination.catch(_Stopped)
    try:
        with pytest.raises(_Stopped, match="SIGINT"):
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(10_000):
                pass
    finally:
        termination.restore()
    assert termination.received == "SIGINT"


def test_a_signal_wrapped_by_an_extension_is_still_known():
    termination = Termination.catch(_Stopped)
    try:
        with pytest.raises(Exception) as raised:
            _SendsSigterm().model_dump_json()
    finally:
        termination.restore()
    assert not isinstance(raised.value, _Stopped)  # pydantic's own error: the build must not rely on the type
    assert termination.received == "SIGTERM"


def test_after_the_build_the_previous_handlers_are_back():
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    Termination.catch(_Stopped).restore()
    assert {sig: signal.getsignal(sig) for sig in before} == before


_HALF_MADE = """
import os, signal
from build_scripts.publish.interrupt import Termination

class Stopped(Exception):
    pass

class FailsWhenCollected:  # as a zip the signal cut short, whose file is closed by the time it is collected
    def __del__(self):
        raise ValueError("I/O operation on closed file.")

termination = Termination.catch(Stopped)
try:
    os.kill(os.getpid(), signal.SIGTERM)
    for _ in range(10_000):
        pass
except Stopped:
    print("stopped")
left = FailsWhenCollected()
left.cycle = left  # collected only at the interpreter's exit
"""


def test_after_a_signal_what_it_left_half_made_fails_quietly_when_collected():
    """A stopped build says it was stopped; an object the signal cut short failing as it is
    collected, as late as the interpreter's exit, prints no Python traceback after that."""
    done = subprocess.run([sys.executable, "-c", _HALF_MADE], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "stopped" and "Traceback" not in done.stderr, done.stderr
