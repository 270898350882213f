"""Staging folder and the atomic exchange of two folders."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsarchive import build_cache, problems

logger = logging.getLogger(__name__)

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def _renameat2():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step; False where the system cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EXDEV, errno.EBUSY, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


# Deleting a replaced site and making the next build's folders take turns
# on one lock (flock(1), util-linux): on ext4, making folders while `rm -rf`
# deletes others costs both of them in the kernel. Measured here, the 7,545
# folders of a 5,000-item site took 0.45 s of system time alone and 3.0 s
# beside `rm -rf` of the previous site; in back-to-back builds (regenerate,
# the benchmark) the previous build's deletion kept `mkdir` busy on one core
# for the first 7 s of a 9 s rebuild, and the search job beside it took
# twice its CPU time. Without flock, both run at once, as they did before.
_FLOCK = shutil.which("flock")
# The folders are worth making only ahead of Pelican's writing: past this,
# a build leaves them to Pelican rather than wait for a long deletion.
SKELETON_WAIT_S = 5
# A replaced site is emptied (recycle_in_background) this long after the
# swap, so that a build that follows at once makes its folders first
# (taking the lock before the deletion does), and one that follows later
# finds the deletion done and its folders recycled.
# Deleted at once (5ded212), it held up the next build's folders in the
# benchmark's back-to-back builds, which were then made beside the search
# job: in one run, the job of one edit took 0.59 s (median of three) and the
# slowest of a series 1.00 s, against 0.30 s and 0.78 s with this delay.
RETIRE_DELAY_S = 3


def _locked(lock: Path | None, command: list[str], wait_s: float | None = None) -> list[str]:
    if _FLOCK is None or lock is None:
        return command
    return [_FLOCK, *(["-w", str(wait_s)] if wait_s is not None else []), str(lock), *command]


def _in_background(command: list[str], lock: Path | None, delay_s: float) -> bool:
    """Start ``command`` (on ``lock``, after ``delay_s``) in a session of its own; False if it cannot start."""
    command = _locked(lock, command)
    if delay_s:
        command = ["sh", "-c", 'sleep "$1"; shift; exec "$@"', "sh", str(delay_s), *command]
    try:
        subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return False
    return True


def remove_in_background(folder: Path, lock: Path | None = None, delay_s: float = 0) -> None:
    """Delete a replaced site without making the build wait for it.

    Unlinking thousands of files takes seconds and nobody needs to wait: the
    folder is already out of the way. The next build deletes whatever is
    left if this process was stopped.
    """
    if not _in_background(["rm", "-rf", "--", str(folder)], lock, delay_s):
        shutil.rmtree(folder, ignore_errors=True)


# What a recycled tree lists of its folders, for the build that takes it
# (FolderSkeleton.finish removes those it leaves empty); read and deleted
# before that build writes anything.
RECYCLED_FOLDERS = ".recycled-folders"


def recycle_in_background(folder: Path, dest: Path, lock: Path | None = None, delay_s: float = 0) -> None:
    """Empty a replaced site of its files, keep its page folders, and leave them at ``dest`` for the next build.

    A rebuild's staging folder needs the live site's 7,550 page folders;
    making them took 1.0–1.2 s of a core here (0.16 s where they exist),
    and deleting them after each swap freed the inodes that make the next
    build's new files slow on this disk (README, Benchmarks). Files,
    search/ and hidden folders go; the folders stay, listed in
    RECYCLED_FOLDERS, and the tree is renamed to ``dest`` only once all of
    that is done, so a build never takes a half-emptied tree. If ``dest``
    is there already (not taken yet), the tree is deleted instead.
    """
    script = (
        'cd "$1" || exit 0; '
        'find . -mindepth 1 \\( -name ".*" -o -path ./search \\) -prune -exec rm -rf -- {} + '
        '-o ! -type d -exec rm -f -- {} + '
        f'&& find . -mindepth 1 -type d -print0 > {RECYCLED_FOLDERS} '
        '&& cd / && [ ! -e "$2" ] && exec mv -T -- "$1" "$2"; '
        'cd / && exec rm -rf -- "$1"'
    )
    if not _in_background(["sh", "-c", script, "sh", str(folder), str(dest)], lock, delay_s):
        shutil.rmtree(folder, ignore_errors=True)


class FolderSkeleton:
    """The live site's page folders, made again in the staging folder while the build reads content.

    A rebuild links thousands of unchanged pages into the new folder, one
    folder each (/2023/01/<slug>/, …/page/2/), and making a folder is by far
    the slowest of those file operations (about 0.2 ms here). `find | xargs
    mkdir -p` does it in processes of their own from the start of the build,
    on the other core: a Python thread would wait for the GIL after every
    mkdir while Pelican reads. Folders the build leaves empty (a deleted
    item's) are removed before the swap. Hidden folders (build state) and
    search/ are left to their writers.

    It holds ``lock`` (see _FLOCK) while it makes the folders, so that no
    replaced site is being emptied or deleted meanwhile.
    """

    SCRIPT = (
        'cd "$1" && find . -mindepth 1 \\( -name ".*" -o -path ./search \\) -prune -o -type d -print0 '
        '| tee "$3" | (cd "$2" && xargs -0 -r mkdir -p --)'
    )

    def __init__(self, source: Path, dest: Path, lock: Path | None = None, present: tuple[bytes, ...] = ()):
        """``present``: the folders ``dest`` had already (a recycled tree's), removed too if left empty."""
        self.dest = dest
        self.present = present
        fd, self.listing = tempfile.mkstemp(dir=dest.parent, prefix=f"{dest.name}.folders-")
        os.close(fd)
        try:
            self.process = subprocess.Popen(
                _locked(lock, ["sh", "-c", self.SCRIPT, "sh", str(source), str(dest), self.listing], SKELETON_WAIT_S),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:  # no shell or find: the build makes its folders itself
            self.process = None

    def finish(self) -> None:
        """Wait, and remove the folders nothing was written into (deepest first)."""
        if self.process is not None:
            self.process.wait()
            with open(self.listing, "rb") as f:
                folders = set(f.read().split(b"\0"))
            # a folder's path sorts after its parent's: in reverse order, deepest first
            for relative in sorted(folders.union(self.present), reverse=True):
                if relative:
                    try:
                        os.rmdir(os.path.join(bytes(self.dest), relative))
                    except OSError:  # not empty: the build wrote into it
                        pass
        self.abandon()

    def abandon(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(OSError):
                os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait()
        self.process = None
        with contextlib.suppress(OSError):
            os.unlink(self.listing)


class Publication:
    """One output folder and the staging folder its builds are written to."""

    def __init__(self, target: str, settings: dict):
        named = self.target = Path(target).absolute()
        # output/ linked to the web server's folder: the swap exchanged the
        # link itself, and emptying the site it replaced followed the link
        # into the web root. The folder it names is the site to replace.
        if self.target.is_symlink():
            self.target = Path(os.path.realpath(self.target))
        self.settings = settings
        self.staging = self.target.parent / f".{self.target.name}.staging"
        self.retired_prefix = f".{self.target.name}.previous-"
        self.recycled = self.target.parent / f".{self.target.name}.recycled"
        # The caches stay beside the link, in the project: they hold every
        # item as read, drafts and embargoed items too, and beside the folder
        # a link names they sat in the web root whenever the site is a
        # sub-path of it (html/archive/), where nginx serves hidden files.
        # The swap needs the staging folders on the site's disk; they do not.
        self.cache = build_cache.beside(named)
        self.lock = self.cache / "publish.lock"
        self.active = False
        self.skeleton: FolderSkeleton | None = None
        self._turn = None  # open lock file, held from begin() to commit() or discard()

    def _stop_skeleton(self, tidy: bool) -> None:
        if self.skeleton is not None:
            if tidy:
                self.skeleton.finish()
            else:
                self.skeleton.abandon()
            self.skeleton = None

    def begin(self) -> str:
        if os.path.ismount(self.target):
            # A mount point cannot be renamed: the swap failed with EBUSY
            # once the whole build was done, on every build.
            shown = problems.display_path(self.target)
            raise SystemExit(
                f"{shown}/ 是一个挂载点（如 Docker 卷或 mount --bind），构建没有开始，{shown}/ 未改动。"
                f"构建先把新网站写在旁边的文件夹里，成功后整个换成 {shown}/，挂载点不能这样换。"
                f"请把它挂在上一级文件夹（{problems.display_path(self.target.parent)}/）；"
                "或者挂在别处，用 invoke publish --target <挂载的文件夹>/ 把网站复制进去。"
            )
        self._wait_for_turn()
        self._stop_skeleton(tidy=False)
        if self.staging.exists():  # a build that failed or was stopped
            shutil.rmtree(self.staging)
        present = self._take_recycled() if self.target.is_dir() else None
        if present is None:
            self.staging.mkdir(parents=True)
        self.cache.mkdir(parents=True, exist_ok=True)
        self.active = True
        if self.target.is_dir():
            self.skeleton = FolderSkeleton(self.target, self.staging, self.lock, present or ())
        # a deletion stopped, or not started yet: after the folders, as at the swap
        for leftover in self.target.parent.glob(self.retired_prefix + "*"):
            remove_in_background(leftover, self.lock, RETIRE_DELAY_S)
        return str(self.staging)

    def _wait_for_turn(self) -> None:
        # Two builds into one output (a cron `invoke publish` beside an
        # editor's `invoke preview`) shared the staging folder: the second
        # deleted the first's as it began, so both failed, or the first
        # swapped in the second's half-written site.
        if self._turn is None:
            self.cache.mkdir(parents=True, exist_ok=True)
            self._turn = open(self.cache / "build.lock", "a")
        try:
            fcntl.flock(self._turn, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"另一个构建正在写入 {problems.display_path(self.target)}/，等它结束后再开始……", file=sys.stderr)
            fcntl.flock(self._turn, fcntl.LOCK_EX)

    def _end_turn(self) -> None:
        if self._turn is not None:
            fcntl.flock(self._turn, fcntl.LOCK_UN)

    def _take_recycled(self) -> tuple[bytes, ...] | None:
        """The last replaced site's folders as this build's staging folder, and what they are; None if there are none."""
        try:
            os.rename(self.recycled, self.staging)
        except OSError:  # none ready (or another build's rename won): a fresh folder
            return None
        listing = self.staging / RECYCLED_FOLDERS
        try:
            folders = tuple(listing.read_bytes().split(b"\0"))
            listing.unlink()
        except OSError:  # not a tree recycle_in_background finished: not to be trusted
            shutil.rmtree(self.staging)
            return None
        return folders

    def commit(self) -> None:
        if not self.active:
            return
        self._stop_skeleton(tidy=True)
        if self.target.exists():
            # A name of its own: the previous one may still be being deleted.
            retired = self.target.parent / f"{self.retired_prefix}{os.getpid()}-{time.monotonic_ns()}"
            if exchange(self.staging, self.target):
                os.rename(self.staging, retired)
            else:
                # Two renames: a reader may see a missing folder for a moment,
                # but never a half-written one.
                os.rename(self.target, retired)
                os.rename(self.staging, self.target)
            recycle_in_background(retired, self.recycled, self.lock, RETIRE_DELAY_S)
        else:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(self.staging, self.target)
        self.active = False
        self._end_turn()
        self.settings["OUTPUT_PATH"] = str(self.target)
        logger.info("Published %s", self.target)

    def discard(self) -> None:
        self._stop_skeleton(tidy=False)
        if self.active and self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)
        self.active = False
        self._end_turn()
