"""The spare core runs calls on a low-priority thread within its budget, at once beyond it, and reports their errors."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from newsarchive.search.spare_core import CALL_BYTES, LOWEST, SpareCore


def test_calls_within_the_budget_run_on_another_thread_at_the_lowest_priority():
    spare = SpareCore(budget=CALL_BYTES + 100)
    ran = spare.submit(lambda: (threading.get_ident(), os.getpriority(os.PRIO_PROCESS, threading.get_native_id())), 10)
    spare.close()
    thread, priority = ran.result()
    assert thread != threading.get_ident()
    if sys.platform == "linux":  # a nice value of its own: Linux gives each thread one
        assert priority == LOWEST


def test_calls_beyond_the_budget_run_at_once_in_the_caller():
    release = threading.Event()
    spare = SpareCore(budget=CALL_BYTES + 10)
    first = spare.submit(release.wait, 10)  # holds the whole budget until released
    here = threading.get_ident()
    second = spare.submit(threading.get_ident, 1)
    assert second.done() and second.result() == here
    release.set()
    spare.close()
    assert first.result() is True


def test_an_error_in_a_queued_call_is_raised_by_close():
    spare = SpareCore(budget=CALL_BYTES + 100)
    spare.submit(lambda: 1 / 0, 1)
    with pytest.raises(ZeroDivisionError):
        spare.close()


def test_an_error_in_a_call_run_at_once_is_raised_at_once():
    spare = SpareCore(budget=0)
    with pytest.raises(ZeroDivisionError):
        spare.submit(lambda: 1 / 0, 1)
    spare.close()


def test_a_failed_call_stops_the_next_submit_and_stop_raises_nothing():
    spare = SpareCore(budget=CALL_BYTES + 100)
    failed = spare.submit(lambda: 1 / 0, 1)
    with pytest.raises(ZeroDivisionError):
        failed.result()
    with pytest.raises(ZeroDivisionError):
        spare.submit(lambda: None, 1)
    spare.stop()


def test_each_queued_call_counts_what_it_holds_beside_its_bytes():
    """Small calls are not queued by the thousand: each one's closure and result count against the budget."""
    release = threading.Event()
    spare = SpareCore(budget=4 * CALL_BYTES)
    spare.submit(release.wait, 0)
    here = threading.get_ident()
    ran = [spare.submit(threading.get_ident, 0) for _ in range(10)]
    release.set()
    spare.close()
    threads = [made.result() for made in ran]
    assert threads.count(here) == 7, "three more fit beside the one waiting; the rest ran at once"
    assert all(thread != here for thread in threads[:3])


def test_a_call_dropped_by_stop_raises_when_its_result_is_asked_for():
    from concurrent.futures import CancelledError

    release = threading.Event()
    spare = SpareCore(budget=4 * CALL_BYTES)
    spare.submit(release.wait, 0)
    dropped = spare.submit(lambda: 1, 0)
    threading.Timer(0.05, release.set).start()
    spare.stop()
    assert dropped.done()
    with pytest.raises(CancelledError):
        dropped.result()


def test_a_call_that_waits_for_queued_calls_is_queued_after_them_whatever_the_budget():
    """A pack waits for its members' bytes: made at once, it would wait here for the low-priority thread."""
    release = threading.Event()
    spare = SpareCore(budget=2 * CALL_BYTES)
    member = spare.submit(lambda: release.wait() and b"member", 0)
    here = threading.get_ident()
    pack = spare.submit(lambda: (member.result(), threading.get_ident()), 0, waits=True)  # the budget is full
    assert not pack.done(), "queued, not run (and blocked) in the caller"
    release.set()
    spare.close()
    assert pack.result()[0] == b"member" and pack.result()[1] != here


def test_nothing_is_made_once_the_spare_core_is_stopped():
    spare = SpareCore()
    spare.stop()
    with pytest.raises(RuntimeError):
        spare.submit(lambda: None, 0)
