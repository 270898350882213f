"""bulk.folded is the analyzer's fold (str.translate with its table), done as an array lookup."""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.analysis.fast import _compiled
from newsarchive.search import bulk

FOLD = _compiled()[2]
# what the table changes (traditional forms, full-width letters and digits,
# capitals) beside what it leaves, and any code point at all
CHARACTERS = st.one_of(
    st.sampled_from(sorted({chr(c) for c in FOLD} | set("海宁开门红，。 3.0GW"))),
    st.characters(exclude_categories=()),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(CHARACTERS, min_size=0, max_size=300).map("".join))
def test_folded_is_the_fold_table_applied(text):
    assert bulk.folded(text) == text.translate(FOLD)


def test_a_long_text_folds_through_the_array():
    text = "開門紅，海寧１１ＧＷ ABC" * 10  # past the length below which translate is used (100)
    assert bulk.folded(text) == "开门红,海宁11gw abc" * 10


def test_every_character_of_the_table_folds_as_translate_does():
    text = "".join(chr(c) for c in sorted(FOLD))
    assert bulk.folded(text) == text.translate(FOLD)
    assert bulk.folded(text + chr(max(FOLD) + 1)) == (text + chr(max(FOLD) + 1)).translate(FOLD)


# Han runs, words, punctuation and spaces: what the analyzer splits and joins
TEXTS = st.lists(st.sampled_from(["海宁", "开门红", "馬橋街道", "的", "2023", "GW", "ABC", "，", "。", " ", "“", "红石榴”",
                                  "𠙶", "3.5", "袁花镇"]), max_size=12).map("".join)


def _expected(items: list[tuple[str, ...]]) -> dict[tuple[int, int, str], list[int]]:
    """(item, field, term) → positions, by the analyzer's own postings (analysis.fast)."""
    from newsarchive.analysis.fast import postings

    return {(doc, field, term): positions
            for doc, fields in enumerate(items) for field, text in enumerate(fields)
            for term, positions in postings(text).items()}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(TEXTS, TEXTS, TEXTS), max_size=8), st.integers(min_value=1, max_value=40))
def test_the_sorted_slices_hold_every_posting_the_analyzer_makes(items, rows):
    """Every term of every item and field, at the analyzer's positions, in slices of whole terms in key order.

    Small slices (``rows``) put the terms in many buckets, so that the
    bucketing, the dense numbering of words and the item, field and
    position found for each row (Occurrences.locate) are all exercised.
    """
    with patch.object(bulk, "JOIN_ITEMS", 3):  # batches of items joined, and their seams, at this size too
        occ = bulk.occurrences([bulk.tokenize(fields) for fields in items])
    assert _found(occ, rows) == _expected(items)


def test_more_buckets_than_a_byte_numbers_give_the_same_postings():
    """300 distinct characters a slice each: the bucket column is wider than a byte (and words come after them)."""
    han = "".join(chr(0x4E00 + i) for i in range(300))
    items = [(han[:150], "ABC 2023", han[150:] + han[:10]), ("", "GW", han[::7])]
    occ = bulk.occurrences([bulk.tokenize(fields) for fields in items])
    assert _found(occ, 1) == _expected(items)


def _found(occ: bulk.Occurrences, rows: int) -> dict[tuple[int, int, str], list[int]]:
    """(item, field, term) → positions, as the sorted slices hold them, checking that they come in key order."""
    found: dict[tuple[int, int, str], list[int]] = {}
    last = {False: -1, True: -1}
    for part in bulk.sorted_parts(occ, rows):
        bigrams = bool(len(part.key) and int(part.key[0]) >> (bulk.FIELD_BITS + bulk.CODE_BITS))
        keys = part.key.tolist()
        assert keys == sorted(keys) and keys[0] > last[bigrams], "slices follow each other in key order"
        last[bigrams] = keys[-1]
        for key, doc, pos in zip(keys, part.doc.tolist(), part.pos.tolist(), strict=True):
            term = occ.term(key >> bulk.FIELD_BITS)
            found.setdefault((doc, key & ((1 << bulk.FIELD_BITS) - 1), term), []).append(pos)
    return found
