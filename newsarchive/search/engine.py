"""The archive's search, evaluated on the Whoosh index: the reference the browser client repeats.

A query is split into words at spaces and clause punctuation (analysis.WORD_SEPARATOR); each word is analyzed into terms with
relative positions (newsarchive.analysis.query_words). An item matches when
every word occurs, its terms adjacent and in order, in the title, the body
or the meta field (authors, places, topics, credit), and it has every facet
asked for. Scores are scoring.weight summed over words and fields; equal
scores are ordered newer first, then by URL. theme/static/js/search/engine.js
does the same on the exported shards.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsarchive.analysis import query_words
from newsarchive.analysis.chars import is_han

from .schema import FACETS, FIELD_BOOSTS, SEARCH_FIELDS
from .scoring import SCALE, CorpusStats, weight

FACET_FIELDS = {"county": "county", "township": "township", "topic": "topic", "year": "year"}


@dataclass
class Hit:
    url: str
    title: str
    date: str
    score: float
    county: str = ""
    townships: list[str] = field(default_factory=list)
    type: str = "article"


def _positions(reader, fieldname: str, text: str, live) -> dict[int, list[int]]:
    """docnum → positions of a query term. The index holds one term per position
    (see analysis.fast.position_terms): a single Han character is found at the
    positions of every term that starts with it."""
    if len(text) == 1 and is_han(text):
        terms = [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.expand_prefix(fieldname, text)]
        terms = [t for t in terms if is_han(t[0])]
    else:
        terms = [text] if (fieldname, text) in reader else []
    docs: dict[int, list[int]] = {}
    for term in terms:
        m = reader.postings(fieldname, term)
        while m.is_active():
            if m.id() in live:  # deleted documents stay in postings until a merge
                docs.setdefault(m.id(), []).extend(m.value_as("positions"))
            m.next()
    return docs


def phrase_counts(reader, fieldname: str, word: list[tuple[str, int]], live) -> dict[int, int]:
    """docnum → how often the word's terms stand at their relative positions in the field."""
    postings = []
    for text, offset in word:
        docs = _positions(reader, fieldname, text, live)
        if not docs:
            return {}
        postings.append((offset, docs))
    # Walk the rarest term's documents, look the others up.
    postings.sort(key=lambda p: len(p[1]))
    first_offset, first = postings[0]
    counts = {}
    for docnum, positions in first.items():
        others = []
        for offset, docs in postings[1:]:
            if docnum not in docs:
                break
            others.append((offset, set(docs[docnum])))
        else:
            starts = [p - first_offset for p in positions]
            n = sum(1 for s in starts if all(s + offset in pos for offset, pos in others))
            if n:
                counts[docnum] = n
    return counts


def facet_docs(reader, facet: str, value: str) -> set[int]:
    fieldname = FACET_FIELDS[facet]
    if (fieldname, value) not in reader:
        return set()
    return set(reader.postings(fieldname, value).all_ids())


def search(ix, query: str, filters: dict[str, str] | None = None, limit: int | None = None) -> tuple[list[Hit], int]:
    """(hits in rank order, at most ``limit`` of them; the number of all matching items)."""
    words = query_words(query)
    if not words:
        return [], 0
    with ix.searcher() as searcher:
        reader = searcher.reader()
        live = set(reader.all_doc_ids())
        # word → field → docnum → count; the documents that have every word
        counts = [{f: phrase_counts(reader, f, word, live) for f in SEARCH_FIELDS} for word in words]
        matching = set.intersection(*(set().union(*per_field.values()) for per_field in counts))
        for facet, value in (filters or {}).items():
            if value and facet in FACETS:
                matching &= facet_docs(reader, facet, value)
        # The scores need every document's field lengths, the hits their stored
        # fields: one pass over the stored fields reads both.
        stats = CorpusStats.of(reader, keep=matching)
        hits = []
        for docnum in matching:
            score = 0
            for per_field in counts:
                for f, field_counts in per_field.items():
                    tf = field_counts.get(docnum)
                    if tf:
                        score += weight(tf, len(field_counts), stats.lengths[docnum][f], stats.avg_lengths[f],
                                        stats.doc_count, FIELD_BOOSTS[f])
            hits.append((score, docnum, stats.stored[docnum]))
        # newest first among equals, then by URL: the same total order as the browser
        hits.sort(key=lambda h: h[2]["url"])
        hits.sort(key=lambda h: h[2]["date"], reverse=True)
        hits.sort(key=lambda h: h[0], reverse=True)
        total = len(hits)
        if limit is not None:
            hits = hits[:limit]
        return [
            Hit(
                url=s["url"], title=s["title"], date=s["date"][:10], score=score / SCALE,
                county=s["county"], townships=[t for t in s["township"].split(",") if t], type=s["type"],
            )
            for score, _, s in hits
        ], total
