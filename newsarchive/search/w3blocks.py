"""A term's Whoosh W3 posting blocks, pickled from arrays in a few numpy passes.

W3PostingsWriter makes each block of 128 postings from Python objects (a
tuple of ids, one of weights, one of value bytes) and pickles it. At 5,000
items a cold build writes 24,000 such blocks, about 1.5 s of pure Python in
the search job's tail, the part of it the build waits for. Here all the
blocks of one term are written opcode by opcode: the same pickles,
opcodes without memo or frame. The reader (W3LeafMatcher._read_data)
unpickles a block, so it needs the same objects, not the same bytes, and
gets them: test_w3blocks.py reads every block both writers wrote.

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


def _int_ops(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pickle opcodes of non-negative ints below 2**31, back to back: (bytes, end of each)."""
    size = np.where(values < 256, 2, np.where(values < 65536, 3, 5))
    ends = np.cumsum(size)
    at = ends - size
    ops = np.zeros(int(ends[-1]), dtype=np.uint8)
    ops[at] = np.where(size == 2, _OP_K, np.where(size == 3, _OP_M, _OP_J))
    for byte in range(4):  # little-endian payloads
        has = size > byte + 1
        ops[at[has] + 1 + byte] = (values[has] >> (8 * byte)) & 0xFF
    return ops, ends


def _bytes_ops(data: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pickle opcodes of the byte strings data[starts[i]:starts[i + 1]] (starts[0] == 0): (bytes, end of each)."""
    lengths = np.diff(starts)
    head = np.where(lengths < 256, 2, 5)
    ends = np.cumsum(head + lengths)
    at = ends - head - lengths
    ops = np.empty(int(ends[-1]), dtype=np.uint8)
    ops[at] = np.where(head == 2, _OP_SHORT_BYTES, _OP_BYTES)
    for byte in range(4):
        has = head > byte + 1
        ops[at[has] + 1 + byte] = (lengths[has] >> (8 * byte)) & 0xFF
    ops[np.repeat(at + head - starts[:-1], lengths) + np.arange(len(data))] = data
    return ops, ends


def write_term(field_writer, btext: bytes, docs: np.ndarray, counts: np.ndarray, data: bytes,
               starts: np.ndarray, field_lengths: np.ndarray, boost: float) -> None:
    """Write a term of more than INLINE_LIMIT postings, as W3FieldWriter's start_term, add… and finish_term would.

    ``docs`` ascending; posting i's value is ``data[starts[i]:starts[i + 1]]``
    (``starts[0] == 0``); ``field_lengths`` by document number, as the
    codec's length statistics see them.
    """
    postings = field_writer._postwriter
    limit, compression = postings._blocklimit, postings._compression
    n = len(docs)
    firsts = np.arange(0, n, limit)
    ids = docs.astype(np.int64)
    steps = np.empty(n, dtype=np.int64)
    steps[0] = ids[0]
    steps[1:] = ids[1:] - ids[:-1]
    steps[firsts] = ids[firsts]  # each block's ids restart from 0 (delta_encode)
    id_ops, id_ends = _int_ops(steps)
    value_ops, value_ends = _bytes_ops(np.frombuffer(data, dtype=np.uint8), starts.astype(np.int64))
    weights = (counts * boost).astype(np.float32)
    float_ops = np.empty(n, dtype=_FLOAT_OPS)
    float_ops["op"] = _OP_FLOAT
    float_ops["value"] = weights
    float_ops = float_ops.tobytes()
    lengths = field_lengths[docs]
    block_min_weight = np.minimum.reduceat(weights, firsts).tolist()
    block_max_weight = np.maximum.reduceat(weights, firsts).tolist()
    block_weight_sum = np.add.reduceat(weights.astype(np.float64), firsts).tolist()
    block_max_count = np.maximum.reduceat(counts, firsts).tolist()
    block_min_length = np.minimum.reduceat(np.where(lengths > 0, lengths, _NOT_A_LENGTH), firsts).tolist()
    block_max_length = np.maximum.reduceat(lengths, firsts).tolist()
    id_ends, value_ends = np.append(0, id_ends), np.append(0, value_ends)
    id_list = ids.tolist()

    terminfo = W3TermInfo()
    out = field_writer._postfile
    start = out.tell()
    pieces = [WHOOSH3_HEADER_MAGIC]
    bounds = np.append(firsts, n).tolist()
    for b, (a, z) in enumerate(zip(bounds, bounds[1:])):
        low, high = block_min_weight[b], block_max_weight[b]
        if low == high == 1.0:
            weight_ops = b"N"
        elif low == high:
            weight_ops = b"G" + struct.pack(">d", low)
        else:
            weight_ops = b"(" + float_ops[9 * a:9 * z] + b"t"
        block = b"".join((b"\x80\x04(", id_ops[id_ends[a]:id_ends[z]].tobytes(), b"t", weight_ops,
                          b"(", value_ops[value_ends[a]:value_ends[z]].tobytes(), b"t\x87."))
        if compression:
            block = zlib.compress(block, compression)
        min_length = None if block_min_length[b] == _NOT_A_LENGTH else block_min_length[b]
        max_weight = float(block_max_count[b]) * boost
        info = pickle.dumps((z - a, id_list[z - 1], max_weight, compression,
                             length_to_byte(min_length), length_to_byte(block_max_length[b])))
        size = len(info) + len(block)
        pieces += (pack_int(-size if z == n else size), info, block)
        # W3TermInfo.add_block's statistics, block by block
        terminfo._weight += block_weight_sum[b]
        terminfo._df += z - a
        terminfo._minlength = min_length if terminfo._minlength is None else min(terminfo._minlength, min_length)
        terminfo._maxlength = max(terminfo._maxlength, block_max_length[b])
        terminfo._maxweight = max(terminfo._maxweight, max_weight)
    terminfo._minid, terminfo._maxid = id_list[0], id_list[-1]
    written = b"".join(pieces)
    out.write(written)
    terminfo.set_extent(start, len(written))
    field_writer._tindex.add(pack_ushort(field_writer._fieldid) + btext, terminfo.to_bytes())
