"""Export files compressed and written on a second thread that runs at the lowest priority.

A cold build's search job starts when Pelican has read the content and
often ends seconds after Pelican has written its pages, one core working
and the other idle. About a third of the job (deflating the export's
files, creating them) is C code that lets go of the interpreter lock, so a
second thread of the job's process can do it on the idle core. The thread
is niced: while Pelican still writes pages, it takes little of their core
from them, and it has both cores' spare time once they are done.

Work waits for the thread up to a budget of bytes; past it, the caller does
the work itself, as it would without the thread, so a thread that gets no
time costs no more memory than the budget and no more time than before.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from concurrent.futures import CancelledError

# Bytes that calls waiting for the thread may hold: enough for it to keep
# busy whenever it gets a core, and not enough to show in the peak memory.
BUDGET_BYTES = 2 << 20
# What a queued call holds beside the bytes its caller counts: its closure,
# its Made and its place in the queue. A record file's call counts some
# 250 bytes of its own: counted alone, 8,000 of them waited at once, 16 MB
# of the job's peak at 5,000 items.
CALL_BYTES = 1024
LOWEST = 19


def _lower_priority() -> None:
    # On Linux the nice value belongs to a thread; elsewhere this may not hold, and is only slower.
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOWEST)
    except (AttributeError, OSError):
        pass


class Made:
    """What a call returns, once it has run: a future's result(), without a lock of its own.

    A concurrent.futures.Future holds a Condition, a lock and a deque, about
    a kilobyte: the export keeps one for each long list's file until the
    job's end (15,000 at 5,000 items). Made objects wait on their spare
    core's one condition instead.
    """

    __slots__ = ("_turn", "_done", "_value", "_error")

    def __init__(self, turn: threading.Condition | None = None):
        self._turn = turn
        self._done = False
        self._value = self._error = None

    def done(self) -> bool:
        return self._done

    def result(self):
        if not self._done:
            with self._turn:
                self._turn.wait_for(self.done)
        if self._error is not None:
            raise self._error
        return self._value

    def _settle(self, value, error: BaseException | None) -> None:
        self._value, self._error, self._done = value, error, True


class SpareCore:
    """Runs calls on a low-priority thread while they fit the budget, else at once; close() waits for all of them."""

    def __init__(self, budget: int | None = None):
        self.budget = BUDGET_BYTES if budget is None else budget
        self._pending = 0
        self._failed: BaseException | None = None
        self._turn = threading.Condition()
        self._queue: deque[tuple[Made, object, int]] = deque()
        self._closing = False
        self._thread: threading.Thread | None = None  # started by the first call queued

    def submit(self, call, size: int, waits: bool = False) -> Made:
        """``call()``'s result, as a Made; ``size``: the bytes it holds until it has run.

        ``waits``: the call waits for calls queued before it (a pack, for
        its members' bytes), and is queued whatever the budget: made at
        once, it would wait here for the low-priority thread. Raises the
        error of a queued call that failed already: the export stops at
        its next file, not seconds later at its end.
        """
        if self._failed is not None:
            raise self._failed
        cost = CALL_BYTES + size
        with self._turn:
            if self._closing:
                raise RuntimeError("the spare core is closed: nothing may be made after the job")
            if waits or self._pending + cost <= self.budget:
                self._pending += cost
                made = Made(self._turn)
                self._queue.append((made, call, cost))
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="search-spare-core", daemon=True)
                    self._thread.start()
                self._turn.notify_all()
                return made
        return now(call)

    def _run(self) -> None:
        _lower_priority()
        while True:
            with self._turn:
                self._turn.wait_for(lambda: self._queue or self._closing)
                if not self._queue:
                    return
                made, call, cost = self._queue.popleft()
            try:
                value, error = call(), None
            except BaseException as e:  # noqa: BLE001 - kept for result() and close(), as a future would
                value, error = None, e
            with self._turn:
                made._settle(value, error)
                self._pending -= cost
                if error is not None and self._failed is None:
                    self._failed = error
                self._turn.notify_all()
            del made, call, value, error  # nothing of the last call is held while the thread waits

    def _end(self) -> None:
        with self._turn:
            self._closing = True
            self._turn.notify_all()
        if self._thread is not None:
            self._thread.join()

    def close(self) -> None:
        """Wait for every queued call and end the thread; raise the first error of a call."""
        self._end()
        if self._failed is not None:
            raise self._failed

    def stop(self) -> None:
        """End the thread, dropping calls not started, and raise nothing: for when the work has failed anyway.

        It returns only once the thread is done, so no file is made after it
        (and submit refuses any later call).
        """
        with self._turn:
            for made, _call, cost in self._queue:
                made._settle(None, CancelledError())
                self._pending -= cost
            self._queue.clear()
        self._end()


def now(call) -> Made:
    """``call()`` run at once (its error raised here), as a Made: the same interface without a thread."""
    done = Made()
    done._settle(call(), None)
    return done
