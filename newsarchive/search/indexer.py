"""Keep the Whoosh index of a build up to date, re-indexing only what changed.

The staging folder of a build starts empty, so the previous build's index is
linked in first: Whoosh never changes a file it has written (a commit adds
segment and TOC files and deletes old ones), and this storage replaces a
file rather than write into it, so the live site's files stay as they are.
A cold build writes the whole index at once (``create``, segment.py).
Each stored document carries a fingerprint of every
indexed field and of the analyzer and schema (documents.fingerprint); items
whose fingerprint changed are re-indexed, items that are gone are deleted,
and when nothing changed no writer is opened at all, so the copied files
stay byte-identical (build.py links them again in place of the copy
merged while Pelican read). A different ENGINE_VERSION starts a new index.
"""

from __future__ import annotations

import hashlib
import logging
import random
import shutil
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.writing import MERGE_SMALL

from . import segment
from .bundle import link_or_copy
from .documents import document, fingerprint
from .schema import ENGINE_VERSION, SCHEMA
from .store import INDEX_DIR, VERSION_FILE

logger = logging.getLogger(__name__)


@dataclass
class IndexChanges:
    added: int = 0
    updated: int = 0
    removed: int = 0
    rebuilt: bool = False

    @property
    def any(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rebuilt)


def carry_over(previous_site: Path | None, site: Path) -> None:
    """Link the previous build's index into this build's output."""
    source, target = (previous_site / INDEX_DIR) if previous_site else None, site / INDEX_DIR
    if source is None or not source.is_dir() or source.resolve() == target.resolve():
        return
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for path in source.iterdir():
        if path.is_file() and "LOCK" not in path.name:
            link_or_copy(path, target / path.name)


def merge_small(site: Path) -> None:
    """Merge the small segments of the index in ``site`` as Whoosh's default commit would (MERGE_SMALL).

    An update's commit merges nothing (``update``): the merge comes first,
    on this build's copy of the index, done while Pelican reads
    (prepare.CarriedOver) or else by the job before its update, so either
    way gives the same segments. Merged at the commit, one update in five
    took 0.3–0.6 s longer. Whoosh merges nothing under five segments.

    Every segment is read first, as the job's update does, so a damaged
    one fails here. Done while Pelican reads, that first opening in the
    process also compiles the schema's patterns: 40–100 ms of a one-item
    job otherwise (Python keeps them for the job's own openings).
    """
    folder = site / INDEX_DIR
    ix = ReproducibleStorage(str(folder)).open_index()
    try:
        with ix.searcher() as searcher:
            searcher.doc_count()
        segments = ix._segments()
        if len(segments) < 5:
            return
        seed = hashlib.sha256("\n".join(["merge", *(seg.segment_id() for seg in segments)]).encode()).hexdigest()
        with deterministic_names(seed):
            writer = ix.writer()
            try:
                writer.commit(mergetype=MERGE_SMALL)
            except BaseException:
                writer.cancel()  # its lock and open files, in a worker that lives on
                raise
    finally:
        ix.close()
    _drop_lock(folder)


class ReproducibleStorage(FileStorage):
    """Whoosh's compound segment file lists the mtime of each part; equal builds must write equal bytes.

    (Non-compound segments would avoid that, but whoosh-ng 5.4 then rejects
    its own one-document segments: their empty .pst file fails validation.)

    Read without mmap: over a memory map, Whoosh copies each part of a
    segment it opens into a BytesIO (BufferFile), so every opening of a
    5,000-item index cost 20–50 ms; read through the file it takes 4 ms,
    and searches take the same time. The parts of a segment then share one
    open file, read by seek and read: a searcher must not be shared between
    threads (a review saw wrong reads with eight); nothing here does that.
    """

    def __init__(self, path, supports_mmap=False, **kwargs):
        super().__init__(path, supports_mmap=supports_mmap, **kwargs)

    def file_modified(self, name):
        return 0.0

    def create_file(self, name, **kwargs):
        # the file may be a hard link to the live site's: replace it, never write through it
        path = Path(self.folder) / name
        if path.exists():
            path.unlink()
        return super().create_file(name, **kwargs)


@contextmanager
def deterministic_names(seed: str):
    """Whoosh names segments with random.choices; seed it so equal builds write equal files."""
    state = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(state)


def _open_or_create(folder: Path, fresh: bool = False):
    version_file = folder / VERSION_FILE
    current = version_file.read_text().strip() if version_file.exists() else None
    if current == ENGINE_VERSION and not fresh:
        try:
            ix = ReproducibleStorage(str(folder)).open_index()
            with ix.searcher() as searcher:  # reads every segment: a damaged one fails here
                searcher.doc_count()
            return ix, False
        except Exception as e:  # noqa: BLE001  (any damage: start over rather than fail the build)
            logger.warning("search_index: %s could not be opened (%s); indexing everything again", folder, e)
    elif current is not None:
        logger.info("search_index: analyzer or schema changed; indexing everything again")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    version_file.write_text(ENGINE_VERSION + "\n")
    with deterministic_names("create"):
        return ReproducibleStorage(str(folder)).create_index(SCHEMA), True


def create(site: Path, documents: Iterable[dict], occ, postings) -> None:
    """A new index of ``documents`` (documents.document of each, read once, in order) from the bulk analysis (bulk.py, segment.Postings)."""
    ix, _ = _open_or_create(site / INDEX_DIR, fresh=True)
    try:
        with deterministic_names("create-all"):
            segment.write_index(ix, documents, occ, postings)
    finally:
        ix.close()
    _drop_lock(site / INDEX_DIR)


def _drop_lock(folder: Path) -> None:
    """Whoosh leaves its (empty) write lock file behind; a build's index is the same with or without a write."""
    for path in folder.glob("*LOCK*"):
        path.unlink()


def update(site: Path, items: list[dict], indexed: dict[str, str] | None = None,
           fingerprints: dict[str, str] | None = None) -> IndexChanges:
    """Bring the index in ``site`` up to date with ``items`` (items.item_fields of each).

    ``indexed`` (url → fingerprint of what the index holds) and
    ``fingerprints`` (of ``items``), when the caller knows them, save reading
    every stored document and hashing every item again. The commit adds one
    segment and merges none: merge_small does that before.
    """
    folder = site / INDEX_DIR
    ix, rebuilt = _open_or_create(folder)
    changes = IndexChanges(rebuilt=rebuilt)
    fingerprints = fingerprints or {}
    current = {fields["url"]: (fields, fingerprints.get(fields["url"]) or fingerprint(fields)) for fields in items}

    if rebuilt or indexed is None:
        with ix.searcher() as searcher:
            indexed = {s["url"]: s["fingerprint"] for _, s in searcher.reader().iter_docs()}
    removed = sorted(set(indexed) - set(current))
    changed = sorted(url for url, (_, fp) in current.items() if indexed.get(url) != fp)
    if not removed and not changed:
        ix.close()
        return changes

    # The seed names the index it starts from too: the same edit made again
    # later (after a revert) must not reuse the name of a segment still there.
    state = [seg.segment_id() for seg in ix._segments()]
    seed = hashlib.sha256("\n".join([*state, "", *removed, *(current[u][1] for u in changed)]).encode()).hexdigest()
    with deterministic_names(seed):
        writer = ix.writer()
        for url in removed:
            writer.delete_by_term("url", url)
        for url in changed:
            fields, fp = current[url]
            writer.update_document(**document(fields, fp))
        writer.commit(merge=False)
    ix.close()
    _drop_lock(folder)
    changes.removed = len(removed)
    changes.added = sum(1 for u in changed if u not in indexed)
    changes.updated = len(changed) - changes.added
    return changes
