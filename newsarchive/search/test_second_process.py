"""The second process as the search plugin uses it: calls in order, errors with their traceback, cancelling, a child that dies."""

from __future__ import annotations

import operator
import os
import time

import pytest

from .second_process import SecondProcess, SecondProcessStopped


@pytest.fixture
def second():
    process = SecondProcess()
    yield process
    process.close()


def test_calls_are_answered_in_order_and_an_error_comes_back_with_its_traceback(second):
    added = second.submit(operator.add, 1, 2)
    divided = second.submit(operator.truediv, 1, 0)
    pid = second.submit(os.getpid)
    assert added.result(timeout=30) == 3
    with pytest.raises(ZeroDivisionError) as raised:
        divided.result(timeout=30)
    assert "ZeroDivisionError" in str(raised.value.__cause__)
    assert pid.result(timeout=30) not in (os.getpid(), None)


def test_a_call_still_waiting_its_turn_can_be_cancelled(second):
    first, ahead, waiting = (second.submit(time.sleep, 0.5) for _ in range(3))
    deadline = time.monotonic() + 10
    while not (first.running() and ahead.running()) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not first.cancel() and not ahead.cancel()  # sent: the one running and the one next
    assert waiting.cancel()
    assert first.result(timeout=30) is None and ahead.result(timeout=30) is None
    assert waiting.cancelled()


def test_a_child_that_ends_fails_every_call_not_answered_and_every_later_one(second):
    asleep = second.submit(time.sleep, 30)
    queued = second.submit(os.getpid)
    second._child.kill()
    for future in (asleep, queued):
        with pytest.raises(SecondProcessStopped, match=r"exit code -9"):
            future.result(timeout=30)
    assert second.stopped
    with pytest.raises(SecondProcessStopped):
        second.submit(os.getpid).result(timeout=5)


def test_ctrl_c_at_the_terminal_does_not_reach_the_second_process(second):
    """A terminal sends Ctrl-C to the build's process group: the child, in a session of its own, never gets it
    (during its imports it printed a KeyboardInterrupt traceback under the build's own stop line)."""
    child = second.submit(os.getpid).result(timeout=30)
    assert os.getpgid(child) != os.getpgid(0)
    assert os.getsid(child) != os.getsid(0)
