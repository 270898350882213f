"""search_index: a Whoosh index of every item, and its static export for the browser.

At the end of each build the index in <output>/search/whoosh/ is brought up
to date (only changed and removed items; see indexer.py) and exported to
small content-addressed files under <output>/search/ (export.py) that the
search page's script (theme/static/js/search/) fetches as a query needs
them. `invoke search` reads the same Whoosh index.

Signals:
- article_generator_finalized: remember the published items (Article
  objects: the text comes from article._content, never from written pages).
- finalized: index and export into this build's output folder. Connected
  before atomic_publish's handler, which publishes the folder afterwards.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from pelican import signals

from . import export, indexer

logger = logging.getLogger(__name__)

_items: dict[int, list] = {}


def remember_items(generator):
    _items[id(generator.settings)] = list(generator.articles)


def index_and_export(pelican):
    settings = pelican.settings
    items = _items.pop(id(settings), [])
    site = Path(settings["OUTPUT_PATH"])
    previous = Path(settings.get("PUBLISHED_OUTPUT_PATH") or settings["OUTPUT_PATH"])
    started = time.perf_counter()
    indexer.carry_over(previous, site)
    changes = indexer.update(site, items)
    indexed = time.perf_counter()
    from whoosh import index as whoosh_index  # noqa: PLC0415

    ix = whoosh_index.open_dir(str(site / indexer.INDEX_DIR))
    try:
        written = export.export(ix, site)
    finally:
        ix.close()
    done = time.perf_counter()
    logger.info(
        "search_index: %d items; %d added, %d updated, %d removed%s in %.2f s; export %d files in %.2f s",
        len(items), changes.added, changes.updated, changes.removed,
        " (new index)" if changes.rebuilt else "", indexed - started, written.count, done - indexed,
    )


def register():
    signals.article_generator_finalized.connect(remember_items)
    signals.finalized.connect(index_and_export)
