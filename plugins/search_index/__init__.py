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
(not in this folder) because the second process must import it by a stable
module name, which Pelican's plugin loader does not give; this process
imports only its thin entry points (worker.py) and items.py.

Signals:
- initialized: start the second process and have it import the job's
  modules (Whoosh, numpy) while Pelican reads the content, so that it is
  ready when the items are.
- get_generators (each build's start, autoreload's too): cancel and wait
  out what an earlier, failed build left running, before atomic_publish
  empties the staging folder it may still be writing into.
- content_object_init (an item read): hand the items to that process in
  batches as they are read (items.read_fields: not yet their URLs, which
  cost Pelican 60 µs an item to make at this point). On a cold build (no
  previous search state, or `--ignore-cache`) it does each item's own
  share of the work (its text, runs and text pieces) meanwhile; on a
  rebuild it links the previous export's files, reads the previous state
  and takes each item's content digest (newsarchive/search/prepare.py).
  The second core idles through the reading otherwise.
- all_generators_finalized (items read, URLs fixed, nothing written yet):
  take each published item's fields from the Article (text from
  article._content, never from written pages) and hand them to that
  process, from scratch or as an update of a few items alike: either way
  it runs beside Pelican writing pages instead of before it. Items handed
  over while reading and unchanged since go as stubs (items.handed_back).
- finalized: wait for the job, and write the search page's script
  (search.js, bundled from the theme's modules by newsarchive.search.client).
  Connected before atomic_publish's handler, which publishes the folder
  afterwards.

Setting: SEARCH_INDEX_PROCESS (default True); False always runs the job here.
"""

from __future__ import annotations

import itertools
import logging
import time
from concurrent.futures import Future, wait
from dataclasses import dataclass, field
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from newsarchive import build_cache
from newsarchive.search import client, search_page, worker
from newsarchive.search.second_process import SecondProcess
from newsarchive.search.items import SOURCE, handed_back, item_fields, packed, read_fields
from newsarchive.search.store import STATE_FILE, save_summary

logger = logging.getLogger(__name__)

# Items per hand-over while reading: a few hundred kB to pickle, small
# enough that the second process starts on them early.
BATCH = 100


@dataclass
class _Build:
    """One build's dealings with the second process."""

    number: int  # the worker keeps early work for one build, by this number
    mode: str | None = None  # decided at the first item read: "cold", "rebuild" or "inline"
    batch: list[dict] = field(default_factory=list)  # items read, not handed over yet
    handed: list[Future] = field(default_factory=list)  # early work, in order
    read: dict[str, dict] = field(default_factory=dict)  # source → items.read_fields handed over
    job: Future | None = None

    def futures(self) -> list[Future]:
        return [*self.handed, *([self.job] if self.job else [])]


_numbers = itertools.count(1)
_builds: dict[int, _Build] = {}  # by id(settings); a build is dropped at its end
_second: SecondProcess | None = None


def _second_process() -> SecondProcess:
    global _second
    if _second is None:
        _second = SecondProcess()
    return _second


def warm_up(pelican):
    if _in_process(pelican.settings):
        _second_process().submit(worker.warm_up)


def begin_build(pelican):
    """A new build (autoreload runs many): nothing of a failed one may still run when its folder is reused.

    atomic_publish empties the staging folder next, which the failed
    build's batches or job may still be writing into. Every build's, not
    just this settings object's: autoreload makes a new one when the
    settings file changes, and there is one worker for all.
    """
    global _second
    left = [future for build in _builds.values() for future in build.futures()]
    for future in left:
        future.cancel()
    wait(left)
    if _second is not None and _second.stopped:
        _second = None  # it ended (killed, out of memory): this build gets a new one, the last build failed
    if _builds and _second is not None:
        _second.submit(worker.forget)  # a failed build's early work, which no job took
    _builds.clear()
    _builds[id(pelican.settings)] = _Build(next(_numbers))


def _in_process(settings) -> bool:
    """False: the job runs inline, in start_job (SEARCH_INDEX_PROCESS = False, for profiling)."""
    return settings.get("SEARCH_INDEX_PROCESS", True)


def _mode(settings) -> str:
    """How this build's search job will run, and so what is worth doing while Pelican reads."""
    if not _in_process(settings):
        return "inline"
    site = Path(settings["OUTPUT_PATH"])
    previous = build_cache.published_output(settings)
    if (not settings.get("LOAD_CONTENT_CACHE", True) or previous.resolve() == site.resolve()
            or not (previous / STATE_FILE).is_file()):
        return "cold"
    return "rebuild"


def item_read(content):
    build = _builds.get(id(content.settings))
    if build is None or not isinstance(content, Article):
        return
    settings = content.settings
    if build.mode is None:
        build.mode = _mode(settings)
        if build.mode == "rebuild":
            site = str(settings["OUTPUT_PATH"])
            build.handed.append(_second_process().submit(
                worker.carry_over, build.number, site, str(build_cache.published_output(settings))))
    if build.mode in ("cold", "rebuild"):
        fields = read_fields(content)
        build.read[fields[SOURCE]] = fields
        build.batch.append(fields)
        if len(build.batch) >= BATCH:
            _hand_over(build, settings)


def _hand_over(build: _Build, settings) -> None:
    if build.batch:
        # a cold build's items are prepared as they come; a rebuild's are only digested (prepare.py)
        take = worker.prepare if build.mode == "cold" else worker.read
        build.handed.append(_second_process().submit(take, build.number, str(settings["OUTPUT_PATH"]), packed(build.batch)))
        build.batch = []


def start_job(generators):
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if articles is None:
        return
    settings = articles.settings
    build = _builds.setdefault(id(settings), _Build(next(_numbers)))
    # an item read early and unchanged since goes as a stub: its HTML is not sent twice
    items = [handed_back(item_fields(article), article.source_path, build.read) for article in articles.articles]
    build.read = {}
    site = settings["OUTPUT_PATH"]
    previous = str(build_cache.published_output(settings))
    from_scratch = not settings.get("LOAD_CONTENT_CACHE", True)
    # fingerprints are taken over there too, off the main process's path
    if _in_process(settings):
        _hand_over(build, settings)  # the last items read; the job comes after them
        build.job = _second_process().submit(worker.run, build.number, str(site), str(previous), packed(items), from_scratch)
    else:
        build.job = Future()
        build.job.set_result(worker.run(0, str(site), str(previous), items, from_scratch))


def finish_job(pelican):
    client.write(pelican.output_path, pelican.settings["THEME_STATIC_DIR"])
    build = _builds.pop(id(pelican.settings), None)
    if build is None or build.job is None:
        return
    # What re-indexing costs an editor: how long the build, its pages written,
    # still had to wait for the job that ran beside it.
    waiting = time.perf_counter()
    wait(build.futures())  # nothing of this build may outlive it, whatever failed
    for future in build.handed:
        future.result()  # the job redid a failed batch's work, but the failure should not pass unseen
    summary = build.job.result()  # a failure in the job fails the build here
    # run inline (SEARCH_INDEX_PROCESS = False), the build waited for all of it
    summary["waited_s"] = time.perf_counter() - waiting if _in_process(pelican.settings) else summary["seconds"]
    save_summary(build_cache.folder(pelican.settings), summary)
    if pelican.settings.get("SEARCH_SAVE_AS"):
        page = Path(pelican.output_path, pelican.settings["SEARCH_SAVE_AS"])
        try:
            search_page.fill_page(Path(pelican.output_path), page)
        except (OSError, ValueError, KeyError, EOFError) as e:
            # the carried manifest only saves a request: without it, the page reads the file
            logger.warning("search_index: could not write the manifest into %s (%s); the page will read "
                           "search/manifest.json.gz instead. Building again should fix it.", page, e)
    if summary["incremental"]:
        how = "updated: {added} added, {updated} updated, {removed} removed".format(**summary)
        if summary.get("carried"):
            how += " (previous export linked while reading"
            if summary.get("folded_early"):
                how += ", {folded_early} long lists folded then".format(**summary)
            how += ")"
    else:
        how = "from scratch ({prepared} items prepared while reading)".format(**summary)
    logger.info(
        "search_index: %(items)d items, %(how)s; index %(index_s).2f s, export %(export_s).2f s "
        "(%(files_written)d files written, %(files_linked)d linked); job %(seconds).2f s, "
        "the build waited %(waited_s).2f s for it",
        {**summary, "how": how},
    )


def register():
    signals.initialized.connect(warm_up)
    signals.get_generators.connect(begin_build)
    signals.content_object_init.connect(item_read)
    signals.all_generators_finalized.connect(start_job)
    signals.finalized.connect(finish_job)
