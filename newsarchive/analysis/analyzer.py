"""The archive's analyzer: RunTokenizer | FoldFilter | HanNGramFilter, and how a query is read.

The browser client (theme/static/js/search/analysis.js) implements the same
three steps; vectors.json holds texts and the terms both must produce.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .filters import FoldFilter, HanNGramFilter
from .fold import fold
from .tokenizer import RunTokenizer


def archive_analyzer():
    return RunTokenizer() | FoldFilter() | HanNGramFilter()


ANALYZER = archive_analyzer()
# What separates query words, spelled out so that Python and JavaScript
# (analysis.js WORD_SEPARATOR) agree on every character: spaces, and the
# clause punctuation a reader types between keywords (海宁，开门红 and
# 海宁、开门红 are two words, as 海宁 开门红 is, not a phrase that no item
# prints). It is matched on the folded query, so a full-width form splits
# where its half-width one does: typed in full-width mode, 1,000 is
# １，０００ and 9:30 is ９：３０. A comma stays inside a word between a
# digit and a group of three (1,000, 12,345,678: the figure as printed,
# 1,000 or 1，000); between other digits it separates keywords, as input
# methods type 2023,2024 for 2023，2024. A colon between digits stays
# inside too (9:30), as the point does (3.0: no separator at all).
WORD_SEPARATOR = re.compile(
    "(?:[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u3001\u3002;!?]"
    "|(?<![0-9]),|,(?![0-9]{3}(?![0-9]))|(?<![0-9]):|:(?![0-9]))+"
)


@dataclass(frozen=True)
class Term:
    text: str
    pos: int
    start: int
    end: int


def terms(text: str, mode: str = "index") -> list[Term]:
    """Every term of ``text`` with its position and character offsets."""
    return [Term(t.text, t.pos, t.startchar, t.endchar) for t in ANALYZER(text, positions=True, chars=True, mode=mode)]


def query_words(query: str) -> list[list[tuple[str, int]]]:
    """A query's words (split at spaces and clause punctuation), each a list of (term, position relative to the word's first term).

    A word matches where all its terms stand at these relative positions;
    a word without any term (only punctuation) is dropped.
    """
    words = []
    # folding is what terms() does first, and doing it twice changes nothing
    for word in WORD_SEPARATOR.split(fold(query)):
        if not word:
            continue
        found = terms(word, mode="query")
        if found:
            first = found[0].pos
            words.append([(t.text, t.pos - first) for t in found])
    return words
