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


def test_the_word_class_is_letters_and_numbers():
    import re
    import unicodedata

    word = re.compile(r"[^\W_]")
    assert [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF
            and bool(word.match(chr(c))) != (unicodedata.category(chr(c))[0] in "LN")] == []
