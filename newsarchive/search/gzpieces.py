"""Gzip files made of independently compressed pieces, so that one piece can be replaced alone.

A long posting list changes in one place when one item changes. Compressing
the whole list again costs as much as the first time; here each piece is
deflated on its own (no back-references into other pieces) and ends on a
byte boundary (a sync flush), so a file is header + pieces + an empty final
block + CRC-32 and length. Replacing a piece means deflating that piece
only. Any gzip reader, the browser's DecompressionStream included, reads
the result as one ordinary gzip stream. Same pieces, same bytes: the header
has no name and no time.
"""

from __future__ import annotations

import struct
import zlib

HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no flags, mtime 0, unknown OS
FINAL_BLOCK = b"\x03\x00"  # an empty last block (fixed Huffman)
LEVEL = 6


def deflate(raw: bytes, level: int = LEVEL, window_bits: int = 15) -> bytes:
    """One piece: raw deflate data that ends on a byte boundary and does not end the stream.

    A small ``window_bits`` for a small piece: the same bytes out for input
    shorter than the window, and a compressor a third as dear to set up.
    """
    c = zlib.compressobj(level, zlib.DEFLATED, -window_bits, 9)
    return c.compress(raw) + c.flush(zlib.Z_SYNC_FLUSH)


def assemble(compressed: list[bytes], raw: bytes) -> bytes:
    """The gzip file of these pieces; ``raw`` is their uncompressed bytes, all of them in order."""
    return assemble_crc(compressed, zlib.crc32(raw), len(raw))


def assemble_crc(compressed: list[bytes], crc: int, size: int) -> bytes:
    """The gzip file of these pieces, given the CRC-32 and size of their uncompressed bytes in order."""
    return b"".join([HEADER, *compressed, FINAL_BLOCK, struct.pack("<II", crc, size & 0xFFFFFFFF)])


def compress(raw: bytes, level: int = LEVEL) -> bytes:
    """A gzip file of one piece."""
    return assemble([deflate(raw, level)], raw)


def split(data: bytes, sizes: list[int]) -> list[bytes]:
    """The compressed pieces of a file written by ``assemble``, given each piece's compressed size."""
    pieces, at = [], len(HEADER)
    for size in sizes:
        pieces.append(data[at:at + size])
        at += size
    return pieces
