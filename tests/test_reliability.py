"""Issue 6: bad content is refused with advice, nothing is lost, the published site survives.

Each bad input is a real file in a copy of the shipped content, built with
the real settings; the messages are read from the build's own output.
"""

from __future__ import annotations

import codecs
import datetime as dt
import fcntl
import gzip
import hashlib
import io
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
import xml.etree.ElementTree as ET
from contextlib import redirect_stdout
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT, build_site, item_files, write_item
from test_incremental import tree

from newsarchive import corpus
from newsarchive.search import cli as search_cli
from newsarchive.slugs import slugify

sys.path.insert(0, str(ROOT / "plugins"))
from atomic_publish.swap import RECYCLED_FOLDERS, RETIRE_DELAY_S  # noqa: E402

ITEM = "Title: {title}\nDate: 2023-02-01\nAuthors: 陆明\nCategory: 海宁市\nTownships: 马桥街道\nTags: 招商引资\n\n正文第一段。\n"


def build_with(content, tmp_path, name, data: bytes):
    path = content / "2023" / "02" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return build_site(content, tmp_path / "out")


def test_the_item_these_tests_write_builds_without_a_notice(content_copy, tmp_path):
    # the tests below change one thing of ITEM and look at what the build says:
    # ITEM itself must be an item the build has nothing to say about
    build = build_with(content_copy, tmp_path, "plain.md", ITEM.format(title="普通稿件").encode("utf-8"))
    assert build.returncode == 0, build.log
    assert "plain.md" not in build.log, build.log
    page = build.page(f"2023/02/{slugify('普通稿件')}/")
    assert "陆明" in page.select_one("main").get_text()


# --- encodings -------------------------------------------------------------


def test_gb18030_file_is_refused_with_the_conversion_command(content_copy, tmp_path):
    build = build_with(content_copy, tmp_path, "gbk.md", ITEM.format(title="国标编码的稿件").encode("gb18030"))
    assert build.returncode != 0
    assert "gbk.md:1" in build.log
    assert "GB18030/GBK" in build.log and "iconv -f GB18030 -t UTF-8" in build.log


def test_invalid_utf8_gives_byte_offset_and_line(content_copy, tmp_path):
    data = ITEM.format(title="坏字节").encode("utf-8").replace("正文第一段".encode(), b"\xff\xfe\xfd")
    offset = data.index(b"\xff")
    build = build_with(content_copy, tmp_path, "bad-bytes.md", data)
    assert build.returncode != 0
    assert f"bad-bytes.md:8: 第 {offset} 字节（0xff）不是有效的 UTF-8" in build.log


def test_nul_byte_is_named_with_its_line(content_copy, tmp_path):
    data = ITEM.format(title="空字符").encode("utf-8").replace("第一段".encode(), b"\x00")
    build = build_with(content_copy, tmp_path, "nul.md", data)
    assert build.returncode != 0
    assert "nul.md:8:" in build.log and "NUL" in build.log


@pytest.mark.parametrize("char,name", [("\x0b", "U+000B"), ("\x0c", "U+000C"), ("\x08", "U+0008"), ("\x1b", "U+001B")])
def test_a_control_character_is_named_with_its_line_and_the_site_is_kept(content_copy, tmp_path, char, name):
    # Word's line break (U+000B), a PDF export's page break (U+000C): they
    # show as nothing in an editor, and XML 1.0 has no way to write them, so
    # the feeds could not be written: the build stopped with a 30-line
    # English traceback (UnserializableContentError) naming no file.
    out = tmp_path / "out"
    assert build_site(content_copy, out).returncode == 0
    before = tree(out)
    data = ITEM.format(title="控制字符").replace("正文第一段", f"正文{char}第一段").encode("utf-8")
    build = build_with(content_copy, tmp_path, "control.md", data)
    assert build.returncode != 0
    assert f"control.md:8: 第 8 行第 3 个字符是控制字符 {name}" in build.log, build.log
    assert "Traceback" not in build.log and "UnserializableContentError" not in build.log
    assert tree(out) == before


def _docx(text: str) -> bytes:
    import io
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as docx:
        docx.writestr("word/document.xml", f"<w:document><w:body><w:p>{text}</w:p></w:body></w:document>")
    return data.getvalue()


@pytest.mark.parametrize(
    "data,kind",
    [(_docx(ITEM.format(title="改了扩展名的文档")), "Word 或 WPS 文档（.docx、.wps 一类）"),
     (b"{\\rtf1\\ansi " + ITEM.format(title="RTF").encode("utf-8") + b"}", "RTF 文档（.rtf）")],
    ids=["docx", "rtf"],
)
def test_a_word_processor_document_renamed_to_md_is_told_to_be_saved_as_text(content_copy, tmp_path, data, kind):
    # x.docx renamed x.md was “第 5 字节是 NUL……文件损坏”, an RTF “文件开头没有元数据”
    build = build_with(content_copy, tmp_path, "wen-dang.md", data)
    assert build.returncode != 0
    assert (f"wen-dang.md: 这个文件是{kind}，不是文本文件（只是扩展名改了）。"
            "请在 WPS 或 Word 里“另存为”纯文本（.txt，编码选 UTF-8），再改成这个文件名") in build.log, build.log


def test_bom_and_crlf_are_accepted(content_copy, tmp_path):
    data = codecs.BOM_UTF8 + ITEM.format(title="带签名和回车换行").replace("\n", "\r\n").encode("utf-8")
    build = build_with(content_copy, tmp_path, "bom.md", data)
    assert build.returncode == 0, build.log
    page = build.page(f"2023/02/{slugify('带签名和回车换行')}/")
    assert page.h1.get_text(strip=True) == "带签名和回车换行"
    assert [p.get_text() for p in page.select(".item-body p")] == ["正文第一段。"]


def test_paragraphs_indented_with_a_tab_or_spaces_are_paragraphs_not_code(content_copy, tmp_path):
    # A first-line indent from Word or WPS (a tab, or four spaces) made Markdown's
    # code block: the text in a monospace box that does not wrap.
    body = "\t正文第一段，用制表符缩进。\n\n    正文第二段，用四个空格缩进。\n\n\u3000\u3000正文第三段，用全角空格缩进。\n"
    text = ITEM.format(title="缩进的段落").replace("正文第一段。\n", body)
    build = build_with(content_copy, tmp_path, "indent.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    article = build.page(f"2023/02/{slugify('缩进的段落')}/").select_one(".item-body")
    assert article.find(["pre", "code"]) is None, article
    assert [p.get_text() for p in article.select("p")] == [
        "正文第一段，用制表符缩进。", "正文第二段，用四个空格缩进。", "正文第三段，用全角空格缩进。"]


def test_a_paragraph_opening_with_a_topic_tag_or_a_number_reads_as_printed(content_copy, tmp_path):
    # A paragraph opening with a Weibo topic (#海宁开门红#) was Markdown's
    # heading: an <h1> in the middle of the item, its # gone; the same for a
    # line over ---. A numbered point after a paragraph of text was a list of
    # its own, and every list starts at 1: “2. 审批提速” showed as “1.”.
    body = ("#海宁开门红# 相关话题阅读量突破十万。\n\n1. 订单饱满开工早\n\n春节前，订单已排到三月。\n\n"
            "2. 审批提速项目早\n\n街道推出并联审批。\n\n最后一段\n---\n")
    text = ITEM.format(title="话题与序号").replace("正文第一段。\n", body)
    build = build_with(content_copy, tmp_path, "points.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    page = build.page(f"2023/02/{slugify('话题与序号')}/")
    assert [h.get_text() for h in page.select("h1")] == ["话题与序号"]
    body = page.select_one(".item-body")
    assert body.find(["h2", "h3", "h4", "h5", "h6"]) is None, body
    assert body.p.get_text() == "#海宁开门红# 相关话题阅读量突破十万。"
    assert "最后一段" in [p.get_text() for p in body.select("p")]
    # as a browser numbers them: an <ol> counts from its start, 1 when it has none
    shown = [(int(ol.get("start", 1)), ol.li.get_text()) for ol in body.select("ol")]
    assert shown == [(1, "订单饱满开工早"), (2, "审批提速项目早")]


def test_a_subheading_written_as_markdown_does_is_a_heading(content_copy, tmp_path):
    # An editor writes a subheading as Markdown does, a space after the #s
    # (## 记者手记): it is a heading under the item's title, not “## 记者手记”
    # as text, while #话题# still opens a paragraph.
    body = "春节前，订单已排到三月。\n\n## 记者手记\n\n#海宁开门红# 相关话题阅读量突破十万。\n\n###　全角空格后的小标题\n"
    text = ITEM.format(title="小标题").replace("正文第一段。\n", body)
    build = build_with(content_copy, tmp_path, "sub.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    page = build.page(f"2023/02/{slugify('小标题')}/")
    body = page.select_one(".item-body")
    assert [(h.name, h.get_text()) for h in body.find_all(["h2", "h3"])] == [("h2", "记者手记"), ("h3", "全角空格后的小标题")]
    assert "#海宁开门红# 相关话题阅读量突破十万。" in [p.get_text() for p in body.select("p")]
    assert "##" not in body.get_text()


def test_sizes_written_with_an_asterisk_keep_it(content_copy, tmp_path):
    # Print text writes a size 30*40: two in a paragraph were Markdown's
    # emphasis, the text between them in italics and both * gone.
    body = "展板长 30*40 厘米，另有 1.2*2.4 米和３*４米的两块，**加粗**照旧。\n"
    text = ITEM.format(title="乘号").replace("正文第一段。\n", body)
    build = build_with(content_copy, tmp_path, "times.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    paragraph = build.page(f"2023/02/{slugify('乘号')}/").select_one(".item-body p")
    assert paragraph.get_text() == "展板长 30*40 厘米，另有 1.2*2.4 米和３*４米的两块，加粗照旧。"
    assert paragraph.find("em") is None and paragraph.strong.get_text() == "加粗"


def test_a_paragraph_wrapped_over_lines_reads_and_is_found_as_one_line(content_copy, tmp_path):
    # Text pasted from an e-paper or typed in an editor that wraps lines: a
    # line break between two Chinese characters showed as a space (猜灯谜 活动),
    # and the search could not find a phrase across it.
    body = "广陈镇文化广场举办迎新春猜灯谜\n活动，吸引市民“\n赶集”。Logo 与\n11GW\n高效组件。\n"
    text = ITEM.format(title="分行的段落").replace("正文第一段。\n", body)
    build = build_with(content_copy, tmp_path, "wrapped.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    url = f"2023/02/{slugify('分行的段落')}/"
    shown = " ".join(build.page(url).select_one(".item-body p").get_text().split())
    # between Latin words and figures a line break stays a space, as typed
    assert shown == "广陈镇文化广场举办迎新春猜灯谜活动，吸引市民“赶集”。Logo 与 11GW 高效组件。"
    out = io.StringIO()
    with redirect_stdout(out):
        assert search_cli.main(["猜灯谜活动", "--json", "--site", str(build.output)]) == 0
    assert [hit["url"] for hit in json.loads(out.getvalue())] == [url]


def test_a_wrapped_line_that_ends_or_opens_with_a_link_or_bold_text_reads_as_one_line(content_copy, tmp_path):
    # The join stopped at markup: a line opening with a link or bold text, or ending in one, still showed
    # its break as a space inside the Chinese text (猜灯谜 活动, 一是 加强)
    body = ("广陈镇文化广场举办迎新春猜灯谜\n[活动](https://www.jiaxing.gov.cn/)，\n**一是**加强服务\n*保障*，"
            "二是优化\n[流程](https://www.jiaxing.gov.cn/lc)\n。Logo 与\n**11GW**\n高效组件。\n")
    text = ITEM.format(title="分行的链接").replace("正文第一段。\n", body)
    build = build_with(content_copy, tmp_path, "wrapped-links.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    paragraph = build.page(f"2023/02/{slugify('分行的链接')}/").select_one(".item-body p")
    # as a browser shows it: each run of white space one space
    shown = " ".join(paragraph.get_text().split())
    assert shown == "广陈镇文化广场举办迎新春猜灯谜活动，一是加强服务保障，二是优化流程。Logo 与 11GW 高效组件。"
    assert [a.get_text() for a in paragraph.find_all("a")] == ["活动", "流程"]
    assert [b.get_text() for b in paragraph.find_all(["strong", "em"])] == ["一是", "保障", "11GW"]


# --- metadata --------------------------------------------------------------


@pytest.mark.parametrize("separator", ["，", "、", "；"])
def test_full_width_list_separators_make_separate_tags(content_copy, tmp_path, separator):
    text = ITEM.format(title="全角分隔符").replace("Tags: 招商引资", f"Tags: 招商引资{separator}项目建设")
    build = build_with(content_copy, tmp_path, "tags.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    page = build.page(f"2023/02/{slugify('全角分隔符')}/")
    topics = [a.get_text() for dt in page.select(".chips dt") if dt.get_text() == "主题" for a in dt.find_next("dd").select("a")]
    assert topics == ["招商引资", "项目建设"]


@pytest.mark.parametrize("credit", ["（陆明 摄）", "(图片由某某村提供)"])
def test_a_photo_credit_copied_with_its_brackets_is_shown_in_one_pair(content_copy, tmp_path, credit):
    # the page, its card and the feed bracket the credit themselves: （（朱敏 摄））
    text = ITEM.format(title="图片说明").replace("\n\n正文第一段。\n", f"\nType: photo\nCredit: {credit}\n")
    build = build_with(content_copy, tmp_path, "photo.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    inside = credit[1:-1]
    page = build.page(f"2023/02/{slugify('图片说明')}/")
    assert page.select_one(".credit").get_text() == f"（{inside}）"
    cards = [p.get_text() for p in build.page("").select(".card-excerpt") if inside in p.get_text()]
    assert cards == [f"（{inside}）"]
    feed = (build.output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert f"（{inside}）" in feed and "（（" not in feed and "((" not in feed


@pytest.mark.parametrize("written", ["#招商引资 #项目建设", "#招商引资#、#项目建设#", "＃招商引资＃，＃项目建设＃"])
def test_topics_written_as_weibo_hashtags_are_the_topics(content_copy, tmp_path, written):
    # one topic “#招商引资 #项目建设”, or “#招商引资#” beside 招商引资 with a page of its own, without a notice
    text = ITEM.format(title="话题标签").replace("Tags: 招商引资", f"Tags: {written}")
    build = build_with(content_copy, tmp_path, "hashtags.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    assert "hashtags.md:6: Tags 里的“#”不用写，已略去。Tags 读作 2 个主题，请写成“Tags: 招商引资, 项目建设”。" in build.log, build.log
    page = build.page(f"2023/02/{slugify('话题标签')}/")
    topics = [a.get_text() for dt in page.select(".chips dt") if dt.get_text() == "主题" for a in dt.find_next("dd").select("a")]
    assert topics == ["招商引资", "项目建设"]
    listed = [a.get_text(strip=True) for a in build.page("topic/").select("main a")]
    assert not [t for t in listed if "#" in t or "＃" in t], listed


@pytest.mark.parametrize(
    "byline,names,left_out",
    [
        ("本报记者 朱敏 通讯员 张凌翊", ["朱敏", "张凌翊"], ["本报记者", "通讯员"]),
        # read by a narrower list of role words than the importer's: 融媒体记者 was an
        # author, and the notice told the editor to write it as one; 摄 was an author;
        # 文/图 朱敏 and 记者朱敏 were one author each
        ("融媒体记者 朱敏 通讯员 张凌翊", ["朱敏", "张凌翊"], ["融媒体记者", "通讯员"]),
        ("记者 朱敏 摄", ["朱敏"], ["记者", "摄"]),
        ("文/图 朱敏", ["朱敏"], ["文/图"]),
        ("记者朱敏", ["朱敏"], ["记者"]),
        ("嘉兴日报记者 朱敏、通讯员 张凌翊", ["朱敏", "张凌翊"], ["嘉兴日报记者", "通讯员"]),
        # copied in its brackets from an article's end: one author “（记者 郑丽华 通讯员 金晓）”,
        # with an author page of its own, and no notice
        ("（记者 郑丽华 通讯员 金晓）", ["郑丽华", "金晓"], ["记者", "通讯员"]),
        ("(记者 朱敏)", ["朱敏"], ["记者"]),
        # the notice named “本报讯（记者” and “）”
        ("本报讯（记者 朱敏）", ["朱敏"], ["本报讯", "记者"]),
        # “and others” closing a byline: an author 等, or 张凌翊等, each with an author page
        ("记者 朱敏 等", ["朱敏"], ["记者", "等"]),
        ("朱敏、张凌翊等", ["朱敏", "张凌翊"], ["等"]),
    ],
)
def test_a_byline_copied_with_its_role_words_names_only_the_people(content_copy, tmp_path, byline, names, left_out):
    # “照署名写”: 记者 and 通讯员 became authors, each with an author page of every item so written
    text = ITEM.format(title="照抄的署名").replace("Authors: 陆明", f"Authors: {byline}")
    build = build_with(content_copy, tmp_path, "byline.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    said = "".join(f"“{w}”" for w in left_out)
    assert (f"byline.md:3: Authors 里的{said}是身份或署名标记，不是人名，已略去。"
            f"Authors 只写人名，请写成“Authors: {', '.join(names)}”。") in build.log, build.log
    page = build.page(f"2023/02/{slugify('照抄的署名')}/")
    assert [a.get_text() for a in page.select(".byline .authors a")] == names
    listed = [a.get_text() for a in build.page("author/").select("main a")]
    assert not set(listed) & {*left_out, byline}


@pytest.mark.parametrize(
    "written,names",
    [
        ("朱敏, 张凌翊", ["朱敏", "张凌翊"]),
        ("钟逸格 徐洁", ["钟逸格", "徐洁"]),
        ("文静、图雅", ["文静", "图雅"]),  # 文 and 图 are credit marks only alone or beside a slash
        ("Zhu Min, 朱敏", ["Zhu Min", "朱敏"]),  # no byline the importer reads: kept as written
        ("阿依古丽·买买提、欧阳娜娜", ["阿依古丽·买买提", "欧阳娜娜"]),
        ("甲乙 丙丁 戊己 庚辛 壬癸", ["甲乙", "丙丁", "戊己", "庚辛", "壬癸"]),  # more names than a byline has
    ],
)
def test_authors_that_are_names_are_all_kept_without_a_notice(content_copy, tmp_path, written, names):
    text = ITEM.format(title="只有人名").replace("Authors: 陆明", f"Authors: {written}")
    build = build_with(content_copy, tmp_path, "names.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    assert "names.md:3" not in build.log, build.log
    page = build.page(f"2023/02/{slugify('只有人名')}/")
    assert [a.get_text() for a in page.select(".byline .authors a")] == names


def test_names_separated_by_a_tab_are_separate_names(content_copy, tmp_path):
    # pasted from a spreadsheet: “袁花镇<tab>马桥街道” was one name not in the gazetteer, and
    # “朱敏<tab>张凌翊” one author, with an author page of its own
    text = ITEM.format(title="制表符分隔").replace("Authors: 陆明", "Authors: 朱敏\t张凌翊")
    text = text.replace("Townships: 马桥街道", "Townships: 袁花镇\t马桥街道")
    build = build_with(content_copy, tmp_path, "tabs.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    page = build.page(f"2023/02/{slugify('制表符分隔')}/")
    assert [a.get_text() for a in page.select(".byline .authors a")] == ["朱敏", "张凌翊"]
    townships = [a.get_text() for dt in page.select(".chips dt") if dt.get_text() == "乡镇（街道）" for a in dt.find_next("dd").select("a")]
    assert townships == ["袁花镇", "马桥街道"]


def test_an_article_with_no_text_is_pointed_out(content_copy, tmp_path):
    # published as a page with a title and nothing under it, without a word
    build = build_with(content_copy, tmp_path, "no-text.md", ITEM.format(title="没有正文").split("\n\n")[0].encode("utf-8"))
    assert build.returncode == 0, build.log
    assert "no-text.md:6: 正文是空的，这篇稿件发布后只有标题。" in build.log
    assert build.log.count("正文是空的") == 1  # not the shipped photo items, which have none


def test_future_date_becomes_a_draft_with_a_notice(content_copy, tmp_path):
    text = ITEM.format(title="明年的稿件").replace("2023-02-01", "2099-01-01")
    build = build_with(content_copy, tmp_path, "future.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    assert "future.md:2: 日期 2099-01-01 在未来" in build.log
    assert "草稿 1 篇" in build.stdout
    assert not (build.output / "2099").exists()
    assert (build.output / f"drafts/2099/01/{slugify('明年的稿件')}/index.html").is_file()


def test_an_item_published_in_the_sites_time_zone_is_not_called_future_by_the_machines_clock(content_copy, tmp_path):
    """Published an hour ago in Shanghai (TIMEZONE), on a machine whose clock reads 16 hours behind."""
    an_hour_ago = dt.datetime.now(ZoneInfo("Asia/Shanghai")) - dt.timedelta(hours=1)
    text = ITEM.format(title="一小时前发布").replace("2023-02-01", f"{an_hour_ago:%Y-%m-%d %H:%M}")
    path = content_copy / f"{an_hour_ago:%Y/%m}" / "an-hour-ago.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "TZ": "America/Los_Angeles", "COLUMNS": "1000"}
    build = subprocess.run([sys.executable, "-m", "pelican", str(content_copy), "-s", "pelicanconf.py",
                            "-o", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True, env=env)
    assert build.returncode == 0, build.stderr
    assert "在未来" not in build.stdout + build.stderr
    assert (tmp_path / "out" / f"{an_hour_ago:%Y/%m}" / slugify("一小时前发布") / "index.html").is_file()


def test_unknown_key_warns_with_the_nearest_known_key(content_copy, tmp_path):
    text = ITEM.format(title="拼错的键").replace("Tags:", "Tagz:")
    build = build_with(content_copy, tmp_path, "typo.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    assert "typo.md:6: 不认识的元数据键“Tagz”，已忽略。是不是“Tags”？" in build.log


def test_a_refused_file_is_reported_once_in_chinese_not_also_in_pelicans_english(content_copy, tmp_path):
    build = build_with(content_copy, tmp_path, "bad-month.md", ITEM.format(title="月份写错").replace("2023-02-01", "2023-13-01").encode())
    assert build.returncode != 0
    assert "bad-month.md:2: 日期“2023-13-01”不存在" in build.log
    assert "Could not process" not in build.log



@pytest.mark.parametrize("status", ["草稿", "发布", "publish"])
def test_a_status_pelican_does_not_know_stops_the_build_instead_of_dropping_the_item(content_copy, tmp_path, status):
    # Pelican logged "Unknown status '草稿' … skipping it" in English, left the
    # item out and called the build a success.
    text = ITEM.format(title="状态写成中文").replace("Tags: 招商引资", f"Tags: 招商引资\nStatus: {status}")
    build = build_with(content_copy, tmp_path, "status.md", text.encode("utf-8"))
    assert build.returncode != 0
    assert f"status.md:7: Status 只能是 draft（草稿）、hidden（隐藏）或 published（发布，也可以不写），不是“{status}”" in build.log, build.log
    assert "Unknown status" not in build.log


@pytest.mark.parametrize("chinese,english", [("草稿", "draft"), ("隐藏", "hidden"), ("已发布", "published")])
def test_a_status_written_in_chinese_is_told_the_line_the_build_takes(content_copy, tmp_path, chinese, english):
    # 状态：草稿 was told to write “Status: 草稿”, which the Status check refuses in its turn
    text = ITEM.format(title="状态写成中文").replace("Tags: 招商引资", f"Tags: 招商引资\n状态：{chinese}")
    build = build_with(content_copy, tmp_path, "status.md", text.encode("utf-8"))
    assert build.returncode != 0
    assert f"status.md:7: “状态”不是元数据的键，这一行没有读进稿件。键和值都要用英文：请写“Status: {english}”。" in build.log, build.log
    # the editor writes the line as told, and the build takes it
    suggested = re.search(r"请写“(Status: \w+)”", build.log).group(1)
    build = build_with(content_copy, tmp_path, "status.md", text.replace(f"状态：{chinese}", suggested).encode("utf-8"))
    assert build.returncode == 0, build.log


def test_a_status_in_chinese_that_means_no_status_is_told_the_values(content_copy, tmp_path):
    text = ITEM.format(title="状态写成中文").replace("Tags: 招商引资", "Tags: 招商引资\n状态：待审")
    build = build_with(content_copy, tmp_path, "status.md", text.encode("utf-8"))
    assert build.returncode != 0
    assert ("status.md:7: “状态”不是元数据的键，这一行没有读进稿件。键和值都要用英文：存为草稿请写“Status: draft”，"
            "隐藏请写“Status: hidden”；要发布，就删去这一行（不写即发布）。") in build.log, build.log
    assert "Status: 待审" not in build.log


@pytest.mark.parametrize("chinese,english", [("图片新闻", "photo"), ("摄影", "photo"), ("稿件", "article")])
def test_a_type_written_in_chinese_is_told_the_line_the_build_takes(content_copy, tmp_path, chinese, english):
    # 类型：图片新闻 was told to write “Type: 图片新闻”, which the Type check refuses in its turn
    text = ITEM.format(title="类型写成中文").replace(
        "Tags: 招商引资", f"Tags: 招商引资\n类型：{chinese}\nCredit: 图片由马桥街道提供"
    )
    build = build_with(content_copy, tmp_path, "type.md", text.encode("utf-8"))
    assert build.returncode != 0
    assert f"type.md:7: “类型”不是元数据的键，这一行没有读进稿件。键和值都要用英文：请写“Type: {english}”。" in build.log, build.log
    assert "Credit 一行" in build.log if english == "photo" else "Credit 一行" not in build.log
    # the editor writes the line as told, and the build takes it
    suggested = re.search(r"请写“(Type: \w+)”", build.log).group(1)
    build = build_with(content_copy, tmp_path, "type.md", text.replace(f"类型：{chinese}", suggested).encode("utf-8"))
    assert build.returncode == 0, build.log
    # and the item is the kind the editor meant: a photo item is shown as one
    page = build.page(f"2023/02/{slugify('类型写成中文')}/")
    assert bool(page.select_one("figure.photo-card")) == (english == "photo")


@pytest.mark.parametrize(("line", "refused", "told"), [
    ("Status: 草稿", "Status 只能是 draft（草稿）、hidden（隐藏）或 published（发布，也可以不写），不是“草稿”。", "Status: draft"),
    ("Status: 已发布", "Status 只能是 draft（草稿）、hidden（隐藏）或 published（发布，也可以不写），不是“已发布”。", "Status: published"),
    ("Type: 图片新闻", "Type 只能是 article 或 photo，不是“图片新闻”。", "Type: photo"),
    # full-width letters, as an input method types them: Status: ｄｒａｆｔ was taken, Type: ｐｈｏｔｏ refused
    ("Type: ｐｈｏｔｏ", None, "Type: photo"),
])
def test_an_english_key_with_a_chinese_value_is_told_the_line_the_build_takes(content_copy, tmp_path, line, refused, told):
    # Type: 图片新闻 was refused with the values alone, though the build knows the word
    text = ITEM.format(title="值写成中文").replace("Tags: 招商引资", f"Tags: 招商引资\n{line}\nCredit: 图片由马桥街道提供")
    build = build_with(content_copy, tmp_path, "value.md", text.encode("utf-8"))
    if refused is None:
        assert build.returncode == 0, build.log
        assert build.page(f"2023/02/{slugify('值写成中文')}/").select_one("figure.photo-card")
        return
    assert build.returncode != 0
    assert f"value.md:7: {refused}请写“{told}”。" in build.log, build.log
    build = build_with(content_copy, tmp_path, "value.md", text.replace(line, told).encode("utf-8"))
    assert build.returncode == 0, build.log


def test_a_type_in_chinese_that_means_no_type_is_told_the_values(content_copy, tmp_path):
    text = ITEM.format(title="类型写成中文").replace("Tags: 招商引资", "Tags: 招商引资\n类型：专题")
    build = build_with(content_copy, tmp_path, "type.md", text.encode("utf-8"))
    assert build.returncode != 0
    assert ("type.md:7: “类型”不是元数据的键，这一行没有读进稿件。键和值都要用英文：图片新闻请写“Type: photo”"
            "（还要有 Credit 一行，写图片来源）；稿件请写“Type: article”，或删去这一行（不写即稿件）。") in build.log, build.log
    assert "Type: 专题" not in build.log


@pytest.mark.parametrize("status", ["draft", "Draft", "ｄｒａｆｔ"])
def test_status_draft_is_read_however_it_is_typed(content_copy, tmp_path, status):
    text = ITEM.format(title="草稿的写法").replace("Tags: 招商引资", f"Tags: 招商引资\nStatus: {status}")
    build = build_with(content_copy, tmp_path, "draft.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    assert "草稿 1 篇" in build.stdout
    assert (build.output / f"drafts/2023/02/{slugify('草稿的写法')}/index.html").is_file()

def test_a_plugin_that_cannot_be_imported_stops_the_build_before_it_starts(tmp_path):
    """Pelican would log it and build on without it: a site without its checks or its atomic swap."""
    build = build_site(ROOT / "content", tmp_path / "out", PLUGINS=["content_guard", "no_such_plugin", "atomic_publish"])
    assert build.returncode != 0
    assert "构建没有开始：Cannot load plugin `no_such_plugin`" in build.log and "PLUGINS" in build.log
    assert not (tmp_path / "out").exists()


def test_empty_file_is_an_error(content_copy, tmp_path):
    build = build_with(content_copy, tmp_path, "empty.md", b"")
    assert build.returncode != 0
    assert "empty.md: 文件是空的" in build.log


def test_ten_megabyte_file_is_an_error_not_a_hang(content_copy, tmp_path):
    data = ITEM.format(title="巨大的文件").encode("utf-8") + ("很长的正文。" * 600_000).encode("utf-8")
    assert len(data) > 10_000_000
    build = build_with(content_copy, tmp_path, "huge.md", data)
    assert build.returncode != 0
    assert "huge.md: 文件有 10." in build.log and "拆分" in build.log


# --- collisions ------------------------------------------------------------


def test_same_title_and_date_is_a_duplicate(content_copy, tmp_path):
    for name in ("one.md", "two.md"):
        write_item(content_copy, f"2023/03/{name}", title="同一篇稿件", date="2023-03-01", category="海宁市", slug=name[:-3])
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode != 0
    assert "one.md" in build.log and "two.md" in build.log and "标题和日期都相同" in build.log


def test_article_and_photo_with_one_url_name_both_files(content_copy, tmp_path):
    write_item(content_copy, "2023/03/a.md", title="稿件", date="2023-03-01", category="海宁市", slug="tong-yi-ge")
    write_item(content_copy, "2023/03/p.md", title="图片", date="2023-03-02", category="海宁市", slug="tong-yi-ge",
               type="photo", credit="图片由某镇提供", body="")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode != 0
    assert "a.md" in build.log and "p.md" in build.log and "网址相同" in build.log


# --- HTML in metadata ------------------------------------------------------

PAYLOAD = "<script>window.__pwned=1</script></title>标题"


def test_html_in_metadata_is_text_everywhere(content_copy, tmp_path):
    write_item(content_copy, "2023/03/xss.md", title=PAYLOAD, date="2023-03-01", category="海宁市",
               townships="马桥街道", authors="<img src=x onerror=alert(1)>", tags="<b>粗体</b>", slug="xss")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    page = build.page("2023/03/xss/")
    raw = (build.output / "2023/03/xss/index.html").read_text(encoding="utf-8")
    assert "<script>window" not in raw and "<img src=x" not in raw and "<b>粗体" not in raw
    assert page.h1.get_text() == PAYLOAD
    assert page.title.get_text().startswith(PAYLOAD)
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["headline"] == PAYLOAD
    for feed in (build.output / "feeds").rglob("*.xml"):
        ET.parse(feed)  # still well-formed
    entries = ET.parse(build.output / "feeds/all.atom.xml").getroot().iter("{http://www.w3.org/2005/Atom}title")
    assert PAYLOAD in [e.text for e in entries]
    ET.parse(build.output / "sitemap.xml")
    for listing in ("", "county/hai-ning-shi/", "township/ma-qiao-jie-dao/"):
        assert "<script>window" not in (build.output / listing / "index.html").read_text(encoding="utf-8")


# --- nothing silently dropped -------------------------------------------------


def test_every_content_file_is_published_or_accounted_for(content_copy, tmp_path):
    write_item(content_copy, "2023/03/draft.md", title="草稿", date="2023-03-01", category="海宁市", status="draft")
    (content_copy / "2023/03/notes.txt").write_text("编辑备忘", encoding="utf-8")
    (content_copy / "2023/03/article.markdown.bak").write_text(ITEM.format(title="备份"), encoding="utf-8")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    items = [p for p in content_copy.rglob("*.md")]
    item_pages = [p for p in build.output.glob("20*/*/*/index.html")]
    assert len(item_pages) == len(items) - 1  # all but the draft
    assert "发布 11 篇（图片新闻 3 篇）；草稿 1 篇" in build.stdout
    assert "2 个文件不是稿件" in build.stdout
    for name in ("notes.txt", "article.markdown.bak"):
        assert f"{name}: 这个文件没有发布" in build.log


def test_an_item_marked_status_skip_is_named_for_its_status_not_its_extension(content_copy, tmp_path):
    # “本站只把 .md 文件当作稿件读取……请改成 .md 扩展名”, said of a .md file
    text = ITEM.format(title="跳过的稿件").replace("Tags: 招商引资", "Tags: 招商引资\nStatus: skip")
    build = build_with(content_copy, tmp_path, "skipped.md", text.encode("utf-8"))
    assert build.returncode == 0, build.log
    assert "skipped.md:7: 这个文件没有发布：它写着 Status: skip。要发布，请删去这一行；要存为草稿，请写 Status: draft。" in build.log
    assert "扩展名" not in build.log
    assert "1 篇写着 Status: skip，未发布" in build.stdout


def test_a_build_for_the_host_publishes_no_draft_and_drops_those_a_preview_wrote(content_copy, tmp_path):
    """Drafts are previewed under drafts/ in development; `invoke preview`/`publish` settings write none.

    A draft's words must not reach the host in any file: not a page, not the
    feeds, not the sitemap, not the search export (gzip files read as text).
    """
    write_item(content_copy, "2023/03/draft.md", title="未定稿的消息", date="2023-03-01", category="海宁市",
               status="draft", body="草稿里独有的句子甲乙丙。")
    embargoed = ITEM.format(title="禁发稿件").replace("2023-02-01", "2099-03-01").replace("正文第一段", "禁发稿里独有的句子丁戊己")
    (content_copy / "2099/03").mkdir(parents=True)
    (content_copy / "2099/03/jin-fa.md").write_text(embargoed, encoding="utf-8")
    out = tmp_path / "output"
    preview = build_site(content_copy, out)
    assert preview.returncode == 0, preview.log
    assert len(list((out / "drafts").rglob("index.html"))) == 2
    published = build_site(content_copy, out, settings="publishconf.py", env={"ARCHIVE_SITEURL": "https://news.example.org/archive"})
    assert published.returncode == 0, published.log
    assert "草稿 2 篇" in published.stdout
    assert not (out / "drafts").exists()
    leaks = []
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8", "replace")
            leaks += [f"{path.relative_to(out)}: {w}" for w in ("甲乙丙", "丁戊己", "未定稿", "禁发") if w in text]
    assert leaks == []


# --- build safety ----------------------------------------------------------


@pytest.fixture
def big_content(tmp_path):
    folder = tmp_path / "content"
    corpus.generate(400, folder, seed=3)
    return folder


# An item's page (YYYY/MM/slug/index.html): a build writing into its staging folder has begun its pages.
PAGE_GLOB = "*/*/*/index.html"


def _rebuild_after_an_edit(content: Path, tmp_path: Path, title: str) -> tuple[Path, dict, subprocess.Popen, Path]:
    """Build ``content`` into tmp_path/out, edit one item, and start a from-scratch rebuild in the background.

    (the site, its files as built, the rebuild (its log on a wide console), its staging folder)
    """
    out = tmp_path / "out"
    assert build_site(content, out).returncode == 0
    before = tree(out)
    next(content.rglob("*.md")).write_text(ITEM.format(title=title), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(out), "--ignore-cache"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "1000"},
    )
    return out, before, process, tmp_path / ".out.staging"


def test_interrupted_build_exits_nonzero_and_keeps_the_site(big_content, tmp_path):
    out, before, process, staging = _rebuild_after_an_edit(big_content, tmp_path, "改动后中断")
    # interrupted while it writes pages (a fixed wait after its start could outlast the build)
    deadline = time.monotonic() + 60
    while process.poll() is None and not any(staging.glob(PAGE_GLOB)) and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 128 + signal.SIGINT, err
    assert f"构建被中断（SIGINT），已发布的 {out}/ 未改动" in err
    assert tree(out) == before
    assert not staging.exists()


def _helpers_of(process: subprocess.Popen, until) -> dict:
    """The build's Python helper processes seen, {psutil.Process: its command line}, until ``until(helpers)`` or the build's end.

    Python's only: a rebuild also runs find and mkdir (atomic_publish).
    """
    import psutil

    build, seen = psutil.Process(process.pid), {}
    own = build.cmdline()
    while process.poll() is None:
        for child in build.children(recursive=True):
            try:
                # A child between fork and exec is still this build's Python, with its command line:
                # not a helper yet, and what it becomes (the search process, find) is seen next time.
                if child not in seen and child.exe() == os.path.realpath(sys.executable) and child.cmdline() != own:
                    seen[child] = " ".join(child.cmdline())
            except psutil.Error:
                pass
        if until(seen):
            break
        time.sleep(0.02)
    return seen


# Pelican, with a real SIGINT sent to itself the moment the new site is swapped in (atomic_publish's
# Publication.commit returns): the one instant a reader of the old message was told a lie.
INTERRUPT_AFTER_THE_SWAP = """
import os, signal, sys
sys.path.insert(0, "plugins")
from atomic_publish import swap
commit = swap.Publication.commit
def commit_then_interrupted(self):
    commit(self)
    os.kill(os.getpid(), signal.SIGINT)
swap.Publication.commit = commit_then_interrupted
from pelican import main
sys.argv = ["pelican", *sys.argv[1:]]
main()
"""


def test_an_interrupt_after_the_swap_says_the_new_site_is_published_and_exits_0(big_content, tmp_path):
    out = tmp_path / "out"
    assert build_site(big_content, out).returncode == 0
    next(big_content.rglob("*.md")).write_text(ITEM.format(title="换上以后才中断"), encoding="utf-8")
    process = subprocess.run(
        [sys.executable, "-c", INTERRUPT_AFTER_THE_SWAP, str(big_content), "-s", "pelicanconf.py", "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "COLUMNS": "1000"}, timeout=300,
    )
    assert process.returncode == 0, process.stderr
    assert f"构建已完成，新网站已发布到 {out}/；中断（SIGINT）只跳过了收尾。" in process.stderr
    assert "未改动" not in process.stderr
    assert "换上以后才中断" in (out / "2023/02" / slugify("换上以后才中断") / "index.html").read_text(encoding="utf-8")


def test_two_builds_into_one_output_at_once_take_turns_and_both_publish_a_whole_site(big_content, tmp_path):
    # A cron `invoke publish` while an editor runs `invoke preview`: both
    # wrote one staging folder, the second deleting the first's as it
    # began, so both failed with a traceback, or one swapped in the other's
    # half-written folder.
    out = tmp_path / "out"
    assert build_site(big_content, out).returncode == 0
    for item in item_files(big_content)[:3]:
        item.write_text(item.read_text(encoding="utf-8") + "\n两次构建同时进行。\n", encoding="utf-8")
    reference = build_site(big_content, tmp_path / "reference")
    assert reference.returncode == 0, reference.log
    cmd = [sys.executable, "-m", "pelican", str(big_content), "-s", "pelicanconf.py", "-o", str(out), "--ignore-cache"]
    env = {**os.environ, "COLUMNS": "1000"}
    first = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    staging = tmp_path / ".out.staging"
    deadline = time.monotonic() + 60
    while not list(staging.glob(PAGE_GLOB)) and time.monotonic() < deadline:
        time.sleep(0.01)
    second = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    first_log = first.communicate()[0]
    assert first.returncode == 0, first_log
    assert second.returncode == 0, second.stdout + second.stderr
    assert f"另一个构建正在写入 {out}/，等它结束后再开始" in second.stderr
    assert "Traceback" not in first_log + second.stdout + second.stderr
    assert {k: v for k, v in tree(out).items() if not k.startswith(".build/")} == {
        k: v for k, v in tree(reference.output).items() if not k.startswith(".build/")}


def test_a_build_runs_one_helper_process_the_search_job(big_content, tmp_path):
    # a process pool's spawn method also started multiprocessing's resource
    # tracker: a third Python, 14 MB at a 5,000-item build's peak, idle
    process = subprocess.Popen(
        [sys.executable, "-m", "pelican", str(big_content), "-s", "pelicanconf.py", "-o", str(tmp_path / "out")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    helpers = _helpers_of(process, until=lambda _helpers: False)
    _out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert len(helpers) == 1, helpers
    assert "newsarchive.search.second_process" in next(iter(helpers.values()))
    assert (tmp_path / "out" / "search" / "manifest.json.gz").is_file()


def test_a_search_process_that_dies_fails_the_build_and_keeps_the_site(big_content, tmp_path):
    out, before, process, staging = _rebuild_after_an_edit(big_content, tmp_path, "搜索进程中途退出")
    # Killed once Pelican writes pages, while the search job runs beside them
    # (where its memory peaks): a fixed wait after the build's start could
    # outlast a 400-item rebuild on a fast machine, and the kill found no process.
    helpers = _helpers_of(process, until=lambda seen: seen and any(staging.glob(PAGE_GLOB)))
    assert helpers, "the build ended before its search process was seen"
    next(iter(helpers)).kill()  # as the kernel's out-of-memory killer would
    log = "".join(process.communicate(timeout=300))
    assert process.returncode != 0, log
    assert "second process ended (exit code -9) before it finished" in log and "Build again" in log
    assert tree(out) == before
    assert not staging.exists()


def test_two_builds_of_the_same_content_are_byte_identical(big_content, tmp_path):
    first = build_site(big_content, tmp_path / "a" / "output")
    second = build_site(big_content, tmp_path / "b" / "output")
    assert first.returncode == second.returncode == 0
    # every file: pages, feeds, sitemap, search export, Whoosh index, build state
    assert tree(first.output) == tree(second.output)


def test_readers_never_see_a_half_built_site(big_content, tmp_path, serve):
    out = tmp_path / "out"
    assert build_site(big_content, out).returncode == 0
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html"))[:300]
    server = serve(out.parent)  # serve the folder above, so the swap of out/ is visible
    bad, fetched, stop = [], [0], threading.Event()

    def read_pages():
        while not stop.is_set():
            for page in pages:
                try:
                    with urllib.request.urlopen(f"{server.url}out/{page}", timeout=10) as response:
                        body = response.read().decode("utf-8")
                except Exception as e:  # a missing folder for an instant would show here
                    bad.append(f"{page}: {e}")
                    continue
                fetched[0] += 1
                if not body.rstrip().endswith("</html>"):
                    bad.append(f"{page}: truncated")
                if stop.is_set():
                    return

    reader = threading.Thread(target=read_pages)
    reader.start()
    for n in range(2):
        victim = sorted(big_content.rglob("*.md"))[n]
        victim.write_text(victim.read_text(encoding="utf-8") + "\n补充一段。\n", encoding="utf-8")
        assert build_site(big_content, out).returncode == 0
    stop.set()
    reader.join()
    assert fetched[0] > 100
    assert bad == []


def test_failed_build_exits_nonzero_and_keeps_every_byte(content_copy, tmp_path):
    out = tmp_path / "out"
    assert build_site(content_copy, out).returncode == 0
    before = {p: hashlib.sha256(p.read_bytes()).digest() for p in out.rglob("*") if p.is_file()}
    (content_copy / "2023/01/broken.md").write_text("Title: 缺县\nDate: 2023-01-31\n\n正文。\n", encoding="utf-8")
    build = build_site(content_copy, out)
    assert build.returncode == 1
    assert "broken.md: 缺少 Category" in build.log
    assert f"（已发布的 {out}/ 未改动）" in build.log
    assert {p: hashlib.sha256(p.read_bytes()).digest() for p in out.rglob("*") if p.is_file()} == before


@pytest.fixture
def small_disk(tmp_path):
    """Mounts a real 8 MB file system (tmpfs) with the given options: to fill up, or read-only. Needs root."""
    mounted = []

    def mount(options="rw"):
        disk = tmp_path / f"disk{len(mounted)}"
        disk.mkdir()
        command = ["mount", "-t", "tmpfs", "-o", f"size=8m,{options}", "tmpfs", str(disk)]
        if subprocess.run(command, capture_output=True).returncode:
            pytest.skip("mounting a small file system needs root")
        mounted.append(disk)
        return disk

    yield mount
    for disk in mounted:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def test_a_full_disk_tells_the_host_the_site_is_kept_and_that_the_build_needs_room_beside_it(content_copy, small_disk):
    disk = small_disk()
    out = disk / "output"
    assert build_site(content_copy, out).returncode == 0
    before = {p: hashlib.sha256(p.read_bytes()).digest() for p in out.rglob("*") if p.is_file()}
    free = shutil.disk_usage(disk).free
    (disk / "filler").write_bytes(b"\0" * (free - 16 * 1024))
    item = content_copy / "2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li.md"
    item.write_text(item.read_text(encoding="utf-8") + "\n" + "新增的一段。" * 3000 + "\n", encoding="utf-8")
    build = build_site(content_copy, out)
    assert build.returncode == 1
    assert "Traceback" not in build.log
    assert f"构建失败：磁盘空间不足，已发布的 {out}/ 未改动。" in build.log
    assert f"构建先把新网站写在 {disk}/.output.staging/" in build.log
    assert f"所以 {disk}/ 所在的磁盘要再放得下一份网站。请腾出空间后重新构建。" in build.log
    assert {p: hashlib.sha256(p.read_bytes()).digest() for p in out.rglob("*") if p.is_file()} == before
    assert not (disk / ".output.staging").exists()  # its half-written pages would keep the disk full


def test_a_read_only_folder_above_the_output_is_named_with_what_the_build_writes_there(content_copy, small_disk):
    disk = small_disk("ro")
    build = build_site(content_copy, disk / "output")
    assert build.returncode == 1
    assert "Traceback" not in build.log
    assert f"构建失败：不能写入 {disk}/.output.cache（只读的文件系统），没有写入 {disk}/output/。" in build.log
    assert f"所以 {disk}/ 本身必须可写。请改正这个文件夹的权限，或用 -o 把网站构建到可写的文件夹。" in build.log


def test_an_output_folder_that_is_a_mount_point_is_refused_before_building_with_what_to_do(content_copy, small_disk):
    # A Docker volume or a bind mount on output/ itself: a mount point cannot
    # be renamed, so every build ran to its end and then failed with an
    # English "Device or resource busy" and a traceback.
    out = small_disk()
    build = build_site(content_copy, out)
    assert build.returncode == 1
    assert "Traceback" not in build.log
    assert "发布 11 篇" not in build.log  # told before the build, not after it
    assert f"{out}/ 是一个挂载点" in build.log
    assert "把它挂在上一级文件夹" in build.log and "invoke publish --target" in build.log
    assert list(out.iterdir()) == []


def test_a_stopped_build_names_the_folder_it_was_asked_to_build(content_copy, tmp_path):
    (content_copy / "2023/01/broken.md").write_text("Title: 缺县\nDate: 2023-01-31\n\n正文。\n", encoding="utf-8")
    elsewhere = build_site(content_copy, tmp_path / "elsewhere")
    assert elsewhere.returncode == 1
    assert f"（没有写入 {tmp_path / 'elsewhere'}/）" in elsewhere.log
    # Built from the folder that holds it, it is named as typed.
    inside = subprocess.run(
        [sys.executable, "-m", "pelican", str(content_copy), "-s", str(ROOT / "pelicanconf.py"), "-o", "site"],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "COLUMNS": "1000"},
    )
    assert inside.returncode == 1
    assert "（没有写入 site/）" in inside.stdout + inside.stderr


def test_invoke_publish_without_a_target_says_how_to_give_one():
    env = {k: v for k, v in os.environ.items() if k != "ARCHIVE_PUBLISH_TARGET"}
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "publish"], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert result.returncode != 0
    assert "没有给出发布目标" in result.stderr
    assert "--target" in result.stderr and "ARCHIVE_PUBLISH_TARGET" in result.stderr


@pytest.mark.parametrize(
    "siteurl,advice",
    [(None, "没有设置 ARCHIVE_SITEURL"), ("", "没有设置 ARCHIVE_SITEURL"),
     ("news.example.org/archive", "不是完整的网址"), ("/archive", "不是完整的网址")],
    ids=["unset", "empty", "no-scheme", "path-only"],
)
def test_a_publishing_build_without_a_full_siteurl_stops_before_writing(content_copy, tmp_path, siteurl, advice):
    # Built anyway, such a site links to a placeholder domain (unset), to
    # "news.example.org/archive/…" read as a relative path, or has feeds and
    # a sitemap without a host; `invoke publish` would upload it.
    env = {k: v for k, v in os.environ.items() if k != "ARCHIVE_SITEURL"}
    if siteurl is not None:
        env["ARCHIVE_SITEURL"] = siteurl
    out = tmp_path / "output"
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content_copy), "-s", "publishconf.py", "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )
    assert result.returncode != 0
    assert advice in result.stderr
    assert "ARCHIVE_SITEURL=https://news.example.org/archive invoke publish" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_sub_path_in_chinese_or_with_a_space_is_written_as_a_uri_search_engines_and_feed_readers_accept(
        content_copy, tmp_path, serve):
    # The sitemap protocol wants every <loc> URL-escaped, and an Atom <id>
    # is an IRI, which has no spaces: as typed, the address made both invalid.
    out = tmp_path / "output"
    build = build_site(content_copy, out, "publishconf.py", env={"ARCHIVE_SITEURL": "https://news.example.org/档案 馆/"})
    assert build.returncode == 0, build.log
    base = "https://news.example.org/%E6%A1%A3%E6%A1%88%20%E9%A6%86/"
    atom = "{http://www.w3.org/2005/Atom}"
    addresses = [loc.text for loc in ET.parse(out / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(addresses) > 20
    for feed in (out / "feeds").rglob("*.atom.xml"):
        root = ET.parse(feed).getroot()
        addresses += [link.get("href") for link in root.iter(f"{atom}link")]
        addresses += [i.text for i in root.iter(f"{atom}id") if not i.text.startswith("tag:")]
    bad = [a for a in addresses if not a.startswith(base) or not a.isascii() or " " in a]
    assert bad == []
    # Each of them opens its page on a host that serves the site under that sub-path.
    host = serve(out, mount="%E6%A1%A3%E6%A1%88%20%E9%A6%86")
    for address in sorted(set(addresses)):
        with urllib.request.urlopen(host.url + address[len(base):]) as response:
            assert response.status == 200, address
    canonical = build.page("2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li/").find("link", rel="canonical")["href"]
    assert canonical == base + "2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li/"


def test_invoke_publish_deletes_the_old_sites_files_only_once_the_new_one_is_in_place(content_copy, tmp_path):
    """While `invoke publish` uploads, readers have the old site: nothing it links to may go first."""
    sys.path.insert(0, str(ROOT))
    import tasks  # noqa: PLC0415

    env = {"ARCHIVE_SITEURL": "https://news.example.org/archive"}
    old = build_site(content_copy, tmp_path / "old" / "output", "publishconf.py", env=env)
    assert old.returncode == 0, old.log
    (content_copy / "2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li.md").unlink()
    new = build_site(content_copy, tmp_path / "new" / "output", "publishconf.py", env=env)
    assert new.returncode == 0, new.log
    host = tmp_path / "host"
    shutil.copytree(old.output, host, ignore=shutil.ignore_patterns(".build"))
    removed = sorted(set(tree(host)) - set(tree(new.output)))
    assert "2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li/index.html" in removed
    assert any(name.startswith("search/w/") for name in removed)  # renamed by their content
    new_search_page = (new.output / "search/index.html").read_bytes()
    # The real command, on a slow link (as to a remote host), watched as it runs.
    upload = subprocess.Popen([*tasks.RSYNC, "--bwlimit=100", f"{new.output}/", f"{host}/"])
    seen_early = []
    while upload.poll() is None:
        gone = [name for name in removed if not (host / name).exists()]
        if gone and (host / "search/index.html").read_bytes() != new_search_page:
            seen_early.append(gone[0])
        time.sleep(0.005)
    assert upload.returncode == 0
    assert seen_early == [], f"{seen_early[0]} was deleted while the old pages still linked to it"
    assert tree(host) == {k: v for k, v in tree(new.output).items() if not k.startswith(".build/")}


def test_the_readmes_copy_for_hosts_publishes_no_build_state_nor_a_removed_items_text(content_copy, tmp_path):
    """output/.build/ keeps a removed item's text (Whoosh keeps deleted documents until it merges)."""
    env = {"ARCHIVE_SITEURL": "https://news.example.org/archive"}
    out = tmp_path / "output"
    assert build_site(content_copy, out, "publishconf.py", env=env).returncode == 0
    (content_copy / "2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li.md").unlink()
    rebuilt = build_site(content_copy, out, "publishconf.py", env=env)
    assert rebuilt.returncode == 0, rebuilt.log
    removed = b"wang-dian-fu-wu-bai-xing-ling-ju-li"
    assert any(removed in p.read_bytes() for p in (out / ".build").rglob("*") if p.is_file())

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.startswith("rsync ") and "/var/www/archive/" in line)
    host = tmp_path / "host"
    args = [str(out) + "/" if a == "output/" else str(host) + "/" if a == "/var/www/archive/" else a
            for a in shlex.split(command)]
    subprocess.run(args, check=True)
    assert (host / "index.html").is_file()
    assert not (host / ".build").exists()
    assert [p for p in host.rglob("*") if p.is_file() and removed in p.read_bytes()] == []


def test_publishing_keeps_the_hosts_own_hidden_files_in_the_target(content_copy, tmp_path):
    """The site has no hidden file at its root: one in the target is the host's.

    Apache on a shared host reads the not-found page the README asks for from
    an .htaccess in the site's folder (ErrorDocument 404 /archive/404.html),
    and certbot --webroot and security.txt live in .well-known/. rsync
    --delete-delay deleted them at every publish, so the host's not-found
    page went back to Apache's own without a word.
    """
    sys.path.insert(0, str(ROOT))
    import tasks  # noqa: PLC0415

    env = {"ARCHIVE_SITEURL": "https://news.example.org/archive"}
    out = tmp_path / "output"
    assert build_site(content_copy, out, "publishconf.py", env=env).returncode == 0
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.startswith("rsync ") and "/var/www/archive/" in line)
    for name, copy in (("invoke", [*tasks.RSYNC, "output/", "/var/www/archive/"]), ("readme", shlex.split(command))):
        host = tmp_path / name
        (host / ".well-known").mkdir(parents=True)
        (host / ".htaccess").write_text("ErrorDocument 404 /archive/404.html\n", encoding="utf-8")
        (host / ".well-known" / "security.txt").write_text("Contact: mailto:web@example.org\n", encoding="utf-8")
        (host / "2023/01/stale").mkdir(parents=True)  # a page the site no longer has
        (host / "2023/01/stale/index.html").write_text("old", encoding="utf-8")
        args = [str(out) + "/" if a == "output/" else str(host) + "/" if a == "/var/www/archive/" else a for a in copy]
        for _ in range(2):
            subprocess.run(args, check=True)
        assert (host / ".htaccess").read_text(encoding="utf-8") == "ErrorDocument 404 /archive/404.html\n", name
        assert (host / ".well-known" / "security.txt").is_file(), name
        assert not (host / "2023/01/stale").exists(), name
        assert not (host / ".build").exists() and (host / "404.html").is_file(), name


def test_invoke_publish_without_rsync_says_so_before_building(tmp_path):
    no_rsync = tmp_path / "bin"  # a PATH with a shell on it but no rsync
    no_rsync.mkdir()
    for tool in ("bash", "sh", "env"):
        (no_rsync / tool).symlink_to(shutil.which(tool))
    env = {**os.environ, "PATH": str(no_rsync), "ARCHIVE_SITEURL": "https://news.example.org/archive"}
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--target", str(tmp_path / "host")],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )
    assert result.returncode != 0
    assert "没有找到 rsync，网站没有构建也没有上传" in result.stderr
    assert "apt-get install rsync" in result.stderr
    assert "发布 " not in result.stdout  # no build ran
    assert not (tmp_path / "host").exists()


def test_invoke_publish_whose_upload_fails_says_so_in_chinese(tmp_path):
    # rsync's last words were all the host read: “rsync error: error in file IO (code 11)”
    project = tmp_path / "project"  # a checkout of its own: publish builds into its output/
    project.mkdir()
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, project / name)
    for name in ("content", "theme", "plugins", "newsarchive"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / "no-such-folder" / "archive"
    env = {**os.environ, "PYTHONPATH": str(project), "ARCHIVE_SITEURL": "https://news.example.org/archive"}
    result = subprocess.run([sys.executable, "-m", "invoke", "publish", "--target", f"{target}/"], cwd=project,
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 11, result.stderr  # rsync's own status, for a script
    assert (f"上传没有完成：rsync 出错（退出码 11，原因见上面 rsync 的提示，如目标文件夹的上一级不存在、连不上主机）。"
            f"{target}/ 上的网站可能没有更新，或只更新了一部分。") in result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "output" / "index.html").is_file()


# publishconf.py, with the terminal's Ctrl-C (to invoke and the build: the task's process group) the
# moment the new site is swapped in, when the build only has its ending left and exits 0.
CTRL_C_AFTER_THE_SWAP = """
import signal as _signal
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))
from atomic_publish import swap as _swap
_commit = _swap.Publication.commit
def _commit_then_ctrl_c(self):
    _commit(self)
    os.killpg(os.getpgrp(), _signal.SIGINT)
_swap.Publication.commit = _commit_then_ctrl_c
"""


def test_ctrl_c_during_invoke_publish_uploads_nothing_even_once_the_site_is_built(tmp_path):
    # invoke passes a Ctrl-C on to the build; the build, past its swap, said 构建已完成 and exited 0,
    # and rsync went on to upload: the host's stop was lost
    project = tmp_path / "project"
    project.mkdir()
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, project / name)
    for name in ("content", "theme", "plugins", "newsarchive"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    with open(project / "publishconf.py", "a", encoding="utf-8") as settings:
        settings.write(CTRL_C_AFTER_THE_SWAP)
    target = tmp_path / "host"
    env = {**os.environ, "PYTHONPATH": str(project), "ARCHIVE_SITEURL": "https://news.example.org/archive"}
    log = tmp_path / "publish.log"
    with open(log, "wb") as output:
        # As from a terminal: a process group of its own, which the Ctrl-C goes to, Ctrl-C not
        # ignored, and an input that stays open (invoke passes a Ctrl-C on through it).
        process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "publish", "--target", f"{target}/"], cwd=project, env=env,
            stdin=subprocess.PIPE, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        try:
            status = process.wait(timeout=300)
        finally:
            process.stdin.close()
    said = log.read_text(encoding="utf-8")
    assert "构建已完成，新网站已发布到 output/；中断（SIGINT）只跳过了收尾。" in said, said
    assert status == 128 + signal.SIGINT, said
    assert f"已中断（Ctrl-C），没有上传：{target}/ 上的网站没有改动。" in said
    assert "Traceback" not in said
    assert not target.exists()
    assert (project / "output" / "index.html").is_file()


# --- links -----------------------------------------------------------------


def check_links(site: Path, *siteurl: str) -> subprocess.CompletedProcess:
    """`invoke check-links --site <site> [--siteurl …]`, as a host runs it."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", "check-links", "--site", str(site), *(("--siteurl", *siteurl) if siteurl else ())],
        cwd=ROOT, capture_output=True, text=True,
    )


@pytest.mark.parametrize(
    "site_fixture,siteurl",
    [("seed_site", ("",)), ("subpath_site", ("/archive",)), ("seed_site", ()), ("subpath_site", ())],
    ids=["root", "subpath", "root-found", "subpath-found"],
)
def test_invoke_check_links_passes_on_a_built_site(request, site_fixture, siteurl):
    site = request.getfixturevalue(site_fixture)
    result = check_links(site.output, *siteurl)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "链接检查通过" in result.stdout


@pytest.fixture
def published_site(content_copy, tmp_path):
    """The shipped content built as `ARCHIVE_SITEURL=https://news.example.org/archive invoke publish` builds it."""
    site = "https://news.example.org/archive"
    build = build_site(content_copy, tmp_path / "pub", "publishconf.py", env={"ARCHIVE_SITEURL": site})
    assert build.returncode == 0, build.log
    return build.output


def test_invoke_check_links_finds_the_address_a_published_site_was_built_for(published_site):
    result = check_links(published_site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "（网站地址 https://news.example.org/archive）" in result.stdout
    checked = int(re.search(r"(\d+) 个内部链接", result.stdout).group(1))
    assert checked > 500

    shutil.rmtree(published_site / "township")
    result = check_links(published_site)
    assert result.returncode != 0
    assert "坏链接 index.html: https://news.example.org/archive/township/" in result.stdout


def test_invoke_check_links_that_checked_nothing_fails_with_the_address_to_use(published_site):
    result = check_links(published_site, "")
    assert result.returncode != 0
    assert "链接检查通过" not in result.stdout
    assert "一个也没有检查" in result.stderr
    assert "--siteurl https://news.example.org/archive" in result.stderr


def test_invoke_check_links_on_a_file_says_it_is_no_folder(tmp_path):
    # it said the file “不存在”, which the host could see was there
    (tmp_path / "index.html").write_text("<html></html>", encoding="utf-8")
    result = check_links(tmp_path / "index.html")
    assert result.returncode == 1
    assert f"--site：{tmp_path / 'index.html'} 是一个文件，不是文件夹：请用 --site 指定构建好的网站文件夹" in result.stderr
    assert "不存在" not in result.stderr


def test_invoke_check_links_names_a_broken_link(content_copy, tmp_path):
    build = build_site(content_copy, tmp_path / "out")
    (build.output / "county" / "hai-ning-shi" / "index.html").unlink()
    result = check_links(build.output, "")
    assert result.returncode != 0
    assert "county/hai-ning-shi/" in result.stdout


ODD_PAGE = """\ufeff<!DOCTYPE html><HTML><head><LINK REL=stylesheet HREF=theme/a.css>
<script src="js/a.js"></script><script>var s = '<a href="in-script/">';</script></head>
<body><!-- <a href="in-comment/"> --><A HREF="upper/">x</A><a>no href</a><a href="">empty</a>
<p><a href="q/?a=1&amp;b=2">amp</a><a href='one/' href='two/'>twice</a><img src=img/x.png alt=x>
<svg><a href="in-svg/">s</a></svg><table><a href="in-table/">t</a><tr><td><iframe src="f/"></iframe>
<picture><source src="v.webm"></picture><a href="unclosed/"><p>after</body></html>"""


def test_the_link_check_reads_the_links_beautifulsoup_reads(seed_site):
    """linkcheck reads links straight off lxml's parser; BeautifulSoup, listening to the same parser,
    was three quarters of a check (318 s at 50,000 items, 29 s without)."""
    from bs4 import BeautifulSoup

    from newsarchive.linkcheck import ATTRIBUTES, page_links

    pages = [p.read_text(encoding="utf-8") for p in sorted(seed_site.output.rglob("*.html"))]
    for html in [*pages, ODD_PAGE, "", "\ufeff", "<p>no links"]:
        soup = BeautifulSoup(html, "lxml")
        expected = [e.get(attr) for tag, attr in ATTRIBUTES for e in soup.find_all(tag) if e.get(attr) is not None]
        assert page_links(html) == expected
    assert len(pages) > 50 and page_links(ODD_PAGE)


def test_a_missing_file_is_named_on_every_page_that_links_to_it(tmp_path):
    """Each file is looked for once; each page linking to a missing one is still named."""
    from newsarchive.linkcheck import check_links as run

    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(
            '<a href="../missing/">x</a><a href="../a/">a</a><a href="/missing/">y</a>', encoding="utf-8")
    checked, broken = run(tmp_path, "")
    assert checked == 6
    assert [str(b) for b in broken] == [
        "a/index.html: ../missing/", "a/index.html: /missing/", "b/index.html: ../missing/", "b/index.html: /missing/"]


def _gone(path, seconds=60) -> bool:
    deadline = time.monotonic() + seconds
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    return not path.exists()


def test_an_output_folder_that_is_a_symlink_to_the_web_root_gets_every_build_and_keeps_it(content_copy, tmp_path):
    # A host who links output/ to the folder the web server serves. The swap
    # exchanged the link itself: output/ became a plain folder, the link was
    # retired, and emptying the retired site followed it into the web root,
    # so the live site was empty after every other build.
    www = tmp_path / "www"
    www.mkdir()
    out = tmp_path / "site" / "output"
    out.parent.mkdir()
    out.symlink_to(www)
    victim = content_copy / "2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li.md"
    for n in range(3):
        victim.write_text(victim.read_text(encoding="utf-8") + f"\n补充第{n}段。\n", encoding="utf-8")
        build = build_site(content_copy, out)
        assert build.returncode == 0, build.log
        time.sleep(RETIRE_DELAY_S + 2)  # past the deletion of the replaced site
        assert out.is_symlink() and out.resolve() == www
        assert f"补充第{n}段" in "".join(p.read_text(encoding="utf-8") for p in www.rglob("index.html"))
        assert (www / "404.html").is_file() and (www / "search" / "index.html").is_file()


def test_an_output_linked_into_the_web_root_keeps_its_caches_and_so_the_drafts_out_of_it(content_copy, tmp_path):
    # The README's layout: output/ a link to the folder the web server
    # serves, here the sub-path archive/ of the server's root html/. The
    # build caches went beside the folder the link names, in html/ itself:
    # https://host/.archive.cache/archive-markdown.pickle held every item as
    # read, a draft's and an embargoed item's text included, and nginx serves
    # such a file to anyone who asks for it.
    html = tmp_path / "www" / "html"
    (html / "archive").mkdir(parents=True)
    out = tmp_path / "site" / "output"
    out.parent.mkdir()
    out.symlink_to(html / "archive")
    write_item(content_copy, "2023/03/draft.md", title="未定稿的消息", date="2023-03-01", category="海宁市",
               status="draft", body="草稿里独有的句子甲乙丙。")
    embargoed = ITEM.format(title="禁发稿件").replace("2023-02-01", "2099-03-01").replace("正文第一段", "禁发稿里独有的句子丁戊己")
    (content_copy / "2099/03").mkdir(parents=True)
    (content_copy / "2099/03/jin-fa.md").write_text(embargoed, encoding="utf-8")
    env = {"ARCHIVE_SITEURL": "https://news.example.org/archive"}
    for _ in range(2):  # the second build reads what the first one cached
        build = build_site(content_copy, out, settings="publishconf.py", env=env)
        assert build.returncode == 0, build.log
        assert "草稿 2 篇" in build.stdout
    assert (html / "archive" / "index.html").is_file() and out.resolve() == html / "archive"
    time.sleep(RETIRE_DELAY_S + 2)  # past the emptying of the replaced site
    leaks = [f"{path.relative_to(html)}: {word}" for path in html.rglob("*") if path.is_file()
             for word in ("甲乙丙", "丁戊己") if word.encode("utf-8") in path.read_bytes()]
    assert leaks == []
    assert [p.name for p in html.iterdir() if p.name.endswith(".cache")] == []
    # the caches are where a build into output/ keeps them, in the project
    assert (out.parent / ".output.cache" / "archive-markdown.pickle").is_file()


def test_a_replaced_site_is_deleted_after_the_swap_and_waits_its_turn_on_the_lock(content_copy, tmp_path):
    out = tmp_path / "out"

    def retired():
        return sorted(tmp_path.glob(".out.previous-*"))

    def edit(n):
        victim = item_files(content_copy)[n]
        victim.write_text(victim.read_text(encoding="utf-8") + f"\n补充第{n}段。\n", encoding="utf-8")

    assert build_site(content_copy, out).returncode == 0
    assert retired() == []
    edit(0)
    assert build_site(content_copy, out).returncode == 0
    # deleted in the background, beside the output, never inside it
    [first] = retired()
    assert _gone(first)
    assert not list(out.glob(".*previous*"))
    # While something holds the lock (a deletion, or folders being made),
    # the next build's deletion waits for it, and the build does not.
    lock = tmp_path / ".out.cache" / "publish.lock"
    with open(lock, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        edit(1)
        build = build_site(content_copy, out)
        assert build.returncode == 0, build.log
        assert "补充第1段" in "".join(p.read_text(encoding="utf-8") for p in out.rglob("index.html"))
        [waiting] = retired()
        time.sleep(RETIRE_DELAY_S + 2)  # past the moment its deletion starts
        assert (waiting / "index.html").is_file()
    assert _gone(waiting)
    assert not (tmp_path / ".out.staging").exists()


def _layout(site: Path) -> tuple[set[str], set[str]]:
    """(folders, files) of a site by relative path, its build state and search export aside."""
    entries = [p for p in site.rglob("*") if not p.relative_to(site).parts[0].startswith((".", "search"))]
    return ({p.relative_to(site).as_posix() for p in entries if p.is_dir()},
            {p.relative_to(site).as_posix() for p in entries if not p.is_dir()})


def test_a_replaced_sites_folders_are_reused_and_nothing_else_of_it_is_published(content_copy, tmp_path):
    out, recycled = tmp_path / "out", tmp_path / ".out.recycled"
    assert build_site(content_copy, out).returncode == 0
    gone = item_files(content_copy)[0]
    gone.unlink()
    assert build_site(content_copy, out).returncode == 0
    deadline = time.monotonic() + 60
    while not recycled.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    # the first site, emptied of its files: folders only (the deleted item's among them), and their list
    folders, files = _layout(recycled)
    assert files == set() and (recycled / RECYCLED_FOLDERS).is_file()
    assert folders > _layout(out)[0], "the first site had the deleted item's folder"
    reused = recycled / sorted(folders)[-1]
    reused_inode = reused.stat().st_ino
    victim = item_files(content_copy)[1]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n补充一段。\n", encoding="utf-8")
    assert build_site(content_copy, out).returncode == 0
    assert (out / sorted(folders)[-1]).stat().st_ino == reused_inode, "the build took the recycled folders"
    # what a build from scratch of the same content makes, folder for folder and file for file
    assert build_site(content_copy, tmp_path / "fresh" / "out").returncode == 0
    assert _layout(out) == _layout(tmp_path / "fresh" / "out")
    assert not (tmp_path / ".out.staging").exists()
