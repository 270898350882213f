"""What the search page shows of a result: display records (one file per week) and the item text in pieces.

- r/<week>-<hash>.json.gz: the records of the items of one week of the doc
  id grid (docids.py), in id order: URL, title, date, places, type, credit
  and the pieces of the text as [first position, hash].
- t/<hash>.txt.gz: a piece of an item's plain text (whole sentences, about
  PIECE_CHARS characters), fetched only to cut the snippet around a match.
"""

from __future__ import annotations

import itertools
import json
import re

from newsarchive.analysis.fast import position_count

from .bundle import EMPTY_SLOT, Bundle

# A snippet needs one piece, and the archive's files are mostly pieces: at
# 400 characters an item had 2.3 of them (10,600 files for 5,000 items, a
# third of the search files, each a file to create, link and upload); at
# 1,200 most news items are one piece (5,200 files), and a snippet fetches
# about 1.3 KB instead of 0.7 KB.
PIECE_CHARS = 1200
# Pieces end after these: never inside a run of Han characters or a word, so
# positions inside a piece are its first position plus the piece's own count.
_SENTENCE_END = re.compile(r"(?<=[。！？；\n])")


def dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def split_pieces(text: str) -> list[str]:
    """Consecutive pieces of whole sentences, about PIECE_CHARS each (one empty piece for no text)."""
    pieces, current = [], ""
    for sentence in _SENTENCE_END.split(text):
        current += sentence
        if len(current) >= PIECE_CHARS:
            pieces.append(current)
            current = ""
    if current or not pieces:
        pieces.append(current)
    return pieces


def text_pieces(text: str, counts: list[int] | None = None):
    """(first position, piece) for split_pieces(text); ``counts``: the positions of each piece, when known."""
    pieces = split_pieces(text)
    counts = counts if counts is not None else [position_count(piece) for piece in pieces]
    starts = itertools.accumulate(counts[:-1], initial=0)
    return list(zip(starts, pieces, strict=True))


def write_pieces(bundle: Bundle, text: str, counts: list[int] | None = None) -> list[list]:
    """Write the pieces of an item's text; [[first position, hash], …] ([] for an item without text)."""
    if not text:
        return []
    return [[start, bundle.put("t", piece.encode("utf-8"), ".txt.gz")] for start, piece in text_pieces(text, counts)]


def record(fields: dict, pieces: list[list]) -> dict:
    """The display record of an item (items.item_fields) with its text pieces."""
    out = {"u": fields["url"], "t": fields["title"], "d": fields["date"][:10], "c": fields["county"],
           "s": list(fields["townships"]), "y": fields["type"]}
    if pieces:
        out["x"] = pieces
    if fields["credit"]:
        out["r"] = fields["credit"]
    return out


def write_week(bundle: Bundle, week: int, records: list[dict]) -> str:
    """The record file of one week (its records in id order); EMPTY_SLOT for a week without items."""
    if not records:
        return EMPTY_SLOT
    return bundle.put("r", dumps(records), ".json.gz", slot=week)
