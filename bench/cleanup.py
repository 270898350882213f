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
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

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


def discard(trash: Path, stamp: Path) -> None:
    """Delete ``trash``, write its inode tables back and note when and how much, for wait_until_reusable()."""
    if trash.exists():
        count = sum(len(dirs) + len(files) for _, dirs, files in os.walk(trash))
        shutil.rmtree(trash)
        os.sync()
        # one line a deletion, the latest last: a small one soon after a large one must not hide it
        lines = [*_deletions(stamp)[-9:], (time.time(), count)]
        stamp.write_text("".join(f"{at} {n}\n" for at, n in lines), encoding="utf-8")


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
