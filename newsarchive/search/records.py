"""What the search page shows of a result: one file per item (its display record and the first piece of its text), and the rest of the text in pieces.

- r/<doc id>-<week hash>.json.gz: one item's first piece of plain text, a
  newline, and its display record as JSON: URL, title, date, places, type,
  authors, credit and the pieces of the text as [first position, hash]. The week
  hash (docids.py's grid; the manifest lists one a week) is a hash of the
  records of the items of that week, so a change to any of them renames
  the week's files.
- t/<hash>.txt.gz: a piece of an item's plain text after the first (whole
  sentences, about PIECE_CHARS characters), fetched only to cut a snippet
  around a match that lies that far into a long item.

Most news items are one piece. With the first piece in the item's own
file, a result's title and its snippet come in one request: the list is
drawn with its snippets, where the page used to fetch a week's records
and then each result's piece, two rounds of ten requests.
"""

from __future__ import annotations

import itertools
import json
import re
import zlib
from typing import NamedTuple

from newsarchive.analysis.fast import position_count

from . import gzpieces
from .bundle import EMPTY_SLOT, Bundle, name_of
from .spare_core import Made

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


class First(NamedTuple):
    """An item's first piece of text, deflated (gzpieces.deflate), with the CRC-32 and size of its UTF-8 bytes."""

    deflated: bytes
    crc: int
    size: int


def first_piece(piece: str) -> First:
    raw = piece.encode("utf-8")
    return First(gzpieces.deflate(raw), zlib.crc32(raw), len(raw))


NO_TEXT = first_piece("")


def write_pieces(bundle: Bundle, text: str, counts: list[int] | None = None) -> tuple[list[list], First]:
    """Write the pieces of an item's text after the first; [[first position, hash], …] of every piece, and the first.

    The first piece goes into the item's own record file (write_item), so
    it has a hash like the others (the week's name changes with it) but no
    file of its own. [] and NO_TEXT for an item without text.
    """
    if not text:
        return [], NO_TEXT
    pieces = text_pieces(text, counts)
    named = [[0, name_of(pieces[0][1].encode("utf-8"))]]
    named += [[start, bundle.put("t", piece.encode("utf-8"), ".txt.gz")] for start, piece in pieces[1:]]
    return named, first_piece(pieces[0][1])


def written_pieces(pieces: list[list]) -> list[str]:
    """The names of the files in t/ of an item's pieces (all but the first)."""
    return [name for _, name in pieces[1:]]


def record(fields: dict, pieces: list[list]) -> dict:
    """The display record of an item (items.item_fields) with its text pieces."""
    out = {"u": fields["url"], "t": fields["title"], "d": fields["date"][:10], "c": fields["county"],
           "s": list(fields["townships"]), "y": fields["type"]}
    if pieces:
        out["x"] = pieces
    # The byline the card shows, where a search for a reporter marks the name
    # (results.js). Left out when there is none, as the credit: a query's
    # first page downloads ten records.
    if fields["authors"]:
        out["a"] = list(fields["authors"])
    if fields["credit"]:
        out["r"] = fields["credit"]
    return out


def week_name(week: int, dumped: list[bytes]) -> str:
    """The hash part of the names of a week's record files, from its records dumped in id order; EMPTY_SLOT for none.

    The hash is that of dumps(records): the list's JSON is its items' JSON joined.
    """
    if not dumped:
        return EMPTY_SLOT
    return name_of(b"[" + b",".join(dumped) + b"]", week).rpartition("-")[2]


def item_file(doc: int, week: str) -> str:
    return f"{doc}-{week}"


# A record is a few hundred bytes: a 512-byte window compresses it as well.
RECORD_WINDOW_BITS = 9


def write_item(bundle: Bundle, doc: int, week: str, dumped: bytes, first: First, keep: bool = False) -> Made:
    """An item's record file: its first piece of text, a newline, its record (``dumped``).

    The text comes first, so the CRC taken when it was deflated (while
    Pelican read) carries on into the record; only the record is deflated
    here, on the spare core. A queued file holds its record alone: the
    first piece is the caller's, kept until the export ends. The Made
    holds the file's bytes if ``keep`` (for a pack, packs.py), else None.
    """
    tail = b"\n" + dumped

    def make():
        data = gzpieces.assemble_crc([first.deflated, gzpieces.deflate(tail, window_bits=RECORD_WINDOW_BITS)],
                                     zlib.crc32(tail, first.crc), first.size + len(tail))
        return data, data if keep else None

    return bundle.write_made("r", item_file(doc, week), ".json.gz", make, len(tail))
