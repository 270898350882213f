"""Staging folder and the atomic exchange of two folders."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

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


def remove_in_background(folder: Path) -> None:
    """Delete the previous site without making the build wait for it.

    Unlinking thousands of files takes seconds and nobody needs to wait: the
    folder is already out of the way. The next build deletes whatever is
    left if this process was stopped.
    """
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


class FolderSkeleton(threading.Thread):
    """The live site's page folders, made again in the staging folder while the build reads content.

    A rebuild links thousands of unchanged pages into the new folder, one
    folder each (/2023/01/<slug>/, …/page/2/), and making a folder is by far
    the slowest of those file operations. os.mkdir lets other threads run,
    so made here, from the start of the build, they cost it no time. Folders
    the build leaves empty (a deleted item's) are removed before the swap.
    Hidden folders (build state) and search/ are left to their writers.
    """

    SKIPPED = ("search",)

    def __init__(self, source: Path, dest: Path):
        super().__init__(name="staging-folders", daemon=True)
        self.source, self.dest = str(source), str(dest)
        self.made: list[str] = []
        self._halt = threading.Event()

    def run(self) -> None:
        for root, folders, _files in os.walk(self.source):
            if root == self.source:
                folders[:] = [f for f in folders if not f.startswith(".") and f not in self.SKIPPED]
            target = os.path.join(self.dest, os.path.relpath(root, self.source))
            for name in folders:
                if self._halt.is_set():
                    return
                path = os.path.join(target, name)
                try:
                    os.mkdir(path)
                except OSError:  # made by the build already, or the staging folder is going away
                    continue
                self.made.append(path)

    def finish(self) -> None:
        """Stop, and remove the folders nothing was written into (deepest first)."""
        self._halt.set()
        self.join()
        for path in reversed(self.made):
            try:
                os.rmdir(path)
            except OSError:  # not empty: the build wrote into it
                pass
        self.made = []


class Publication:
    """One output folder and the staging folder its builds are written to."""

    def __init__(self, target: str, settings: dict):
        self.target = Path(target).absolute()
        self.settings = settings
        self.staging = self.target.parent / f".{self.target.name}.staging"
        self.retired_prefix = f".{self.target.name}.previous-"
        self.cache = self.target.parent / f".{self.target.name}.cache"
        self.active = False
        self.skeleton: FolderSkeleton | None = None

    def _stop_skeleton(self, tidy: bool) -> None:
        if self.skeleton is not None:
            if tidy:
                self.skeleton.finish()
            else:
                self.skeleton._halt.set()
                self.skeleton.join()
            self.skeleton = None

    def begin(self) -> str:
        self._stop_skeleton(tidy=False)
        if self.staging.exists():  # a build that failed or was stopped
            shutil.rmtree(self.staging)
        for leftover in self.target.parent.glob(self.retired_prefix + "*"):
            remove_in_background(leftover)
        self.staging.mkdir(parents=True)
        self.active = True
        if self.target.is_dir():
            self.skeleton = FolderSkeleton(self.target, self.staging)
            self.skeleton.start()
        return str(self.staging)

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
            remove_in_background(retired)
        else:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(self.staging, self.target)
        self.active = False
        self.settings["OUTPUT_PATH"] = str(self.target)
        logger.info("Published %s", self.target)

    def discard(self) -> None:
        self._stop_skeleton(tidy=False)
        if self.active and self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)
        self.active = False
