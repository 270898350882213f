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
- content_object_init (an item read): on a cold build (no previous search
  state, or `--ignore-cache`), hand the items to that process in batches,
  so that it does each item's own share of the work (its text, runs and
  text pieces) while Pelican is still reading; on a rebuild, have it link
  the previous export's files and read the previous state meanwhile
  (newsarchive/search/prepare.py). The second core idles through the
  reading otherwise.
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

import itertools
import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor, wait
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from newsarchive.search import client, worker
from newsarchive.search.items import item_fields
from newsarchive.search.store import STATE_FILE

logger = logging.getLogger(__name__)

# Items per hand-over while reading: a few hundred kB to pickle, small
# enough that the second process starts on them early.
BATCH = 100

# By id(settings), for the build under way: its number (the worker keeps one
# build's prepared work), items read and not handed over yet (no entry: this
# build prepares nothing), the hand-overs' futures and the job's.
_builds = itertools.count(1)
_build_number: dict[int, int] = {}
_batches: dict[int, list[dict]] = {}
_handed: dict[int, list[Future]] = {}
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


def begin_build(pelican):
    """A new build (autoreload runs many): let a failed build's work end before its folder is reused."""
    key = id(pelican.settings)
    left = [*_handed.pop(key, []), *filter(None, [_jobs.pop(key, None)])]
    for future in left:
        future.cancel()
    wait(left)  # whatever is running already, writing into the staging folder atomic_publish empties next
    _batches.pop(key, None)
    _build_number[key] = next(_builds)


def _is_cold(settings) -> bool:
    """Will this build's job export from scratch? (Then the per-item work is worth doing early.)"""
    if not settings.get("SEARCH_INDEX_PROCESS", True):
        return False
    previous = settings.get("PUBLISHED_OUTPUT_PATH") or settings["OUTPUT_PATH"]
    return not settings.get("LOAD_CONTENT_CACHE", True) or not (Path(previous) / STATE_FILE).is_file()


def item_read(content):
    if not isinstance(content, Article):
        return
    key = id(content.settings)
    batch = _batches.get(key)
    if batch is None:
        if key in _handed:
            return  # a rebuild, or no second process: nothing per item
        settings = content.settings
        _handed[key] = []
        if not _is_cold(settings):
            _carry_over(settings)
            return
        batch = _batches[key] = []
    batch.append(item_fields(content))
    if len(batch) >= BATCH:
        _hand_over(content.settings)


def _carry_over(settings) -> None:
    """A rebuild: have the second process link the previous export and read its state meanwhile."""
    site = str(settings["OUTPUT_PATH"])
    previous = str(settings.get("PUBLISHED_OUTPUT_PATH") or site)
    if settings.get("SEARCH_INDEX_PROCESS", True) and Path(previous).resolve() != Path(site).resolve():
        _handed[id(settings)].append(_executor().submit(
            worker.carry_over, _build_number.get(id(settings), 0), site, previous))


def _hand_over(settings) -> None:
    batch = _batches.get(id(settings))
    if batch:
        _handed[id(settings)].append(_executor().submit(
            worker.prepare, _build_number.get(id(settings), 0), str(settings["OUTPUT_PATH"]), batch))
        _batches[id(settings)] = []


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
        _hand_over(settings)  # the last items read; the job comes after them
        _batches.pop(id(settings), None)
        _jobs[id(settings)] = _executor().submit(worker.run, _build_number.get(id(settings), 0), *args)
    else:
        done = Future()
        done.set_result(worker.run(0, *args))
        _jobs[id(settings)] = done


def finish_job(pelican):
    client.write(pelican.output_path, pelican.settings["THEME_STATIC_DIR"])
    handed = _handed.pop(id(pelican.settings), [])
    _batches.pop(id(pelican.settings), None)
    job = _jobs.pop(id(pelican.settings), None)
    if job is None:
        return
    for future in handed:
        future.result()  # the job redid a failed item's work, but the failure should not pass unseen
    summary = job.result()  # a failure in the job fails the build here
    how = ("updated: {added} added, {updated} updated, {removed} removed".format(**summary)
           if summary["incremental"] else "from scratch ({prepared} items prepared while reading)".format(**summary))
    logger.info(
        "search_index: %(items)d items, %(how)s; index %(index_s).2f s, export %(export_s).2f s "
        "(%(files_written)d files written, %(files_linked)d linked)",
        {**summary, "how": how},
    )


def register():
    signals.initialized.connect(warm_up)
    signals.get_generators.connect(begin_build)
    signals.content_object_init.connect(item_read)
    signals.all_generators_finalized.connect(start_job)
    signals.finalized.connect(finish_job)
