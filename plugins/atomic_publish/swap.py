"""Staging folder and the atomic exchange of two folders."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import os
import shutil
import subprocess
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


class Publication:
    """One output folder and the staging folder its builds are written to."""

    def __init__(self, target: str, settings: dict):
        self.target = Path(target).absolute()
        self.settings = settings
        self.staging = self.target.parent / f".{self.target.name}.staging"
        self.retired_prefix = f".{self.target.name}.previous-"
        self.cache = self.target.parent / f".{self.target.name}.cache"
        self.active = False

    def begin(self) -> str:
        if self.staging.exists():  # a build that failed or was stopped
            shutil.rmtree(self.staging)
        for leftover in self.target.parent.glob(self.retired_prefix + "*"):
            remove_in_background(leftover)
        self.staging.mkdir(parents=True)
        self.active = True
        return str(self.staging)

    def commit(self) -> None:
        if not self.active:
            return
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
        if self.active and self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)
        self.active = False
