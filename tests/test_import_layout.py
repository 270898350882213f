"""The layout rules, each on a small page written for it, imported as an editor would."""

from __future__ import annotations

import pytest
from small_pages import article, import_text, only_item

from newsarchive.importer import layout
from newsarchive.importer.run import ImportFailed


def body_of(outcome, title):
    return next(i for i in outcome.items if i.title == title).body


# --- bylines ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line, names",
    [
        ("张会", ["张会"]),
        ("钟逸格 徐洁", ["钟逸格", "徐洁"]),
        ("钟逸格　徐洁", ["钟逸格", "徐洁"]),  # ideographic space
        ("钟逸格、徐洁", ["钟逸格", "徐洁"]),
        ("记者 张三 通讯员 李四", ["张三", "李四"]),
        ("记者张三", ["张三"]),
        ("本报记者", []),
        ("欧阳文娟 许颖佳 徐亦为 吴涛", ["欧阳文娟", "许颖佳", "徐亦为", "吴涛"]),
        # roles are no names: “首席记者” and “本报讯” were authors of their own
        ("首席记者 朱敏", ["朱敏"]),
        ("全媒体记者 朱敏 特约通讯员 张凌翊", ["朱敏", "张凌翊"]),
        ("本报讯 记者 朱敏", ["朱敏"]),
        ("本报讯（嘉兴）", []),  # a place, the dateline: no author, kept as text
        ("本报讯（记者 张会） 通讯员 李四", ["张会", "李四"]),  # a byline after the bracket
        ("本报讯（嘉兴） 记者 张会", ["张会"]),
        # the square or circle some papers print before a byline
        ("□ 记者 张三", ["张三"]),
        ("■本报记者 朱敏 □通讯员 张凌翊", ["朱敏", "张凌翊"]),
        ("■ 记者", []),
        ("记者：朱敏", ["朱敏"]),
        # who wrote, who took the pictures: such lines were refused as “不是署名”
        ("文/图 朱敏", ["朱敏"]),
        ("文/朱敏 图/张凌翊", ["朱敏", "张凌翊"]),
        ("朱敏/文 张凌翊/图", ["朱敏", "张凌翊"]),
        ("朱敏 文/图", ["朱敏"]),
        ("朱敏 摄", ["朱敏"]),
        ("记者 朱敏 摄影 张凌翊", ["朱敏", "张凌翊"]),
        ("记者 朱敏 报道", ["朱敏"]),  # 报道 was an author
        ("文静 图雅", ["文静", "图雅"]),  # names that begin like a credit mark
    ],
)
def test_a_byline_is_one_to_four_han_names(line, names):
    assert layout.byline_names(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "张",  # one character is no name
        "张三李四王五赵六",  # eight characters are no name
        "张三 李四 王五 赵六 钱七",  # five names: a list in the text, not a byline
        "近日，王店镇",  # punctuation
        "Zhang San",
        "2023 年",
        "文/图",  # a credit mark without a name
        "摄",
        "本报讯（记者 张会） 晶科能源",  # the dateline opening a paragraph on the byline's line
        "本报讯（记者 张会）晶科能源",
        "本报讯（记者 张会）通讯员李四近日",  # a role glued to what follows may open the text
        "本报讯（记者 张会） 张三 李四",  # bare names after it could be the text's first words
        "本报讯（记者 张三 李四） 通讯员 王五 赵六 钱七",  # five names
    ],
)
def test_other_short_lines_are_not_bylines(line):
    assert layout.byline_names(line) is None


def test_byline_names_become_authors(tmp_path):
    item = only_item(import_text(tmp_path, article("王店镇新春送温暖", "近日，王店镇开展活动。", byline="记者 朱敏 通讯员 张凌翊")))
    assert item.fields["authors"] == "朱敏, 张凌翊"


@pytest.mark.parametrize("second", ["通讯员 张凌翊", "图/张凌翊", "张凌翊 摄"])
def test_a_byline_over_two_lines_gives_both_names_and_leaves_the_text_alone(tmp_path, second):
    """The second line was glued to the text (“通讯员 张凌翊近日，…”) and its name lost."""
    body = "近日，王店镇开展活动。"
    for gap in ("\n", "\n\n"):
        outcome = import_text(tmp_path, f"王店镇新春送温暖\n\n本报记者 朱敏{gap}{second}\n\n{body}\n")
        item = only_item(outcome)
        assert (item.fields["authors"], item.body, item.notes) == ("朱敏, 张凌翊", body, []), gap


def test_a_first_line_opening_with_a_role_word_stays_text(tmp_path):
    """记者从王店镇 / 获悉，…: the first paragraph broken by a column just after 记者从王店镇 was
    taken for a second byline line, its words dropped from the text and 从王店镇 made an author."""
    page = "王店镇新春送温暖\n\n本报记者 朱敏\n\n记者从王店镇\n\n获悉，今年全镇共走访困难群众 300 户。\n"
    item = only_item(import_text(tmp_path, page))
    assert (item.fields["authors"], item.body) == ("朱敏", "记者从王店镇获悉，今年全镇共走访困难群众 300 户。")


def test_bare_names_under_a_byline_are_not_taken_for_it(tmp_path):
    # names alone could as well be the text's first words: only a role or credit word says “byline”
    # (the page had one byline line only, so nothing here could be taken for a second one)
    item = only_item(import_text(tmp_path, "王店镇新春送温暖\n\n本报记者 朱敏\n\n张凌翊\n\n近日，王店镇开展活动。\n"))
    assert (item.fields["authors"], item.body) == ("朱敏", "张凌翊近日，王店镇开展活动。")
    assert any("像署名" in n.message for n in item.notes)  # and the editor is told


# --- titles ----------------------------------------------------------------


def test_a_title_is_a_short_line_followed_by_a_byline(tmp_path):
    page = article("海宁全力冲刺“开门红”", "今年，海宁定下了目标。") + article("王店：服务百姓“零距离”", "去年底，王店镇组建网格小分队。", "朱敏 张凌翊")
    outcome = import_text(tmp_path, page)
    assert [(i.title, i.line) for i in outcome.items] == [("海宁全力冲刺“开门红”", 1), ("王店：服务百姓“零距离”", 6)]


def test_a_three_character_headline_with_a_byline_is_a_title(tmp_path):
    page = article("开门红", "今年，海宁定下了目标。", "王小明") + article("迎新春", "近日，王店镇开展活动。", "朱敏")
    outcome = import_text(tmp_path, page)
    assert [(i.title, i.line, i.fields["authors"]) for i in outcome.items] == [
        ("开门红", 1, "王小明"), ("迎新春", 6, "朱敏")]


def test_a_short_line_without_a_byline_is_not_a_title(tmp_path):
    outcome = import_text(tmp_path, article("王店镇新春送温暖", "近日，王店镇开展活动。\n\n开门红\n\n今年，海宁定下了目标。"))
    (item,) = outcome.items
    assert item.body.split("\n\n")[1:] == ["开门红今年，海宁定下了目标。"]  # a line a column broke


def test_a_headline_like_line_without_a_byline_is_a_broken_paragraph(tmp_path):
    """The seed's trap: 干窑镇自推进“窑乡有礼”新时代 / 文明实践以来…"""
    body = "符森是一位老党员。\n\n干窑镇自推进“窑乡有礼”新时代\n\n文明实践以来，坚持以文明创建为统领。\n"
    outcome = import_text(tmp_path, article("“窑乡有礼”擦亮文明底色", body))
    item = only_item(outcome)
    assert item.body == "符森是一位老党员。\n\n干窑镇自推进“窑乡有礼”新时代文明实践以来，坚持以文明创建为统领。"
    assert [n.line for n in item.notes] == [7]
    assert "补上署名" in item.notes[0].message


def test_a_line_ending_a_sentence_is_never_a_title(tmp_path):
    body = "近日，王店镇开展活动。\n\n活动很成功。\n\n李四\n\n群众很满意。\n"
    item = only_item(import_text(tmp_path, article("王店镇新春送温暖", body)))
    assert item.paragraphs == 3  # "李四" after a finished sentence starts a paragraph, joined to the next
    assert item.body.endswith("李四群众很满意。")


def test_an_unfinished_paragraph_continues_even_into_a_title_and_says_so(tmp_path):
    """Columns break paragraphs far more often than articles end mid-sentence."""
    page = article("海宁全力冲刺“开门红”", "今年，海宁定下了目标，转第二版") + article("王店镇新春送温暖", "去年底，王店镇组建网格小分队。")
    item = only_item(import_text(tmp_path, page))
    assert item.body == "今年，海宁定下了目标，转第二版王店镇新春送温暖张三去年底，王店镇组建网格小分队。"
    (note,) = [n for n in item.notes if "像标题和署名" in n.message]
    assert note.line == 6 and "第 5 行" in note.message and "补上结尾" in note.message


def test_a_paragraph_unfinished_at_the_end_of_the_page_is_noted(tmp_path):
    item = only_item(import_text(tmp_path, article("王店镇新春送温暖", "去年底，王店镇组建网格小分队，下转第二版")))
    (note,) = [n for n in item.notes if "版面末尾" in n.message]
    assert note.line == 5


def test_a_line_opening_mid_sentence_is_never_a_title(tmp_path):
    assert not layout.looks_like_title("，统是同年量式？")
    assert layout.looks_like_title("特色小镇中的“优秀生”究竟是如何炼成的？")


# --- photo captions ----------------------------------------------------------


@pytest.mark.parametrize(
    "line, caption, credit",
    [
        ("海盐县澉浦镇“记忆里的激浦年味”文化节（图片由澉浦镇提供）", "海盐县澉浦镇“记忆里的激浦年味”文化节", "图片由澉浦镇提供"),
        ("春节期间，工商银行海盐支行为客户送“福”。（图片由工行嘉兴分行提供）", "春节期间，工商银行海盐支行为客户送“福”。", "图片由工行嘉兴分行提供"),
        ("乌镇迎来新春游客(图片由乌镇镇提供)", "乌镇迎来新春游客", "图片由乌镇镇提供"),
        ("西塘古镇灯会（记者 张三 摄）", "西塘古镇灯会", "记者 张三 摄"),
        # the credit word first: these captions were glued to the article above as text
        ("西塘古镇灯会。（摄影 张三）", "西塘古镇灯会。", "摄影 张三"),
        ("西塘古镇灯会（图/张三）", "西塘古镇灯会", "图/张三"),
        ("西塘古镇灯会（摄影：本报记者 张三）", "西塘古镇灯会", "摄影：本报记者 张三"),
        # given, not taken: these captions were glued to the article above as text
        ("西塘古镇灯会（西塘镇供图）", "西塘古镇灯会", "西塘镇供图"),
        ("西塘古镇灯会（资料图片）", "西塘古镇灯会", "资料图片"),
        # without brackets, after a space: these captions were glued to the article above as text
        ("西塘古镇灯会 朱敏 摄", "西塘古镇灯会", "朱敏 摄"),
        ("西塘古镇灯会。本报记者 朱敏 摄", "西塘古镇灯会。", "本报记者 朱敏 摄"),
        ("西塘古镇灯会　图/朱敏", "西塘古镇灯会", "图/朱敏"),
        ("西塘古镇灯会 □朱敏 张凌翊 摄", "西塘古镇灯会", "朱敏 张凌翊 摄"),
        # 余人参加 reads as a name, but a figure before it says it is the caption's
        ("共有 1000 余人参加 朱敏 摄", "共有 1000 余人参加", "朱敏 摄"),
    ],
)
def test_a_photo_caption_ends_in_a_credit(line, caption, credit):
    assert layout.photo_caption(line) == (caption, credit)


def test_credits_inside_a_sentence_are_not_captions():
    assert layout.photo_caption("（图片由澉浦镇提供）") is None  # a credit with no caption
    assert layout.photo_caption("照片（图片由澉浦镇提供）显示，活动很热闹。") is None
    assert layout.photo_caption("王店镇举办游园会（图为游园会现场）") is None  # 图为… is no credit
    assert layout.photo_caption("王店镇举办游园会（图片）") is None
    assert layout.photo_caption("记者 朱敏 摄") is None  # a byline, not a caption
    assert layout.photo_caption("王店镇举办游园会 文静 图雅") is None  # names, no credit mark
    assert layout.photo_caption("他拿起相机拍摄") is None


def test_a_caption_with_its_credit_word_first_is_a_photo_not_text_of_the_article_above(tmp_path):
    page = article("王店镇新春送温暖", "近日，王店镇开展活动。") + "\n春节期间，王店镇举办游园会。（摄影 朱敏）\n"
    outcome = import_text(tmp_path, page)
    assert [(i.kind, i.title, i.fields.get("credit"), i.body) for i in outcome.items] == [
        ("article", "王店镇新春送温暖", None, "近日，王店镇开展活动。"),
        ("photo", "春节期间，王店镇举办游园会。", "摄影 朱敏", ""),
    ]


def test_photo_items_carry_caption_and_credit(tmp_path):
    page = "\n\n海盐县澉浦镇“记忆里的激浦年味”文化节（图片由澉浦镇提供）\n\n\n\n嘉善县大云镇新年充满民俗文氛围（图片由大云镇提供）\n"
    outcome = import_text(tmp_path, page)
    assert [(i.kind, i.title, i.fields["credit"], i.line) for i in outcome.items] == [
        ("photo", "海盐县澉浦镇“记忆里的激浦年味”文化节", "图片由澉浦镇提供", 3),
        ("photo", "嘉善县大云镇新年充满民俗文氛围", "图片由大云镇提供", 7),
    ]
    assert all(i.body == "" and i.fields["type"] == "photo" for i in outcome.items)


def test_a_caption_between_column_halves_does_not_break_the_paragraph(tmp_path):
    body = "海宁市新光光源照明有限公司线上平台订单\n\n春节期间，工商银行海盐支行为客户送“福”。（图片由工行嘉兴分行提供）\n\n量突破 1000 万美元。\n"
    outcome = import_text(tmp_path, article("海宁全力冲刺“开门红”", body))
    assert [i.kind for i in outcome.items] == ["article", "photo"]
    assert outcome.items[0].body == "海宁市新光光源照明有限公司线上平台订单量突破 1000 万美元。"


# --- paragraphs ------------------------------------------------------------


@pytest.mark.parametrize("end", list("。！？…”’）") + ["……", "!", "?"])
def test_a_block_ending_a_sentence_ends_its_paragraph(tmp_path, end):
    body = f"第一段话{end}\n\n第二段话。\n"
    assert import_text(tmp_path, article("王店镇新春送温暖", body)).items[0].paragraphs == 2


@pytest.mark.parametrize("end", ["，", "、", "；", "：", "订单", "“云", "1000", "《"])
def test_a_block_not_ending_a_sentence_continues_in_the_next(tmp_path, end):
    body = f"第一段话{end}\n\n第二段话。\n"
    item = import_text(tmp_path, article("王店镇新春送温暖", body)).items[0]
    assert item.body == f"第一段话{end}第二段话。"


def test_latin_words_broken_by_a_column_keep_their_space():
    assert layout.joiner("浙江省 AAAA", "级景区") == ""
    assert layout.joiner("Jiaxing", "Daily") == " "
    assert layout.joiner("11GW", "高效") == ""


def test_layout_white_space_is_dropped_and_nothing_else(tmp_path):
    """Indentation (full-width spaces), trailing spaces, runs of blank lines."""
    page = "\r\n\u3000\u3000王店镇新春送温暖  \r\n\r\n\r\n\u3000张三\r\n\r\n\u3000\u3000近日，王店镇开展“送温暖”活动，发放 2.48 万张宣传单。\u3000\r\n"
    item = only_item(import_text(tmp_path, page))
    assert (item.title, item.fields["authors"], item.line) == ("王店镇新春送温暖", "张三", 2)
    assert item.body == "近日，王店镇开展“送温暖”活动，发放 2.48 万张宣传单。"


def test_a_utf8_bom_is_not_part_of_the_title(tmp_path):
    item = only_item(import_text(tmp_path, "\ufeff" + article("王店镇新春送温暖", "近日，王店镇开展活动。")))
    assert item.title == "王店镇新春送温暖"


# --- pages that are not news ------------------------------------------------


@pytest.mark.parametrize(
    "furniture, says",
    [
        ("嘉兴日报 第5版", "像是标题"),  # reads like a headline without its byline
        ("本版责任编辑：王五。校对：赵六。", "前面没有稿件标题"),
    ],
)
def test_text_before_the_first_title_names_its_line(tmp_path, furniture, says):
    page = f"{furniture}\n\n" + article("王店镇新春送温暖", "近日，王店镇开展活动。")
    with pytest.raises(ImportFailed) as failed:
        import_text(tmp_path, page)
    (problem,) = failed.value.problems
    assert problem.path.endswith("page.txt") and problem.line == 1
    assert says in problem.message and "删去" in problem.message


def test_a_title_printed_over_two_lines_at_the_top_of_the_page_is_named(tmp_path):
    # at the top it could as well be the masthead over a title: the editor is asked, with both ways out
    with pytest.raises(ImportFailed) as failed:
        import_text(tmp_path, "王店：服务百姓\n“零距离”\n\n朱敏\n\n近日，王店镇开展活动。\n")
    (problem,) = failed.value.problems
    assert problem.line == 1 and "连成一行" in problem.message and "报头" in problem.message


def test_a_line_over_the_first_title_no_shorter_than_it_names_the_kicker_way_out(tmp_path):
    """奋进新征程 建功新时代 / 海宁全力冲刺“开门红” / 张会: as long as the title, so a title over two
    lines or the masthead by the rule, and the import stops; it may as well be a kicker (引题), and the
    editor was told only to join the lines or delete one."""
    with pytest.raises(ImportFailed) as failed:
        import_text(tmp_path, "奋进新征程 建功新时代\n\n海宁全力冲刺“开门红”\n\n张会\n\n今年，海宁定下了目标。\n")
    (problem,) = failed.value.problems
    assert problem.line == 1 and "引题" in problem.message
    assert "Kicker: 奋进新征程 建功新时代" in problem.message and "连成一行" in problem.message


def test_a_short_line_over_the_first_title_is_its_kicker(tmp_path):
    item = only_item(import_text(tmp_path, "新春走基层\n\n海宁全力冲刺“开门红”\n\n张会\n\n今年，海宁定下了目标。\n"))
    assert (item.title, item.fields["kicker"], item.body) == ("海宁全力冲刺“开门红”", "新春走基层", "今年，海宁定下了目标。")
    (note,) = [n for n in item.notes if "引题" in n.message]
    assert note.line == 1 and "连成一行" in note.message and "报头" in note.message


def test_after_an_unfinished_paragraph_two_short_lines_are_not_joined_into_a_title(tmp_path):
    """走访困难群众和 / 老党员家中送去慰问 / 天凝：侨企安心谋发展 / 张舜红: the second line
    may end the broken paragraph, as after any unfinished paragraph the editor is
    asked (the rule for a one-line title), not handed a title 老党员家中送去慰问天凝：…"""
    page = ("王店镇新春送温暖\n朱敏\n\n近日，王店镇开展新春送温暖活动，走访困难群众和\n老党员家中送去慰问\n\n"
            "天凝：侨企安心谋发展\n张舜红\n\n天凝镇的侨资企业安心谋发展。\n")
    item = only_item(import_text(tmp_path, page))
    assert item.body.startswith("近日，王店镇开展新春送温暖活动，走访困难群众和老党员家中送去慰问")
    assert not any("标题印成了两行" in n.message for n in item.notes)
    assert any("没有以句末标点结束" in n.message and "新稿件" in n.message for n in item.notes)


@pytest.mark.parametrize("last", ["“真是太感谢你们了！”", "这样的好日子谁不喜欢？", "海宁加油!"])
def test_a_short_last_paragraph_ending_its_sentence_is_not_the_first_line_of_the_next_title(tmp_path, last):
    """A short exclamation or question closing an article, then the next title and its byline:
    it was cut from its article and put in front of the next one's title."""
    page = article("王店镇新春送温暖", f"近日，王店镇开展活动。\n\n{last}") + "\n" + article("天凝：侨企安心谋发展", "近日，天凝镇开展活动。")
    outcome = import_text(tmp_path, page)
    assert [(i.title, i.body) for i in outcome.items] == [
        ("王店镇新春送温暖", f"近日，王店镇开展活动。\n\n{last}"),
        ("天凝：侨企安心谋发展", "近日，天凝镇开展活动。"),
    ]
    assert not any("标题印成了两行" in n.message for i in outcome.items for n in i.notes)


def test_names_under_the_byline_are_pointed_out(tmp_path):
    """海宁全力冲刺 / 开门红 / 张会: 开门红 reads as a name; the editor must hear that 张会 opens the text."""
    item = only_item(import_text(tmp_path, "海宁全力冲刺\n开门红\n\n张会\n\n今年，海宁定下了目标。\n"))
    (note,) = [n for n in item.notes if "像署名" in n.message]
    assert note.line == 4 and "连成一行" in note.message


def test_a_title_without_byline_is_named_with_both_lines(tmp_path):
    with pytest.raises(ImportFailed) as failed:
        import_text(tmp_path, "\n王店镇新春送温暖\n\n近日，王店镇开展活动。\n")
    (problem,) = failed.value.problems
    assert problem.line == 2
    assert "像是标题" in problem.message and "第 4 行" in problem.message and "补上署名" in problem.message
    assert "没有写入任何文件" in str(failed.value)


def test_a_page_of_blank_lines_is_refused(tmp_path):
    with pytest.raises(ImportFailed) as failed:
        import_text(tmp_path, "\n\u3000\u3000\n\n")
    assert "没有文字" in failed.value.problems[0].message


def test_an_empty_file_is_refused(tmp_path):
    with pytest.raises(ImportFailed) as failed:
        import_text(tmp_path, "")
    assert failed.value.problems[0].path.endswith("page.txt")
    assert "空的" in failed.value.problems[0].message
