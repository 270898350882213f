"""Whoosh W3 posting blocks of many terms at once, pickled from arrays in a few numpy passes.

W3PostingsWriter makes each block of 128 postings from Python objects (a
tuple of ids, one of weights, one of value bytes) and pickles it. At 5,000
items a cold build writes 24,000 such blocks, about 1.5 s of pure Python in
the search job's tail, the part of it the build waits for. Here the blocks
of all the terms of one slice of the sorted postings are made in array
passes, opcode by opcode: the same pickles, without memo or frame. The
reader (W3LeafMatcher._read_data) unpickles a block, so it needs the same
objects, not the same bytes, and gets them: test_w3blocks.py reads every
block both writers wrote. A term's weights sum as Whoosh sums them, block
by block, because they are whole numbers (counts times a boost of 1.0),
which add up the same in any order.

Relies on whoosh-ng 5.4's W3 codec (pinned): the block layout of
W3PostingsWriter._write_block and the term statistics of W3TermInfo.add_block.
"""

from __future__ import annotations

import pickle
import struct
import zlib

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.system import pack_int, pack_ushort
from whoosh.util.numeric import length_to_byte

# whoosh-ng's finish_postings keeps a term of up to 8 postings inside its
# term info, as no block; only longer terms are written here.
INLINE_LIMIT = 8

_NOT_A_LENGTH = np.iinfo(np.int64).max
_OP_K, _OP_M, _OP_J = b"K"[0], b"M"[0], b"J"[0]  # BININT1, BININT2, BININT
_OP_SHORT_BYTES, _OP_BYTES, _OP_FLOAT = b"C"[0], b"B"[0], b"G"[0]
_FLOAT_OPS = np.dtype([("op", "u1"), ("value", ">f8")])


def _little_endian(ops: np.ndarray, at: np.ndarray, values: np.ndarray, widths: np.ndarray) -> None:
    """Each value's low ``widths`` bytes (1, 2 or 4), least significant first, into ``ops`` from ``at``."""
    for byte in range(4):
        has = widths > byte
        ops[at[has] + byte] = (values[has] >> (8 * byte)) & 0xFF


def _int_ops(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pickle opcodes of non-negative ints below 2**31, back to back: (bytes, end of each)."""
    size = np.where(values < 256, 2, np.where(values < 65536, 3, 5))
    ends = np.cumsum(size)
    at = ends - size
    ops = np.zeros(int(ends[-1]), dtype=np.uint8)
    ops[at] = np.where(size == 2, _OP_K, np.where(size == 3, _OP_M, _OP_J))
    _little_endian(ops, at + 1, values, size - 1)
    return ops, ends


def _bytes_ops(data: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pickle opcodes of the byte strings data[starts[i]:starts[i + 1]] (starts[0] == 0): (bytes, end of each)."""
    lengths = np.diff(starts)
    head = np.where(lengths < 256, 2, 5)
    ends = np.cumsum(head + lengths)
    at = ends - head - lengths
    ops = np.empty(int(ends[-1]), dtype=np.uint8)
    ops[at] = np.where(head == 2, _OP_SHORT_BYTES, _OP_BYTES)
    _little_endian(ops, at + 1, lengths, head - 1)
    ops[np.repeat(at + head - starts[:-1], lengths) + np.arange(len(data))] = data
    return ops, ends


def write_terms(out, first_posting: list[int], docs: np.ndarray, counts: np.ndarray, data: bytes,
                starts: np.ndarray, lengths: np.ndarray, boosts: np.ndarray, limit: int,
                compression: int) -> dict[int, bytes]:
    """Write the blocks of every term of more than INLINE_LIMIT postings to ``out``; {term: its term info}.

    Term t has postings ``first_posting[t]:first_posting[t + 1]``, docs
    ascending within it; posting i's value is ``data[starts[i]:starts[i + 1]]``
    (``starts[0] == 0``) and ``lengths[i]`` the length of its term's field in
    its document as the codec's statistics see it; ``boosts[t]`` is the
    term's field boost. The terms index gets each term info in its own
    order (add_term_info); the postings file takes them in any.
    """
    first = np.asarray(first_posting, dtype=np.int64)
    sizes = np.diff(first)
    big = np.flatnonzero(sizes > INLINE_LIMIT)
    if not len(big):
        return {}
    blocks = -(-sizes[big] // limit)
    term_of_block = np.repeat(big, blocks)
    a = first[term_of_block] + limit * (np.arange(int(blocks.sum())) - np.repeat(np.cumsum(blocks) - blocks, blocks))
    z = np.minimum(a + limit, first[term_of_block + 1])

    ids = docs.astype(np.int64)
    steps = np.empty(len(ids), dtype=np.int64)
    steps[0] = ids[0]
    steps[1:] = ids[1:] - ids[:-1]
    # Each block's ids restart from 0 (delta_encode). A short term's first
    # step is set too: its opcodes go unused, but _int_ops takes no negatives.
    steps[first[:-1]] = ids[first[:-1]]
    steps[a] = ids[a]
    id_ops, id_ends = _int_ops(steps)
    value_ops, value_ends = _bytes_ops(np.frombuffer(data, dtype=np.uint8), starts.astype(np.int64))
    id_ops, value_ops = id_ops.tobytes(), value_ops.tobytes()
    id_at, value_at = np.append(0, id_ends)[a].tolist(), np.append(0, value_ends)[a].tolist()
    id_to, value_to = id_ends[z - 1].tolist(), value_ends[z - 1].tolist()
    weights = (counts * np.repeat(boosts, sizes)).astype(np.float32)
    float_ops = np.empty(len(weights), dtype=_FLOAT_OPS)
    float_ops["op"] = _OP_FLOAT
    float_ops["value"] = weights
    float_ops = float_ops.tobytes()

    # Per block: reduceat over (start, end) pairs, the odd results (between blocks) dropped.
    edges = np.column_stack((a, z)).ravel()

    def per_block(ufunc, x: np.ndarray) -> list:
        return ufunc.reduceat(np.append(x, x[:1]), edges)[::2].tolist()

    min_weight, max_weight = per_block(np.minimum, weights), per_block(np.maximum, weights)
    weight_sum = per_block(np.add, weights.astype(np.float64))
    top_weight = (np.array(per_block(np.maximum, counts), dtype=np.float64) * boosts[term_of_block]).tolist()
    min_length = per_block(np.minimum, np.where(lengths > 0, lengths, _NOT_A_LENGTH))
    max_length = per_block(np.maximum, lengths)
    last_id = ids[z - 1].tolist()
    a, z = a.tolist(), z.tolist()

    infos, pieces = {}, []
    at = out.tell()
    first_blocks = (np.cumsum(blocks) - blocks).tolist()
    for term, first_block, count in zip(big.tolist(), first_blocks, blocks.tolist()):
        terminfo = W3TermInfo()
        term_at = at
        pieces.append(WHOOSH3_HEADER_MAGIC)
        at += len(WHOOSH3_HEADER_MAGIC)
        for b in range(first_block, first_block + count):
            low, high = min_weight[b], max_weight[b]
            if low == high == 1.0:
                weight_ops = b"N"
            elif low == high:
                weight_ops = b"G" + struct.pack(">d", low)
            else:
                weight_ops = b"(" + float_ops[9 * a[b]:9 * z[b]] + b"t"
            block = b"".join((b"\x80\x04(", id_ops[id_at[b]:id_to[b]], b"t", weight_ops,
                              b"(", value_ops[value_at[b]:value_to[b]], b"t\x87."))
            if compression:
                block = zlib.compress(block, compression)
            shortest = None if min_length[b] == _NOT_A_LENGTH else min_length[b]
            info = pickle.dumps((z[b] - a[b], last_id[b], top_weight[b], compression,
                                 length_to_byte(shortest), length_to_byte(max_length[b])))
            size = len(info) + len(block)
            pieces += (pack_int(-size if z[b] == first_posting[term + 1] else size), info, block)
            at += 4 + size
            # W3TermInfo.add_block's statistics, block by block
            terminfo._weight += weight_sum[b]
            terminfo._df += z[b] - a[b]
            terminfo._minlength = shortest if terminfo._minlength is None else min(terminfo._minlength, shortest)
            terminfo._maxlength = max(terminfo._maxlength, max_length[b])
            terminfo._maxweight = max(terminfo._maxweight, top_weight[b])
        terminfo._minid, terminfo._maxid = int(docs[first_posting[term]]), int(docs[first_posting[term + 1] - 1])
        terminfo.set_extent(term_at, at - term_at)
        infos[term] = terminfo.to_bytes()
    out.write(b"".join(pieces))
    return infos


def add_term_info(field_writer, btext: bytes, info: bytes) -> None:
    """A term written by write_terms, into the terms index of the field being written (as W3FieldWriter.finish_term)."""
    field_writer._tindex.add(pack_ushort(field_writer._fieldid) + btext, info)
