"""What readers type finds what they mean, on the seed archive: the analyzer's promises, end to end."""

from __future__ import annotations

import re

import pytest
from conftest import item_files, read_item
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index

from newsarchive.search.engine import search
from newsarchive.search.store import INDEX_DIR

HAN = re.compile(r"[\u4e00-\u9fff]{2,}")


def seed_texts() -> dict[str, str]:
    """URL → title and body as the editor wrote them (read without the plugins)."""
    texts = {}
    for path in item_files():
        fields, body = read_item(path)
        texts[f"2023/01/{path.stem}/"] = fields["title"] + "\n" + body
    return texts


TEXTS = seed_texts()
RUNS = sorted({(url, run) for url, text in TEXTS.items() for run in HAN.findall(text)})


@pytest.fixture(scope="module")
def ix(seed_site):
    ix = whoosh_index.open_dir(str(seed_site.output / INDEX_DIR))
    yield ix
    ix.close()


def found(ix, query: str, **filters) -> list[str]:
    return [h.url for h in search(ix, query, filters)[0]]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_run_of_han_characters_in_an_item_finds_it(ix, data):
    url, run = data.draw(st.sampled_from(RUNS))
    start = data.draw(st.integers(0, len(run) - 2))
    end = data.draw(st.integers(start + 2, len(run)))
    assert url in found(ix, run[start:end])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_single_character_finds_every_item_that_has_it(ix, data):
    url, run = data.draw(st.sampled_from(RUNS))
    char = data.draw(st.sampled_from(run))
    expected = {u for u, text in TEXTS.items() if char in text}
    assert url in expected
    assert expected <= set(found(ix, char))


# (query, the literal text it stands for): only one seed item contains that text,
# which the test checks on the files themselves before asking the search.
UNIQUE = [
    ("晶科能源", "晶科能源"),
    ("红石榴宣讲队", "“红石榴”宣讲队"),
    ("无魏不至", "无‘魏’不至"),
    ("海寧全力衝刺", "海宁全力冲刺"),
    ("１１ＧＷ", "11GW"),
    ("11gw 高效", "11GW 高效"),
    ("3.0版", "3.0 版"),
    ("人才新政 3.0版", "人才新政 3.0 版"),
    ("工商银行", "工商银行"),
    ("澉浦", "澉浦"),
    ("红巷轻骑兵", "红巷轻骑兵"),
    ("盛威安防", "盛威安防"),
    ("符森", "符森"),
    ("云创小镇", "云创小镇"),
    ("四方联动", "四方联动"),
    ("沈荡", "沈荡"),
    ("民俗文氛围", "民俗文氛围"),
]


@pytest.mark.parametrize("query,literal", UNIQUE)
def test_a_query_naming_what_one_item_contains_ranks_that_item_first(ix, query, literal):
    holders = [url for url, text in TEXTS.items() if literal in text]
    assert len(holders) == 1, f"{literal} should be in exactly one seed item, is in {holders}"
    assert found(ix, query)[:1] == holders


def test_characters_far_apart_do_not_make_a_word(ix):
    # 宣讲 and 队 both occur in “窑乡有礼”, but 宣讲队 only as “红石榴”宣讲队
    assert found(ix, "宣讲队") == ["2023/01/yao-xiang-you-li-ca-liang-wen-ming-di-se/"]
    assert "宣讲队" not in re.sub(r"[“”]", "", TEXTS["2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li/"])
    assert found(ix, "讲队宣") == []


def test_every_word_of_a_query_is_required(ix):
    both = found(ix, "开门红 纪委")
    assert both == ["2023/01/lian-dong-jian-du-hu-hang-jing-ji-fa-zhan/"]
    assert set(both) < set(found(ix, "开门红"))


def test_a_title_match_ranks_above_body_matches(ix):
    # 开门红 is in the title of one item and the body of another
    assert found(ix, "开门红")[0] == "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/"
    assert "开门红" in TEXTS["2023/01/lian-dong-jian-du-hu-hang-jing-ji-fa-zhan/"].split("\n", 1)[1]


def test_filters_narrow_by_county_township_topic_and_year(ix):
    everything = found(ix, "镇")
    assert len(everything) > 3
    assert found(ix, "镇", county="海盐县") and all(u in everything for u in found(ix, "镇", county="海盐县"))
    assert found(ix, "镇", township="澉浦镇") == ["2023/01/hai-yan-xian-gan-pu-zhen-ji-yi-li-de-ji-pu-nian-wei-wen-hua/"]
    assert "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/" in found(ix, "海宁", topic="招商引资")
    assert found(ix, "镇", year="2023") == everything and found(ix, "镇", year="2022") == []
