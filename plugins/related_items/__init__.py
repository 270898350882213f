"""related_items: previous/next in time and related items on every item page.

Related means sharing a township (counts most), a topic or the county; among
equals the nearer in date wins. Each shared key only looks at the items
nearest in date within it, so a topic with thousands of items costs the same
as one with ten.

Signal: article_generator_finalized sets ``prev_item``, ``next_item`` and
``related`` on every published item.
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict

from pelican import signals

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


def link_items(generator):
    items = sorted(generator.articles, key=lambda a: (a.date, a.slug))
    for i, item in enumerate(items):
        item.prev_item = items[i - 1] if i > 0 else None
        item.next_item = items[i + 1] if i + 1 < len(items) else None

    keys_of = [list(_keys(item)) for item in items]
    groups = defaultdict(list)  # key -> positions in date order
    for i, keys in enumerate(keys_of):
        for key in keys:
            groups[key].append(i)

    for i, item in enumerate(items):
        scores = defaultdict(float)
        for key in keys_of[i]:
            members = groups[key]
            at = bisect.bisect_left(members, i)
            weight = WEIGHTS[key[0]]
            for j in members[max(0, at - NEIGHBOURS_PER_KEY) : at + NEIGHBOURS_PER_KEY + 1]:
                scores[j] += weight
        scores.pop(i, None)
        # best shared keys first, then nearest in time, then the later item
        best = heapq.nsmallest(RELATED_COUNT, ((-score, abs(j - i), -j) for j, score in scores.items()))
        item.related = [items[-negative_j] for _s, _d, negative_j in best]


def register():
    signals.article_generator_finalized.connect(link_items)
