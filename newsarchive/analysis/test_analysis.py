"""The analyzer against the shared, hand-written vectors and against Whoosh's own machinery."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from whoosh.analysis import Composable

from newsarchive.analysis import ANALYZER, query_words, terms
from newsarchive.analysis.filters import FoldFilter, HanNGramFilter
from newsarchive.analysis.fold import fold
from newsarchive.analysis.tokenizer import RunTokenizer

VECTORS = json.loads((Path(__file__).with_name("vectors.json")).read_text(encoding="utf-8"))["vectors"]


@pytest.mark.parametrize("vector", [v for v in VECTORS if "index" in v], ids=lambda v: v["text"])
def test_index_terms_match_the_vectors(vector):
    assert [[t.text, t.pos] for t in terms(vector["text"])] == vector["index"], vector["why"]


@pytest.mark.parametrize("vector", [v for v in VECTORS if "query" in v], ids=lambda v: v["text"])
def test_query_words_match_the_vectors(vector):
    assert [[list(t) for t in word] for word in query_words(vector["text"])] == vector["query"], vector["why"]


def test_the_analyzer_is_a_whoosh_tokenizer_and_filters():
    assert isinstance(ANALYZER, Composable)
    assert [type(item) for item in ANALYZER.items] == [RunTokenizer, FoldFilter, HanNGramFilter]


def test_offsets_point_at_the_original_characters():
    text = "总投资 ３．０ 亿元，“红石榴”宣讲队"
    for t in terms(text):
        original = text[t.start:t.end]
        assert fold("".join(c for c in original if c not in "“”")) == t.text


def test_every_han_substring_of_a_run_is_a_chain_of_the_runs_bigrams():
    # What makes "any run of two or more Han characters finds its item" true
    # without a dictionary: the query's terms are a subset of the text's, at
    # the same relative positions.
    text = "海宁市出台人才新政3.0版，集成实施“潮城英才”计划"
    indexed = {(t.text, t.pos) for t in terms(text)}
    for start in range(len("海宁市出台人才新政")):
        for end in range(start + 2, len("海宁市出台人才新政") + 1):
            [word] = query_words(text[start:end])
            assert all((term, start + offset) in indexed for term, offset in word)


def test_folding_twice_changes_nothing():
    text = "".join(chr(c) for c in range(0x3000, 0xA000)) + "ＡＢＣ１２３"
    once = fold(text)
    assert fold(once) == once


def test_the_browsers_list_of_folding_han_characters_is_the_tables():
    # analysis.js carries it as a literal; a table updated without it would
    # leave traditional queries without their buckets in the browser
    from newsarchive.analysis.make_fold_table import ANALYSIS_JS, folding_han_source

    assert folding_han_source() in ANALYSIS_JS.read_text(encoding="utf-8"), (
        "analysis.js's FOLDING_HAN is not fold.json's: run python -m newsarchive.analysis.make_fold_table --js")
