import json
import os
import re
import subprocess
import sys
from pathlib import Path

from newsarchive import gazetteer
from newsarchive.slugs import disambiguate, slugify, words


def test_polyphones_in_place_names_read_as_places():
    assert slugify("长安镇") == "chang-an-zhen"  # not zhang-an
    assert slugify("长水街道") == "chang-shui-jie-dao"  # pypinyin alone says zhang-shui
    assert slugify("海盐支行为客户送福") == "hai-yan-zhi-hang-wei-ke-hu-song-fu"


def test_full_width_and_latin_become_ascii_words():
    assert slugify("１１ＧＷ 高效电池") == "11gw-gao-xiao-dian-chi"
    assert slugify("“红石榴”宣讲队") == "hong-shi-liu-xuan-jiang-dui"


def test_long_titles_are_cut_at_a_syllable():
    slug = slugify("春节期间，工商银行海盐支行为客户送“福”。" * 3)
    assert len(slug) <= 60 and not slug.endswith("-")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)


def test_unspellable_text_still_gets_a_stable_slug():
    assert slugify("😀") == slugify("😀")
    assert slugify("😀").startswith("item-")


def test_gazetteer_slugs_are_unique_ascii_and_agree_with_slugify():
    places = gazetteer.load()
    slugs = [d.slug for d in places.divisions]
    assert len(set(slugs)) == len(slugs)
    for division in places.divisions:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", division.slug)
        assert slugify(division.name) == division.slug, division.name


def test_homophone_names_get_distinct_stable_slugs():
    both = disambiguate(["张会", "章惠", "李明"])
    assert both["李明"] == "li-ming"
    assert both["张会"] != both["章惠"]
    assert both["张会"].startswith("zhang-hui-")
    assert disambiguate(["章惠", "张会"]) == {k: v for k, v in both.items() if k != "李明"}


def test_table_reads_like_pypinyin_with_its_full_dictionaries():
    """The light reader agrees with pypinyin + pypinyin-dict's large phrase list.

    The reference runs in its own process, where pypinyin loads all 412,000
    phrases. Titles, bylines and names must agree exactly; in running text the
    longest-match over the smaller table may split a rare run differently
    (成长壮大 after 在这里), so sentences must agree on 99% of Han runs.
    """
    root = Path(__file__).resolve().parent.parent
    seed = (root / "sources" / "pages" / "000_27b9736ab03bda84.txt").read_text(encoding="utf-8")
    short_lines = [line for line in seed.splitlines() if 0 < len(line) <= 30]
    names = short_lines + [d.name for d in gazetteer.load().divisions if d.name != "长水街道"]
    names += ["工商银行海盐支行为客户送福", "行长在银行", "重庆的长安汽车", "单晶硅", "曾经的曾先生"]
    runs = re.findall(r"[\u4e00-\u9fff]{2,}", seed)
    texts = [r for name in names for r in re.findall(r"[\u4e00-\u9fff]+", name)]
    reference = subprocess.run(
        [sys.executable, "-c", (
            "import json,sys;from pypinyin import lazy_pinyin;"
            "from pypinyin_dict.phrase_pinyin_data import large_pinyin;large_pinyin.load();"
            "print(json.dumps([lazy_pinyin(t, errors='ignore') for t in json.load(sys.stdin)]))"
        )],
        input=json.dumps(texts + runs), capture_output=True, text=True, check=True,
        env={k: v for k, v in os.environ.items() if k != "PYPINYIN_NO_PHRASES"},
    )
    expected = json.loads(reference.stdout)
    for text, reading in zip(texts, expected):
        assert words(text) == reading, text
    agree = sum(words(r) == e for r, e in zip(runs, expected[len(texts):]))
    assert agree >= 0.99 * len(runs)
