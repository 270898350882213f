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
from concurrent.futures import Future, ThreadPoolExecutor

# Bytes that calls waiting for the thread may hold: enough for it to keep
# busy whenever it gets a core, and not enough to show in the peak memory.
BUDGET_BYTES = 2 << 20
LOWEST = 19


def _lower_priority() -> None:
    # On Linux the nice value belongs to a thread; elsewhere this may not hold, and is only slower.
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOWEST)
    except (AttributeError, OSError):
        pass


class SpareCore:
    """Runs calls on a low-priority thread while they fit the budget, else at once; close() waits for all of them."""

    def __init__(self, budget: int | None = None):
        self.budget = BUDGET_BYTES if budget is None else budget
        self._pending = 0
        self._failed: BaseException | None = None
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-spare-core",
                                        initializer=_lower_priority)

    def submit(self, call, size: int) -> Future:
        """``call()``'s future; ``size``: the bytes it holds until it has run.

        Raises the error of a queued call that failed already: the export
        stops at its next file, not seconds later at its end.
        """
        if self._failed is not None:
            raise self._failed
        with self._lock:
            queued = self._pending + size <= self.budget
            if queued:
                self._pending += size
        if not queued:
            return now(call)
        try:
            future = self._pool.submit(call)
        except BaseException:
            self._settled(None, size)
            raise
        # Not kept here: close() waits for the thread itself, and a future
        # for each of 10,000 files was 7 MB of the job's peak.
        future.add_done_callback(lambda done: self._settled(done, size))
        return future

    def _settled(self, future: Future | None, size: int) -> None:
        with self._lock:
            self._pending -= size
            if future is not None and not future.cancelled() and self._failed is None:
                self._failed = future.exception()

    def close(self) -> None:
        """Wait for every queued call and end the thread; raise the first error of a call."""
        self._pool.shutdown(wait=True)
        if self._failed is not None:
            raise self._failed

    def stop(self) -> None:
        """End the thread, dropping calls not started, and raise nothing: for when the work has failed anyway.

        It returns only once the thread is done, so no file is made after it.
        """
        self._pool.shutdown(wait=True, cancel_futures=True)


def now(call) -> Future:
    """``call()`` run at once (its error raised here), as a finished future: the same interface without a thread."""
    done = Future()
    done.set_result(call())
    return done
