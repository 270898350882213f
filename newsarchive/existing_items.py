"""The items already in a content folder, as `invoke new` and `invoke import-page` need to know them.

Both must not write over another story, and both find that story by what
its header says (title, date, Slug), wherever its file lies.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from newsarchive import metadata, slugs
from newsarchive.problems import ContentError
from newsarchive.source_text import read_utf8


# The build reads both (plugins/content_guard/reader.py): an item saved as
# .markdown holds its title and its address as much as one saved as .md.
ITEM_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Existing:
    path: Path
    title: str
    date: dt.datetime | None
    slug_field: str  # the header's Slug, if it has one

    @property
    def day(self) -> dt.date | None:
        return self.date.date() if self.date else None

    @property
    def slug(self) -> str:
        """The slug the build gives the item (slugify only on demand: pinyin for every title is not free)."""
        return self.slug_field or slugs.slugify(self.title)

    # The text is read again when asked for (the importer, for the few stories
    # it imports again): kept for every item, 50,000 of them held 250 MB.
    @cached_property
    def text(self) -> str:
        return read_utf8(self.path)

    @cached_property
    def body(self) -> str:
        return metadata.parse(self.text, str(self.path))[0].body


def item_files(content: Path) -> list[Path]:
    """The item files under ``content``, sorted.

    os.walk, not Path.rglob: a Path made and compared for every file of an
    archive of 50,000 cost half a second before a single one was read.
    """
    found = []
    # followlinks: rglob went into a linked folder too
    for folder, _dirs, files in os.walk(content, followlinks=True):
        found += [os.path.join(folder, name) for name in files if os.path.splitext(name)[1] in ITEM_SUFFIXES]
    # in Path's order, part by part: 01/ before 01-x/
    return [Path(name) for name in sorted(found, key=lambda name: name.split(os.sep))]


def existing_items(content: Path) -> list[Existing]:
    """Every item in ``content`` whose header can be read.

    A file that cannot be read is left out here (the build reports it); its
    path still counts as taken for whoever writes files.
    """
    found = []
    for path in item_files(content):
        try:
            header, _warnings = metadata.parse(read_utf8(path), str(path))
            value = header.values.get("date")
            date = metadata.parse_date(value, str(path), None) if value else None
        except (ContentError, OSError):
            continue
        values = header.values
        found.append(Existing(path, values.get("title", "").strip(), date, values.get("slug", "")))
    return found


def url_holders(items: Iterable[Existing], months: set[str]) -> dict[tuple[str, str], Existing]:
    """The item holding each URL /YYYY/MM/<slug>/ of ``months`` (each "YYYY/MM"), keyed (month, slug).

    An item's URL comes from its Date and Slug wherever its file lies, so a
    free file name is not a free URL. Only the months asked for: a slug for
    every title of the archive is not free. An item without a date claims no
    URL; of two with one URL (the build refuses them), the first file holds it.
    """
    holders: dict[tuple[str, str], Existing] = {}
    for item in items:
        if item.date is not None and (month := f"{item.date:%Y/%m}") in months:
            holders.setdefault((month, item.slug), item)
    return holders
