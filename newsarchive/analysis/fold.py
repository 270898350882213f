"""Character folding: one table lookup per character, the same table in Python and the browser.

The table (fold.json, written by make_fold_table.py) makes full-width and
half-width forms one, Latin case one, and traditional characters simplified.
Each character maps to exactly one character, so a folded text has the same
offsets as the original and highlights land on the right characters.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

TABLE_FILE = Path(__file__).with_name("fold.json")


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    data = json.loads(TABLE_FILE.read_text(encoding="utf-8"))
    return dict(zip(data["from"], data["to"], strict=True))


def fold(text: str) -> str:
    get = table().get
    return "".join([get(c, c) for c in text])


# Which Han characters fold to another (traditional ones, mostly), as a
# bitmap over the blocks a query's characters come from: the browser reads
# it (analysis.js, FOLDING_HAN) to fetch at once the table buckets a query
# needs, instead of learning from its shards that a term is missing. Six
# bits a character of the base64 alphabet, lowest bit first: bit k is
# U+3400 + k, in character k // 6. Not base64 proper: the browser reads the
# one character it needs, where decoding the whole string first cost a cold
# page 2 ms. Han characters outside these blocks (compatibility ideographs,
# extension B and later) are taken to fold: asking for a bucket too many
# costs a small file, one too few a wrong result.
FOLDING_FIRST, FOLDING_END = 0x3400, 0xA000
SIXES = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def folding_han_bitmap() -> str:
    """The bitmap, the string analysis.js holds (make_fold_table.py writes it there)."""
    from .chars import is_han

    sixes = [0] * -(-(FOLDING_END - FOLDING_FIRST) // 6)
    for source in table():
        code = ord(source)
        if is_han(source) and FOLDING_FIRST <= code < FOLDING_END:
            k = code - FOLDING_FIRST
            sixes[k // 6] |= 1 << (k % 6)
    return "".join(SIXES[v] for v in sixes)


def may_fold(c: str) -> bool:
    """True for every Han character the table folds (and for Han outside the bitmap's blocks)."""
    from .chars import is_han

    code = ord(c)
    if not is_han(c):
        return False
    return c in table() if FOLDING_FIRST <= code < FOLDING_END else True
