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
