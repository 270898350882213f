"""County and townships found in an item's text, with every trap of the issue."""

from __future__ import annotations

import pytest
from small_pages import places_of

from newsarchive import gazetteer
from newsarchive.importer.places import NEEDS_COUNTY_CONTEXT, PlaceFinder, Segment

TITLE = "新春走基层"  # names no place: the body decides


def test_a_full_township_name_gives_township_and_county(tmp_path):
    assert places_of(tmp_path, TITLE, "近日，王店镇开展新春活动。")[:2] == ("秀洲区", ["王店镇"])


def test_short_forms_as_news_writes_them(tmp_path):
    assert places_of(tmp_path, "王店：服务百姓“零距离”", "去年底，各级党组织积极发挥作用。")[:2] == ("秀洲区", ["王店镇"])
    assert places_of(tmp_path, TITLE, "海宁就涌起了一轮又一轮签约潮。")[:2] == ("海宁市", [])


def test_every_division_of_the_gazetteer_is_found_by_its_full_name():
    places = gazetteer.load()
    finder = PlaceFinder(places)
    for name, division in places.townships.items():
        found = finder.find([Segment(f"近日，{name}开展新春活动。", 1)])
        if name in NEEDS_COUNTY_CONTEXT:  # 于城镇: see the trap below
            found = finder.find([Segment(f"近日，{division.county}{name}开展新春活动。", 1)])
        assert (found.county, found.townships) == (division.county, [name])
    for name in places.counties:
        found = finder.find([Segment(f"近日，{name}开展新春活动。", 1)])
        assert (found.county, found.townships) == (name, [])


def test_townships_keep_the_order_of_the_text(tmp_path):
    body = "在海宁市马桥街道，9 个重大项目集中开工；在海宁市袁花镇，12 个重大项目集中开工；马桥街道还将举办活动。"
    assert places_of(tmp_path, TITLE, body)[:2] == ("海宁市", ["马桥街道", "袁花镇"])


# --- the traps -------------------------------------------------------------


def test_wuzhen_is_wuzhen_zhen(tmp_path):
    assert places_of(tmp_path, TITLE, "乌镇迎来新春游客。")[:2] == ("桐乡市", ["乌镇镇"])
    assert places_of(tmp_path, TITLE, "桐乡市乌镇镇举办灯会。")[:2] == ("桐乡市", ["乌镇镇"])
    county, townships, notes = places_of(tmp_path, TITLE, "桐乡市乌镇景区游客如织。")
    assert (county, townships) == ("桐乡市", ["乌镇镇"])
    assert notes == []  # 乌镇 is not an unknown “乌镇” + 镇


def test_nanhu_alone_is_the_district_never_the_street(tmp_path):
    assert places_of(tmp_path, TITLE, "南湖云创小镇获评优秀。")[:2] == ("南湖区", [])
    assert places_of(tmp_path, TITLE, "南湖区东栅街道获评先进集体。")[:2] == ("南湖区", ["东栅街道"])
    assert places_of(tmp_path, TITLE, "南湖街道举办邻里节。")[:2] == ("南湖区", ["南湖街道"])


def test_nanhu_the_lake_is_no_place_of_the_item(tmp_path):
    county, townships, _ = places_of(tmp_path, TITLE, "钱家祠堂与嘉兴南湖学院“联姻”，海盐县沈荡镇建设基地。")
    assert (county, townships) == ("海盐县", ["沈荡镇"])
    county, _, _ = places_of(tmp_path, "红船精神进万家", "党员们来到南湖红船旁重温入党誓词，海宁市许村镇宣讲团随行。")
    assert county == "海宁市"


def test_xitang_does_not_match_inside_xitangqiao(tmp_path):
    assert places_of(tmp_path, TITLE, "西塘桥街道开展活动。")[:2] == ("海盐县", ["西塘桥街道"])
    assert places_of(tmp_path, TITLE, "海盐西塘桥的企业复工。")[:2] == ("海盐县", ["西塘桥街道"])
    assert places_of(tmp_path, TITLE, "西塘古镇游客如织。")[:2] == ("嘉善县", ["西塘镇"])


@pytest.mark.parametrize(
    "word, township, county",
    [
        ("建设", "建设街道", "南湖区"),
        ("新城", "新城街道", "秀洲区"),
        ("城南", "城南街道", "南湖区"),
        ("大桥", "大桥镇", "南湖区"),
        ("长安", "长安镇", "海宁市"),
        ("石门", "石门镇", "桐乡市"),
        ("七星", "七星街道", "南湖区"),
    ],
)
def test_short_forms_that_are_ordinary_words_are_not_taken_alone(tmp_path, word, township, county):
    alone = f"平湖市推进{word}工作，新建一座{word}。"
    assert places_of(tmp_path, TITLE, alone)[:2] == ("平湖市", [])
    after_county = f"{places_of_county_short(county)}{word}的企业复工。平湖市也有企业复工。"
    assert places_of(tmp_path, TITLE, after_county)[:2] == (county, [township])
    in_full = f"{township}举办活动。"
    assert places_of(tmp_path, TITLE, in_full)[:2] == (county, [township])


def places_of_county_short(county: str) -> str:
    return gazetteer.load().counties[county].short


def test_a_full_name_inside_ordinary_words_needs_its_county(tmp_path):
    """于城镇 is also 用于城镇化."""
    county, townships, _ = places_of(tmp_path, TITLE, "资金将用于城镇化建设，平湖市新仓镇率先试点。")
    assert (county, townships) == ("平湖市", ["新仓镇"])
    assert places_of(tmp_path, TITLE, "海盐县于城镇举办农民丰收节。")[:2] == ("海盐县", ["于城镇"])


# --- deciding the county ------------------------------------------------------


def test_a_township_implies_its_county(tmp_path):
    assert places_of(tmp_path, TITLE, "澉浦镇举办文化节。")[:2] == ("海盐县", ["澉浦镇"])


def test_the_most_specific_evidence_decides_and_the_others_are_noted(tmp_path):
    body = "嘉善县天凝镇的企业与海宁的客户签约。天凝镇还将扩大生产。"
    county, townships, notes = places_of(tmp_path, TITLE, body)
    assert (county, townships) == ("嘉善县", ["天凝镇"])
    (note,) = notes
    assert "海宁市" in note and "第 5 行" in note


def test_townships_of_another_county_are_reported_not_kept(tmp_path):
    body = "秀洲区王店镇与海宁市袁花镇结对。王店镇将派出网格员，王店镇党委牵头。"
    county, townships, notes = places_of(tmp_path, TITLE, body)
    assert (county, townships) == ("秀洲区", ["王店镇"])
    assert any("袁花镇（海宁市" in n for n in notes)


def test_the_title_weighs_more_than_the_body(tmp_path):
    county, _, _ = places_of(tmp_path, "海宁全力冲刺“开门红”", "平湖市的客户前来签约。")
    assert county == "海宁市"


def test_a_township_the_gazetteer_does_not_know_is_reported(tmp_path):
    """新篁镇 was merged into 王江泾镇: the name is reported with advice, not dropped silently."""
    county, townships, notes = places_of(tmp_path, TITLE, "秀洲区新篁镇的老街修缮完工。")
    assert (county, townships) == ("秀洲区", [])
    (note,) = notes
    assert "新篁镇" in note and "不在嘉兴市乡镇名录中" in note and "第 5 行" not in note


def test_an_unknown_township_is_matched_in_the_county_written_before_it(tmp_path):
    _, townships, notes = places_of(tmp_path, TITLE, "海宁市峡石镇的老街修缮完工。")
    assert townships == []
    (note,) = notes
    assert "是不是“硖石街道”（海宁市）？" in note and "石门镇" not in note


def test_kinds_of_town_are_not_unknown_townships(tmp_path):
    _, _, notes = places_of(tmp_path, TITLE, "南湖区云创小镇获评优秀，海盐县古镇焕新。")
    assert not any("名录" in n for n in notes)
