"""The positions format of the searched fields: correct decoding, and fast indexing.

whoosh-ng 5.4 encodes positions as varints but decodes any value whose last
byte is "." (0x2E) as a pickle from old Whoosh versions. A term whose last
position step is 46 then fails with UnpicklingError (or worse, decodes to
garbage): in Chinese text with unigrams and bigrams that happens in most
articles. This index is written only by whoosh-ng, so every value is
varints, and this format always reads them that way.

Indexing goes through newsarchive.analysis.fast.position_terms: the
analyzer's bigrams, computed several times faster than through Whoosh's
token stream, with one term per position (a character alone only at the end
of a run; engine.py finds a character by the terms that start with it).
test_fast.py holds it to the analyzer.
"""

from __future__ import annotations

from whoosh.formats import Positions
from whoosh.system import _INT_SIZE, unpack_uint

from newsarchive.analysis.fast import position_terms


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

    def word_values(self, value, analyzer, **kwargs):
        boost = self.field_boost
        for term, positions in position_terms(value).items():
            yield term, len(positions), len(positions) * boost, self.encode(positions)
