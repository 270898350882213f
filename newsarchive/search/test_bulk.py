"""bulk.folded is the analyzer's fold (str.translate with its table), done as an array lookup."""

from __future__ import annotations

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
