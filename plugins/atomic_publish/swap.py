"""Staging folder and the atomic exchange of two folders."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import os
import shutil
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


class Publication:
    """One output folder and the staging folder its builds are written to."""

    def __init__(self, target: str, settings: dict):
        self.target = Path(target).absolute()
        self.settings = settings
        self.staging = self.target.parent / f".{self.target.name}.staging"
        self.retired = self.target.parent / f".{self.target.name}.previous"
        self.active = False

    def begin(self) -> str:
        for leftover in (self.staging, self.retired):
            if leftover.exists():
                shutil.rmtree(leftover)
        self.staging.mkdir(parents=True)
        self.active = True
        return str(self.staging)

    def commit(self) -> None:
        if not self.active:
            return
        if self.target.exists():
            if exchange(self.staging, self.target):
                shutil.rmtree(self.staging)
            else:
                # Two renames: a reader may see a missing folder for a moment,
                # but never a half-written one.
                os.rename(self.target, self.retired)
                os.rename(self.staging, self.target)
                shutil.rmtree(self.retired)
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
