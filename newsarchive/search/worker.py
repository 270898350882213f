"""The search plugin's second process: its entry points, importable without the indexer.

Pelican's process only names these functions (a spawned process imports
them by module name); numpy and Whoosh's writer are imported in the second
process alone, when the job runs, instead of adding about 13 MB to Pelican's.
"""

from __future__ import annotations

import ctypes


def started() -> None:
    """Called first in the second process: let freed arrays go back to the system at once.

    glibc serves a large allocation with mmap, and returns it when freed,
    but each such free raises its threshold (up to 32 MB) so that the next
    ones come from the heap, which keeps what is freed. Arrays of one
    slice of terms after another (bulk.sorted_parts) then pile up there:
    about 25 MB more at the peak for 5,000 items. A fixed threshold keeps
    them mmapped. Only in this process, which does nothing else.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: nothing to tune
        return
    m_mmap_threshold = -3
    libc.mallopt(m_mmap_threshold, 128 * 1024)


def run(*args):
    """build.run, in the second process."""
    from . import build

    return build.run(*args)
