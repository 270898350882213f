"""The items already in a content folder, as `invoke new` and `invoke import-page` need to know them.

Both must not write over another story, and both find that story by what
its header says (title, date, Slug), wherever its file lies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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
    body: str
    text: str

    @property
    def day(self) -> dt.date | None:
        return self.date.date() if self.date else None

    @property
    def slug(self) -> str:
        """The slug the build gives the item (slugify only on demand: pinyin for every title is not free)."""
        return self.slug_field or slugs.slugify(self.title)


def existing_items(content: Path) -> list[Existing]:
    """Every item in ``content`` whose header can be read.

    A file that cannot be read is left out here (the build reports it); its
    path still counts as taken for whoever writes files.
    """
    found = []
    paths = [p for p in content.rglob("*") if p.suffix in ITEM_SUFFIXES and p.is_file()] if content.exists() else []
    for path in sorted(paths):
        try:
            text = read_utf8(path)
            header, _warnings = metadata.parse(text, str(path))
            value = header.values.get("date")
            date = metadata.parse_date(value, str(path), None) if value else None
        except (ContentError, OSError):
            continue
        values = header.values
        found.append(Existing(path, values.get("title", "").strip(), date, values.get("slug", ""), header.body, text))
    return found
