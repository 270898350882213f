"""Pelican's own command, as the invoke tasks run it: `python -m newsarchive.pelican_run -s pelicanconf.py`.

The same arguments and the same build as `python -m pelican`, but for a stop
(Ctrl-C, SIGTERM) before the build has begun. The build's own handlers
(atomic_publish) are set only as it starts; before that, for the second or
so Pelican and the plugins take to load, a Ctrl-C ended `invoke build` in
Python's KeyboardInterrupt traceback, or, once Pelican's main() had begun,
in its “Keyboard interrupt received. Exiting.” and status 0: a build that
never ran reported success, and `invoke publish` went on to upload the
site already in output/.
"""

from __future__ import annotations

import os
import signal
import sys


# os._exit, not sys.exit: an import that catches every exception (as some
# optional imports do) took the SystemExit for a failed import, and the build
# went on to publish after saying it had stopped. Nothing is written yet to
# tidy up: the build's lock and staging folder come with its start. The
# search worker does not: search_index starts it as the plugins are ready,
# a moment before, and os._exit skips its close.
def _not_started(signum, _frame):
    print(f"构建被中断（{signal.Signals(signum).name}），还没有开始构建，没有改动任何文件。", file=sys.stderr, flush=True)
    second = sys.modules.get("newsarchive.search.second_process")
    if second is not None:
        second.kill_all()
    os._exit(128 + signum)


def _not_serving(signum, _frame):
    print(f"已停止（{signal.Signals(signum).name}），网站还没有启动。", file=sys.stderr, flush=True)
    os._exit(128 + signum)


def main(argv: list[str]) -> None:
    serving = "-l" in argv or "--listen" in argv
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _not_serving if serving else _not_started)
    import pelican  # noqa: PLC0415  (a second of imports, under the handlers above)

    if serving:
        # serving, Ctrl-C is how the editor stops the server: Pelican's to take
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    pelican.main(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
