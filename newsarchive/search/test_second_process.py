"""The second process as the search plugin uses it: calls in order, errors with their traceback, cancelling, a child that dies."""

from __future__ import annotations

import operator
import os
import signal
import subprocess
import sys
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


def test_ctrl_c_while_the_second_process_starts_leaves_it_working_and_silent(capfd):
    """A terminal's Ctrl-C reaches the whole process group, the child too, perhaps while it still imports:
    there it printed a KeyboardInterrupt traceback under the build's own stop line, and died."""
    second = SecondProcess()
    try:
        os.kill(second._child.pid, signal.SIGINT)  # at once: the child is still starting Python
        assert second.submit(operator.add, 1, 2).result(timeout=30) == 3
    finally:
        second.close()
    assert "Traceback" not in capfd.readouterr().err


def test_a_kill_of_the_builds_process_group_ends_the_second_process_in_the_middle_of_a_job(tmp_path):
    """A closed terminal or a CI timeout kills the build's group: the child goes with it, job or not."""
    parent = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\n"
         "from newsarchive.search.second_process import SecondProcess\n"
         "second = SecondProcess()\n"
         "assert second.submit(time.sleep, 0).result(timeout=30) is None\n"
         "second.submit(time.sleep, 60)\n"
         "print(second._child.pid, flush=True)\n"
         "time.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    child = int(parent.stdout.readline())
    os.killpg(parent.pid, signal.SIGKILL)
    parent.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(child):
        time.sleep(0.05)
    assert not _alive(child), "the worker went on with its job after the build was killed"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False
