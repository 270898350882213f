"""search_index: a Whoosh index of every item, and its static export for the browser.

Each build brings the Whoosh index in <output>/.build/search-index/ up to
date and exports it to small content-addressed files under <output>/search/
that the search page's script (theme/static/js/search/) fetches as a query
needs them; `invoke search` reads the same Whoosh index. From scratch when
there is no previous build or `--ignore-cache` (LOAD_CONTENT_CACHE False),
else only what changed: newsarchive/search/build.py.

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
    from_scratch = not settings.get("LOAD_CONTENT_CACHE", True)
    args = (str(site), str(previous), items, from_scratch)
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
    how = ("updated: {added} added, {updated} updated, {removed} removed".format(**summary)
           if summary["incremental"] else "from scratch")
    logger.info(
        "search_index: %(items)d items, %(how)s; index %(index_s).2f s, export %(export_s).2f s "
        "(%(files_written)d files written, %(files_linked)d linked)",
        {**summary, "how": how},
    )


def register():
    signals.article_generator_finalized.connect(start_job)
    signals.finalized.connect(finish_job)
