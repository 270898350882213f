"""A term's posting lists as the browser reads them, and as blocks that can be rewritten alone.

A term's entry is ``[[title],[meta],[body]]``; each field's list is the flat
sequence, for every item with the term in that field, of: doc id (as the
difference from the previous item's), field length, number of positions,
first position, the other positions (each as the difference from the one
before). theme/static/js/search/engine.js decodes it (decodePostings).

A long list's array may end with one more element, its pack's pointer
(packs.py), which rides in the file's closing piece.

A long list (a "heavy" term, a file of its own) is cut into blocks by doc id
range: block ``id >> shift``, the shift chosen from the number of entries so
that a block holds about BLOCK_ENTRIES of them. Each block is a piece of the
gzip file (gzpieces), so a changed item costs one block of each of its terms,
whatever the length of their lists. The cut depends on the content only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import gzpieces

FIELDS = 3
OPEN, BETWEEN, CLOSE = b"[[", b"],[", b"]]"
BLOCK_ENTRIES = 384
# Long lists are most of the export's bytes and of its compression time:
# level 4 deflates them three times faster than 6 for 4 % more bytes.
LEVEL = 4


def block_shift(entries: int, id_span: int) -> int:
    """The least shift whose blocks hold BLOCK_ENTRIES entries on average."""
    shift = 0
    while (max(entries, 1) << shift) < BLOCK_ENTRIES * id_span:
        shift += 1
    return shift


def delta_coded(ids) -> list[int]:
    """Sorted distinct ids as differences from the one before (the first from 0): facet lists, a patch's removals."""
    out, previous = [], 0
    for doc in sorted(set(ids)):
        out.append(doc - previous)
        previous = doc
    return out


def encode(entries, previous: int = 0) -> bytes:
    """Entries ``(doc id, [length, count, first position, steps...])`` sorted by id, as list text."""
    parts = []
    for doc, numbers in entries:
        parts.append(str(doc - previous))
        parts.extend(map(str, numbers))
        previous = doc
    return ",".join(parts).encode()


def decode(text: bytes, previous: int = 0) -> list[tuple[int, list[int]]]:
    """The inverse of ``encode``: (doc id, numbers) for each entry."""
    if not text:
        return []
    values = list(map(int, text.split(b",")))
    out, i = [], 0
    while i < len(values):
        previous += values[i]
        end = i + 3 + values[i + 2]
        out.append((previous, values[i + 1:end]))
        i = end
    return out


def splice(text: bytes, previous: int, new_previous: int, removed: set[int], added: dict[int, list[int]],
           count: int, last: int) -> tuple[bytes, int, int, int]:
    """A block's list text with ``removed`` ids taken out and ``added`` entries put in: (text, first, last, count).

    ``previous`` is the id its first difference was taken from, and
    ``new_previous`` the one to take it from now; ``count`` and ``last``
    describe the block as it was. Only the entries up to the last changed id
    are read: the rest of the text is kept as it is, but for the difference
    of its first entry.
    """
    parts = text.split(b",") if text else []
    changed = [*removed, *added]
    low, high = (min(changed), max(changed)) if changed else (0, -1)
    head, middle = [], []  # entries before the first change; entries among the changes
    i, doc, rest = 0, previous, None
    while i < len(parts):
        doc += int(parts[i])
        end = i + 3 + int(parts[i + 2])
        if doc > high:
            rest = (doc, i)
            break
        (head if doc < low else middle).append((doc, i, end))
        i = end
    out, at = [], new_previous
    if head:
        out = [str(head[0][0] - new_previous).encode(), *parts[1:head[-1][2]]]
        at = head[-1][0]
    merged = {d: parts[a + 1:b] for d, a, b in middle if d not in removed}
    merged.update((d, [str(n).encode() for n in numbers]) for d, numbers in added.items())
    for d in sorted(merged):
        out.append(str(d - at).encode())
        out.extend(merged[d])
        at = d
    if rest is not None:
        out.append(str(rest[0] - at).encode())
        out.extend(parts[rest[1] + 1:])
        at = last
    first = head[0][0] if head else min(merged) if merged else rest[0] if rest else None
    count += len(merged) - len(middle)
    return b",".join(out), first, at, count


def entry_text(fields: list[bytes]) -> bytes:
    """A light term's whole entry, as it stands in a shard."""
    return OPEN + BETWEEN.join(fields) + CLOSE


# A long list's last element may be its pack's pointer (packs.py), the
# only string in the array: lists hold numbers alone.
POINTER = b'],["'


def split_entry(text: bytes) -> list[bytes]:
    """Each field's list text of an entry or a long list's file (a pack pointer left out)."""
    cut = text.find(POINTER)
    if cut >= 0:
        text = text[:cut + 1] + b"]"
    return text[2:-2].split(BETWEEN)


@dataclass
class Block:
    field: int
    key: int
    first: int  # first doc id
    last: int  # last doc id
    count: int
    text: bytes  # the block's list text, its first id a difference from the previous block's last

    def as_row(self, raw_len: int, comp_len: int) -> list[int]:
        return [self.field, self.key, self.first, self.last, self.count, raw_len, comp_len]


@dataclass
class HeavyFile:
    data: bytes
    raw: bytes
    meta: dict = field(default_factory=dict)


def piece_texts(blocks: list[Block], pointer: bytes = b"") -> list[bytes]:
    """The raw text of each block's piece, then of the closing piece: the brackets ride along.

    ``pointer``: a pack pointer's JSON (packs.py), which goes into the closing
    piece, so that rewriting blocks (update.py) keeps it as it is.
    """
    texts, pending = [], b""
    by_field = [[b for b in blocks if b.field == f] for f in range(FIELDS)]
    for f, field_blocks in enumerate(by_field):
        pending += OPEN if f == 0 else BETWEEN
        for i, block in enumerate(field_blocks):
            texts.append(pending + (b"," if i else b"") + block.text)
            pending = b""
    texts.append(pending + (b"]," + pointer + b"]" if pointer else CLOSE))
    return texts


def heavy_layout(blocks: list[Block], pointer: bytes = b"") -> tuple[list[Block], list[bytes], bytes]:
    """A heavy term's blocks in file order, the raw text of each piece (piece_texts), and the file's raw text."""
    blocks = sorted(blocks, key=lambda b: (b.field, b.key))
    texts = piece_texts(blocks, pointer)
    return blocks, texts, b"".join(texts)


def heavy_file(blocks: list[Block], shift: int, entries: int, level: int = LEVEL,
               layout: tuple[list[Block], list[bytes], bytes] | None = None) -> HeavyFile:
    """The gzip file of a heavy term and what a later build needs to rewrite one block of it.

    ``layout``: heavy_layout(blocks), when the caller has made it already.
    """
    blocks, texts, raw = layout or heavy_layout(blocks)
    compressed = [gzpieces.deflate(t, level) for t in texts]
    rows = [b.as_row(len(t), len(c)) for b, t, c in zip(blocks, texts, compressed, strict=False)]
    meta = {"shift": shift, "n": entries, "blocks": rows, "tail": [len(texts[-1]), len(compressed[-1])]}
    return HeavyFile(gzpieces.assemble(compressed, raw), raw, meta)


def blocks_of(field_entries: list[list[tuple[int, list[int]]]], shift: int) -> list[Block]:
    """Cut each field's entries (sorted by id) into blocks of ids ``id >> shift``."""
    blocks = []
    for f, entries in enumerate(field_entries):
        previous, start = 0, 0
        for i in range(1, len(entries) + 1):
            if i == len(entries) or entries[i][0] >> shift != entries[start][0] >> shift:
                run = entries[start:i]
                blocks.append(Block(f, run[0][0] >> shift, run[0][0], run[-1][0], len(run), encode(run, previous)))
                previous, start = run[-1][0], i
    return blocks
