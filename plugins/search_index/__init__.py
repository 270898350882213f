"""search_index: a Whoosh index of every item, and its static export for the browser.

Each build brings the Whoosh index in <output>/.build/search-index/ up to
date and exports it to small content-addressed files under <output>/search/
that the search page's script (theme/static/js/search/) fetches as a query
needs them; `invoke search` reads the same Whoosh index. From scratch when
there is no previous build or `--ignore-cache` (LOAD_CONTENT_CACHE False),
else only what changed: newsarchive/search/build.py.

A cold build's work runs in a second process from the moment the items are
ready, so it overlaps with Pelican writing thousands of pages; the build
waits for it in `finalized` and fails if it failed. The job lives in newsarchive.search
(not in this folder) because a spawned process must import it by a stable
module name, which Pelican's plugin loader does not give.

Signals:
- all_generators_finalized (items read, URLs fixed, nothing written yet):
  take each published item's fields from the Article (text from
  article._content, never from written pages) and start the job: in a
  second process when it indexes from scratch, here when few items changed
  (a second or less, less than starting a process costs).
- finalized: wait for the job. Connected before atomic_publish's handler,
  which publishes the folder afterwards.

Setting: SEARCH_INDEX_PROCESS (default True); False always runs the job here.
"""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

from newsarchive.search import store, worker
from newsarchive.search.documents import fingerprint, item_fields

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


def start_job(generators):
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if articles is None:
        return
    settings = articles.settings
    items = [item_fields(article) for article in articles.articles]
    fingerprints = {item["url"]: fingerprint(item) for item in items}
    site = settings["OUTPUT_PATH"]
    previous = settings.get("PUBLISHED_OUTPUT_PATH") or site
    from_scratch = not settings.get("LOAD_CONTENT_CACHE", True)
    args = (str(site), str(previous), items, from_scratch, fingerprints)
    share = None if from_scratch else _changed_share(previous, fingerprints)
    # A few changed items take a second here; starting a second Python for
    # them would cost more than it saves.
    small = share is not None and share <= _update().MAX_CHANGED_SHARE
    if settings.get("SEARCH_INDEX_PROCESS", True) and not small:
        _jobs[id(settings)] = _executor().submit(worker.run, *args)
    else:
        done = Future()
        done.set_result(worker.run(*args))
        _jobs[id(settings)] = done


# The indexer (numpy, Whoosh's writer) is imported here only when this
# process indexes or reads a previous build's state: a first build hands
# everything to the second process and stays without it.
def _changed_share(previous, fingerprints) -> float | None:
    if not (Path(previous) / store.STATE_FILE).is_file():
        return None
    from newsarchive.search import build

    return build.changed_share(previous, fingerprints)


def _update():
    from newsarchive.search import update

    return update


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
    signals.all_generators_finalized.connect(start_job)
    signals.finalized.connect(finish_job)
