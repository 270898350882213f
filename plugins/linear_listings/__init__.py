"""linear_listings: Pelican's listing bookkeeping in linear time.

Pelican 4.12 builds each tag, category, author and period page's ``dates``
and ``articles`` with ``[a for a in dates if a in articles]``: a list scan
per item, so its cost grows with items × listing size. At 5,000 items that
is seconds on every build, spent even when no page is re-rendered; at 50,000
it dominates. Items compare by identity (Content defines no __eq__), so an
identity set gives the same answer in constant time; the output is the same
byte for byte (tests/test_incremental.py builds with and without it).

Signals:
- article_generator_init: per-generator period archives built with sets.
- article_generator_finalized: taxonomy lists answer ``in`` from a set.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from itertools import groupby
from operator import attrgetter

from pelican import signals


class MemberList(list):
    """A list whose ``in`` is a set lookup by identity, as list's is for items."""

    def __contains__(self, item):
        ids = self.__dict__.get("_ids")
        if ids is None or len(ids) != len(self):
            ids = self.__dict__["_ids"] = {id(member) for member in self}
        return id(item) in ids


def fast_membership(generator):
    generator.tags = {tag: MemberList(items) for tag, items in generator.tags.items()}
    generator.categories = [(cat, MemberList(items)) for cat, items in generator.categories]
    generator.authors = [(author, MemberList(items)) for author, items in generator.authors]
    generator._update_context(("tags", "categories", "authors"))


GRANULARITIES = {
    "year": attrgetter("date.year"),
    "month": attrgetter("date.year", "date.month"),
    "day": attrgetter("date.year", "date.month", "date.day"),
}


def build_period_archives(sorted_articles, articles, settings):
    """Pelican's ArticlesGenerator._build_period_archives, grouping once instead of ``a in dates``."""
    period_archives = defaultdict(list)
    for granularity, key_func in GRANULARITIES.items():
        save_as_fmt = settings[f"{granularity.upper()}_ARCHIVE_SAVE_AS"]
        url_fmt = settings[f"{granularity.upper()}_ARCHIVE_URL"]
        if not save_as_fmt:
            continue
        in_order = defaultdict(list)  # period → its articles, in `articles` order
        for article in articles:
            in_order[key_func(article)].append(article)
        for period, group in groupby(sorted_articles, key=key_func):
            dates = list(group)
            archive = {"dates": dates, "articles": in_order[period]}
            d = dates[0].date
            archive["save_as"] = save_as_fmt.format(date=d)
            archive["url"] = url_fmt.format(date=d)
            if granularity == "year":
                archive["period"] = (period,)
                archive["period_num"] = (period,)
            else:
                month_name = calendar.month_name[period[1]]
                if granularity == "month":
                    archive["period"] = (period[0], month_name)
                else:
                    archive["period"] = (period[0], month_name, period[2])
                archive["period_num"] = tuple(period)
            period_archives[granularity].append(archive)
    return period_archives


def install(generator):
    generator._build_period_archives = build_period_archives


def register():
    signals.article_generator_init.connect(install)
    signals.article_generator_finalized.connect(fast_membership)
