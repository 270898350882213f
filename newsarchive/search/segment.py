"""Write a whole Whoosh index in one segment from the bulk analysis, without Whoosh's per-token path.

Whoosh's SegmentWriter analyzes each document, adds every posting to a
pool, sorts the pool and feeds it posting by posting to the codec: about
10 µs a posting in Python, half a minute for 5,000 articles. Here the
searched fields' postings arrive already sorted (bulk.py), their encoded
positions are made in one array pass, and the posting blocks of each
slice's terms are pickled from arrays, as the codec's postings writer
would write them (w3blocks.py); a term of a few postings, which Whoosh
keeps inside its term info, goes through the codec's own writer. Stored
fields, field lengths, the ID and keyword fields and the segment's files
are Whoosh's own (a SegmentWriter subclass), so the result is an ordinary
Whoosh index: `invoke search` and later incremental updates read and
write it as any other.

This relies on the W3 codec's postings writer internals (whoosh-ng 5.4,
pinned): test_w3blocks.py reads every block back against the codec's own,
and tests/test_search_export.py every posting of a build through Whoosh.
"""

from __future__ import annotations

import functools
import itertools
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh.codec.whoosh3 import W3Codec
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from . import bulk, w3blocks
from .schema import SEARCH_FIELDS
from .set_aside import SetAside


def _varints(s: bulk.Sorted, keep: np.ndarray):
    """Postings of the rows in ``keep``: (term key of each group, group starts, posting docs, counts, starts, encoded values).

    The encoded value of posting p (whoosh.formats.Positions: the number of
    positions in 4 bytes, then the steps between them as varints) is
    ``data[starts[p]:starts[p + 1]]``.
    """
    key, doc, pos = s.key[keep], s.doc[keep], s.pos[keep]
    postings = bulk.boundaries(key, doc)
    groups = bulk.boundaries(key)
    rows = len(key)
    counts = np.diff(np.append(postings, rows)).astype(np.int32)
    first = np.zeros(rows, dtype=bool)
    first[postings] = True
    steps = pos - np.roll(pos, 1)
    steps[first] = pos[first]
    del pos
    size = np.ones(rows, dtype=np.int32)
    for bits in (7, 14, 21, 28):
        size += steps >= (1 << bits)
    at = np.cumsum(size, dtype=np.int64) - size + 4 * np.cumsum(first, dtype=np.int64)
    del first
    buf = np.zeros(int(size.sum()) + 4 * len(postings), dtype=np.uint8)
    for byte in range(5):
        live = np.flatnonzero(size > byte)
        if not len(live):
            break
        more = (size[live] > byte + 1).astype(np.uint8) << 7
        buf[at[live] + byte] = ((steps[live] >> (7 * byte)) & 0x7F).astype(np.uint8) | more
    starts = np.append(at[postings] - 4, len(buf))
    del at, steps, size
    for byte in range(4):  # the number of positions, 4 bytes big-endian (whoosh.system.pack_uint)
        buf[starts[:-1] + byte] = (counts >> (8 * (3 - byte))) & 0xFF
    return key[groups], np.searchsorted(postings, groups), doc[postings], counts, starts, buf.tobytes()


_FIELD_MASK = (1 << bulk.FIELD_BITS) - 1


class BulkWriter(SegmentWriter):
    """A SegmentWriter whose searched text fields take their postings in bulk, sorted, at commit."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self._bulk: dict[str, list] = {}
        self._index_cache: dict[tuple[str, str], tuple] = {}

    def add_document_without_text_postings(self, positions: dict[str, int], **fields):
        """Store and index a document like add_document, except the fields in ``positions`` (their token counts)."""
        perdoc, schema, docnum = self.perdocwriter, self.schema, self.docnum
        perdoc.start_doc(docnum)
        for name in sorted(fields):
            value, field = fields[name], schema[name]
            length = 0
            if field.indexed:
                if name in positions:
                    length = positions[name]
                else:
                    for tbytes, freq, weight, vbytes in self._indexed(name, field, value):
                        if field.scorable:
                            length += freq
                        self.pool.add((name, tbytes, docnum, weight, vbytes))
            perdoc.add_field(name, field, value if field.stored else None, length)
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _indexed(self, name, field, value) -> tuple:
        """field.index(value), once for each value of a field whose values repeat (a county, a year, a topic list)."""
        if field.unique:
            return tuple(field.index(value))
        key = (name, value)
        made = self._index_cache.get(key)
        if made is None:
            made = self._index_cache[key] = tuple(field.index(value))
        return made

    def set_text_postings(self, occ: bulk.Occurrences, postings: "Postings") -> None:
        """The searched fields' postings (Postings of the whole archive), in Whoosh's order: field, then term bytes."""
        sizes = occ.sizes.reshape(-1, len(SEARCH_FIELDS))
        # Whoosh keeps field lengths in one byte; the codec's block statistics see that value
        self._lengths = np.array([byte_to_length(length_to_byte(n)) if n else 0 for n in sizes.ravel().tolist()],
                                 dtype=np.int64).reshape(sizes.shape)
        self._postings = postings
        terms = []
        for p, part in enumerate(postings.parts):
            for g, key in enumerate(part.keys.tolist()):
                field = key & _FIELD_MASK
                terms.append((SEARCH_FIELDS[field], occ.term(key >> bulk.FIELD_BITS).encode("utf-8"), p, g, field))
        terms.sort(key=lambda t: (t[0], t[1]))
        for name, btext, p, g, field in terms:
            self._bulk.setdefault(name, []).append(
                (btext, (p, g), functools.partial(postings.read, p, g), self._lengths[:, field]))

    def _write_blocks(self, writer) -> dict[tuple[int, int], bytes]:
        """The posting blocks of every term too long to keep inline, a slice at a time; {(slice, term): term info}."""
        boosts = np.array([self.schema[name].format.field_boost for name in SEARCH_FIELDS], dtype=np.float64)
        infos = {}
        for p, part in enumerate(self._postings.parts):
            docs, counts, starts, data = self._postings.columns(p)
            fields = (part.keys & np.uint64(_FIELD_MASK)).astype(np.int64)
            lengths = self._lengths[docs, np.repeat(fields, np.diff(part.first_posting))]
            made = w3blocks.write_terms(writer._postfile, part.first_posting, docs, counts, data, starts, lengths,
                                        boosts[fields], self.codec._blocklimit, self.codec._compression)
            infos.update(((p, g), info) for g, info in made.items())
        return infos

    def _flush_segment(self):
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        small = defaultdict(list)
        for item in self.pool.iter_postings():
            small[item[0]].append(item)
        writer = self.fieldwriter
        infos = self._write_blocks(writer) if self._bulk else {}
        for name in sorted(set(small) | set(self._bulk)):
            if name in self._bulk:
                write_field(writer, name, self.schema[name], self._bulk[name], infos)
            else:
                # A field without lengths (not scorable) gets 0 either way, but
                # Whoosh looks for its length column on disk at every posting
                # (W3PerDocReader caches only columns it finds): 35,000 stat
                # calls at 5,000 items.
                scorable = self.schema[name].scorable
                writer.add_postings(self.schema, lengths if scorable else None, small[name])
        writer.close()
        if lengths:
            lengths.close()


def write_field(writer, name, field, terms, infos) -> None:
    """One field's terms in the terms index, in order: those w3blocks wrote by their term info, the rest through Whoosh."""
    writer.start_field(name, field)
    boost = field.format.field_boost
    for btext, key, read, field_lengths in terms:
        if key in infos:
            w3blocks.add_term_info(writer, btext, infos[key])
        else:
            docs, counts, values = read()
            write_term_by_whoosh(writer, btext, docs, counts, values, field_lengths, boost)
    writer.finish_field()


def write_term_by_whoosh(writer, btext, docs, counts, values, field_lengths, boost) -> None:
    """A term of a few postings through W3PostingsWriter, which keeps it inline in its term info."""
    writer.start_term(btext)
    postings = writer._postwriter
    part = field_lengths[docs]
    nonzero = part[part > 0]
    postings._ids = array("I", docs.astype(np.uint32).tobytes())
    postings._weights = array("f", (counts * boost).astype(np.float32).tobytes())
    postings._values = values[0:len(docs)]
    postings._minlength = int(nonzero.min()) if len(nonzero) else None
    postings._maxlength = int(part.max()) if len(part) else 0
    postings._maxweight = float(counts.max()) * boost
    writer.finish_term()


class _Values:
    """A term's encoded postings, sliced out of the shared buffer only when a block is written."""

    def __init__(self, data: bytes, starts: np.ndarray):
        self.data, self.starts = data, starts

    def __getitem__(self, part: slice) -> list[bytes]:
        bounds = self.starts[part.start:part.stop + 1].tolist()
        return [self.data[a:b] for a, b in itertools.pairwise(bounds)]


@dataclass
class _Part:
    keys: np.ndarray  # term key of each group (term << FIELD_BITS | field)
    first_posting: list[int]  # group g is postings first_posting[g]:first_posting[g + 1]
    columns: dict[str, tuple[int, np.dtype]]  # docs, counts, starts: where in the file, and their type
    data_at: int  # posting p's encoded value is data[starts[p]:starts[p + 1]], data from here in the file


class Postings:
    """The searched fields' postings, encoded for the codec, gathered one slice of sorted terms at a time.

    They wait in an unnamed file beside the index until the segment is
    written, term by term, in Whoosh's order (field, then term bytes, which
    is not the slices' order): in memory they were 37 MB for 5,000 items,
    half of this process's peak above its start, and grow with the archive.
    """

    def __init__(self, folder: Path):
        self._file = SetAside(folder)
        self.parts: list[_Part] = []

    def add(self, s: bulk.Sorted) -> None:
        """The postings of one slice of bulk.sorted_parts: one term per position (analysis.fast.position_terms)."""
        keep = (s.key >> np.uint64(bulk.FIELD_BITS + bulk.CODE_BITS)).astype(bool) | s.ends_run
        keys, first_posting, docs, counts, starts, data = _varints(s, keep)
        if not len(keys):
            return
        starts = starts.astype(np.int32 if len(data) < (1 << 31) else np.int64)
        columns = {name: (self._file.put(a), a.dtype) for name, a in
                   (("docs", _narrow(docs)), ("counts", _narrow(counts)), ("starts", starts))}
        self.parts.append(_Part(keys, np.append(first_posting, len(docs)).tolist(), columns, self._file.put(data)))

    def _column(self, part: _Part, name: str, a: int, b: int) -> np.ndarray:
        at, dtype = part.columns[name]
        return np.frombuffer(self._file.get(at + a * dtype.itemsize, (b - a) * dtype.itemsize), dtype=dtype)

    def read(self, p: int, g: int):
        """(docs, counts, encoded values) of group ``g`` (a term in one field) of part ``p``."""
        part = self.parts[p]
        a, b = part.first_posting[g], part.first_posting[g + 1]
        starts = self._column(part, "starts", a, b + 1)
        data = self._file.get(part.data_at + int(starts[0]), int(starts[-1] - starts[0]))
        return (self._column(part, "docs", a, b), self._column(part, "counts", a, b),
                _Values(data, starts - starts[0]))

    def columns(self, p: int):
        """(docs, counts, starts, data) of every posting of part ``p``: posting i's value is data[starts[i]:starts[i + 1]]."""
        part = self.parts[p]
        n = part.first_posting[-1]
        starts = self._column(part, "starts", 0, n + 1)
        data = self._file.get(part.data_at + int(starts[0]), int(starts[-1] - starts[0]))
        return self._column(part, "docs", 0, n), self._column(part, "counts", 0, n), starts - starts[0], data

    def close(self) -> None:
        self._file.close()


def _narrow(values: np.ndarray) -> np.ndarray:
    """The same non-negative numbers as uint16 if they fit (item numbers and counts mostly do)."""
    return values.astype(np.uint16) if not len(values) or int(values.max()) < (1 << 16) else values


def write_index(ix, documents: Iterable[dict], occ: bulk.Occurrences, postings: Postings) -> None:
    """Add ``documents`` (documents.document of each, in the order of ``occ``'s items; read once) to the empty ``ix``."""
    # Posting blocks uncompressed: zlib (even at level 1) was 0.5 s of a
    # cold job's tail at 5,000 items. The index grows from 25 to 63 MB, in
    # .build/, which is never published; searches take the same time. Each
    # block records its own compression, so updates' segments (Whoosh's
    # default, level 3) and these read alike.
    writer = BulkWriter(ix, codec=W3Codec(compression=0))
    try:
        sizes = occ.sizes.reshape(-1, len(SEARCH_FIELDS))
        for doc, counts in zip(documents, sizes.tolist(), strict=True):
            writer.add_document_without_text_postings(dict(zip(SEARCH_FIELDS, counts, strict=True)), **doc)
        writer.set_text_postings(occ, postings)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
