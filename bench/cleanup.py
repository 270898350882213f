"""Deleting the benchmark's own folders without slowing the builds it measures.

On ext4 without a journal (this machine's disk), an inode freed less than
60 s ago (360 s while its inode table block is not yet written back) is not
given to a new file: every file created walks past each such inode in its
group first (fs/ext4/ialloc.c, recently_deleted). A cold build made right
after deleting the previous round's site, some 24,000 files and folders,
spent a fifth to a third of its samples there (perf: recently_deleted,
find_inode_bit under ext4_create and ext4_mkdir), 3–14 s of system time that
grew round by round, and more for a build that writes more files. That is
the file system's cost of the benchmark's own cleanup, not the cost of any
build, so a run deletes nothing between its builds: the previous run is set
aside by a rename, each round builds into folders of its own, and all of it
is deleted once the measuring is over. A run starting less than a minute
after a large deletion (a 5,000-item run's) waits out the rest of the
minute first.

The archive deletes too: each rebuild empties the site it replaced in a
background process, a few seconds after the build has exited and its time
has been taken (plugins/atomic_publish/swap.py). Left alone, that deletion
would land on whatever the benchmark builds next: the next round's plain
Pelican, or Pagefind. wait_for_replaced_site() waits for it, and then out
the minute, before such a step.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from pathlib import Path

from newsarchive import build_cache

# RECENTCY_MIN in fs/ext4/ialloc.c, and a margin: after os.sync() the inode
# table is written back, so the 300 s that a dirty block adds do not apply.
REUSE_AFTER_S = 65
# Fewer deleted files than this cost a build little (the test suite's
# 30-item runs of two rounds delete about 2,500): not worth a minute's wait.
WORTH_WAITING = 5_000


def set_aside(folder: Path, trash: Path) -> None:
    """Move ``folder`` (if any) into ``trash``, to be deleted by discard(): a rename frees no inode."""
    if folder.exists():
        trash.mkdir(parents=True, exist_ok=True)
        folder.rename(trash / f"{folder.name}-{time.time_ns()}")


def _entries(folder: Path) -> int:
    return sum(len(dirs) + len(files) for _, dirs, files in os.walk(folder))


def discard(trash: Path, stamp: Path) -> None:
    """Delete ``trash``, write its inode tables back and note when and how much, for wait_until_reusable()."""
    if trash.exists():
        count = _entries(trash)
        shutil.rmtree(trash)
        os.sync()
        _note(stamp, count)


def _note(stamp: Path, count: int) -> None:
    # one line a deletion, the latest last: a small one soon after a large one must not hide it
    lines = [*_deletions(stamp)[-9:], (time.time(), count)]
    stamp.write_text("".join(f"{at} {n}\n" for at, n in lines), encoding="utf-8")


# atomic_publish's background deletion starts RETIRE_DELAY_S (3 s) after
# the swap and takes seconds more; past this, something is wrong.
REPLACED_SITE_WAIT_S = 300


def wait_for_replaced_site(output: Path, stamp: Path) -> float:
    """Wait until the site a rebuild of ``output`` replaced is emptied, then until its inodes are reusable; the seconds waited.

    The replaced folder (.<name>.previous-…) is there until its files are
    gone; the deletion holds the build's publish.lock until it is done.
    """
    started = time.time()
    pattern = f".{output.name}.previous-*"
    replaced = any(output.parent.glob(pattern))
    while any(output.parent.glob(pattern)):
        if time.time() - started > REPLACED_SITE_WAIT_S:
            raise TimeoutError(f"{output.parent / pattern} still there after {REPLACED_SITE_WAIT_S} s")
        time.sleep(0.2)
    lock = build_cache.beside(output) / "publish.lock"
    if lock.exists():
        with open(lock, "rb") as held:
            fcntl.flock(held, fcntl.LOCK_EX)  # the deletion's last step (a rename) is done
    if replaced:
        # Its files, about as many as the site that replaced it has (the
        # folders stay, recycled): the deletion ended just now, or within
        # the last seconds, and the minute is counted from now.
        os.sync()
        _note(stamp, sum(len(files) for _, _, files in os.walk(output)))
    return time.time() - started + wait_until_reusable(stamp)


def _deletions(stamp: Path) -> list[tuple[float, int]]:
    """(when, how many entries) of the last discard() calls, oldest first."""
    try:
        text = stamp.read_text(encoding="utf-8")
    except OSError:
        return []
    noted = []
    for line in text.splitlines():
        try:
            at, count = line.split()
            noted.append((float(at), int(count)))
        except ValueError:
            continue
    return noted


def wait_until_reusable(stamp: Path) -> float:
    """Sleep until the inodes of the last large discard() may be reused; the seconds slept."""
    large = [(at, count) for at, count in _deletions(stamp) if count >= WORTH_WAITING]
    if not large:
        return 0.0
    deleted_at, count = large[-1]
    left = deleted_at + REUSE_AFTER_S - time.time()
    if left <= 0:
        return 0.0
    print(f"waiting {left:.0f} s: the last run's {count:,} deleted files are not reusable for a minute "
          "(ext4 without a journal), and creating files meanwhile costs every build", flush=True)
    time.sleep(left)
    return left
