"""The search job's second process: a plain ``python -m`` child that runs worker.py's calls in order.

Not concurrent.futures.ProcessPoolExecutor: its spawn start method always
starts multiprocessing's resource tracker as well, a third Python process
(14 MB at a cold build's peak, for 5,000 items) that one worker sharing no
memory never needs. Calls and replies are pickled, length-prefixed frames
on the child's stdin and stdout; the child's stderr is the build's.

``SecondProcess.submit(fn, *args)`` returns a Future, as an executor's does:
``fn`` is a function of worker.py (pickled by name). Calls run one at a
time in the order submitted; one more is sent ahead so the child never
waits for this process's busy thread, and the rest can still be
cancelled. If the child dies, every call not answered fails with
``SecondProcessStopped``, and so does ``submit``: make a new one.
"""

from __future__ import annotations

import collections
import os
import pickle
import signal
import struct
import subprocess
import sys
import threading
import traceback
from concurrent.futures import Future

_SIZE = struct.Struct("<Q")
_AHEAD = 2  # calls sent and not yet answered
# Every child started, for kill_all.
_children: list[subprocess.Popen] = []


class SecondProcessStopped(RuntimeError):
    """The second process ended before it answered: its own error, if any, is above in the build's output."""


class RemoteTraceback(Exception):
    """Where an error raised in the second process came from, as that process printed it."""

    def __str__(self) -> str:
        return self.args[0]


class SecondProcess:
    def __init__(self) -> None:
        # the child imports newsarchive from where this process does, installed or not
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p or os.getcwd() for p in sys.path)}
        # Ctrl-C in a terminal goes to the build's whole process group, and
        # reached this child while it was still importing, before main()
        # set it aside: a KeyboardInterrupt traceback under the build's own
        # stop line. The child starts with SIGINT blocked (the mask passes
        # through exec) until main() ignores it. It stays in the build's
        # group: a kill of the group (a closed terminal, a CI timeout) ends
        # it with the build, even in the middle of a job.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._child = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, env=env)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        _children.append(self._child)
        self._turn = threading.Condition()
        self._queued: collections.deque[tuple[Future, bytes]] = collections.deque()
        self._sent: collections.deque[Future] = collections.deque()
        self._stopped: str | None = None
        self._closing = False
        threading.Thread(target=self._send, name="search-send", daemon=True).start()
        threading.Thread(target=self._receive, name="search-receive", daemon=True).start()
        # Before atexit's handlers: atomic_publish's removes a failed build's
        # staging folder, which the child must have stopped writing into.
        # concurrent.futures registers its own executors' exit this way.
        register = getattr(threading, "_register_atexit", None)
        if register is not None:
            register(self.close)
        else:  # pragma: no cover - every CPython from 3.9 has it
            import atexit

            atexit.register(self.close)

    @property
    def stopped(self) -> bool:
        return self._stopped is not None

    def submit(self, fn, *args) -> Future:
        future: Future = Future()
        call = pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL)
        with self._turn:
            if self._stopped is not None:
                future.set_exception(SecondProcessStopped(self._stopped))
                return future
            self._queued.append((future, call))
            self._turn.notify_all()
        return future

    def close(self) -> None:
        """End the child: at once if it still has work (only a failed or interrupted build leaves any), else when it has read the end of its input."""
        with self._turn:
            busy = bool(self._queued or self._sent)
            self._closing = True
            self._turn.notify_all()
        if busy:
            self._child.kill()
        else:
            try:
                self._child.stdin.close()
            except OSError:
                pass
        try:
            self._child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._child.kill()
            self._child.wait()

    def _send(self) -> None:
        while True:
            with self._turn:
                while not self._closing and self._stopped is None and (
                        not self._queued or len(self._sent) >= _AHEAD):
                    self._turn.wait()
                if self._closing or self._stopped is not None:
                    return
                future, call = self._queued.popleft()
                if not future.set_running_or_notify_cancel():
                    continue  # cancelled while it waited
                self._sent.append(future)
            try:
                self._child.stdin.write(_SIZE.pack(len(call)) + call)
                self._child.stdin.flush()
            except (OSError, ValueError):
                return  # the child is gone: _receive reads its end and fails the calls

    def _receive(self) -> None:
        replies = self._child.stdout
        while True:
            head = replies.read(_SIZE.size)
            size = _SIZE.unpack(head)[0] if len(head) == _SIZE.size else -1
            reply = replies.read(size) if size >= 0 else b""
            if len(reply) != size:  # the end of the child, perhaps halfway through an answer
                self._stop()
                return
            try:
                ok, value = pickle.loads(reply)
            except Exception as error:  # noqa: BLE001 - that call fails, the next ones still run
                ok, value = False, SecondProcessStopped(f"the search index's second process answered with what "
                                                        f"this one cannot read ({error!r})")
            with self._turn:
                future = self._sent.popleft()
                self._turn.notify_all()
            if ok:
                future.set_result(value)
            else:
                if getattr(value, "remote_traceback", ""):
                    value.__cause__ = RemoteTraceback(value.remote_traceback)
                future.set_exception(value)

    def _stop(self) -> None:
        code = self._child.wait()
        with self._turn:
            self._stopped = (f"the search index's second process ended (exit code {code}) before it finished; "
                             "any error it printed is above. Build again; if it ends again, run the build with "
                             "-e SEARCH_INDEX_PROCESS=false to see the error in this process.")
            sent, queued = list(self._sent), [future for future, _call in self._queued]
            self._sent.clear()
            self._queued.clear()
            self._turn.notify_all()
        for future in sent + [future for future in queued if future.set_running_or_notify_cancel()]:
            future.set_exception(SecondProcessStopped(self._stopped))


def kill_all() -> None:
    """End every child at once, for a process about to leave by os._exit, which skips close.

    Left running, a child whose build had gone finished its call and wrote
    the answer into the closed pipe: a BrokenPipeError traceback on the
    terminal, after the build had said it stopped (newsarchive/pelican_run.py).
    """
    for child in _children:
        child.kill()


def _answer(fn, args) -> tuple[bool, object]:
    try:
        return True, fn(*args)
    except BaseException as error:  # noqa: BLE001 - every failure goes back to the build, which reports it
        error.remote_traceback = "".join(traceback.format_exception(error))
        try:
            pickle.dumps(error)
        except Exception:  # noqa: BLE001 - an error that cannot travel goes as its text
            error = RuntimeError(error.remote_traceback)
            error.remote_traceback = ""
        return False, error


def main() -> None:
    """The child: answer each call read from stdin on stdout, in order, until stdin ends."""
    from . import worker

    # Ctrl-C is the build's to act on: it ends this process (close) as it
    # stops. A SIGINT that came while this process started (blocked, see
    # SecondProcess) is dropped as it is unblocked.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    calls, replies = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # anything the job prints must not land among the replies
    worker.started()
    while True:
        head = calls.read(_SIZE.size)
        if len(head) < _SIZE.size:
            return
        fn, args = pickle.loads(calls.read(_SIZE.unpack(head)[0]))
        reply = pickle.dumps(_answer(fn, args), protocol=pickle.HIGHEST_PROTOCOL)
        replies.write(_SIZE.pack(len(reply)) + reply)
        replies.flush()


if __name__ == "__main__":
    main()
