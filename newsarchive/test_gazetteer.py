from newsarchive import gazetteer


def test_counts_match_the_source_readme():
    places = gazetteer.load()
    assert len(places.counties) == 7
    assert len(places.townships) == 72
    per_county = {c: len(places.townships_of(c)) for c in places.counties}
    assert per_county == {"南湖区": 13, "秀洲区": 9, "嘉善县": 9, "海盐县": 9, "海宁市": 12, "平湖市": 9, "桐乡市": 11}


def test_short_forms_and_typos_get_suggestions():
    places = gazetteer.load()
    assert places.suggestions("王店", places.townships)[0] == "王店镇"
    assert places.suggestions("乌镇", places.townships)[0] == "乌镇镇"
    assert places.suggestions("海宁", places.counties)[0] == "海宁市"
    assert "秀洲区" in places.suggestions("秀州区", places.counties)


def test_problems_name_the_right_county():
    places = gazetteer.load()
    assert places.township_problem("王店镇", "秀洲区") is None
    assert "属于秀洲区" in places.township_problem("王店镇", "嘉善县")
    assert places.county_problem("海宁市") is None
    assert "是乡镇" in places.county_problem("袁花镇")


def test_a_typo_beside_its_county_suggests_that_countys_township():
    places = gazetteer.load()
    # 硖 is often typed 峡; 石门镇 (桐乡市) shares as many characters with 峡石镇
    assert places.suggestions("峡石镇", places.townships, "海宁市") == ["硖石街道"]
    assert places.suggestions("元花镇", places.townships, "海宁市") == ["袁花镇"]
    assert "通元镇" in places.suggestions("元花镇", places.townships)  # the same typo with no county to go by
    # nothing like 郭店 in 海宁市: the look-alike elsewhere is better than nothing
    assert places.suggestions("郭店镇", places.townships, "海宁市") == ["王店镇"]
    # another township's very short form stays on offer, after the county's own: the county may be the mistake
    assert places.suggestions("长水", places.townships, "海宁市") == ["长安镇", "长水街道"]
    assert "是不是“硖石街道”（海宁市）？" in places.township_problem("峡石镇", "海宁市")
    assert "石门镇" not in places.township_problem("峡石镇", "海宁市")
