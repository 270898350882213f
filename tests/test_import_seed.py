"""Acceptance: importing the seed page reproduces the shipped items of content/2023/01/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT, SEED, build_site, item_files, read_item, split_names

from newsarchive.importer.run import import_pages

SEED_SOURCE = "原版面未印刊期和报名，日期为编辑据内容估计（2023年春节后、一季度“开门红”期间）。"


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def shipped() -> dict[str, tuple]:
    return {path.relative_to(CONTENT): read_item(path) for path in item_files()}


def test_seed_page_becomes_the_shipped_items(tmp_path):
    dest = tmp_path / "content"
    outcome = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=dest)

    expected = shipped()
    written = {path.relative_to(dest): read_item(path) for path in item_files(dest)}
    assert sorted(written) == sorted(expected)  # same files: 8 articles, 3 photos, same slugs
    assert len(outcome.written) == 11
    for name, (fields, body) in expected.items():
        got_fields, got_body = written[name]
        for key in ("title", "date", "category", "type", "credit", "slug", "source"):
            assert got_fields.get(key) == fields.get(key), (name, key)
        assert split_names(got_fields.get("authors", "")) == split_names(fields.get("authors", "")), name
        assert split_names(got_fields.get("townships", "")) == split_names(fields.get("townships", "")), name
        assert no_space(got_body) == no_space(body), name
        # Paragraph breaks too: the column breaks are joined, the rest kept.
        assert got_body.split("\n\n") == body.split("\n\n"), name


def test_seed_topics_come_from_the_vocabulary_and_overlap_the_editors(tmp_path):
    outcome = import_pages(SEED, "2023-01-31", dest=tmp_path / "content", dry_run=True)
    editors = {fields["title"]: set(split_names(fields["tags"])) for fields, _ in shipped().values()}
    vocabulary = (ROOT / "newsarchive" / "data" / "topics.csv").read_text(encoding="utf-8")
    for item in outcome.items:
        suggested = split_names(item.fields["tags"])
        assert 1 <= len(suggested) <= 4, item.title
        assert all(f"\n{topic}," in vocabulary for topic in suggested), suggested
        assert editors[item.title] & set(suggested), f"{item.title}: {suggested} vs {editors[item.title]}"


def test_importing_the_seed_again_into_the_shipped_content_changes_nothing(tmp_path):
    dest = tmp_path / "content"
    shutil.copytree(CONTENT, dest)
    before = {p: p.read_bytes() for p in item_files(dest)}

    outcome = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=dest)

    # The editors chose their own topics: same title, date and text is "already there".
    assert [p.action for p in outcome.plans] == ["same"] * 11
    assert outcome.written == []
    assert {p: p.read_bytes() for p in item_files(dest)} == before


def test_the_dry_run_notes_the_paragraph_that_reads_like_a_headline(tmp_path):
    outcome = import_pages(SEED, "2023-01-31", dest=tmp_path / "content", dry_run=True)
    notes = [(item.title, note.line) for item in outcome.items for note in item.notes]
    assert notes == [("“窑乡有礼”擦亮文明底色", 133)]
    assert not (tmp_path / "content").exists()


def test_imported_seed_builds_into_a_site(tmp_path):
    dest = tmp_path / "content"
    import_pages(SEED, "2023-01-31", dest=dest)
    build = build_site(dest, tmp_path / "output")
    assert build.returncode == 0, build.log
    assert "提醒" not in build.log  # every item where content_guard expects it (content/YYYY/MM/)
    page = build.page("2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li/")
    assert "王店镇" in page.get_text()
    assert "网格小分队" in page.get_text()


def test_zero_width_characters_on_the_seed_page_change_nothing(tmp_path):
    """Pages copied from the web carry U+200B and friends: invisible to the
    editor, they must not turn 吴涛's byline into text and fold “窑乡有礼”擦亮文明底色
    into the article above it, nor ride along in a title."""
    clean = import_pages(SEED, "2023-01-31", dest=tmp_path / "clean", dry_run=True)
    text = SEED.read_text(encoding="utf-8")
    text = "\n".join(f"\u200b{line}\u2060" if line else line for line in text.split("\n"))
    text = text.replace("吴涛", "吴\u200b涛").replace("王店：服务百姓", "王店\ufeff：服务百姓\u200d")
    page = tmp_path / "pages" / SEED.name
    page.parent.mkdir()
    page.write_text(text, encoding="utf-8")

    dirty = import_pages(page, "2023-01-31", dest=tmp_path / "dirty", dry_run=True)

    assert [(i.title, i.fields["authors"], i.body) for i in dirty.items] == [
        (i.title, i.fields["authors"], i.body) for i in clean.items
    ]
    assert [n.message for i in dirty.items for n in i.notes] == [n.message for i in clean.items for n in i.notes]


def test_a_title_printed_over_two_lines_on_the_seed_page_stays_its_own_article(tmp_path):
    """天凝：侨企 / 安心谋发展 / 张舜红: the first half was taken for a paragraph of
    王店's article, and the whole of 天凝's article was glued to it."""
    clean = import_pages(SEED, "2023-01-31", dest=tmp_path / "clean", dry_run=True)
    page = tmp_path / "pages" / SEED.name
    page.parent.mkdir()
    page.write_text(SEED.read_text(encoding="utf-8").replace("天凝：侨企安心谋发展", "天凝：侨企\n\n安心谋发展"), encoding="utf-8")

    split = import_pages(page, "2023-01-31", dest=tmp_path / "split", dry_run=True)

    assert [(i.title, i.fields["authors"], i.body) for i in split.items] == [
        (i.title, i.fields["authors"], i.body) for i in clean.items
    ]
    tian_ning = next(i for i in split.items if i.title == "天凝：侨企安心谋发展")
    assert any("标题印成了两行" in n.message for n in tian_ning.notes)


def test_a_county_option_pasted_with_a_zero_width_character_is_the_county(tmp_path):
    # --county 海宁市+U+200B was refused as “不是嘉兴市的县级行政区。是不是“海宁市”？”
    clean = import_pages(SEED, "2023-01-31", dest=tmp_path / "clean", dry_run=True, county="海宁市")
    pasted = import_pages(SEED, "2023-01-31\u200b", dest=tmp_path / "pasted", dry_run=True, county="海宁市\u200b")
    assert [i.fields for i in pasted.items] == [i.fields for i in clean.items]


@pytest.mark.parametrize(
    "byline, authors, opening",
    [
        # a line of its own under the byline: 本报讯 was taken for the byline and dropped
        ("张会\n\n本报讯", "张会", "本报讯 晶科能源"),
        ("张会\n本报讯", "张会", "本报讯 晶科能源"),
        ("张会\n\n本报讯 通讯员 李四", "张会, 李四", "本报讯 晶科能源"),
        # kept before, but as a paragraph of its own: print runs it into the text
        ("张会\n\n本报讯（记者 李四）", "张会, 李四", "本报讯（记者 李四）晶科能源"),
        # on the byline's own line: dropped, and the bracketed form was refused as “不是署名”
        ("本报讯 记者 张会", "张会", "本报讯 晶科能源"),
        ("本报讯（记者 张会）", "张会", "本报讯（记者 张会）晶科能源"),
        # a place in the bracket: kept, but as a paragraph of its own, not run in
        ("张会\n\n本报讯（海宁）", "张会", "本报讯（海宁）晶科能源"),
        # the byline's square is no text
        ("■ 本报讯（记者 张会）", "张会", "本报讯（记者 张会）晶科能源"),
        # a second byline after the bracket, on the same line: the page was refused as “不是署名”
        ("本报讯（记者 张会） 通讯员 李四", "张会, 李四", "本报讯（记者 张会）晶科能源"),
        ("本报讯（记者 张会）　通讯员：李四 王五", "张会, 李四, 王五", "本报讯（记者 张会）晶科能源"),
        ("本报讯（记者 张会）通讯员 李四", "张会, 李四", "本报讯（记者 张会）晶科能源"),
    ],
    ids=["own-line", "own-line-no-blank", "own-line-with-role", "own-line-bracketed", "on-byline", "byline-bracketed",
         "own-line-place", "marked", "bracketed-then-byline", "bracketed-then-byline-colon",
         "bracketed-then-byline-no-space"],
)
def test_the_dateline_under_or_in_the_byline_opens_the_text(tmp_path, byline, authors, opening):
    """The printed page reads 本报讯 晶科能源……, as if 本报讯 opened the paragraph
    (which the importer keeps as it is): the Markdown says so, the rest unchanged."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    page = tmp_path / "pages" / SEED.name
    page.parent.mkdir()
    text = SEED.read_text(encoding="utf-8")
    assert text.count("\n张会\n") == 1
    page.write_text(text.replace("\n张会\n", f"\n{byline}\n"), encoding="utf-8")

    dated = import_pages(page, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "dated")

    name = "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong.md"
    fields, body = read_item(tmp_path / "dated" / name)
    _, clean_body = read_item(tmp_path / "clean" / name)
    assert fields["authors"] == authors
    assert body.startswith(opening + "“储能集成系统")
    assert body == opening.removesuffix("晶科能源") + clean_body
    # the other ten items are written as before, the editor told nothing new
    others = {p.relative_to(tmp_path / "dated") for p in item_files(tmp_path / "dated")} - {Path(name)}
    assert len(others) == 10
    for other in others:
        assert (tmp_path / "dated" / other).read_bytes() == (tmp_path / "clean" / other).read_bytes()
    assert [n.message for i in dated.items for n in i.notes] == [
        n.message.replace("第 135 行", f"第 {135 + byline.count(chr(10))} 行") for i in clean.items for n in i.notes]


def import_variant(tmp_path, name, old, new):
    """The seed page with ``old`` replaced by ``new``, imported into tmp_path/<name>; (outcome, folder)."""
    page = tmp_path / name / "page" / SEED.name
    page.parent.mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    page.write_text(text.replace(old, new), encoding="utf-8")
    dest = tmp_path / name / "content"
    return import_pages(page, "2023-01-31", source=SEED_SOURCE, dest=dest), dest


@pytest.mark.parametrize("line", ["（完）", "（责任编辑：王五）", "（图片由魏塘街道提供）"])
def test_a_bracketed_line_ending_an_article_stays_out_of_the_next_title(tmp_path, line):
    """(完) under 暖心小队's last paragraph became the first half of the next title,
    “（完）联动监督护航经济发展”, with a new URL, as if the title were printed over two lines."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    end = "做好居民群众“勤务员”。\n"
    marked, dest = import_variant(tmp_path, "marked", end, f"{end}\n{line}\n")

    assert [i.title for i in marked.items] == [i.title for i in clean.items]
    lian_dong = "2023/01/lian-dong-jian-du-hu-hang-jing-ji-fa-zhan.md"
    assert (dest / lian_dong).read_bytes() == (tmp_path / "clean" / lian_dong).read_bytes()
    # kept where it was printed: the end of the article above
    nuan_xin = "2023/01/nuan-xin-xiao-dui-zuo-ju-min-qin-wu-yuan.md"
    assert read_item(dest / nuan_xin)[1] == read_item(tmp_path / "clean" / nuan_xin)[1] + f"\n\n{line}"
    assert not any("标题印成了两行" in n.message for i in marked.items for n in i.notes)


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_caption_with_its_credit_on_the_next_line_is_still_a_photo(tmp_path, gap):
    """Credits broken off onto their own line: 大云镇's caption became a paragraph of
    海宁's article, and 工行's credit the first half of the next title,
    “（图片由工行嘉兴分行提供）南湖争当特色小镇培育“优秀生””: photos lost, text misfiled."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    page = tmp_path / "pages" / SEED.name
    page.parent.mkdir()
    text = SEED.read_text(encoding="utf-8")
    credits = re.findall(r"（图片由[^）]+提供）", text)
    assert len(credits) == 3
    for credit in credits:
        text = text.replace(credit, gap + credit)
    page.write_text(text, encoding="utf-8")

    broken = import_pages(page, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "broken")

    # the same eleven files, byte for byte: three photos with caption and credit, eight articles untouched
    files = sorted(p.relative_to(tmp_path / "clean") for p in item_files(tmp_path / "clean"))
    assert sorted(p.relative_to(tmp_path / "broken") for p in item_files(tmp_path / "broken")) == files
    for name in files:
        assert (tmp_path / "broken" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name
    # and the editor is asked to check each joined caption
    photos = [i for i in broken.items if i.kind == "photo"]
    assert [i.title for i in photos] == [i.title for i in clean.items if i.kind == "photo"]
    assert all(any("图片说明和来源印成了两行" in n.message for n in p.notes) for p in photos)


@pytest.mark.parametrize("credit", ["澉浦镇供图", "资料图片"])
def test_a_caption_credited_as_given_is_a_photo(tmp_path, credit):
    """（澉浦镇供图） was no credit: the caption became the last paragraph of 海宁's article."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    given, dest = import_variant(tmp_path, "given", "（图片由澉浦镇提供）", f"（{credit}）")

    assert [(i.kind, i.title) for i in given.items] == [(i.kind, i.title) for i in clean.items]
    name = "2023/01/hai-yan-xian-gan-pu-zhen-ji-yi-li-de-ji-pu-nian-wei-wen-hua.md"
    fields, body = read_item(dest / name)
    assert (fields["title"], fields["type"], fields["credit"], body) == ("海盐县澉浦镇“记忆里的激浦年味”文化节", "photo", credit, "")
    hai_ning = "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong.md"
    assert (dest / hai_ning).read_bytes() == (tmp_path / "clean" / hai_ning).read_bytes()


@pytest.mark.parametrize("byline", ["钟逸格 徐洁 报道", "记者 钟逸格 徐洁 报道", "钟逸格\n\n通讯员 徐洁 报道"])
def test_reported_by_is_no_author(tmp_path, byline):
    """“记者 张三 报道” gave the authors 张三 and 报道."""
    import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    _, dest = import_variant(tmp_path, "reported", "\n钟逸格 徐洁\n", f"\n{byline}\n")
    name = "2023/01/nuan-xin-xiao-dui-zuo-ju-min-qin-wu-yuan.md"
    assert read_item(dest / name)[0]["authors"] == "钟逸格, 徐洁"
    assert (dest / name).read_bytes() == (tmp_path / "clean" / name).read_bytes()


@pytest.mark.parametrize("byline", ["钟逸格，徐洁", "钟逸格,徐洁", "（钟逸格 徐洁）"])
def test_an_article_whose_byline_is_written_unlike_one_is_pointed_out(tmp_path, byline):
    """暖心小队's whole article was filed as the end of 海宁's, and nothing said so:
    its byline, with a comma or in brackets, is no byline to the rules."""
    outcome, _ = import_variant(tmp_path, "comma", "\n钟逸格 徐洁\n", f"\n{byline}\n")

    titles = [i.title for i in outcome.items]
    assert "暖心小队做居民“勤务员”" not in titles
    hai_ning = next(i for i in outcome.items if i.title == "海宁全力冲刺“开门红”")
    said = [n for n in hai_ning.notes if byline in n.message]
    assert len(said) == 1
    assert said[0].line == 35  # the title's line: where the editor looks
    assert "暖心小队做居民“勤务员”" in said[0].message and "钟逸格 徐洁" in said[0].message
    assert "不是署名" not in " ".join(n.message for n in hai_ning.notes)


def same_files(left: Path, right: Path, but: tuple[str, ...] = ()) -> None:
    """The same item files, byte for byte, except those named in ``but``."""
    names = sorted(p.relative_to(left) for p in item_files(left))
    assert sorted(p.relative_to(right) for p in item_files(right)) == names
    for name in names:
        if name.as_posix() not in but:
            assert (left / name).read_bytes() == (right / name).read_bytes(), name


NUAN_XIN = "2023/01/nuan-xin-xiao-dui-zuo-ju-min-qin-wu-yuan.md"


@pytest.mark.parametrize("byline", ["□ 记者 钟逸格 徐洁", "■ 记者 钟逸格 徐洁", "■本报记者 钟逸格 □通讯员 徐洁", "◎ 钟逸格 徐洁"])
def test_a_byline_marked_with_a_square_is_a_byline(tmp_path, byline):
    """□ 记者 张三, the style of many papers: the square made it no byline, and
    暖心小队's whole article was filed as the end of 海宁's."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    marked, dest = import_variant(tmp_path, "marked", "\n钟逸格 徐洁\n", f"\n{byline}\n")
    same_files(tmp_path / "clean", dest)
    assert [n.message for i in marked.items for n in i.notes] == [n.message for i in clean.items for n in i.notes]


def test_a_marked_byline_without_names_is_a_byline(tmp_path):
    import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    _, dest = import_variant(tmp_path, "marked", "\n钟逸格 徐洁\n", "\n■ 记者\n")
    same_files(tmp_path / "clean", dest, but=(NUAN_XIN,))
    fields, body = read_item(dest / NUAN_XIN)
    clean_fields, clean_body = read_item(tmp_path / "clean" / NUAN_XIN)
    assert (fields.get("authors", ""), fields["title"], body) == ("", clean_fields["title"], clean_body)


LIAN_DONG = "2023/01/lian-dong-jian-du-hu-hang-jing-ji-fa-zhan.md"


@pytest.mark.parametrize("ellipsis", ["…", "……"])
def test_a_title_ending_in_an_ellipsis_over_its_byline_is_a_title(tmp_path, ellipsis):
    """联动监督护航经济发展… / 郑丽华: the whole article was filed as the end of
    暖心小队's, with no word to the editor. The seed's paragraphs that end in ……
    (lines 15 and 69) are longer than a title and have text under them: they stay text."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    trailing, dest = import_variant(tmp_path, "trailing", "\n联动监督护航经济发展\n", f"\n联动监督护航经济发展{ellipsis}\n")

    same_files(tmp_path / "clean", dest, but=(LIAN_DONG,))
    fields, body = read_item(dest / LIAN_DONG)
    clean_fields, clean_body = read_item(tmp_path / "clean" / LIAN_DONG)
    assert fields["title"] == f"联动监督护航经济发展{ellipsis}"
    assert {**fields, "title": ""} == {**clean_fields, "title": ""}
    assert body == clean_body
    assert [n.message for i in trailing.items for n in i.notes] == [n.message for i in clean.items for n in i.notes]


GONG_HANG = "2023/01/chun-jie-qi-jian-gong-shang-yin-hang-hai-yan-zhi-hang-wei-ke.md"
DA_YUN = "2023/01/jia-shan-xian-da-yun-zhen-xin-nian-chong-man-min-su-wen-fen.md"


def credited(dest: Path, name: str) -> tuple[str, str, str, str]:
    fields, body = read_item(dest / name)
    return fields["title"], fields["type"], fields["credit"], body


@pytest.mark.parametrize(
    "credit, shown",
    [
        (" 朱敏 摄", "朱敏 摄"),
        ("　本报记者 朱敏 摄", "本报记者 朱敏 摄"),
        (" 朱敏 张会 摄", "朱敏 张会 摄"),
        (" 摄影：朱敏", "摄影：朱敏"),
        ("\n\n朱敏 摄", "朱敏 摄"),
        ("\n□ 记者 朱敏 摄", "记者 朱敏 摄"),
    ],
    ids=["same-line", "same-line-role", "same-line-two", "same-line-word-first", "own-line", "own-line-marked"],
)
def test_a_caption_credited_without_brackets_is_a_photo(tmp_path, credit, shown):
    """……送“福”。 朱敏 摄: the caption became the last paragraph of 天凝's article and
    南湖's whole article was glued to it; on a line of its own, 朱敏 摄 became the
    first half of the next title, “朱敏 摄南湖争当特色小镇培育“优秀生””."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    photo, dest = import_variant(tmp_path, "photo", "送“福”。（图片由工行嘉兴分行提供）", f"送“福”。{credit}")

    same_files(tmp_path / "clean", dest, but=(GONG_HANG,))
    assert credited(dest, GONG_HANG) == ("春节期间，工商银行海盐支行为客户送“福”。", "photo", shown, "")
    gong_hang = next(i for i in photo.items if i.relative_path.as_posix() == GONG_HANG)
    if "\n" not in credit:
        # a credit without brackets may end an article's last paragraph as well: the editor is asked
        (said,) = [n for n in gong_hang.notes if "没有括号" in n.message]
        caption_line = next(n for n, line in enumerate(SEED.read_text(encoding="utf-8").split("\n"), 1) if "为客户送“福”" in line)
        assert said.line == caption_line and f"“{shown}”" in said.message and "移回" in said.message
    notes = [n.message for i in photo.items for n in i.notes
             if "图片说明和来源印成了两行" not in n.message and "没有括号" not in n.message]
    assert notes == [n.message.replace("第 135 行", f"第 {135 + credit.count(chr(10))} 行") for i in clean.items for n in i.notes]


def test_a_headline_like_caption_over_a_credit_with_no_text_under_it_is_a_photo(tmp_path):
    """嘉善县大云镇新年充满民俗文氛围 / 朱敏 摄 reads as a title and its photographer's byline;
    with the next title under it there is no text, and it was an article with none."""
    import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    photo, dest = import_variant(tmp_path, "photo", "民俗文氛围（图片由大云镇提供）", "民俗文氛围\n\n朱敏 摄")

    same_files(tmp_path / "clean", dest, but=(DA_YUN,))
    assert credited(dest, DA_YUN) == ("嘉善县大云镇新年充满民俗文氛围", "photo", "朱敏 摄", "")
    da_yun = next(i for i in photo.items if i.relative_path.as_posix() == DA_YUN)
    assert [(n.line, "图片说明和来源印成了两行" in n.message) for n in da_yun.notes] == [(33, True)]


def test_a_photographers_byline_under_a_title_with_text_stays_a_byline(tmp_path):
    """A photo story: 海宁全力冲刺“开门红” / 张会 摄 / its text is an article by 张会."""
    import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    _, dest = import_variant(tmp_path, "story", "\n张会\n", "\n张会 摄\n")
    same_files(tmp_path / "clean", dest)


@pytest.mark.parametrize(
    "old, new",
    [
        ("新年充满民俗文氛围（", "新年充满\n\n民俗文氛围（"),
        ("新年充满民俗文氛围（", "新年充满\n民俗文氛围\n\n（"),
        ("春节期间，工商银行海盐支行为客户", "春节期间，工商银行海盐支行\n\n为客户"),
        # a first line ending on a closing quote ends no sentence: it became 海宁's last paragraph
        ("激浦年味”文化节（", "激浦年味”\n\n文化节（"),
        ("激浦年味”文化节（", "激浦年味”\n\n文化节\n\n（"),
    ],
    ids=["caption-and-credit", "caption-then-credit", "with-comma", "closing-quote", "closing-quote-then-credit"],
)
def test_a_caption_printed_over_two_lines_is_one_photo(tmp_path, old, new):
    """嘉善县大云镇新年充满 / 民俗文氛围（图片由大云镇提供）: the first half became a paragraph
    of 海宁's article and 暖心小队's title and text were glued to it, under a note that
    called it a headline; with the credit on a third line the photo was lost too."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    wrapped, dest = import_variant(tmp_path, "wrapped", old, new)

    same_files(tmp_path / "clean", dest)
    joined = [(i.title, n.line) for i in wrapped.items for n in i.notes if "图片说明印成了多行" in n.message]
    assert len(joined) == 1 and joined[0][0] in {i.title for i in clean.items if i.kind == "photo"}
    shift = new.count("\n") - old.count("\n")
    others = [n.message for i in wrapped.items for n in i.notes if "图片说明印成了多行" not in n.message]
    assert others == [n.message.replace("第 135 行", f"第 {135 + shift} 行").replace("第 133 行", f"第 {133 + shift} 行")
                      for i in clean.items for n in i.notes]


def test_a_line_over_a_photo_in_the_middle_of_an_article_stays_text_and_is_pointed_out(tmp_path):
    """盛威安防在天凝投资办企业，一 / (a photo) / 方面，…: the short line over the caption may be the
    caption's first half or the text a photo broke; it stays text, as the paper has it, and
    the editor is told which two lines to join if it is the caption's."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    photo, dest = import_variant(tmp_path, "photo", "投资办企业，一\n\n方面", "投资办企业，一\n\n天凝镇新貌（图片由天凝镇提供）\n\n方面")

    new = {p.relative_to(dest) for p in item_files(dest)} - {p.relative_to(tmp_path / "clean") for p in item_files(tmp_path / "clean")}
    assert [credited(dest, name.as_posix()) for name in new] == [("天凝镇新貌", "photo", "图片由天凝镇提供", "")]
    for name in new:
        (dest / name).unlink()
    same_files(tmp_path / "clean", dest)  # 天凝's text reads on as printed: 一方面
    tian_ning = next(i for i in photo.items if i.title == "天凝：侨企安心谋发展")
    (note,) = [n for n in tian_ning.notes if "图片说明" in n.message]
    assert note.line == 91 and "第 93 行" in note.message and "第 95 行" in note.message and "连成一行" in note.message
    assert "像标题" not in note.message


HAI_NING = "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong.md"


@pytest.mark.parametrize(
    "title, clean_name, subtitle",
    [
        ("海宁全力冲刺“开门红”", HAI_NING, "——记海宁市稳岗促产 20 条措施"),
        ("暖心小队做居民“勤务员”", NUAN_XIN, "——记魏塘街道暖心服务小分队"),
        ("暖心小队做居民“勤务员”", NUAN_XIN, "——记嘉善县魏塘街道 183 支暖心服务小分队……"),
        ("暖心小队做居民“勤务员”", NUAN_XIN, "――记魏塘街道暖心服务小分队"),  # GBK's horizontal bars
    ],
    ids=["first-article", "later-article", "ending-in-ellipsis", "horizontal-bars"],
)
def test_a_subtitle_under_a_title_is_part_of_the_title(tmp_path, title, clean_name, subtitle):
    """海宁全力冲刺“开门红” / ——记…… / 张会 stopped the import (“请把它们连成一行”); under a
    later title the subtitle was joined as a title over two lines, or, when longer or ending
    in ……, became the title and the real title the last paragraph of the article above."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    subtitled, dest = import_variant(tmp_path, "subtitled", f"\n{title}\n", f"\n{title}\n\n{subtitle}\n")

    clean_names = {p.relative_to(tmp_path / "clean").as_posix() for p in item_files(tmp_path / "clean")}
    names = {p.relative_to(dest).as_posix() for p in item_files(dest)}
    (new_name,) = names - clean_names
    assert names - {new_name} == clean_names - {clean_name}
    (dest / new_name).rename(dest / clean_name)
    same_files(tmp_path / "clean", dest, but=(clean_name,))

    fields, body = read_item(dest / clean_name)
    clean_fields, clean_body = read_item(tmp_path / "clean" / clean_name)
    assert fields["title"] == title + subtitle  # 主题——副题, the dash as printed
    assert (fields["authors"], fields["category"], body) == (clean_fields["authors"], clean_fields["category"], clean_body)
    item = next(i for i in subtitled.items if i.title == title + subtitle)
    (note,) = [n for n in item.notes if "副题" in n.message]
    assert note.line == item.line + 2 and subtitle in note.message
    others = [n.message for i in subtitled.items for n in i.notes if n is not note]
    assert others == [n.message.replace("第 135 行", "第 137 行").replace("第 133 行", "第 135 行") for i in clean.items for n in i.notes]


def test_a_title_with_its_subtitle_after_an_unfinished_paragraph_is_pointed_out_once(tmp_path):
    """Columns break paragraphs more often than articles end unfinished: title and subtitle go on
    海宁's unfinished last paragraph, and the editor hears it once, at the title, not again
    (“像标题，但下一行不是署名”) at the subtitle."""
    page = tmp_path / "page" / SEED.name
    page.parent.mkdir()
    text = SEED.read_text(encoding="utf-8").replace("活跃消费市场。", "活跃消费市场")
    page.write_text(text.replace("\n暖心小队做居民“勤务员”\n", "\n暖心小队做居民“勤务员”\n\n——记魏塘街道暖心服务小分队\n"), encoding="utf-8")
    outcome = import_pages(page, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "content", dry_run=True)

    hai_ning = outcome.items[0]
    assert "活跃消费市场暖心小队做居民“勤务员”\n\n——记魏塘街道暖心服务小分队钟逸格 徐洁“徐大伯" in hai_ning.body
    (note,) = [n for n in hai_ning.notes if "像标题" in n.message]
    assert note.line == 35 and "副题" in note.message and "补上结尾" in note.message


# A kicker (引题) over a title: 新春走基层 / 暖心小队做居民“勤务员” / 钟逸格 徐洁.
LONG_KICKER = "聚焦群众急难愁盼问题 畅通服务群众最后一公里 魏塘街道组建暖心服务小分队"


@pytest.mark.parametrize(
    "kicker, other",
    [
        # was joined as a title over two lines: 新春走基层暖心小队做居民“勤务员”, a title nobody printed;
        # the note says how to have that instead
        ("新春走基层", "把第 35 行和第 37 行连成一行"),
        # was a paragraph of 海宁's article, and 暖心小队's whole article glued to it (unfinished)
        ("——嘉善县魏塘街道见闻", "《海宁全力冲刺“开门红”》的最后一行"),
        ("新春走基层·文明实践在身边", None),  # as long as the title: joined as a title over two lines
        (LONG_KICKER, "《海宁全力冲刺“开门红”》的最后一行"),  # too long for one title with it: as the dash
    ],
    ids=["short", "dash", "interpunct", "long"],
)
def test_a_kicker_over_a_title_is_kept_apart_from_the_title_and_the_text(tmp_path, kicker, other):
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    kicked, dest = import_variant(tmp_path, "kicked", "\n暖心小队做居民“勤务员”\n", f"\n{kicker}\n\n暖心小队做居民“勤务员”\n")

    if kicker == "新春走基层·文明实践在身边":
        # no shorter than the title: a title over two lines, as before, and the note says how to make it a kicker
        nuan_xin = next(i for i in kicked.items if i.title == kicker + "暖心小队做居民“勤务员”")
        (note,) = [n for n in nuan_xin.notes if "标题印成了两行" in n.message]
        assert note.line == 35 and f"Kicker: {kicker}" in note.message and "Title 改成“暖心小队做居民“勤务员””" in note.message
        return
    # every file as from the clean page, but 暖心小队's, which has its kicker besides
    same_files(tmp_path / "clean", dest, but=(NUAN_XIN,))
    fields, body = read_item(dest / NUAN_XIN)
    clean_fields, clean_body = read_item(tmp_path / "clean" / NUAN_XIN)
    assert fields == {**clean_fields, "kicker": kicker}
    assert body == clean_body
    assert (dest / NUAN_XIN).read_text(encoding="utf-8").startswith(f"Title: 暖心小队做居民“勤务员”\nKicker: {kicker}\n")
    # one word to the editor, at the kicker's line, naming the other readings
    nuan_xin = next(i for i in kicked.items if i.title == "暖心小队做居民“勤务员”")
    (note,) = [n for n in nuan_xin.notes if "引题" in n.message]
    assert note.line == 35 and f"“{kicker}”印在标题“暖心小队做居民“勤务员””上面" in note.message and "Kicker" in note.message
    assert other in note.message
    others = [n.message for i in kicked.items for n in i.notes if n is not note]
    assert others == [n.message.replace("第 135 行", "第 137 行").replace("第 133 行", "第 135 行") for i in clean.items for n in i.notes]


def test_a_kicker_that_may_be_a_title_over_two_lines_says_how_to_join_them(tmp_path):
    """内外兼修 / 激发古镇活力 / 吴筱凡: a kicker by the rule (the shorter line); the note says how to
    read it as a title over two lines instead."""
    kicked, dest = import_variant(tmp_path, "kicked", "\n内外兼修激发古镇活力\n", "\n内外兼修\n\n激发古镇活力\n")
    item = next(i for i in kicked.items if i.title == "激发古镇活力")
    assert item.fields["kicker"] == "内外兼修"
    (note,) = [n for n in item.notes if "引题" in n.message]
    assert "第 141 行和第 143 行连成一行" in note.message


def test_a_title_over_two_lines_made_a_kicker_as_its_note_says_imports_again_as_the_same_story(tmp_path):
    """暖心小队做居民 / “勤务员” / 钟逸格 徐洁: the note says to make the first line the Kicker after import.
    Done so, the file kept its Slug and name, and importing the page again stopped on it:
    “……已经是另一篇稿件“勤务员”……请在原稿中给这篇的标题加上区别”, of the same story."""
    split, dest = import_variant(tmp_path, "split", "\n暖心小队做居民“勤务员”\n", "\n暖心小队做居民\n\n“勤务员”\n")
    item = next(i for i in split.items if i.title == "暖心小队做居民“勤务员”")
    (note,) = [n for n in item.notes if "标题印成了两行" in n.message]
    assert "请在导入后把 Title 改成““勤务员””，并加一行“Kicker: 暖心小队做居民”" in note.message
    path = dest / NUAN_XIN
    text = path.read_text(encoding="utf-8")
    edited = text.replace("Title: 暖心小队做居民“勤务员”\n", "Title: “勤务员”\nKicker: 暖心小队做居民\n")
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    before = {p: p.read_bytes() for p in item_files(dest)}

    page = tmp_path / "split" / "page" / SEED.name
    for dry_run in (True, False):
        again = import_pages(page, "2023-01-31", source=SEED_SOURCE, dest=dest, dry_run=dry_run)
        assert [p.action for p in again.plans] == ["same"] * 11
        plan = next(p for p in again.plans if p.item.title == "暖心小队做居民“勤务员”")
        assert (plan.path, plan.identical) == (path.resolve(), False)  # 已有，跳过（元数据不同）
    assert {p: p.read_bytes() for p in item_files(dest)} == before


def test_a_kicker_over_the_first_title_of_the_page_is_kept(tmp_path):
    """新春走基层 / 海宁全力冲刺“开门红” / 张会 at the top stopped the import: “像是标题，但下一行不是署名”."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    kicked, dest = import_variant(tmp_path, "kicked", "\n海宁全力冲刺“开门红”\n", "\n新春走基层\n\n海宁全力冲刺“开门红”\n")

    same_files(tmp_path / "clean", dest, but=(HAI_NING,))
    fields, body = read_item(dest / HAI_NING)
    clean_fields, clean_body = read_item(tmp_path / "clean" / HAI_NING)
    assert (fields, body) == ({**clean_fields, "kicker": "新春走基层"}, clean_body)
    (note,) = [n for n in kicked.items[0].notes if "引题" in n.message]
    assert note.line == 3 and "报头" in note.message


def test_a_kicker_over_a_title_with_its_subtitle_keeps_all_three(tmp_path):
    """新春走基层 / 暖心小队做居民“勤务员” / ——记…… / 钟逸格 徐洁: the kicker went to 海宁's text
    and, that paragraph unfinished, the whole of 暖心小队's article with it."""
    subtitle = "——记魏塘街道暖心服务小分队"
    kicked, dest = import_variant(tmp_path, "kicked", "\n暖心小队做居民“勤务员”\n",
                                  f"\n新春走基层\n\n暖心小队做居民“勤务员”\n\n{subtitle}\n")
    titled = next(i for i in kicked.items if i.title == "暖心小队做居民“勤务员”" + subtitle)
    assert titled.fields["kicker"] == "新春走基层" and titled.fields["authors"] == "钟逸格, 徐洁"
    hai_ning = kicked.items[0]
    assert "新春走基层" not in hai_ning.body and hai_ning.body.endswith("活跃消费市场。")
    assert [n.line for n in titled.notes if "引题" in n.message] == [35]


def test_a_kicker_shows_over_the_title_on_the_article_page(tmp_path):
    _, dest = import_variant(tmp_path, "kicked", "\n暖心小队做居民“勤务员”\n", "\n新春走基层\n\n暖心小队做居民“勤务员”\n")
    build = build_site(dest, tmp_path / "output")
    assert build.returncode == 0, build.log
    assert "Kicker" not in build.log  # a field the build knows, no “不认识的元数据键”

    header = build.page("2023/01/nuan-xin-xiao-dui-zuo-ju-min-qin-wu-yuan/").select_one("article .item-header")
    kicker, title = header.select_one(".title-kicker"), header.select_one("h1")
    assert (kicker.get_text(), title.get_text()) == ("新春走基层", "暖心小队做居民“勤务员”")
    assert kicker.find_next("h1") is title  # above the title, as printed
    other = build.page("2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/")
    assert other.select(".title-kicker") == [] and "新春走基层" not in other.get_text()


WANG_DIAN = "2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li.md"


@pytest.mark.parametrize("byline", ["文/图 朱敏 张凌翊", "朱敏 张凌翊 摄"])
def test_an_article_with_a_photo_under_its_photographers_byline_stays_an_article(tmp_path, byline):
    """王店：服务百姓“零距离” / 文/图 朱敏 / a photo / text: the title became a photo
    credited 文/图 朱敏, and the article's text was filed as the end of the one above."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    photo_line = "网格员上门送服务（图片由王店镇提供）"
    pictured, dest = import_variant(tmp_path, "pictured", "\n朱敏 张凌翊\n", f"\n{byline}\n\n{photo_line}\n")

    assert [i.title for i in pictured.items if i.kind == "article"] == [i.title for i in clean.items if i.kind == "article"]
    fields, body = read_item(dest / WANG_DIAN)
    assert fields["authors"] == "朱敏, 张凌翊"
    assert body == read_item(tmp_path / "clean" / WANG_DIAN)[1]
    assert [(i.title, i.fields["credit"]) for i in pictured.items if i.kind == "photo" and i.title == "网格员上门送服务"] == [
        ("网格员上门送服务", "图片由王店镇提供")]


def test_a_byline_with_a_comma_after_an_unfinished_paragraph_is_pointed_out(tmp_path):
    """暖心小队's last paragraph broken off by a column (no 。), then 联动监督护航经济发展 /
    郑丽华，王五: the article was filed as the end of 暖心小队's with no word; the note
    came only after a finished paragraph."""
    end = "做好居民群众“勤务员”。\n\n联动监督护航经济发展\n\n郑丽华\n"
    broken = end.replace("做好居民群众“勤务员”。", "做好居民群众的勤务员").replace("郑丽华", "郑丽华，王五")
    outcome, _ = import_variant(tmp_path, "comma", end, broken)

    assert "联动监督护航经济发展" not in [i.title for i in outcome.items]
    said = [n for i in outcome.items for n in i.notes if "郑丽华，王五" in n.message]
    assert len(said) == 1 and "郑丽华 王五" in said[0].message and "联动监督护航经济发展" in said[0].message


def test_a_closing_credit_in_brackets_above_the_next_article_is_no_byline_to_mend(tmp_path):
    """“真是太感谢你们了！” / （记者 张三 通讯员 李四） / 联动监督护航经济发展 / 郑丽华: a bracketed credit
    closing an article, the next article under it; the editor was told to rewrite it as a byline."""
    end = "做好居民群众“勤务员”。\n"
    outcome, _ = import_variant(tmp_path, "closing", end, f"{end}\n“真是太感谢你们了！”\n\n（记者 张三 通讯员 李四）\n")
    assert not [n for i in outcome.items for n in i.notes if "像标题和署名" in n.message]


def test_a_list_of_dashed_lines_is_no_title_and_subtitle(tmp_path):
    """——这是第一条 / ——这是第二条 / 王五: two items of a list, not a title, its subtitle and a byline."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    end = "做好居民群众“勤务员”。\n"
    listed, _ = import_variant(tmp_path, "listed", end, f"{end}\n——这是第一条\n\n——这是第二条\n\n王五\n\n正文一句。\n")
    assert not any(i.title.startswith("——") for i in listed.items)
    assert len(listed.items) == len(clean.items)


def test_an_articles_last_line_taken_into_a_caption_under_it_is_pointed_out_as_maybe_the_articles(tmp_path):
    """…内容。 / 咨询电话：0573-82345678 / a caption: the unfinished last line may be the
    caption's first half or the article's last; the note said only “已连成一张图片”."""
    end = "做好居民群众“勤务员”。\n"
    outcome, _ = import_variant(tmp_path, "phone", end, f"{end}\n咨询电话：0573-82345678\n\n魏塘街道暖心小队（图片由魏塘街道提供）\n")
    (photo,) = [i for i in outcome.items if i.kind == "photo" and "魏塘街道暖心小队" in i.title]
    (note,) = [n for n in photo.notes if "图片说明印成了多行" in n.message]
    assert "咨询电话：0573-82345678" in note.message and "《暖心小队做居民“勤务员”》" in note.message and "移回" in note.message


def test_a_long_paragraph_ending_in_a_photographers_name_stays_text(tmp_path):
    """下一步，……做好居民群众“勤务员”。 记者 朱敏 摄: a paragraph of 60 characters became
    a photo with that paragraph for its title, and 暖心小队's article lost it."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    end = "做好居民群众“勤务员”。"
    outcome, dest = import_variant(tmp_path, "signed", end + "\n", end + " 记者 朱敏 摄\n")
    assert [i.title for i in outcome.items if i.kind == "photo"] == [i.title for i in clean.items if i.kind == "photo"]
    assert end + " 记者 朱敏 摄" in read_item(dest / NUAN_XIN)[1]


@pytest.mark.parametrize("line", ["（完）", "“真是太感谢你们了！”"])
def test_a_title_over_two_lines_whose_first_half_reads_as_a_name_stays_the_title(tmp_path, line):
    """…“勤务员”。 / （完） / 联动 / 监督护航经济发展 / 郑丽华: 联动 reads as a name, so the line
    above it was taken for a title and 联动 for its byline: an article “（完）” by 联动 with
    no text, and 联动监督护航经济发展 filed as 监督护航经济发展, with no word to the editor."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    end = "做好居民群众“勤务员”。\n"
    split, dest = import_variant(tmp_path, "split", end + "\n联动监督护航经济发展\n",
                                 f"{end}\n{line}\n\n联动\n\n监督护航经济发展\n")

    assert [i.title for i in split.items] == [i.title for i in clean.items]
    same_files(tmp_path / "clean", dest, but=(NUAN_XIN,))
    # the line stays where it was printed: the end of the article above
    assert read_item(dest / NUAN_XIN)[1] == read_item(tmp_path / "clean" / NUAN_XIN)[1] + f"\n\n{line}"
    lian_dong = next(i for i in split.items if i.title == "联动监督护航经济发展")
    assert [n.line for n in lian_dong.notes if "标题印成了两行" in n.message] == [49]


@pytest.mark.parametrize("credit", ["（图片由工行嘉兴分行提供）", "朱敏 摄"])
def test_a_photo_whose_credit_is_on_its_own_line_between_the_halves_of_a_broken_paragraph_is_a_photo(tmp_path, credit):
    """…针对损害纳税人缴费人 / 春节期间，……送“福”。 / （图片由工行嘉兴分行提供） / 利益的突出问题……:
    the caption was glued into 联动's paragraph (“缴费人春节期间……”), its credit became a
    paragraph of its own and the paragraph's second half another, and the photo was lost,
    with no word to the editor. With caption and credit on one line it was a photo."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    text = SEED.read_text(encoding="utf-8")
    photo = "\n\n春节期间，工商银行海盐支行为客户送“福”。（图片由工行嘉兴分行提供）\n"
    assert text.count(photo) == 1 and text.count("损害纳税人缴费人\n") == 1
    page = tmp_path / "page" / SEED.name
    page.parent.mkdir()
    page.write_text(text.replace(photo, "\n").replace(
        "损害纳税人缴费人\n", f"损害纳税人缴费人\n\n春节期间，工商银行海盐支行为客户送“福”。\n\n{credit}\n"), encoding="utf-8")
    dest = tmp_path / "floated"
    floated = import_pages(page, "2023-01-31", source=SEED_SOURCE, dest=dest)

    same_files(tmp_path / "clean", dest, but=(GONG_HANG,))  # 联动's text reads on as printed: 缴费人利益的
    assert credited(dest, GONG_HANG) == ("春节期间，工商银行海盐支行为客户送“福”。", "photo", credit.strip("（）"), "")
    gong_hang = next(i for i in floated.items if i.relative_path.as_posix() == GONG_HANG)
    (note,) = [n for n in gong_hang.notes if "图片说明和来源印成了两行" in n.message]
    # the caption might be the paragraph's second half: the editor is told where it would go back
    assert note.line == 57 and "《联动监督护航经济发展》" in note.message and "第 55 行" in note.message
    assert sorted(i.title for i in floated.items) == sorted(i.title for i in clean.items)


HAI_YAN = "2023/01/hai-yan-xian-gan-pu-zhen-ji-yi-li-de-ji-pu-nian-wei-wen-hua.md"


GAN_PU_PHOTO = "\n\n海盐县澉浦镇“记忆里的激浦年味”文化节（图片由澉浦镇提供）\n"


def photo_moved_into_hai_ning(tmp_path, after: str, printed: str) -> Path:
    """The seed page with 澉浦's photo taken from its place and ``printed`` set in 海宁's text after ``after``."""
    text = SEED.read_text(encoding="utf-8")
    assert text.count(GAN_PU_PHOTO) == 1 and text.count(after) == 1
    page = tmp_path / "page" / SEED.name
    page.parent.mkdir(exist_ok=True)
    page.write_text(text.replace(GAN_PU_PHOTO, "\n").replace(after, f"{after}\n{printed}"), encoding="utf-8")
    return page


def test_a_headline_like_caption_over_its_photographer_inside_an_article_is_pointed_out(tmp_path):
    """海宁's text / 海盐县澉浦镇“记忆里的激浦年味”文化节 / 朱敏 摄 / the rest of 海宁's text:
    a photo floating in the article, or a photo story (a title and its photographer's
    byline) starting there. The importer reads a photo story, as under a title it must,
    and the rest of 海宁's text was filed under it with no word to the editor."""
    clean = import_pages(SEED, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "clean")
    middle = "全力冲刺一季度“开门红”。\n"
    page = photo_moved_into_hai_ning(tmp_path, middle, "海盐县澉浦镇“记忆里的激浦年味”文化节\n\n朱敏 摄\n")
    floated = import_pages(page, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "floated", dry_run=True)

    story = next(i for i in floated.items if i.title == "海盐县澉浦镇“记忆里的激浦年味”文化节")
    assert (story.kind, story.fields["authors"], story.line) == ("article", "朱敏", 19)
    (note,) = [n for n in story.notes if "朱敏 摄" in n.message]
    assert note.line == 19 and "《海宁全力冲刺“开门红”》" in note.message
    # what the note says to do makes it the photo, and 海宁's text whole again
    fix = "海盐县澉浦镇“记忆里的激浦年味”文化节（朱敏 摄）"
    assert fix in note.message
    photo_moved_into_hai_ning(tmp_path, middle, f"{fix}\n")
    mended = import_pages(page, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "mended")
    same_files(tmp_path / "clean", tmp_path / "mended", but=(HAI_YAN,))
    assert credited(tmp_path / "mended", HAI_YAN) == ("海盐县澉浦镇“记忆里的激浦年味”文化节", "photo", "朱敏 摄", "")
    assert [n.message for i in mended.items for n in i.notes] == [n.message for i in clean.items for n in i.notes]


def test_a_caption_over_two_lines_between_the_halves_of_a_broken_paragraph_is_pointed_out(tmp_path):
    """……线上平台订单 / 海盐县澉浦镇“记 / 忆里的激浦年味”文化节（图片由澉浦镇提供） / 量突破……: the
    caption's first line was glued into 海宁's paragraph with no word to the editor, and the
    photo kept only its second line. Between the halves of a broken paragraph the line may be
    either, as after a finished one (盛威安防在天凝投资办企业，一): it stays text, and the editor is told."""
    page = photo_moved_into_hai_ning(tmp_path, "线上平台订单\n", "海盐县澉浦镇“记\n\n忆里的激浦年味”文化节（图片由澉浦镇提供）\n")
    floated = import_pages(page, "2023-01-31", source=SEED_SOURCE, dest=tmp_path / "floated", dry_run=True)

    hai_ning = next(i for i in floated.items if i.title == "海宁全力冲刺“开门红”")
    assert "线上平台订单海盐县澉浦镇“记量突破 1000 万美元" in hai_ning.body
    (note,) = [n for n in hai_ning.notes if "图片说明" in n.message]
    assert note.line == 15 and "第 17 行" in note.message and "连成一行" in note.message
    assert [(i.kind, i.fields["credit"]) for i in floated.items if i.title == "忆里的激浦年味”文化节"] == [
        ("photo", "图片由澉浦镇提供")]
