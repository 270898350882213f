"""Packs: the record files of a common term's first page of results, in one file.

A results page shows ten items, and each item's record file (records.py)
was a request of its own: ten of a query's 15 to 21. On two cores every
request costs the page and the host a few milliseconds, and one file for
the ten took the benchmark's time to results from 154 to 130 ms (medians
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
# The search page's page size (page.js PAGE_SIZE).
PAGE = 10


def first_page(ids: list[np.ndarray], fields: list[int], counts: list[np.ndarray], lengths: list[np.ndarray],
               avg: list[float], doc_count: int) -> list[int]:
    """The doc ids a query of this one term shows first, in rank order, as engine.js ranks them.

    Per field the term is in: the ids of its items, the term's count in
    each and the field's length there. Each field's weight is
    scoring.weight, in the same order of operations (the same doubles), and
    ties go to the lower doc id.
    """
    all_ids, all_scores = [], []
    for field_ids, f, tf, length in zip(ids, fields, counts, lengths, strict=True):
        boost_idf = FIELD_BOOSTS[SEARCH_FIELDS[f]] * idf(len(field_ids), doc_count)
        tf = tf.astype(np.float64)
        norm = K1 * (1 - B + B * length.astype(np.float64) / avg[f]) if avg[f] > 0 else K1
        value = boost_idf * (tf * (K1 + 1)) / (tf + norm)
        all_ids.append(field_ids)
        all_scores.append(np.floor(value * SCALE + 0.5))
    docs, at = np.unique(np.concatenate(all_ids), return_inverse=True)
    scores = np.bincount(at, weights=np.concatenate(all_scores))
    return docs[np.lexsort((docs, -scores))[:PAGE]].tolist()


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
