"""The filters after RunTokenizer: fold characters, then cut Han runs into n-grams.

Both are Whoosh filters (a callable over a token stream) and both keep a
token's ``offsets``, so highlights map back onto the original text.
"""

from __future__ import annotations

from whoosh.analysis import Filter

from .fold import table


class FoldFilter(Filter):
    """Full-width → half-width, lower case, traditional → simplified: one table, one character each."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, tokens):
        get = table().get
        for t in tokens:
            t.text = "".join([get(c, c) for c in t.text])
            yield t


class HanNGramFilter(Filter):
    """Han runs become overlapping bigrams (and unigrams when indexing); words pass as they are.

    Positions count characters inside a Han run and one per word, so a
    query's terms can be checked for adjacency: 宣讲队 is the bigrams 宣讲 at
    p and 讲队 at p+1, and never matches 宣讲 … 队 far apart. Indexing keeps
    every character as a unigram too, for one-character queries; a query of
    two or more Han characters uses bigrams only, which no dictionary can
    miss: every run of two or more characters in a text is a chain of its
    bigrams.
    """

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, tokens):
        pos = None
        for t in tokens:
            if pos is None:
                pos = getattr(t, "pos", 0) if t.positions else 0
            query = t.mode == "query"
            if not t.han:
                yield from self._emit(t, t.text, pos, t.offsets[0], t.offsets[-1] + 1)
                pos += 1
                continue
            text, offsets, n = t.text, t.offsets, len(t.text)
            for i in range(n):
                if not query or n == 1:
                    yield from self._emit(t, text[i], pos + i, offsets[i], offsets[i] + 1)
                if i + 1 < n:
                    yield from self._emit(t, text[i:i + 2], pos + i, offsets[i], offsets[i + 1] + 1)
            pos += n

    @staticmethod
    def _emit(t, text, pos, start, end):
        t.text = text
        t.pos = pos  # set even when Whoosh did not ask: queries check adjacency with it
        if t.chars:
            t.startchar, t.endchar = start, end
        yield t
