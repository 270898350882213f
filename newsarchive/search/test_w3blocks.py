"""w3blocks writes a term's posting blocks as Whoosh's own W3PostingsWriter does: read back, the same objects."""

from __future__ import annotations

import functools
import io
import pickle
import struct
import zlib

import numpy as np
import pytest
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec
from whoosh.filedb.filestore import RamStorage

from newsarchive.search import segment, w3blocks
from newsarchive.search.schema import SCHEMA

FIELD = "body"


def postings(rng, n: int, gap: int, counts: str, long_values: bool):
    """n postings: (docs ascending, counts, value bytes, starts) with values of 1 to 300 bytes."""
    docs = np.cumsum(rng.integers(1, gap + 1, n)).astype(np.int64)
    count = {"ones": np.ones(n), "threes": np.full(n, 3), "mixed": rng.integers(1, 6, n)}[counts].astype(np.uint16)
    sizes = rng.integers(5, 300 if long_values else 40, n)
    data = rng.integers(0, 256, int(sizes.sum()), dtype=np.uint8).tobytes()
    return docs, count, data, np.append(0, np.cumsum(sizes))


CASES = [
    # (postings, largest gap between doc numbers, counts, values of 256 bytes and more)
    (9, 3, "mixed", False),
    (3, 3, "mixed", False),  # kept inline by Whoosh, between terms written here
    (127, 3, "ones", False),
    (128, 40, "mixed", True),
    (8, 9, "ones", False),
    (129, 300, "threes", False),
    (300, 70_000, "mixed", True),  # ids that need 2 and 4 bytes
    (1_000, 5, "mixed", False),
    (1, 5, "mixed", False),
    (1_000, 5, "ones", True),
]


def written(terms, compression: int, by_whoosh: bool):
    """A segment of one field with ``terms``: written as a cold build writes them, or all by Whoosh's own writer."""
    storage = RamStorage()
    codec = W3Codec(compression=compression)
    seg = codec.new_segment(storage, "test")
    writer = codec.field_writer(storage, seg)
    infos = {}
    if not by_whoosh:  # all terms as one slice of the sorted postings
        docs = np.concatenate([made[0] for _, made, _ in terms])
        counts = np.concatenate([made[1] for _, made, _ in terms])
        data = b"".join(made[2] for _, made, _ in terms)
        starts = np.append(0, np.cumsum(np.concatenate([np.diff(made[3]) for _, made, _ in terms])))
        first = np.append(0, np.cumsum([len(made[0]) for _, made, _ in terms])).tolist()
        lengths = np.concatenate([field_lengths[made[0]] for _, made, field_lengths in terms])
        infos = w3blocks.write_terms(writer._postfile, first, docs, counts, data, starts, lengths,
                                     np.ones(len(terms)), 128, compression)
        segment.write_field(writer, FIELD, SCHEMA[FIELD], [
            (btext, t, functools.partial(lambda made: (made[0], made[1], segment._Values(made[2], made[3])), made),
             lengths) for t, (btext, made, lengths) in enumerate(terms)], infos)
    else:  # posting by posting through the codec's public writer: its blocks, statistics and term infos
        writer.start_field(FIELD, SCHEMA[FIELD])
        for btext, (docs, counts, data, starts), lengths in terms:
            writer.start_term(btext)
            for i, doc in enumerate(docs.tolist()):
                writer.add(doc, float(counts[i]), data[starts[i]:starts[i + 1]], int(lengths[doc]))
            writer.finish_term()
        writer.finish_field()
    writer.close()
    return codec, storage, seg, infos


def kept_inline(info) -> bool:
    return info.is_compact_inline() or info.is_compact_short_inline()


def blocks(storage, seg, info) -> list[tuple]:
    """Every block of a term as stored: (block info, (ids, weights, values)) unpickled, and whether it is marked last."""
    offset, length = info.extent()
    (length,) = length  # whoosh-ng's W3TermInfo.from_bytes reads it as struct.unpack's 1-tuple
    raw = seg.open_file(storage, W3Codec.POSTS_EXT).read()[offset:offset + length]
    assert raw[:4] == WHOOSH3_HEADER_MAGIC
    found, at = [], 4
    while at < len(raw):
        (size,) = struct.unpack("!i", raw[at:at + 4])
        chunk = io.BytesIO(raw[at + 4:at + 4 + abs(size)])
        head = pickle.load(chunk)
        body = chunk.read()
        found.append((head, pickle.loads(zlib.decompress(body) if head[3] else body), size < 0))
        at += 4 + abs(size)
    return found


@pytest.mark.parametrize("compression", [0, 3])
def test_blocks_read_back_as_whooshs_own(compression):
    rng = np.random.default_rng(7)
    terms = []
    for k, (n, gap, counts, long_values) in enumerate(CASES):
        made = postings(rng, n, gap, counts, long_values)
        lengths = rng.integers(1, 3000, int(made[0][-1]) + 1)
        terms.append((f"t{k:02d}".encode(), made, lengths))
    ours = written(terms, compression, by_whoosh=False)
    theirs = written(terms, compression, by_whoosh=True)
    assert sorted(ours[3]) == [t for t, (n, *_) in enumerate(CASES) if n > w3blocks.INLINE_LIMIT]
    read_ours, read_theirs = ours[0].terms_reader(*ours[1:3]), theirs[0].terms_reader(*theirs[1:3])
    for btext, (docs, counts, data, starts), _ in terms:
        a, b = read_ours.term_info(FIELD, btext), read_theirs.term_info(FIELD, btext)
        stats = ("weight", "doc_frequency", "min_length", "max_length", "max_weight", "min_id", "max_id")
        assert [getattr(a, s)() for s in stats] == [getattr(b, s)() for s in stats], btext
        assert kept_inline(a) == kept_inline(b) == (len(docs) <= w3blocks.INLINE_LIMIT)
        if len(docs) > w3blocks.INLINE_LIMIT:
            ours_blocks, their_blocks = blocks(ours[1], ours[2], a), blocks(theirs[1], theirs[2], b)
            assert ours_blocks == their_blocks, btext
            assert len(ours_blocks) == -(-len(docs) // 128) and ours_blocks[-1][2]
        # and through Whoosh's matcher, posting by posting
        matcher = read_ours.matcher(FIELD, btext, SCHEMA[FIELD].format, scorer=None)
        seen = []
        while matcher.is_active():
            seen.append((matcher.id(), matcher.weight(), matcher.value()))
            matcher.next()
        assert seen == [(int(d), float(c), data[starts[i]:starts[i + 1]]) for i, (d, c) in enumerate(zip(docs, counts))]


def test_whoosh_keeps_inline_exactly_the_terms_w3blocks_leaves_to_it():
    rng = np.random.default_rng(1)
    for n, inline in ((w3blocks.INLINE_LIMIT, True), (w3blocks.INLINE_LIMIT + 1, False)):
        made = postings(rng, n, 3, "mixed", False)
        lengths = rng.integers(1, 50, int(made[0][-1]) + 1)
        codec, storage, seg, _ = written([(b"term", made, lengths)], 0, by_whoosh=True)
        info = codec.terms_reader(storage, seg).term_info(FIELD, b"term")
        assert kept_inline(info) == inline, n
