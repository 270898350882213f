"""Packs: the record files of a common term's first page of results, in one file.

A results page shows ten items, and each item's record file (records.py)
was a request of its own: ten of a query's 15 to 21. On two cores every
request costs the page and the host a few milliseconds, and one file for
the ten took the benchmark's time to results from 150 to 120 ms (medians
of its twelve queries, the two ways taking turns): the largest cost left.
Which ten a query shows is known only once its lists are scored, but a
one-word query ranks items as its term alone does, and a word of several
terms mostly as its rarest term does. So each long list (a term that
matches many items: few terms, most queries) names the ten items its term
alone ranks first, and k/<name>.pack holds their record files as they
are. engine.js fetches a pack instead of the single files when the pack
holds enough of the items a page shows.

An update never rewrites a pack, so an item edited since may be stale in
it. The pointer names each member's week as it was, and the browser takes
from a pack only the members whose week still has that name in the
manifest: a week's name is the hash of its records, which carry the hash
of each item's text (records.py), so any change to an item renames its week.

A pack: a JSON array of the members' sizes, a newline, then the members,
each an item's record file (gzip), byte for byte. Its pointer, the last
element of the long list's array (postlists.py): [name, [doc ids], the
members' week names joined].
"""

from __future__ import annotations

import json

import numpy as np

from .bundle import name_of
from .records import dumps, item_file
from .schema import FIELD_BOOSTS, SEARCH_FIELDS
from .scoring import SCALE, B, K1, idf

FOLDER = "k"
EXT = ".pack"
# A results page's length: the manifest gives it to the search page (page.js).
PAGE = 10


def entry_scores(fields: np.ndarray, group_entries: np.ndarray, counts: np.ndarray, lengths: np.ndarray,
                 avg: list[float], doc_count: int) -> np.ndarray:
    """Each entry's score in a query of its term alone (bulk.Lists: a group is a term in one field).

    scoring.weight for every entry at once, its operations in the same order
    as there and in engine.js (the same doubles), with each (field,
    document frequency)'s boost × idf from math.log, as those take it.
    """
    df = np.diff(group_entries)
    pairs, at = np.unique(df * len(SEARCH_FIELDS) + fields, return_inverse=True)
    boost_idf = np.array([FIELD_BOOSTS[SEARCH_FIELDS[p % len(SEARCH_FIELDS)]] * idf(p // len(SEARCH_FIELDS), doc_count)
                          for p in pairs.tolist()], dtype=np.float64)
    entry_field = np.repeat(fields, df)
    field_avg = np.array(avg, dtype=np.float64)[entry_field]
    tf = counts.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):  # a field no item has is never in a list
        norm = np.where(field_avg > 0, K1 * (1 - B + B * lengths.astype(np.float64) / field_avg), K1)
    value = np.repeat(boost_idf[at], df) * (tf * (K1 + 1)) / (tf + norm)
    return np.floor(value * SCALE + 0.5).astype(np.int32)  # a field's weight is well under 2**31 thousandths


def first_page(ids: np.ndarray, scores: np.ndarray, one_field: bool) -> list[int]:
    """The doc ids a query of one term shows first, in rank order, as engine.js ranks them.

    ``ids`` and ``scores``: the term's entries (entry_scores), field after
    field; an item in several fields has the sum. Ties go to the lower id.
    """
    if one_field:
        docs, totals = ids, scores
    else:
        docs, at = np.unique(ids, return_inverse=True)
        totals = np.bincount(at, weights=scores)
    # higher score first, then lower id: one integer key (scores and ids are under 2**31)
    key = (-totals).astype(np.int64) * (1 << 32) + docs
    if len(key) > PAGE:
        key = key[np.argpartition(key, PAGE)[:PAGE]]
    return (np.sort(key) % (1 << 32)).tolist()


def pointer(docs: list[int], weeks: list[str]) -> tuple[str, bytes]:
    """The pack's name and its pointer's JSON; ``weeks``: each member's week name now.

    The name is the hash of the members' record file names, which are
    themselves named by what they hold.
    """
    files = [item_file(doc, week) for doc, week in zip(docs, weeks, strict=True)]
    name = name_of(",".join(files).encode())
    return name, dumps([name, docs, "".join(weeks)])


def pack_data(members: list[bytes]) -> bytes:
    return dumps([len(m) for m in members]) + b"\n" + b"".join(members)


def members(data: bytes) -> list[bytes]:
    """The record files in a pack, in the pointer's order."""
    head, _, body = data.partition(b"\n")
    out, at = [], 0
    for size in json.loads(head):
        out.append(body[at:at + size])
        at += size
    return out
