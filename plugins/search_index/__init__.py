"""search_index: a Whoosh index of every item, and its static export for the browser.

Each build brings the Whoosh index in <output>/.build/search-index/ up to
date and exports it to small content-addressed files under <output>/search/
that the search page's script (theme/static/js/search/) fetches as a query
needs them; `invoke search` reads the same Whoosh index. From scratch when
there is no previous build or `--ignore-cache` (LOAD_CONTENT_CACHE False),
else only what changed: newsarchive/search/build.py.

The work runs in a second process from the moment the items are ready, so
it overlaps with Pelican writing pages; the build waits for it in
`finalized` and fails if it failed. The job lives in newsarchive.search
(not in this folder) because a spawned process must import it by a stable
module name, which Pelican's plugin loader does not give; this process
imports only its thin entry points (worker.py) and items.py.

Signals:
- initialized: start the second process and have it import the job's
  modules (Whoosh, numpy) while Pelican reads the content, so that it is
  ready when the items are.
- all_generators_finalized (items read, URLs fixed, nothing written yet):
  take each published item's fields from the Article (text from
  article._content, never from written pages) and hand them to that
  process, from scratch or as an update of a few items alike: either way
  it runs beside Pelican writing pages instead of before it.
- finalized: wait for the job, and write the search page's script
  (search.js, bundled from the theme's modules by newsarchive.search.client).
  Connected before atomic_publish's handler, which publishes the folder
  afterwards.

Setting: SEARCH_INDEX_PROCESS (default True); False always runs the job here.
"""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor

from pelican import signals
from pelican.generators import ArticlesGenerator

from newsarchive.search import client, worker
from newsarchive.search.items import item_fields

logger = logging.getLogger(__name__)

_jobs: dict[int, Future] = {}
_pool: ProcessPoolExecutor | None = None


def _executor() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        # spawn, not fork: Pelican's console runs a thread, and forking a
        # process with threads can deadlock the child
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                    initializer=worker.started)
    return _pool


def warm_up(pelican):
    if pelican.settings.get("SEARCH_INDEX_PROCESS", True):
        _executor().submit(worker.warm_up)


def start_job(generators):
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if articles is None:
        return
    settings = articles.settings
    items = [item_fields(article) for article in articles.articles]
    site = settings["OUTPUT_PATH"]
    previous = settings.get("PUBLISHED_OUTPUT_PATH") or site
    from_scratch = not settings.get("LOAD_CONTENT_CACHE", True)
    # fingerprints are taken over there too, off the main process's path
    args = (str(site), str(previous), items, from_scratch)
    if settings.get("SEARCH_INDEX_PROCESS", True):
        _jobs[id(settings)] = _executor().submit(worker.run, *args)
    else:
        done = Future()
        done.set_result(worker.run(*args))
        _jobs[id(settings)] = done


def finish_job(pelican):
    client.write(pelican.output_path, pelican.settings["THEME_STATIC_DIR"])
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
    signals.initialized.connect(warm_up)
    signals.all_generators_finalized.connect(start_job)
    signals.finalized.connect(finish_job)
