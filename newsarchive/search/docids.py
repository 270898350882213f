"""Doc ids for the static export: in tie-break order, and stable when an item is added or removed.

The browser orders equal scores by doc id, so ids must follow the tie-break
order (newer first, then URL). Plain ranks do, but adding one item shifts
the rank of every older item, and with it every posting list of the
export. Here ids come from a calendar grid instead: each week has K slots
(K the least power of two that holds the busiest week), and an item's id is
its week counted back from a fixed top week, times K, plus its rank inside
its week. Adding, editing or removing an item moves no id outside its own
week; the ids depend on the content only, so an incremental build and a
cold build of the same content give every item the same id.

The top week is the newest week rounded up to a multiple of TOP_WEEKS, so
that adding today's news does not move every id either; once in a while
(a busier week than any before, a new item past the top week, or an item
older than the oldest) every id moves and the export is written anew.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

WEEK_DAYS = 7
TOP_WEEKS = 64


def week(date: str) -> int:
    """Weeks since 0001-01-01 (a Monday), from an ISO date such as 2023-01-31T08:30:00."""
    return dt.date.fromisoformat(date[:10]).toordinal() // WEEK_DAYS


@dataclass(frozen=True)
class Grid:
    slots: int  # K: ids per week
    top: int  # the week of id 0
    oldest: int  # the oldest week with an item

    @property
    def weeks(self) -> int:
        return self.top - self.oldest + 1

    def chunk(self, doc_id: int) -> int:
        """The record file (one per week) of a doc id."""
        return doc_id // self.slots


def tie_order(items) -> list:
    """Items (dicts with url and date) newest first, then by URL: the order equal scores are shown in."""
    ordered = sorted(items, key=lambda item: item["url"])
    ordered.sort(key=lambda item: item["date"], reverse=True)
    return ordered


def assign(items) -> tuple[Grid, dict[str, int]]:
    """(the grid, url → doc id) for items with url and date, in any order."""
    ordered = tie_order(items)
    if not ordered:
        return Grid(1, 0, 0), {}
    weeks = [week(item["date"]) for item in ordered]
    busiest, run = 1, 1
    for previous, current in itertools.pairwise(weeks):
        run = run + 1 if current == previous else 1
        busiest = max(busiest, run)
    slots = 1 << (busiest - 1).bit_length()
    top = (weeks[0] // TOP_WEEKS + 1) * TOP_WEEKS - 1
    grid = Grid(slots, top, weeks[-1])
    ids, slot = {}, 0
    for i, (item, w) in enumerate(zip(ordered, weeks, strict=True)):
        slot = slot + 1 if i and weeks[i - 1] == w else 0
        ids[item["url"]] = (top - w) * slots + slot
    return grid, ids
