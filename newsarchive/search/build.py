"""One build's search work: carry the index over, update it, export it. Runs in a worker process.

The plugin starts this as soon as the items are read and rendered, in a
second process, so that it runs while Pelican writes the pages; the build
waits for it only at the end. Everything it needs comes in as plain values
(documents.item_fields of each item), never as Pelican objects.
"""

from __future__ import annotations

import time
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

from . import export, indexer
from .store import INDEX_DIR


def run(site: str, previous: str | None, items: list[dict]) -> dict:
    site_path = Path(site)
    started = time.perf_counter()
    indexer.carry_over(Path(previous) if previous else None, site_path)
    changes = indexer.update(site_path, items)
    indexed = time.perf_counter()
    reused = not changes.any and previous is not None and export.reuse(Path(previous), site_path)
    files = 0
    if not reused:
        ix = FileStorage(str(site_path / INDEX_DIR)).open_index()
        try:
            written = export.export(ix, site_path, Path(previous) if previous else None)
            files = written.count
        finally:
            ix.close()
    return {
        "items": len(items), "added": changes.added, "updated": changes.updated, "removed": changes.removed,
        "rebuilt": changes.rebuilt, "index_s": indexed - started, "export_s": time.perf_counter() - indexed,
        "export_files": files, "export_reused": reused,
    }
