"""content_guard: read items as editors write them, and stop the build on a problem.

Signals:
- get_generators (each build's start, autoreload's too): an empty report;
  the read cache of an earlier build that failed is dropped unsaved.
- readers_init: our Markdown reader replaces Pelican's for .md files.
- article_generator_pretaxonomy: pinyin slugs for counties, authors, topics.
- all_generators_finalized: URL and duplicate checks, then the build stops
  with one report if any file has a problem, before anything is written;
  otherwise the Markdown cache of this build is saved. Files in content/
  that are not items are reported, never skipped silently, and so are
  items outside the folder of their date (a warning: they are published).
  A body's link from the site root to an item becomes Pelican's {filename}
  link, so it works under a sub-path and in feeds; any other such link is
  a warning (site_links.py). A relative path to a picture or a file
  beside the item becomes Pelican's {static}/{filename} link, and any such
  link to a file that is not there is a warning (local_links.py).
- finalized: one line saying what was published and what was not.

Pelican's own English "Could not process <file>" is not shown for a file
whose problem the report gives (in Chinese, with its line): the editor
reads each problem once.

Setting: ARCHIVE_RAW_HTML (default False): raw HTML in a body is shown as
text; True passes it through as markup (read in reader.py).
"""

from __future__ import annotations

import logging
import os

from pelican import signals

from newsarchive import build_cache, problems
from newsarchive.existing_items import ITEM_SUFFIXES

from .accounting import report_unread_files, summary
from .checks import all_items, assign_taxonomy_slugs, check_collisions
from .local_links import check as check_local_links
from .placement import report_misplaced_items
from .reader import ArchiveMarkdownReader, end_build
from .site_links import rewrite_root_links


def add_reader(readers):
    for extension in ArchiveMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ArchiveMarkdownReader


def start_build(*_args, **_kwargs):
    problems.reset()
    end_build(save=False)


def before_taxonomy(generator):
    assign_taxonomy_slugs(
        list(generator.articles)
        + list(generator.translations)
        + list(generator.drafts)
        + list(generator.hidden_articles)
    )


def before_writing(generators):
    settings = generators[0].settings
    check_collisions(list(all_items(generators)))
    report_unread_files(generators, settings)
    report_misplaced_items(generators, settings)
    rewrite_root_links(generators, settings)
    check_local_links(generators, settings)
    # The folder the build was asked for, not atomic_publish's staging folder.
    problems.current().raise_if_errors(build_cache.published_output(settings))
    end_build(save=True)
    global _summary
    _summary = summary(generators)


_summary = ""


def after_build(_pelican):
    if _summary:
        print(_summary)


class ReportedInChinese(logging.Filter):
    """Drops Pelican's "Could not process %s" for a file the build's report names already."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg != "Could not process %s" or not record.args:
            return True
        return not problems.current().has_error_in(str(record.args[0]))


class MissingFileReportedInChinese(logging.Filter):
    """Drops Pelican's English words for a body's link to a missing file: local_links reports it, with the item and line.

    “Cannot get modification stamp” is Pelican copying a file an item links
    ({static}现场.jpg) that is not there; “Unable to find” a {filename} link to no item.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.args:
            return True
        if record.msg.startswith("Cannot get modification stamp for %s"):
            path = str(record.args[0])
            return os.path.exists(path) or path.endswith(ITEM_SUFFIXES)
        if record.msg == "Unable to find '%s', skipping url replacement.":
            return not any(str(record.args[0]) in w.message for w in problems.current().warnings)
        return True


def register():
    generators_log = logging.getLogger("pelican.generators")
    if not any(isinstance(f, ReportedInChinese) for f in generators_log.filters):
        generators_log.addFilter(ReportedInChinese())
    for name in ("pelican.cache", "pelican.contents"):
        log = logging.getLogger(name)
        if not any(isinstance(f, MissingFileReportedInChinese) for f in log.filters):
            log.addFilter(MissingFileReportedInChinese())
    # get_generators is sent at the start of every build, autoreload included.
    signals.get_generators.connect(start_build)
    signals.readers_init.connect(add_reader)
    signals.article_generator_pretaxonomy.connect(before_taxonomy)
    signals.all_generators_finalized.connect(before_writing)
    signals.finalized.connect(after_build)
