"""A positions format for Whoosh that never mistakes a position list for an old pickle.

whoosh-ng 5.4 encodes positions as varints but decodes any value whose last
byte is "." (0x2E) as a pickle from old Whoosh versions. A term whose last
position step is 46 then fails with UnpicklingError (or worse, decodes to
garbage): in Chinese text with unigrams and bigrams that happens in most
articles. This index is written only by whoosh-ng, so every value is
varints, and this format always reads them that way.
"""

from __future__ import annotations

from whoosh.formats import Positions
from whoosh.system import _INT_SIZE, unpack_uint


class VarintPositions(Positions):
    def decode_positions(self, valuestring):
        n = unpack_uint(valuestring[:_INT_SIZE])[0]
        positions, position, pos = [], 0, _INT_SIZE
        for _ in range(n):
            b = valuestring[pos]
            pos += 1
            code, shift = b & 0x7F, 7
            while b & 0x80:
                b = valuestring[pos]
                pos += 1
                code |= (b & 0x7F) << shift
                shift += 7
            position += code
            positions.append(position)
        return positions
