"""atomic_publish: build into a staging folder, swap it in only when the build succeeds.

Pelican writes straight into OUTPUT_PATH (and may empty it first), so a build
that fails halfway leaves a broken site on the host. Here every build writes
to a sibling staging folder; on success the two folders are exchanged in one
atomic step (Linux renameat2 RENAME_EXCHANGE), so a reader sees the old site
or the new one, never a mix. On failure the staging folder is dropped and
output/ is untouched.

Signals:
- get_generators (sent at the start of every build, autoreload included):
  point the build at a staging folder with no files in it: the last
  replaced site's folders (swap.recycle_in_background) or a new folder;
  find and mkdir make the live site's page folders in it meanwhile
  (swap.FolderSkeleton). The live site stays readable to plugins that
  reuse the previous build (search index, page cache) at
  settings["PUBLISHED_OUTPUT_PATH"]; build caches go to
  settings["ARCHIVE_CACHE_PATH"], a sibling folder of the output.
- finalized: swap staging and output; the replaced site is emptied of its
  files in the background and kept for the next build's folders. Must be
  the last plugin in PLUGINS so that other plugins' finalized handlers
  (sitemap, search index) write first.
"""

from __future__ import annotations

import atexit
import errno
import logging
import os
import signal
import sys
import threading

from pelican import signals

from newsarchive import problems

from .swap import Publication

logger = logging.getLogger(__name__)

_publications: dict[int, Publication] = {}
# The folder of the build under way, for the message of a signal handler;
# whether its new site is being swapped in, or is in place already; a
# signal that came during the swap.
_building: Publication | None = None
_swapping = False
_published = False
_held_signal: int | None = None


def _interrupted(signum, _frame):
    global _held_signal
    if _swapping:
        # Which site a stop now leaves is known only once the swap is over:
        # finish() answers it then. (Python runs this handler in the main
        # thread between two statements, so the flag is never half-set.)
        _held_signal = signum
        return
    if _building is not None and _published:
        _stopped_after_publishing(signum)
    # Pelican catches KeyboardInterrupt and exits 0, which would tell a
    # publishing script that the build succeeded. A SystemExit (Interrupted) passes through.
    kept = f"，{problems.untouched(_building.target)}" if _building else ""
    print(f"构建被中断（{signal.Signals(signum).name}）{kept}。", file=sys.stderr)
    raise problems.Interrupted(128 + signum)


def _stopped_after_publishing(signum):
    # Past the swap only the exit is left: the site is the new one, and a
    # publishing script must hear that the build succeeded.
    print(f"构建已完成，新网站已发布到 {problems.display_path(_building.target)}/；"
          f"中断（{signal.Signals(signum).name}）只跳过了收尾。", file=sys.stderr)
    raise problems.Interrupted(0)


def _stop_on_signals():
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set from the main thread
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _interrupted)


def start(pelican):
    global _building, _published, _held_signal
    _stop_on_signals()
    pub = _publications.get(id(pelican))
    if pub is None:
        pub = Publication(pelican.output_path, pelican.settings)
        _publications[id(pelican)] = pub
        atexit.register(pub.discard)
    _building, _published, _held_signal = pub, False, None
    staging = pub.begin()
    pelican.output_path = staging
    pelican.settings["OUTPUT_PATH"] = staging
    pelican.settings["PUBLISHED_OUTPUT_PATH"] = str(pub.target)
    # Caches belong to the output they speed up: builds into different
    # folders (tests, benchmarks, preview) must not evict each other's.
    pelican.settings["ARCHIVE_CACHE_PATH"] = str(pub.cache)


def finish(pelican):
    global _swapping, _published, _held_signal
    pub = _publications.get(id(pelican))
    if pub is not None:
        _swapping = True
        try:
            pub.commit()
            _published = True
        finally:
            _swapping = False
        pelican.output_path = pub.target
        if _held_signal is not None:
            signum, _held_signal = _held_signal, None
            _stopped_after_publishing(signum)


_NO_SPACE = {errno.ENOSPC, errno.EDQUOT}
_NOT_WRITABLE = {errno.EROFS: "只读的文件系统", errno.EACCES: "没有写入权限", errno.EPERM: "不允许写入"}


class _HostsFilesystem(logging.Filter):
    """A full disk or a folder the build may not write, told to the host as what to do.

    Pelican logs any exception as an English errno and a 40-line traceback
    through its own code, naming a folder the host never asked for
    (.output.staging): nothing said that output/ was kept, nor that the
    build writes beside it, which is why the folder above output/ must be
    writable and have room for a second copy of the site.
    """

    def filter(self, record):
        exc = record.exc_info[1] if record.exc_info else None
        if record.levelno < logging.CRITICAL or _building is None or not isinstance(exc, OSError):
            return True
        pub = _building
        where = problems.display_path(pub.target.parent)
        beside = (f"构建先把新网站写在 {problems.display_path(pub.staging)}/、缓存写在 "
                  f"{problems.display_path(pub.cache)}/，成功后才换成 {problems.display_path(pub.target)}/")
        if exc.errno in _NO_SPACE:
            message = (f"构建失败：磁盘空间不足，{problems.untouched(pub.target)}。{beside}，"
                       f"所以 {where}/ 所在的磁盘要再放得下一份网站。请腾出空间后重新构建。")
        elif exc.errno in _NOT_WRITABLE and exc.filename and os.path.abspath(exc.filename).startswith(
                str(pub.target.parent) + os.sep):
            message = (f"构建失败：不能写入 {problems.display_path(exc.filename)}（{_NOT_WRITABLE[exc.errno]}），"
                       f"{problems.untouched(pub.target)}。{beside}，所以 {where}/ 本身必须可写。"
                       "请改正这个文件夹的权限，或用 -o 把网站构建到可写的文件夹。")
        else:
            return True
        print(f"{message}\n（{exc}）", file=sys.stderr)
        return False


def register():
    pelican_log = logging.getLogger("pelican")
    if not any(isinstance(f, _HostsFilesystem) for f in pelican_log.filters):
        pelican_log.addFilter(_HostsFilesystem())
    signals.get_generators.connect(start)
    signals.finalized.connect(finish)
