"""The archive's analyzer: RunTokenizer | FoldFilter | HanNGramFilter, and how a query is read.

The browser client (theme/static/js/search/analysis.js) implements the same
three steps; vectors.json holds texts and the terms both must produce.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .filters import FoldFilter, HanNGramFilter
from .tokenizer import RunTokenizer


def archive_analyzer():
    return RunTokenizer() | FoldFilter() | HanNGramFilter()


ANALYZER = archive_analyzer()
# What separates query words, spelled out so that Python and JavaScript
# (analysis.js WORD_SEPARATOR) agree on every character: spaces, and the
# clause punctuation a reader types between keywords (海宁，开门红 and
# 海宁、开门红 are two words, as 海宁 开门红 is, not a phrase that no item
# prints), full-width or not. A comma between digits stays inside a word
# (1,000), and so do the point and the colon (3.0, 11:30).
WORD_SEPARATOR = re.compile(
    "(?:[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
    "\u3001\u3002\uff01\uff0c\uff1a\uff1b\uff1f]|(?<![0-9])[,;!?]|[,;!?](?![0-9]))+"
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
    for word in WORD_SEPARATOR.split(query):
        if not word:
            continue
        found = terms(word, mode="query")
        if found:
            first = found[0].pos
            words.append([(t.text, t.pos - first) for t in found])
    return words
