"""search_index: a Whoosh index of every item, and its static export for the browser.

At the end of each build the index in <output>/search/whoosh/ is brought up
to date (only changed and removed items: newsarchive/search/indexer.py) and
exported to small content-addressed files under <output>/search/
(newsarchive/search/export.py) that the search page's script
(theme/static/js/search/) fetches as a query needs them. `invoke search`
reads the same Whoosh index.

The work runs in a second process from the moment the items are ready, so
it overlaps with Pelican writing thousands of pages; the build waits for it
in `finalized` and fails if it failed. The job lives in newsarchive.search
(not in this folder) because a spawned process must import it by a stable
module name, which Pelican's plugin loader does not give.

Signals:
- article_generator_finalized: take each published item's fields from the
  Article (text from article._content, never from written pages) and start
  the job.
- finalized: wait for the job. Connected before atomic_publish's handler,
  which publishes the folder afterwards.

Setting: SEARCH_INDEX_PROCESS (default True); False runs the job inline.
"""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor

from pelican import signals

from newsarchive.search import build
from newsarchive.search.documents import item_fields

logger = logging.getLogger(__name__)

_jobs: dict[int, Future] = {}
_pool: ProcessPoolExecutor | None = None


def _executor() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        # spawn, not fork: Pelican's console runs a thread, and forking a
        # process with threads can deadlock the child
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    return _pool


def start_job(generator):
    settings = generator.settings
    items = [item_fields(article) for article in generator.articles]
    site = settings["OUTPUT_PATH"]
    previous = settings.get("PUBLISHED_OUTPUT_PATH") or site
    args = (str(site), str(previous), items)
    if settings.get("SEARCH_INDEX_PROCESS", True):
        _jobs[id(settings)] = _executor().submit(build.run, *args)
    else:
        done = Future()
        done.set_result(build.run(*args))
        _jobs[id(settings)] = done


def finish_job(pelican):
    job = _jobs.pop(id(pelican.settings), None)
    if job is None:
        return
    summary = job.result()  # a failure in the job fails the build here
    logger.info(
        "search_index: %(items)d items; %(added)d added, %(updated)d updated, %(removed)d removed "
        "in %(index_s).2f s; export %(export_files)d files in %(export_s).2f s%(reused)s",
        {**summary, "reused": " (reused)" if summary["export_reused"] else ""},
    )


def register():
    signals.article_generator_finalized.connect(start_job)
    signals.finalized.connect(finish_job)
