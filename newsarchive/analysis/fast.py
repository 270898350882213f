"""The index-mode terms of a text, fast: the analyzer's rules with str.translate and one regular expression.

Indexing thousands of items through the analyzer's token stream costs a
Python call per character; this does the same work in C-level string
operations, a few times faster. It is an optimization only: the analyzer
(RunTokenizer | FoldFilter | HanNGramFilter) defines the rules, and
test_fast.py checks that both give the same terms at the same positions
for the shared vectors, every seed text and random text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from .chars import HAN_RANGES, TRANSPARENT, word_ranges
from .fold import table


@lru_cache(maxsize=1)
def _compiled():
    han = "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b != a else "") for a, b in HAN_RANGES)
    # chars.is_word(c) and not chars.is_han(c): the table's letters and
    # numbers as one class ([^\W_] would follow this Python's Unicode version)
    letters = "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b != a else "") for a, b in word_ranges())
    word = f"(?![{han}])[{letters}]"
    quote = "".join(re.escape(c) for c in sorted(TRANSPARENT))
    run = re.compile(f"([{han}](?:[{quote}]*[{han}])*)|((?:{word}|(?<=[0-9])\\.(?=[0-9]))+)")
    strip = re.compile(f"[{quote}]")
    fold = {ord(k): ord(v) for k, v in table().items()}
    return run, strip, fold


def postings(text: str) -> dict[str, list[int]]:
    """term → positions, exactly as ``terms(text, mode="index")`` gives them."""
    run, strip, fold = _compiled()
    out = defaultdict(list)
    pos = 0
    for han, word in run.findall(text.translate(fold)):
        if not han:
            out[word].append(pos)
            pos += 1
            continue
        s = strip.sub("", han)
        for i, c in enumerate(s):
            out[c].append(pos + i)
        for i in range(len(s) - 1):
            out[s[i:i + 2]].append(pos + i)
        pos += len(s)
    return dict(out)


def position_count(text: str) -> int:
    """How many positions the text's terms occupy (a Han character or a word each)."""
    run, strip, fold = _compiled()
    return sum(len(strip.sub("", han)) if han else 1 for han, _ in run.findall(text.translate(fold)))


def position_terms(text: str) -> dict[str, list[int]]:
    """One term per position: the bigram that starts there, or the character alone at the end of a run.

    What the Whoosh index stores: a quarter fewer postings than every
    unigram and bigram, and nothing lost. A character's occurrences are the
    positions of the terms that start with it (engine.py expands a single
    character to them); a run of two or more characters is its bigrams.
    """
    run, strip, fold = _compiled()
    out = defaultdict(list)
    pos = 0
    for han, word in run.findall(text.translate(fold)):
        if not han:
            out[word].append(pos)
            pos += 1
            continue
        s = strip.sub("", han)
        last = len(s) - 1
        for i in range(last):
            out[s[i:i + 2]].append(pos + i)
        out[s[last]].append(pos + last)
        pos += len(s)
    return dict(out)
