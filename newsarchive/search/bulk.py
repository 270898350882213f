"""A cold build's analysis: every term of every item at once, as sorted numpy arrays.

The same rules as analysis.fast (fold, runs, one position per Han character
or word), but instead of a dictionary per text, one array of character
codes for the whole archive: a term is a code (a character, a word's
number) or two codes (a bigram), and a stable sort groups every
occurrence by term, field and item, made one slice of terms at a time
(sorted_parts) so that only one slice's sorted arrays are in memory. Both
the Whoosh segment (segment.py) and the static export (export.py) are
written from each slice, and numbers become list text in bulk, so no step
costs a Python call per posting. test_bulk.py holds it to analysis.fast.
"""

from __future__ import annotations

import itertools
from array import array
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsarchive.analysis.fast import _compiled

# Stands for a word in the joined text: a private-use character, never inside
# a run, and in the Basic Multilingual Plane, so that the runs of an item
# read early (prepare.py) take two bytes a character, not four.
WORD = "\ue000"
WORD_BASE = 0x110000  # word codes: WORD_BASE + the word's number, above every character
CODE_BITS = 21
FIELD_BITS = 2


@dataclass
class Occurrences:
    """One row per position: its code and whether a bigram starts there; the item, field and position of a row come from ``sizes`` (locate)."""

    codes: np.ndarray  # uint32 (a code has CODE_BITS bits)
    pairs: np.ndarray  # bool: this character and the next are one run's
    words: list[str]
    fields: int  # fields per item
    sizes: np.ndarray  # int64: positions per (item, field), item-major
    ends: np.ndarray  # int64: the row after each (item, field)'s last, cumsum(sizes)

    def term(self, code: int) -> str:
        if code >> CODE_BITS:
            return chr(code >> CODE_BITS) + chr(code & ((1 << CODE_BITS) - 1))
        return self.words[code - WORD_BASE] if code >= WORD_BASE else chr(code)

    def locate(self, at: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The item, field and position of each row in ``at`` (int32, uint8, int32).

        Found from the (item, field) sizes rather than kept per row: three
        columns of the whole archive were 5 of its 10 bytes a position
        (17 MB of the search job's peak at 5,000 items, 150 MB at 50,000),
        and a slice's rows (in order) are found in a few passes.
        """
        group = np.searchsorted(self.ends, at, side="right")  # an empty (item, field) ends where the next starts
        pos = at - (self.ends[group] - self.sizes[group])
        return (group // self.fields).astype(np.int32), (group % self.fields).astype(np.uint8), pos.astype(np.int32)


@dataclass
class Tokens:
    """One item's runs, made as soon as the item is read (prepare.py); occurrences() joins every item's."""

    runs: str  # the item's runs joined, each word standing as WORD
    run_lengths: array  # "I": characters in each run (a word is one)
    words: list[str]  # the item's words, in order
    sizes: list[int]  # positions in each field


@lru_cache(maxsize=1)
def _fold_array() -> np.ndarray:
    """The analyzer's fold table as an array indexed by code point (those past its last key map to themselves)."""
    fold = _compiled()[2]
    table = np.arange(max(fold) + 1, dtype=np.uint32)
    table[np.fromiter(fold.keys(), dtype=np.int64)] = np.fromiter(fold.values(), dtype=np.uint32)
    return table


def folded(text: str) -> str:
    """``text.translate(fold)`` as one array lookup.

    str.translate looks every character up in a dict of 5,000 entries:
    0.65 s for the texts of 5,000 items, against 0.13 s here, in the search
    worker while Pelican reads. Short texts (titles, places) go through
    translate, which is quicker below about a hundred characters.
    """
    if len(text) < 100:
        return text.translate(_compiled()[2])
    table = _fold_array()
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    out = np.where(codes < len(table), table[np.minimum(codes, len(table) - 1)], codes)
    return out.tobytes().decode("utf-32-le", "surrogatepass")  # uint32, as codes and table are


def tokenize(fields: tuple[str, ...]) -> Tokens:
    """The runs of one item's field texts, in the order given."""
    run, strip, _ = _compiled()
    parts, run_lengths, words, sizes = [], array("I"), [], []
    for text in fields:
        size = 0
        for han, word in run.findall(folded(text)):
            if han:
                han = strip.sub("", han)
                parts.append(han)
                run_lengths.append(len(han))
                size += len(han)
            else:
                parts.append(WORD)
                run_lengths.append(1)
                words.append(word)
                size += 1
        sizes.append(size)
    return Tokens("".join(parts), run_lengths, words, sizes)


def occurrences(items: list[Tokens]) -> Occurrences:
    """The positions of every item's tokens (item-major, fields in the order tokenized)."""
    numbers: dict[str, int] = {}
    total = sum(len(tokens.runs) for tokens in items)
    codes = np.empty(total, dtype=np.uint32)
    pairs = np.ones(total, dtype=bool)
    # A batch of items at a time: the whole archive's text as one string of
    # 4-byte codes, and its copy, were a third of the job's peak.
    row = 0
    for a in range(0, len(items), JOIN_ITEMS):
        batch = items[a:a + JOIN_ITEMS]
        text = "".join(tokens.runs for tokens in batch).encode("utf-32-le")
        rows = codes[row:row + len(text) // 4]
        rows[:] = np.frombuffer(text, dtype=np.uint32)
        del text
        word_numbers = [numbers.setdefault(word, len(numbers)) for tokens in batch for word in tokens.words]
        if word_numbers:
            rows[rows == ord(WORD)] = WORD_BASE + np.asarray(word_numbers, dtype=np.uint32)
        run_lengths = np.concatenate([np.frombuffer(t.run_lengths, dtype=np.uint32) for t in batch])
        if len(run_lengths):
            pairs[row + np.cumsum(run_lengths, dtype=np.int64) - 1] = False
        row += len(rows)
    if len(numbers) >= (1 << CODE_BITS) - WORD_BASE:
        raise ValueError("too many distinct words for the bulk analyzer")
    n_fields = len(items[0].sizes) if items else 1
    sizes = np.asarray([size for tokens in items for size in tokens.sizes], dtype=np.int64)
    words = [None] * len(numbers)
    for word, number in numbers.items():
        words[number] = word
    return Occurrences(codes, pairs, words, n_fields, sizes, np.cumsum(sizes))


# Items whose runs are joined at once by occurrences(): a few hundred kB of codes.
JOIN_ITEMS = 256


@dataclass
class Sorted:
    """Every export term occurrence (each character, each bigram), sorted by (term, field, item, position)."""

    key: np.ndarray  # term code << FIELD_BITS | field
    doc: np.ndarray  # int32
    pos: np.ndarray  # int32
    ends_run: np.ndarray  # a character that no bigram starts with (the end of a run, or a word)


# Rows (occurrences) per slice of sorted_parts: the sort's and the writers'
# arrays exist for one slice at a time; the largest, the export's list text,
# took about 250 bytes a row (measured with tracemalloc, 5,000 items). Smaller
# slices were no slower down to 32,768 rows (numpy's passes stay in cache).
PART_ROWS = 1 << 15


def sorted_parts(occ: Occurrences, rows: int = PART_ROWS):
    """Every occurrence sorted by (term, field, item, position), as consecutive slices of whole terms.

    The same order as one stable sort of all of them (characters first,
    bigrams after, as their keys are larger), but only one slice's keys and
    order are ever in memory: the rows are put in buckets by ranges of
    their (first) character, each bucket about ``rows`` rows, and each
    bucket is sorted alone. Buckets are found GROUP at a time (a mask, then
    a radix sort of the bucket numbers, which keeps rows in their original
    order), so that no array of 64-bit row numbers covers the whole archive.
    """
    yield from _slices(occ, None, rows, bigrams=False)
    yield from _slices(occ, occ.pairs, rows, bigrams=True)


GROUP = 8
# Rows whose codes are looked at together while bucketing: arrays of the
# whole archive's codes or row numbers were 10–20 MB more at the job's peak.
BLOCK = 1 << 18


def _slices(occ: Occurrences, mask: np.ndarray | None, size: int, bigrams: bool):
    """Sorted slices of the rows in ``mask`` (None: every row), in buckets by ranges of their first character's code."""
    n = len(occ.codes)

    def first(a: int) -> np.ndarray:
        codes = occ.codes[a:a + BLOCK]
        return codes if mask is None else codes[mask[a:a + BLOCK]]

    top, high_char = -1, -1
    for a in range(0, n, BLOCK):
        if len(codes := first(a)):
            top = max(top, int(codes.max()))
            if len(chars := codes[codes < WORD_BASE]):
                high_char = max(high_char, int(chars.max()))
    if top < 0:
        return
    # Counted by a dense number, in the same order as the codes: the words'
    # codes start past every code point (WORD_BASE), and counts of all the
    # unused ones between were three arrays of 9 MB at the job's peak.
    gap = np.uint32(WORD_BASE - high_char - 1) if top >= WORD_BASE else np.uint32(0)

    def dense(codes: np.ndarray) -> np.ndarray:
        return np.where(codes >= WORD_BASE, codes - gap, codes) if gap else codes

    top -= int(gap)
    counts = np.zeros(top + 1, dtype=np.int64)
    for a in range(0, n, BLOCK):
        counts += np.bincount(dense(first(a)), minlength=top + 1)
    per_code = np.cumsum(counts)
    del counts
    # a range ends at the code where the running count passes the next multiple of size
    ends = np.unique(np.searchsorted(per_code, np.arange(size, per_code[-1], size), side="left") + 1)
    ends = ends[ends < len(per_code)]
    buckets = len(ends) + 1
    # the smallest type that holds every bucket's number and the one past them (a column of the whole archive)
    kind = np.uint8 if buckets < (1 << 8) else np.uint16 if buckets < (1 << 16) else np.int32
    table = np.repeat(np.arange(buckets, dtype=kind), np.diff(np.concatenate([[0], ends, [len(per_code)]])))
    del per_code
    # the bucket of each row; rows outside the mask get one no group picks
    bucket = np.full(n, buckets, dtype=kind)
    for a in range(0, n, BLOCK):
        if mask is None:
            bucket[a:a + BLOCK] = table[dense(occ.codes[a:a + BLOCK])]
        else:
            inside = mask[a:a + BLOCK]
            bucket[a:a + BLOCK][inside] = table[dense(occ.codes[a:a + BLOCK][inside])]
    del table
    for lo in range(0, buckets, GROUP):
        picked = np.flatnonzero((bucket >= lo) & (bucket < min(lo + GROUP, buckets)))
        numbers = bucket[picked]
        picked = picked[np.argsort(numbers, kind="stable")]  # a radix sort: rows stay in order within a bucket
        bounds = [0, *np.cumsum(np.bincount(numbers - lo, minlength=GROUP)).tolist()]
        del numbers
        for a, b in itertools.pairwise(bounds):
            if a < b:
                yield _sorted(occ, picked[a:b], bigrams)


def _sorted(occ: Occurrences, at: np.ndarray, bigrams: bool) -> Sorted:
    """The rows ``at`` (in their original order) sorted by key."""
    key = occ.codes[at].astype(np.uint64)
    if bigrams:
        key <<= np.uint64(CODE_BITS)
        key |= occ.codes[at + 1]
    doc, field, pos = occ.locate(at)
    key <<= np.uint64(FIELD_BITS)
    key |= field
    order = np.argsort(key, kind="stable")  # keeps item and position order inside a term
    ends_run = np.zeros(len(at), dtype=bool) if bigrams else ~occ.pairs[at[order]]
    return Sorted(key[order], doc[order], pos[order], ends_run)


def parts(s, count: int):
    """``s`` in about ``count`` consecutive slices, each holding whole terms.

    ``s`` may also be slices made already (an iterable of Sorted, such as
    sorted_parts gives): they are passed on one at a time, as they come.
    """
    if not isinstance(s, Sorted):
        yield from s
        return
    terms = s.key >> np.uint64(FIELD_BITS)
    start = 0
    for i in range(1, count + 1):
        end = len(terms) if i == count else int(np.searchsorted(terms, terms[min(len(terms) - 1, len(terms) * i // count)],
                                                                side="right"))
        if end > start:
            yield Sorted(s.key[start:end], s.doc[start:end], s.pos[start:end], s.ends_run[start:end])
        start = max(start, end)


def boundaries(*columns: np.ndarray) -> np.ndarray:
    """Indexes where any of the columns changes (0 included)."""
    n = len(columns[0])
    change = np.zeros(n, dtype=bool)
    if n:
        change[0] = True
        for c in columns:
            change[1:] |= c[1:] != c[:-1]
    return np.flatnonzero(change)


def decimal_text(values: np.ndarray) -> tuple[bytes, np.ndarray]:
    """Non-negative integers as ``"12,3,456,"`` (each followed by a comma), and where each one starts.

    Every number is written right-aligned into a row of the widest one's
    width, then the leading cells are dropped: a handful of array passes
    instead of a str() per number.
    """
    values = values.astype(np.uint32)
    width = len(str(int(values.max()))) if len(values) else 1
    cells = np.empty((len(values), width + 1), dtype=np.uint8)
    cells[:, width] = ord(",")
    rest, quotient = values.copy(), np.empty_like(values)
    for place in range(width - 1, -1, -1):
        np.floor_divide(rest, 10, out=quotient)
        cells[:, place] = rest - quotient * 10
        rest, quotient = quotient, rest
    cells[:, :width] += ord("0")
    digits = np.ones(len(values), dtype=np.uint8)
    for power in range(1, width):
        digits += values >= 10**power
    keep = np.arange(width + 1, dtype=np.uint8)[None, :] >= (width - digits)[:, None]
    widths = digits.astype(np.int64) + 1
    return cells[keep].tobytes(), np.cumsum(widths) - widths


@dataclass
class Lists:
    """The export's list text of every (term, field), and the entries inside it.

    ``text`` holds every field list, each number followed by a comma;
    group g (a term in one field) is entries ``group_entries[g]:group_entries[g+1]``,
    entry e starts at byte ``entry_at[e]`` and is item ``entry_id[e]``.
    """

    codes: np.ndarray  # term code of each group
    fields: np.ndarray  # field of each group
    group_entries: np.ndarray
    entry_id: np.ndarray
    entry_at: np.ndarray
    entry_score: np.ndarray | None  # the entry's score in a query of its term alone, if asked for
    text: bytes

    def field_text(self, g: int) -> bytes:
        a, b = self.group_entries[g], self.group_entries[g + 1]
        end = self.entry_at[b] if b < len(self.entry_at) else len(self.text)
        return self.text[self.entry_at[a]:end - 1]

    def entries_text(self, a: int, b: int) -> bytes:
        end = self.entry_at[b] if b < len(self.entry_at) else len(self.text)
        return self.text[self.entry_at[a]:end - 1]


def export_lists(s: Sorted, ids: np.ndarray, lengths: np.ndarray, scorer=None) -> Lists:
    """``ids[item]`` the doc id, ``lengths[item, field]`` its exact length in characters.

    ``scorer(fields, group_entries, counts, lengths)``: each entry's score
    from its group's field and bounds and its own count and field length
    (packs.entry_scores), kept as ``entry_score``.
    """
    rows = len(s.key)
    entry = boundaries(s.key, s.doc)
    groups = boundaries(s.key)
    counts = np.diff(np.append(entry, rows))
    entry_doc = s.doc[entry]
    entry_field = (s.key[entry] & np.uint64((1 << FIELD_BITS) - 1)).astype(np.int64)
    entry_ids = ids[entry_doc].astype(np.int64)
    first_of_group = np.zeros(len(entry), dtype=bool)
    first_of_group[np.searchsorted(entry, groups)] = True
    deltas = entry_ids - np.where(first_of_group, 0, np.roll(entry_ids, 1))
    # each entry: id delta, length, count, then its positions (first absolute, then steps)
    steps = s.pos - np.roll(s.pos, 1)
    is_entry_start = np.zeros(rows, dtype=bool)
    is_entry_start[entry] = True
    steps[is_entry_start] = s.pos[is_entry_start]
    entry_of_row = np.cumsum(is_entry_start) - 1
    values = np.empty(rows + 3 * len(entry), dtype=np.int32)
    row_at = np.arange(rows) + 3 * (entry_of_row + 1)
    values[row_at] = steps
    head = entry + 3 * np.arange(len(entry))
    values[head] = deltas
    entry_lengths = lengths[entry_doc, entry_field]
    values[head + 1] = entry_lengths
    values[head + 2] = counts
    text, number_at = decimal_text(values)
    fields = (s.key[groups] & np.uint64((1 << FIELD_BITS) - 1)).astype(np.int64)
    group_entries = np.append(np.searchsorted(entry, groups), len(entry))
    return Lists(
        codes=(s.key[groups] >> np.uint64(FIELD_BITS)),
        fields=fields,
        group_entries=group_entries,
        entry_id=entry_ids,
        entry_at=number_at[head],
        entry_score=None if scorer is None else scorer(fields, group_entries, counts, entry_lengths),
        text=text,
    )
