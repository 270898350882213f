"""The search plugin's second process: its entry points, importable without the indexer.

Pelican's process only names these functions (the second process,
second_process.py, imports them by module name); numpy and Whoosh's
writer are imported in the second process alone, when the job runs,
instead of adding about 13 MB to Pelican's.
"""

from __future__ import annotations

import ctypes

from .items import unpacked

# Work done early for the build whose job comes next (prepare.py), and that
# build's number: prepare() or carry_over() does it while Pelican reads, run()
# hands it to the job. The second process runs calls in order, and the plugin
# submits a build's job after its last batch.
_early = None
_early_for = None
# A rebuild's items as read (prepare.ReadItems), and that build's number.
_read = None
_read_for = None
_libc = None  # glibc, in the second process (started)


def started() -> None:
    """Called first in the second process: let the large arrays it frees go back to the system.

    glibc serves a large allocation with mmap, and returns it when freed,
    but each such free raises its threshold (up to 32 MB), so that later
    arrays of the whole archive come from the heap, which keeps what is
    freed: about 25 MB more at the peak for 5,000 items. A fixed 4 MB
    threshold keeps those mmapped, while one slice's arrays (bulk.PART_ROWS,
    under a megabyte each) still reuse heap memory: 128 kB, the default,
    costs 20 times the page faults (about 3 CPU seconds) for 5 MB less.
    Only in this process, which does nothing else.
    """
    global _libc
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: nothing to tune
        return
    m_mmap_threshold = -3
    libc.mallopt(m_mmap_threshold, 4 << 20)
    _libc = libc


def warm_up() -> None:
    """Import the job's modules in a worker started early, while Pelican reads the content.

    The analyzer's patterns are compiled here too, and the fold table's
    files made: 20–30 ms and 15–35 ms of a one-item update's job otherwise,
    beside Pelican writing pages.
    """
    from newsarchive.analysis.fast import position_count

    from . import build, bulk  # noqa: F401
    from .export import fold_files

    position_count("")
    fold_files()


def prepare(build_number: int, site: str, items: list[dict]) -> None:
    """Do the per-item work of a cold build's export for ``items`` (prepare.py), ahead of its job."""
    global _early, _early_for
    from .prepare import Preparations

    if _early_for != build_number or not isinstance(_early, Preparations):
        _early, _early_for = Preparations(site), build_number
    _early.add(unpacked(items))


def carry_over(build_number: int, site: str, previous: str) -> None:
    """Link the previous export's files and index, read its state, merge its index's small segments (prepare.py), ahead of a rebuild's job."""
    global _early, _early_for
    from .prepare import CarriedOver

    _early, _early_for = CarriedOver(site, previous), build_number


def read(build_number: int, site: str, items: list[dict]) -> None:
    """Take a rebuild's items as read (items.packed), with their content digests (prepare.ReadItems), ahead of its job."""
    global _read, _read_for
    from .prepare import ReadItems

    if _read_for != build_number:
        _read, _read_for = ReadItems(site), build_number
    _read.add(items)


def forget() -> None:
    """Drop early work that no job took (its build failed)."""
    global _early, _early_for, _read, _read_for
    _early = _early_for = _read = _read_for = None


def run(build_number: int, site: str, previous: str, items: list[dict], from_scratch: bool = False):
    """build.run, in the second process, with the work done early for this build (``items`` as items.packed made them)."""
    global _early, _early_for, _read, _read_for
    from . import build

    early = _early if _early_for == build_number else None
    read_items = _read if _read_for == build_number else None
    _early = _early_for = _read = _read_for = None
    try:
        return build.run(site, previous, unpacked(items), from_scratch, early=early, read=read_items)
    finally:
        del early, read_items  # this job's alone (the call's arguments are its caller's to drop)
        _give_back()


def _give_back() -> None:
    """Return the heap a finished job freed to the system: the worker waits idle while Pelican ends the build.

    Python's small objects and the job's rows leave the heap in holes that
    glibc keeps for reuse: after a cold job at 5,000 items the idle worker
    still held 116 MB, beside Pelican's own peak at the build's end, which
    comes after the job. A few milliseconds; nothing to do without glibc.
    """
    if _libc is not None:
        _libc.malloc_trim(0)
