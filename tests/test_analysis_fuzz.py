"""Generated text through the analyzer: it never fails, and chromium's terms are Python's.

Texts mix every code point (lone surrogates, controls, unassigned ones
included) with the characters archive text is made of (Han, traditional
forms, quotation marks, full-width digits and dots, spaces), combining marks
and emoji. A browser sees text as UTF-16, where a high surrogate followed by
a low one is one character, so Python compares what the browser would see
(``browser_view``); lone surrogates travel to the page as JSON escapes.
"""

from __future__ import annotations

import json
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsarchive.analysis import query_words, terms
from newsarchive.analysis.chars import TRANSPARENT, is_han, is_word, word_ranges
from newsarchive.analysis.fast import position_count, position_terms, postings
from newsarchive.analysis.fold import fold, may_fold

ARCHIVE_CHARACTERS = (
    "海宁开門紅红石榴宣讲队镇乌〇𠀋\uf900\U0002f800⼀"  # Han, traditional, compatibility forms, a Kangxi radical
    "“”‘’「」《》（）()【】\"'`"  # transparent inside a Han run
    "，。、！？；：,;!?·-_/ 　\u00a0\n\t"  # punctuation and spaces that end runs or split a query
    "3０1.．GWＡaZé①⑴⒈"  # words, full-width forms, decimal points
)
ODD_CHARACTERS = (
    "\u0301", "\u20dd", "\u200d", "\u200b", "\ufe0f", "\ufeff", "\u2028", "\x00", "\x1b", "\x7f", "\x85",
    "\U0001f44d", "\U0001f1e8\U0001f1f3", "\U0001f468\u200d\U0001f469", "\ud800", "\udfff", "\udbff\udc00",
)
TEXTS = st.lists(
    st.one_of(
        st.sampled_from(ARCHIVE_CHARACTERS),
        st.characters(exclude_categories=()),  # any code point at all, surrogates too
        st.sampled_from(ODD_CHARACTERS),
    ),
    max_size=24,
).map("".join)


def browser_view(text: str) -> str:
    """The text as a browser holds it: surrogate pairs joined, lone surrogates kept."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def by_term(found) -> dict[str, list[int]]:
    out = defaultdict(list)
    for t in found:
        out[t.text].append(t.pos)
    return dict(out)


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_the_analyzer_never_fails_and_keeps_its_invariants(text):
    for view in {text, browser_view(text)}:
        index_terms = terms(view)
        for t in index_terms + terms(view, mode="query"):
            assert 0 <= t.start < t.end <= len(view)
            # a term is its original characters folded, quotation marks skipped
            folded = [fold(c) for c in view[t.start:t.end]]
            assert t.text == "".join(c for c in folded if c not in TRANSPARENT)
            assert all(is_han(c) or is_word(c) or c == "." for c in t.text)
        positions = [t.pos for t in index_terms]
        assert positions == sorted(positions)
        assert position_count(view) == (positions[-1] + 1 if positions else 0)
        # the fast path is the analyzer
        assert postings(view) == by_term(index_terms)
        assert {p for ps in position_terms(view).values() for p in ps} == set(positions)
        for word in query_words(view):
            assert word and word[0][1] == 0


def generated_texts(count: int) -> list[str]:
    """``count`` texts from TEXTS, as hypothesis draws them (edge cases first, then at random)."""
    texts = []

    @settings(max_examples=count, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(TEXTS)
    def collect(text):
        texts.append(browser_view(text))

    collect()
    return texts


ANALYZE_IN_THE_PAGE = """
async (payload) => {
  const texts = JSON.parse(payload);
  const a = await import("../theme/js/search/analysis.js");
  const e = await import("../theme/js/search/engine.js");
  const index = new e.SearchIndex(new URL("manifest.json.gz", location.href));
  const fold = await index.fold(texts.join(""));
  // JSON both ways: a lone surrogate survives as an escape
  return JSON.stringify(texts.map((t) => [Array.from(t).length, a.terms(t, "index", fold), a.queryWords(t, fold)]));
}
"""


def test_the_browser_analyzes_thousands_of_generated_texts_as_python_does(page, serve, seed_site):
    texts = generated_texts(3000)
    assert len(texts) > 2500 and any(0xD800 <= ord(c) <= 0xDFFF for t in texts for c in t)
    server = serve(seed_site.output)
    page.goto(server.url + "search/")
    page.wait_for_selector("#search-results[data-state=done]", state="attached")
    got = json.loads(page.evaluate(ANALYZE_IN_THE_PAGE, json.dumps(texts)))
    differ = []
    for text, (length, js_terms, js_words) in zip(texts, got, strict=True):
        expected_terms = [[t.text, t.pos, t.start, t.end] for t in terms(text)]
        expected_words = [[list(t) for t in w] for w in query_words(text)]
        if (length, js_terms, js_words) != (len(text), expected_terms, expected_words):
            differ.append((text, {"python": [expected_terms, expected_words], "chromium": [js_terms, js_words]}))
    differ.sort(key=lambda d: len(d[0]))
    assert differ == [], f"{len(differ)} of {len(texts)} texts differ; the shortest: {differ[:3]!r}"


# The ranges of code points for which a function of analysis.js is true, in the browser.
RANGES_IN_THE_PAGE = """async (name) => {
  const a = await import("../theme/js/search/analysis.js");
  const out = [];
  let start = null;
  for (let code = 0; code <= 0x110000; code += 1) {
    const yes = code < 0x110000 && a[name](String.fromCodePoint(code));
    if (yes && start === null) start = code;
    if (!yes && start !== null) { out.push([start, code - 1]); start = null; }
  }
  return out;
}"""


def browser_ranges(page, serve, site, name: str) -> list[tuple[int, int]]:
    server = serve(site.output)
    page.goto(server.url + "search/")
    page.wait_for_selector("#search-results[data-state=done]", state="attached")
    return [tuple(r) for r in page.evaluate(RANGES_IN_THE_PAGE, name)]


def python_ranges(predicate) -> list[tuple[int, int]]:
    codes = [code for code in range(0x110000) if predicate(chr(code))]
    ranges = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def test_the_browser_knows_the_same_letters_and_numbers(page, serve, seed_site):
    assert browser_ranges(page, serve, seed_site, "isWord") == word_ranges()


def test_the_browser_knows_which_han_characters_fold(page, serve, seed_site):
    # A query fetches the fold buckets of these characters before its shards;
    # one the browser thought unfolding would be searched unfolded, and miss.
    folding = browser_ranges(page, serve, seed_site, "mayFold")
    assert folding == python_ranges(may_fold)
    assert all(may_fold(c) for c in "開門紅願寧") and not any(may_fold(c) for c in "开门红志愿者宁")
