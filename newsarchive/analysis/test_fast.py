"""The fast indexing path gives exactly the analyzer's terms."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.analysis import terms
from newsarchive.analysis.fast import postings

ROOT = Path(__file__).resolve().parents[2]
VECTORS = json.loads((Path(__file__).with_name("vectors.json")).read_text(encoding="utf-8"))["vectors"]


def by_term(text: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for t in terms(text):
        out.setdefault(t.text, []).append(t.pos)
    return out


def test_vectors_and_seed_texts():
    texts = [v["text"] for v in VECTORS]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.md"))]
    texts.append((ROOT / "sources" / "pages" / "000_27b9736ab03bda84.txt").read_text(encoding="utf-8"))
    for text in texts:
        assert postings(text) == by_term(text), text[:40]


ALPHABET = "海宁開門紅红石榴宣讲队“”‘’「」（）()《》，。、 　\n.．3０1GWＡabcＺ·-_①⼀\uf900𠀋é👍"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40) | st.text(max_size=30))
def test_random_text(text):
    assert postings(text) == by_term(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_one_term_per_position_loses_no_occurrence(text):
    from newsarchive.analysis.chars import is_han
    from newsarchive.analysis.fast import position_terms

    def single_han(term):
        return len(term) == 1 and is_han(term)

    every = by_term(text)
    stored = position_terms(text)
    # bigrams and words are all there, as they are
    assert {t: p for t, p in stored.items() if not single_han(t)} == {t: p for t, p in every.items() if not single_han(t)}
    # a character is wherever a stored term starts with it
    for term, positions in every.items():
        if single_han(term):
            found = sorted(p for t, ps in stored.items() if is_han(t[0]) and t[0] == term for p in ps)
            assert found == positions


def test_one_character_is_a_han_run_a_word_or_nothing_as_chars_says():
    from newsarchive.analysis.chars import is_han, is_word
    from newsarchive.analysis.fast import _compiled

    run = _compiled()[0]

    def kind(c):
        found = run.fullmatch(c)
        return None if found is None else "han" if found.group(1) else "word"

    expected = {c: "han" if is_han(c) else "word" if is_word(c) else None for c in map(chr, range(0x110000))}
    assert [c for c, k in expected.items() if kind(c) != k] == []


def test_the_word_table_is_the_letters_and_numbers_of_unicode_14():
    import unicodedata

    import pytest

    from newsarchive.analysis.chars import is_word

    if unicodedata.unidata_version != "14.0.0":
        pytest.skip(f"this Python's Unicode is {unicodedata.unidata_version}; the table is 14.0's (Python 3.11)")
    assert [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF
            and is_word(chr(c)) != (unicodedata.category(chr(c))[0] in "LN")] == []
