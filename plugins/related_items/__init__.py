"""related_items: previous/next in time and related items on every item page.

Related means sharing a township (counts most), a topic or the county; among
equals the nearer in date wins. Each shared key only looks at the items
nearest in date within it, so a topic with thousands of items costs the same
as one with ten.

Signal: all_generators_finalized sets ``prev_item``, ``next_item`` and
``related`` on every published item, before any page is written. Not
article_generator_finalized: listed after search_index in PLUGINS, this
runs once the search job has been handed to its second process, which
then works beside it (a cold build's choice is about 0.2 s at 5,000
items, and the job is the last thing a cold build waits for).

The choice depends only on each item's keys and its place in date order,
so it is kept between builds under a digest of exactly that: editing an
article's text, or nothing at all, reuses it.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
from collections import defaultdict

from pelican import signals
from pelican.generators import ArticlesGenerator

from newsarchive import build_cache
from newsarchive.ordering import newest_first

RELATED_COUNT = 5
NEIGHBOURS_PER_KEY = 12
WEIGHTS = {"township": 3.0, "tag": 2.0, "county": 1.0}


def _keys(item):
    for township in getattr(item, "townships", []):
        yield ("township", township.name)
    for tag in getattr(item, "tags", []):
        yield ("tag", tag.name)
    if getattr(item, "category", None) is not None:
        yield ("county", item.category.name)


def link_items(generators):
    generator = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if generator is None:
        return
    # Oldest first: the listings' order (newest_first) read backwards, ties
    # included, so 下一篇 is the item listed just above and 上一篇 the one
    # below. Sorting ties by slug ascending here ran them against the
    # listings: the top item of a day had a 下一篇 and no 上一篇.
    items = sorted(generator.articles, key=newest_first, reverse=True)
    for i, item in enumerate(items):
        item.prev_item = items[i - 1] if i > 0 else None
        item.next_item = items[i + 1] if i + 1 < len(items) else None

    keys_of = [list(_keys(item)) for item in items]
    cache = build_cache.folder(generator.settings) / CACHE_FILE
    stamp = hashlib.sha1(repr((RELATED_COUNT, NEIGHBOURS_PER_KEY, WEIGHTS, keys_of)).encode()).hexdigest()
    chosen = build_cache.load(cache, stamp) if generator.settings.get("LOAD_CONTENT_CACHE", True) else None
    if chosen is None:
        chosen = _choose(keys_of)
        build_cache.save(cache, stamp, chosen)
    for item, related in zip(items, chosen, strict=True):
        item.related = [items[j] for j in related]


CACHE_FILE = "related-items.pickle"


def _choose(keys_of: list[list[tuple[str, str]]]) -> list[list[int]]:
    """For each position in date order, the positions of its related items, best first."""
    groups = defaultdict(list)  # key -> positions in date order
    for i, keys in enumerate(keys_of):
        for key in keys:
            groups[key].append(i)

    chosen = []
    for i, keys in enumerate(keys_of):
        scores = defaultdict(float)
        for key in keys:
            members = groups[key]
            at = bisect.bisect_left(members, i)
            weight = WEIGHTS[key[0]]
            for j in members[max(0, at - NEIGHBOURS_PER_KEY) : at + NEIGHBOURS_PER_KEY + 1]:
                scores[j] += weight
        scores.pop(i, None)
        # best shared keys first, then nearest in time, then the later item
        best = heapq.nsmallest(RELATED_COUNT, ((-score, abs(j - i), -j) for j, score in scores.items()))
        chosen.append([-negative_j for _s, _d, negative_j in best])
    return chosen


def register():
    signals.all_generators_finalized.connect(link_items)
