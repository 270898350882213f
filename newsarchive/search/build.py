"""One build's search work: the Whoosh index and its static export, from scratch or from the last build.

From scratch (no previous build, `--ignore-cache`, new rules, or many
changed items): every item is analyzed once in bulk (bulk.py) and both the
Whoosh index (segment.py) and the export (export.py) are written from that
one analysis. Otherwise the previous build's index is linked in and
updated with the changed items only (indexer.py), and its export is
updated in place (update.py); unchanged files are shared with the previous
build as hard links. Both ways give an export that reads the same, list for
list (an update's long lists may carry patches: update.py).

The plugin runs this in a second process while Pelican writes pages, or in
its own process when little changed. Everything it needs comes in as plain
values (items.item_fields of each item, or a stub for an item handed over
while reading and unchanged since), never as Pelican objects.
"""

from __future__ import annotations

import gc
import gzip
import json
import shutil
import time
from pathlib import Path

from . import docids, export, indexer, records, store, update
from .bundle import EXPORT_DIR, FOLDERS, Bundle
from .documents import document, fingerprint
from .items import is_stub
from .prepare import CarriedOver, Preparations, ReadItems
from .spare_core import SpareCore


def run(site: str, previous: str | None, items: list[dict], from_scratch: bool = False,
        fingerprints: dict[str, str] | None = None, early: Preparations | CarriedOver | None = None,
        read: ReadItems | None = None) -> dict:
    """Bring the search index and export in ``site`` up to date; a summary of what was done.

    ``early``: work done while the items were read (prepare.py): per-item
    work for an export from scratch into the same ``site``, or the previous
    build's files and state for an update from that ``previous``.
    ``read``: a rebuild's items as read, which its stubs stand for.
    """
    started = time.perf_counter()
    site_path, previous_path = Path(site), Path(previous) if previous else None
    if previous_path is not None and previous_path.resolve() == site_path.resolve():
        previous_path = None
    carried = early if isinstance(early, CarriedOver) and early.serves(site_path, previous_path) else None
    if from_scratch or previous_path is None:
        state = None
    else:
        state = carried.state if carried is not None else store.load_state(previous_path)
    # The state is a tree of some 100,000 small objects that lives through
    # the job; the collector walked all of it at every full collection that
    # an update's allocations set off (a tenth of an update's time).
    gc.freeze()
    try:
        return _run(site_path, previous_path, state, carried, items, from_scratch, fingerprints, early, read, started)
    finally:
        gc.unfreeze()


def _run(site_path, previous_path, state, carried, items, from_scratch, fingerprints, early, read, started) -> dict:
    if isinstance(early, Preparations) and early.serves(site_path):
        items, fingerprints = early.expand(items)
        if state is not None and any("html" not in item for item in items):
            state = None  # an update would need the HTML of items the work read early stands for
    elif read is not None and read.serves(site_path):
        items, fingerprints = read.expand(items)
    elif any(is_stub(item) for item in items):
        raise ValueError("search_index: items came back as read, but nothing was prepared for them in this folder")
    if fingerprints is None:
        fingerprints = {item["url"]: fingerprint(item) for item in items}
    grid, ids = docids.assign(items)
    summary = {"items": len(items), "incremental": False}
    new_state = None
    if state is not None:
        new_state = _incremental(site_path, previous_path, state, items, fingerprints, grid, ids, summary,
                                 carried.present if carried is not None else None,
                                 carried.folded if carried is not None else None,
                                 carried.shards if carried is not None else None,
                                 carried is not None and carried.index_ready)
    elif carried is not None:
        _discard(site_path)  # linked in for an update that is not made
    if carried is not None:
        carried.shards = None  # used once, and changed by that use: not kept through a cold export's peak
    summary["carried"] = carried is not None and bool(carried.present) and summary["incremental"]
    if new_state is None:
        prepared = early if isinstance(early, Preparations) and early.serves(site_path) else Preparations(site_path)
        new_state = _from_scratch(site_path, items, fingerprints, grid, ids, prepared, summary)
    if new_state is state:
        store.link_state(previous_path, site_path)
    else:
        store.save_state(site_path, new_state)
    summary["seconds"] = time.perf_counter() - started
    return summary


def _from_scratch(site: Path, items, fingerprints, grid, ids, prepared: Preparations, summary) -> dict:
    from . import bulk, segment

    ordered = sorted(items, key=lambda item: ids[item["url"]])
    work = [prepared.get(item, fingerprints[item["url"]]) for item in ordered]
    documents = [w.document for w in work]  # without their text, which the index reads back (prepared.documents)
    pieces = {w.document["url"]: w.pieces for w in work}
    firsts = prepared.firsts(work)
    prepared.drop_unused({name for w in work for name in records.written_pieces(w.pieces)})
    occ = bulk.occurrences([w.tokens for w in work])
    for w in work:
        w.tokens = None  # in occ now
    analyzed = time.perf_counter()
    # The sorted occurrences exist one slice of terms at a time (bulk.sorted_parts):
    # each slice gives the Whoosh segment its postings, encoded and set aside
    # in a file until the segment is written, and the export its lists, and
    # is dropped. Whole, they were most of this process's memory.
    postings = segment.Postings(site / store.BUILD_DIR)
    index_s = 0.0

    def slices():
        nonlocal index_s
        for part in bulk.sorted_parts(occ):
            started = time.perf_counter()
            postings.add(part)
            index_s += time.perf_counter() - started
            yield part
        occ.codes = occ.pairs = None

    spare = SpareCore()
    bundle = Bundle(site, spare=spare)
    try:
        state = export.export(bundle, ordered, documents, pieces, firsts, grid, ids, occ, slices())
        exported = time.perf_counter()
        indexer.create(site, prepared.documents(work), occ, postings)
        # the export's last files, made while Whoosh wrote its segment (counted in index_s below)
        spare.close()
        export.settle(state)
    finally:
        spare.stop()  # first: whatever fails, nothing is written into the folder once the job is over
        postings.close()
        prepared.close()
    summary.update(prepared=prepared.reused, files_written=prepared.bundle.written + bundle.written,
                   files_linked=bundle.linked,
                   index_s=index_s + time.perf_counter() - exported, export_s=exported - analyzed - index_s)
    return state


def _incremental(site: Path, previous: Path, state, items, fingerprints, grid, ids, summary,
                 present: set[str] | None, folded: dict | None, read_shards=None,
                 index_ready: bool = False) -> dict | None:
    try:
        manifest = json.loads(gzip.decompress((previous / EXPORT_DIR / export.MANIFEST).read_bytes()))
    except (OSError, ValueError, EOFError):
        _discard(site)
        return None
    old_index = None

    def old_texts(url: str) -> tuple[str, ...]:
        nonlocal old_index
        if old_index is None:
            old_index = indexer.ReproducibleStorage(str(previous / store.INDEX_DIR)).open_index()
        with old_index.searcher() as searcher:
            stored = searcher.document(url=url)
        return stored["title"], stored["meta"], stored["text"]

    started = time.perf_counter()
    bundle = Bundle(site, previous, present)
    try:
        new_state = update.update(bundle, state, manifest, items, fingerprints, grid, ids, old_texts,
                                  lambda item: document(item, fingerprints[item["url"]]), folded, read_shards)
    finally:
        if old_index is not None:
            old_index.close()
    if new_state is None:
        _discard(site)
        return None
    bundle.drop_unclaimed()
    exported = time.perf_counter()
    # An update starts from the copy of the index linked and merged while
    # Pelican read, or links and merges it now; with nothing changed, the
    # previous index is kept as it was, byte for byte.
    if new_state is state or not index_ready:
        indexer.carry_over(previous, site)
        if new_state is not state:
            indexer.merge_small(site)
    changes = indexer.update(site, items, {url: v[0] for url, v in state["docs"].items()}, fingerprints)
    summary.update(incremental=True, added=changes.added, updated=changes.updated, removed=changes.removed,
                   folded_early=len(folded or {}) if new_state is not state else 0,
                   files_written=bundle.written, files_linked=bundle.linked,
                   export_s=exported - started, index_s=time.perf_counter() - exported)
    return new_state


def _discard(site: Path) -> None:
    """Drop what an abandoned update wrote (the search page itself, search/index.html, stays).

    The index linked in early stays: the export from scratch that follows
    writes a new one in its place (indexer.create).
    """
    for name in FOLDERS:
        shutil.rmtree(site / EXPORT_DIR / name, ignore_errors=True)
    (site / EXPORT_DIR / export.MANIFEST).unlink(missing_ok=True)
