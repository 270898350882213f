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
