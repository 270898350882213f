"""The ranking formula, used by the CLI, by Whoosh's searcher and (in JavaScript) by the browser.

BM25 per field with a field boost, summed over fields and query words. The
term frequency of a query word is the number of places where the whole
word occurs (its terms adjacent, in order), so 宣讲队 three times beats 宣讲
ten times and 队 once: phrase adjacency counts, scattered characters do not.

Every input is exported for the browser: document counts, the length of each
field in characters (exact: Whoosh's own field lengths are stored in one
lossy byte), the average lengths. Each (word, field) score is rounded to an
integer number of thousandths, so sums are exact integers in both languages,
and ties are broken by a total order (newer first, then URL).
"""

from __future__ import annotations

import math
from collections.abc import Container
from dataclasses import dataclass, field

from whoosh.scoring import BaseScorer, WeightingModel

from .schema import FIELD_BOOSTS, SEARCH_FIELDS

K1 = 1.2
B = 0.75
SCALE = 1000


def idf(doc_freq: int, doc_count: int) -> float:
    return math.log(1 + (doc_count - doc_freq + 0.5) / (doc_freq + 0.5))


def weight(tf: int, doc_freq: int, length: int, avg_length: float, doc_count: int, boost: float) -> int:
    """Score of one query word in one field of one document, in thousandths (an integer)."""
    if tf <= 0:
        return 0
    norm = K1 * (1 - B + B * length / avg_length) if avg_length > 0 else K1
    value = boost * idf(doc_freq, doc_count) * (tf * (K1 + 1)) / (tf + norm)
    return math.floor(value * SCALE + 0.5)


@dataclass
class CorpusStats:
    """What the formula needs about the whole index: counts and exact field lengths."""

    doc_count: int
    avg_lengths: dict[str, float]
    lengths: dict[int, dict[str, int]]  # docnum -> field -> characters
    stored: dict[int, dict] = field(default_factory=dict)  # docnum -> stored fields, of the documents kept

    @classmethod
    def of(cls, reader, keep: Container[int] = ()) -> CorpusStats:
        """The counts and lengths, and the stored fields of the documents in ``keep``.

        The lengths are read off every document's stored fields, a pass over
        the whole index (a second one for the hits took 0.6 s at 50,000 items):
        what a caller needs of them is kept on the way.
        """
        lengths = {}
        stored_of = {}
        for docnum, stored in reader.iter_docs():
            lengths[docnum] = dict(zip(SEARCH_FIELDS, stored["lengths"], strict=True))
            if docnum in keep:
                # without the body text, which no caller shows: "镇" keeps 15,000 of them
                stored_of[docnum] = {k: v for k, v in stored.items() if k != "text"}
        n = len(lengths)
        totals = {f: sum(ls[f] for ls in lengths.values()) for f in SEARCH_FIELDS}
        return cls(n, {f: (totals[f] / n if n else 0.0) for f in SEARCH_FIELDS}, lengths, stored_of)


class ArchiveBM25F(WeightingModel):
    """The same formula as a Whoosh weighting model, for single-term Whoosh queries.

    Whoosh's Phrase queries sum the weights of a phrase's terms; the archive
    engine (engine.py) counts whole-phrase occurrences instead, and calls
    ``weight`` directly. For one-term words the two agree exactly, which a
    test checks.
    """

    use_final = False

    def __init__(self, stats: CorpusStats):
        self.stats = stats

    def scorer(self, searcher, fieldname, text, qf=1):
        return _Scorer(self.stats, fieldname, searcher.doc_frequency(fieldname, text))


class _Scorer(BaseScorer):
    def __init__(self, stats: CorpusStats, fieldname: str, doc_freq: int):
        self.stats, self.fieldname, self.doc_freq = stats, fieldname, doc_freq
        self.boost = FIELD_BOOSTS.get(fieldname, 1.0)

    def supports_block_quality(self):
        return False

    def score(self, matcher):
        s = self.stats
        return float(weight(int(matcher.weight()), self.doc_freq, s.lengths[matcher.id()][self.fieldname],
                            s.avg_lengths[self.fieldname], s.doc_count, self.boost))
