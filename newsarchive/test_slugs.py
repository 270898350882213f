import re

from newsarchive import gazetteer
from newsarchive.slugs import disambiguate, slugify


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
