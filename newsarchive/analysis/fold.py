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

from .chars import is_han

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


def may_fold(c: str) -> bool:
    """True for every Han character the table folds (and for Han outside the bitmap's blocks)."""
    if not is_han(c):
        return False
    return c in table() if FOLDING_FIRST <= ord(c) < FOLDING_END else True


def folding_han_bitmap() -> str:
    """may_fold over the bitmap's blocks: the string analysis.js holds (make_fold_table.py writes it there)."""
    sixes = [0] * -(-(FOLDING_END - FOLDING_FIRST) // 6)
    for k in range(FOLDING_END - FOLDING_FIRST):
        if may_fold(chr(FOLDING_FIRST + k)):
            sixes[k // 6] |= 1 << (k % 6)
    return "".join(SIXES[v] for v in sixes)
