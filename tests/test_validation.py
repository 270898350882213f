"""Bad content stops the build with advice naming the file, and the published site survives."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys

import pytest
from conftest import ROOT, build_site, write_item


def tree_digest(folder) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def invoke(*args):
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT, capture_output=True, text=True)


WANG_DIAN = "2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li.md"
TIAN_NING = "2023/01/tian-ning-qiao-qi-an-xin-mou-fa-zhan.md"
HAI_NING = "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong.md"


def test_short_township_name_suggests_the_full_name(content_copy, tmp_path):
    replace_in(content_copy / WANG_DIAN, "Townships: 王店镇", "Townships: 王店")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode != 0
    assert f"{WANG_DIAN.split('/')[-1]}:5" in build.log
    assert "“王店”不在嘉兴市乡镇名录中" in build.log
    assert "“王店镇”" in build.log
    assert "Traceback" not in build.log


def test_a_misspelt_township_is_matched_in_the_items_own_county_first(content_copy, tmp_path):
    replace_in(content_copy / HAI_NING, "Townships: 马桥街道, 袁花镇", "Townships: 马桥街道, 元花镇")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode != 0
    assert f"{HAI_NING.split('/')[-1]}:5: “元花镇”不在嘉兴市乡镇名录中。是不是“袁花镇”（海宁市）？请写名录中的全称。" in build.log
    assert "通元镇" not in build.log  # 海盐县's, as close in characters


def test_township_in_the_wrong_county_names_its_county(content_copy, tmp_path):
    replace_in(content_copy / TIAN_NING, "Townships: 天凝镇", "Townships: 王店镇")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode != 0
    assert "tian-ning-qiao-qi-an-xin-mou-fa-zhan.md" in build.log
    assert "“王店镇”属于秀洲区，不属于嘉善县" in build.log


def test_unknown_county_suggests_the_official_name(content_copy, tmp_path):
    replace_in(content_copy / WANG_DIAN, "Category: 秀洲区", "Category: 秀州区")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode != 0
    assert "“秀州区”不是嘉兴市的县级行政区" in build.log
    assert "“秀洲区”" in build.log


def test_township_given_as_county(content_copy, tmp_path):
    replace_in(content_copy / WANG_DIAN, "Category: 秀洲区", "Category: 王店镇")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode != 0
    assert "“王店镇”是乡镇（街道），不是县级行政区" in build.log


def test_colliding_slugs_fail_with_both_file_names(content_copy, tmp_path):
    write_item(
        content_copy,
        "2023/01/another.md",
        title="另一篇稿件",
        date="2023-01-20",
        authors="陆明",
        category="秀洲区",
        townships="王店镇",
        slug="wang-dian-fu-wu-bai-xing-ling-ju-li",
    )
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode != 0
    assert "another.md" in build.log and "wang-dian-fu-wu-bai-xing-ling-ju-li.md" in build.log
    assert "网址相同" in build.log


def test_titles_that_spell_the_same_get_the_same_slug_and_are_caught(content_copy, tmp_path):
    # No Slug field: both slugs come from titles that differ only in punctuation.
    for name, title in (("a.md", "乌镇镇开展文明实践"), ("b.md", "乌镇镇开展“文明实践”")):
        write_item(content_copy, f"2023/02/{name}", title=title, date="2023-02-01", category="桐乡市", townships="乌镇镇")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode != 0
    assert "a.md" in build.log and "b.md" in build.log


def test_failed_build_leaves_the_published_site_untouched(content_copy, tmp_path):
    out = tmp_path / "out"
    assert build_site(content_copy, out).returncode == 0
    before = tree_digest(out)
    replace_in(content_copy / WANG_DIAN, "Townships: 王店镇", "Townships: 王店")
    assert build_site(content_copy, out).returncode != 0
    assert tree_digest(out) == before
    assert not (tmp_path / ".out.staging").exists(), "staging left behind"


def test_invoke_new_writes_a_valid_draft_and_check_accepts_it(content_copy):
    made = invoke("new", "长安镇举办新春游园会", "--county", "海宁市", "--townships", "长安镇",
               "--authors", "张三、李四", "--tags", "文化旅游", "--date", "2023-02-05",
               "--content", str(content_copy))
    assert made.returncode == 0, made.stderr
    path = content_copy / "2023/02/chang-an-zhen-ju-ban-xin-chun-you-yuan-hui.md"
    text = path.read_text(encoding="utf-8")
    assert "Authors: 张三, 李四" in text and "Status: draft" in text
    checked = invoke("check", "--content", str(content_copy))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "1 篇草稿，0 条提醒" in checked.stdout


@pytest.mark.parametrize("byline,written,left_out", [
    ("记者 朱敏", "朱敏", "“记者”"),
    ("融媒体记者 朱敏 通讯员 张凌翊", "朱敏, 张凌翊", "“融媒体记者”“通讯员”"),
])
def test_invoke_new_reads_authors_as_the_build_does(content_copy, byline, written, left_out):
    # --authors "记者 朱敏" was written Authors: 记者, 朱敏, which the build then warned about
    made = invoke("new", "长安镇举办新春游园会", "--county", "海宁市", "--authors", byline, "--date", "2023-02-05",
                  "--content", str(content_copy))
    assert made.returncode == 0, made.stderr
    path = content_copy / "2023/02/chang-an-zhen-ju-ban-xin-chun-you-yuan-hui.md"
    assert f"\nAuthors: {written}\n" in path.read_text(encoding="utf-8")
    assert f"chang-an-zhen-ju-ban-xin-chun-you-yuan-hui.md:3: --authors 里的{left_out}是身份或署名标记，不是人名，已略去。" \
           f"稿件里写的是“Authors: {written}”。" in made.stderr, made.stderr
    checked = invoke("check", "--content", str(content_copy))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "1 篇草稿，0 条提醒" in checked.stdout


def test_invoke_new_with_only_a_role_for_authors_writes_no_authors_and_says_so(content_copy):
    made = invoke("new", "长安镇举办新春游园会", "--county", "海宁市", "--authors", "本报记者", "--date", "2023-02-05",
                  "--content", str(content_copy))
    assert made.returncode == 0, made.stderr
    assert "Authors" not in (content_copy / "2023/02/chang-an-zhen-ju-ban-xin-chun-you-yuan-hui.md").read_text(encoding="utf-8")
    assert ("--authors 里的“本报记者”是身份或署名标记，不是人名，已略去。稿件里没有写 Authors；"
            "知道作者的话，请补上一行，如“Authors: 朱敏, 张凌翊”。") in made.stderr, made.stderr


def test_check_builds_the_listings_as_the_build_does(content_copy, monkeypatch):
    """invoke check runs linear_listings too: without it Pelican's period archives scan
    every item once per item of the period, and a check of 50,000 items took 64 s instead of 29."""
    from itertools import groupby

    from newsarchive.check import check

    monkeypatch.chdir(ROOT)
    _report, generators = check("pelicanconf.py", str(content_copy))
    articles = generators[0]
    assert articles._build_period_archives.__module__ == "linear_listings"
    # and the listings are what Pelican's own code makes of the same items
    months = articles.period_archives["month"]
    by_month = {k: list(g) for k, g in groupby(articles.dates, key=lambda a: (a.date.year, a.date.month))}
    assert [m["period_num"] for m in months] == list(by_month)
    for month in months:
        assert month["dates"] == by_month[month["period_num"]]
        assert month["articles"] == [a for a in articles.articles if a in month["dates"]]


@pytest.mark.parametrize("credit", [[], ["图片由袁花镇提供"]])
def test_invoke_new_photo_with_or_without_its_credit_writes_a_photo_item(content_copy, credit):
    # --photo alone, as a flag, ended in invoke's English "Flag … needed value and was not given one!"
    made = invoke("new", "袁花镇新春游园会现场", "--county", "海宁市", "--photo", *credit, "--date", "2023-02-05",
                  "--content", str(content_copy))
    assert made.returncode == 0, made.stderr
    text = (content_copy / "2023/02/yuan-hua-zhen-xin-chun-you-yuan-hui-xian-chang.md").read_text(encoding="utf-8")
    assert "Type: photo\n" in text and f"Credit: {credit[0] if credit else '图片由……提供'}\n" in text


def test_invoke_new_refuses_a_township_outside_the_county(content_copy):
    made = invoke("new", "测试", "--county", "嘉善县", "--townships", "王店镇", "--content", str(content_copy))
    assert made.returncode != 0
    assert "属于秀洲区" in made.stderr
    # the editor typed options: the advice names them, not the header fields a file would have
    assert "--county 改为“秀洲区”" in made.stderr and "Category" not in made.stderr
    assert not list(content_copy.glob("**/ce-shi.md"))


def test_invoke_new_with_a_township_as_county_says_which_option_takes_what(content_copy):
    made = invoke("new", "测试", "--county", "袁花镇", "--content", str(content_copy))
    assert made.returncode != 0
    assert "“袁花镇”是乡镇（街道），不是县级行政区" in made.stderr
    assert "--county 海宁市" in made.stderr and "--townships" in made.stderr and "Category" not in made.stderr
    assert not list(content_copy.glob("**/ce-shi.md"))


def test_an_unknown_county_nothing_like_any_is_answered_with_the_seven(content_copy):
    made = invoke("new", "测试", "--county", "上海", "--content", str(content_copy))
    assert made.returncode != 0
    assert "“上海”不是嘉兴市的县级行政区。嘉兴市的县级行政区有：南湖区、秀洲区、嘉善县、海盐县、海宁市、平湖市、桐乡市。" in made.stderr


def test_the_shipped_content_builds_without_a_warning(seed_site):
    assert "提醒" not in seed_site.log


def test_an_item_outside_the_folder_of_its_date_is_published_with_the_command_that_moves_it(content_copy, tmp_path):
    def git(*args):
        return subprocess.run(["git", "-c", "user.name=编辑", "-c", "user.email=editor@example.org", *args],
                              cwd=content_copy, check=True, capture_output=True, text=True)

    # one item committed in the wrong month's folder, one saved straight in content/ and not yet added
    write_item(content_copy, "2023/05/x.md", title="五月文件夹里的一月稿件", date="2023-01-20",
               category="秀洲区", townships="王店镇", slug="x")
    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "稿件")
    write_item(content_copy, "cuo-wei.md", title="放错位置的稿件", date="2022-12-05",
               category="海宁市", townships="马桥街道", slug="cuo-wei")
    out = tmp_path / "out"
    build = build_site(content_copy, out)
    assert build.returncode == 0, build.log
    assert build.page("2023/01/x/").h1.get_text(strip=True) == "五月文件夹里的一月稿件"
    assert build.page("2022/12/cuo-wei/").h1.get_text(strip=True) == "放错位置的稿件"

    warnings = sorted(line for line in build.stderr.splitlines() if line.startswith("提醒"))
    c = content_copy
    assert warnings == [
        f"提醒 {c}/2023/05/x.md:2: 按 Date（2023-01-20），这篇稿件应放在 {c}/2023/01/，而不在 {c}/2023/05/："
        f"文件夹和网址的年月一致，才能按网址找到文件。请移过去：git -C {c} mv {c}/2023/05/x.md {c}/2023/01/x.md；"
        "如果是 Date 写错了，就改正 Date。",
        f"提醒 {c}/cuo-wei.md:2: 按 Date（2022-12-05），这篇稿件应放在 {c}/2022/12/，而不在 {c}/："
        f"文件夹和网址的年月一致，才能按网址找到文件。请移过去：mkdir -p {c}/2022/12 && mv {c}/cuo-wei.md "
        f"{c}/2022/12/cuo-wei.md；如果是 Date 写错了，就改正 Date。",
    ]
    # the editor runs the commands as printed
    for line in warnings:
        command = re.search("请移过去：(.+?)；", line).group(1)
        subprocess.run(command, shell=True, cwd=ROOT, check=True)
    assert "renamed:    2023/05/x.md -> 2023/01/x.md" in git("status").stdout
    assert (c / "2022/12/cuo-wei.md").is_file()

    build = build_site(content_copy, out)
    assert build.returncode == 0, build.log
    assert "提醒" not in build.log
    assert build.page("2023/01/x/").h1.get_text(strip=True) == "五月文件夹里的一月稿件"


def test_invoke_check_lists_an_item_outside_the_folder_of_its_date_and_passes(content_copy):
    (content_copy / WANG_DIAN).rename(content_copy / "wang-dian.md")
    checked = invoke("check", "--content", str(content_copy))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "11 篇已发布，0 篇草稿，1 条提醒" in checked.stdout
    assert f"提醒 {content_copy}/wang-dian.md:2: 按 Date（2023-01-31），这篇稿件应放在 {content_copy}/2023/01/" in checked.stderr
    assert "请移过去：mv " in checked.stderr


def test_an_item_saved_in_a_folder_named_pages_is_checked_and_listed_as_every_item(content_copy, tmp_path):
    # Pelican's default PAGE_PATHS made it a page at /pages/<slug>/: in no listing or feed, its
    # township never checked, and the build said 发布 0 篇 of it without a word
    write_item(content_copy, "pages/ban-mian.md", title="版面文件夹里的稿件", date="2023-01-20",
               category="秀洲区", townships="王店", slug="ban-mian")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode != 0
    assert f"{content_copy}/pages/ban-mian.md:4: “王店”不在嘉兴市乡镇名录中" in build.log, build.log

    replace_in(content_copy / "pages/ban-mian.md", "Townships: 王店", "Townships: 王店镇")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    assert "发布 12 篇" in build.log
    assert f"{content_copy}/pages/ban-mian.md:2: 按 Date（2023-01-20），这篇稿件应放在 {content_copy}/2023/01/" in build.log
    listed = [a.get_text(strip=True) for a in build.page("township/wang-dian-zhen/").select("main a")]
    assert "版面文件夹里的稿件" in listed
    assert build.page("2023/01/ban-mian/").h1.get_text(strip=True) == "版面文件夹里的稿件"
    assert not (build.output / "pages").exists()


def test_invoke_new_suggests_a_township_of_the_county_given(content_copy):
    made = invoke("new", "测试", "--county", "海宁市", "--townships", "峡石镇", "--content", str(content_copy))
    assert made.returncode != 0
    assert "--townships：“峡石镇”不在嘉兴市乡镇名录中。是不是“硖石街道”（海宁市）？" in made.stderr
    assert "石门镇" not in made.stderr  # 桐乡市's, as close in characters


@pytest.mark.parametrize("title", ["", "   ", "\u3000"])
def test_invoke_new_refuses_a_blank_title_and_writes_nothing(content_copy, title):
    before = sorted(content_copy.rglob("*"))
    made = invoke("new", title, "--county", "海宁市", "--date", "2023-01-05", "--content", str(content_copy))
    assert made.returncode != 0
    assert "标题是空的" in made.stderr and "Traceback" not in made.stderr
    assert sorted(content_copy.rglob("*")) == before


def test_invoke_new_reads_pasted_zero_width_characters_as_the_editor_sees_them(content_copy, tmp_path):
    # 海宁市+U+200B pasted from a web page: “不是县级行政区。是不是海宁市？”, nothing to change in sight
    made = invoke("new", "长安镇举办新春游园会\u200b", "--county", "海宁市\u200b", "--townships", "长安镇\u200b",
                  "--content", str(content_copy))
    assert made.returncode == 0, made.stderr
    (path,) = content_copy.rglob("chang-an-zhen-ju-ban-xin-chun-you-yuan-hui.md")
    header = path.read_text(encoding="utf-8")
    assert "\u200b" not in header
    assert "Title: 长安镇举办新春游园会\n" in header and "Category: 海宁市\n" in header and "Townships: 长安镇\n" in header


def test_invoke_new_without_a_county_lists_the_counties_and_writes_nothing(content_copy):
    before = sorted(content_copy.rglob("*"))
    made = invoke("new", "长安镇举办新春游园会", "--content", str(content_copy))
    assert made.returncode != 0
    assert "没有给出县级行政区" in made.stderr and "海宁市" in made.stderr and "嘉善县" in made.stderr
    assert "did not receive" not in made.stderr
    assert sorted(content_copy.rglob("*")) == before


@pytest.mark.parametrize(
    "task,option", [("new", "--county"), ("import-page", "--dry-run"), ("search", "--json"), ("gen-corpus", "--dest")]
)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_after_a_task_with_positional_arguments_shows_its_options(task, option, flag):
    # invoke gave --help to the title or the page's path: a file named --help, or an English error;
    # `invoke search -h` searched for “-h” and found nothing, with status 0
    shown = invoke(task, flag)
    assert shown.returncode == 0, shown.stderr
    assert f"{task} [--options]" in shown.stdout and option in shown.stdout


@pytest.mark.parametrize("make", [lambda path: path.write_text("x", encoding="utf-8"), lambda path: None], ids=["file", "missing"])
def test_invoke_new_into_a_file_or_a_mistyped_folder_says_so_and_writes_nothing(tmp_path, make):
    # a file ended in a NotADirectoryError traceback; a mistyped folder was made and
    # given the item, 已创建, where no build reads it
    make(tmp_path / "contnet")
    made = invoke("new", "长安镇举办新春游园会", "--county", "海宁市", "--content", str(tmp_path / "contnet"))
    assert made.returncode == 1
    assert f"--content：没有这个文件夹：{tmp_path / 'contnet'}，稿件没有创建。" in made.stderr
    assert "Traceback" not in made.stderr and "已创建" not in made.stdout
    assert not (tmp_path / "contnet").is_dir()


@pytest.mark.parametrize(
    "args,says",
    [
        (["new"], 'invoke new：没有给出标题，没有写入任何文件。请把标题写在 new 后面（加上引号），如 invoke new "长安镇'),
        (["new", "--county", "海宁市"], "invoke new：没有给出标题"),
        (["search"], 'invoke search：没有给出搜索词。请把要找的词写在 search 后面，多个词用空格分开并加上引号，如 invoke search "开门红 海宁"。'),
        (["search", "--json"], "invoke search：没有给出搜索词"),
        (["import-page"], "invoke import-page：没有给出版面文件，没有写入任何文件。请把版面文本文件（.txt）或装着多个版面的文件夹写在 import-page 后面，如 invoke import-page sources/pages/"),
        (["import", "--date", "2023-01-31"], "invoke import-page：没有给出版面文件"),
        (["gen-corpus", "--articles", "3"], "invoke gen-corpus：要写出多少篇（--articles）、写到哪个空文件夹（--dest）都要给出，如 invoke gen-corpus --articles 5000 --dest "),
    ],
)
def test_a_task_without_its_required_argument_says_in_chinese_what_to_type(args, says):
    # invoke's own answer was “'new' did not receive required positional arguments: 'title'”
    shown = invoke(*args)
    assert shown.returncode == 1
    assert says in shown.stderr
    assert "did not receive" not in shown.stderr + shown.stdout and "Traceback" not in shown.stderr


@pytest.mark.parametrize(
    "args,says",
    [
        (["search", "开门红", "海宁"], 'invoke search：“海宁”多出来了：多个搜索词要一起写在引号里，如 invoke search "开门红 海宁"。'),
        (["new", "长安镇", "举办新春游园会", "--county", "海宁市"],
         'invoke new：“举办新春游园会”多出来了，稿件没有创建：标题里有空格时，整个标题要加上引号，如 invoke new "长安镇 举办新春游园会"。'),
        (["import-page", "sources/pages/a.txt", "sources/pages/b.txt", "--date", "2023-01-31"],
         "invoke import-page：“sources/pages/b.txt”多出来了，没有写入任何文件：一次导入一个版面文件，或一个装着多个版面的文件夹"),
        (["new", "标题", "--county"], "invoke new：--county 后面没有写值。请把值写在 --county 后面。--county：县级行政区全称，如 海宁市。"),
        (["search", "开门红", "--countyy", "海宁市"], "invoke search：没有 --countyy 这个选项。invoke --help search 列出它的全部选项。"),
        (["buidl"], "没有“buidl”这个任务。invoke --list 列出全部任务。"),
        (["new", "--photo", "袁花镇新春游园会现场", "--county", "海宁市"],  # was “'袁花镇…' is ambiguous when given after …”
         'invoke new：分不清“袁花镇新春游园会现场”是不是 --photo 的值。请把标题写在 new 紧后面（加上引号），如 invoke new "'),
        (["build", "serv"], "没有“serv”这个任务。invoke --list 列出全部任务。"),
        # an option before any task's name was 没有“--lsit”这个任务, as if it were a task
        (["--lsit"], "invoke 没有 --lsit 这个选项。任务的选项写在任务名后面"),
        (["--county", "海宁市", "new", "标题"], "invoke 没有 --county 这个选项。任务的选项写在任务名后面"),
        # the title was there: the advice was to write it right after new
        (["new", "袁花镇新春游园会现场", "--photo", "build"],
         "invoke new：分不清“build”是 --photo 的值（图片来源），还是接着要运行的任务 invoke build。"),
    ],
)
def test_a_word_too_many_or_an_option_without_its_value_is_explained_in_chinese(args, says):
    # invoke's own words: “No idea what '海宁' is!”, “Flag <Argument: county (c)> needed value and was not given one!”
    shown = invoke(*args)
    assert shown.returncode == 1
    assert says in shown.stderr
    assert "No idea" not in shown.stderr and "Flag <" not in shown.stderr and "ambiguous" not in shown.stderr
    assert "Traceback" not in shown.stderr


KAI_MEN_HONG = "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong.md"


@pytest.mark.parametrize("date,message", [("2023-01-05 25:00", "小时应在 0 到 23 之间"), ("2023-01-05 08:61", "分钟应在 0 到 59 之间")])
def test_invoke_new_refuses_an_impossible_time(content_copy, date, message):
    before = sorted(content_copy.rglob("*"))
    made = invoke("new", "测试时间", "--county", "海宁市", "--date", date, "--content", str(content_copy))
    assert made.returncode != 0
    assert f"日期“{date}”中的时间不存在：{message}" in made.stderr
    assert sorted(content_copy.rglob("*")) == before


def test_invoke_new_names_the_item_whose_title_spells_the_same_and_its_suggested_slug_works(content_copy):
    before = sorted(content_copy.rglob("*"))
    args = ("new", "海宁全力冲刺开门鸿", "--county", "海宁市", "--date", "2023-01-05", "--content", str(content_copy))
    refused = invoke(*args)
    assert refused.returncode != 0
    assert KAI_MEN_HONG in refused.stderr and "海宁全力冲刺“开门红”" in refused.stderr
    assert "拼音网址相同" in refused.stderr
    assert sorted(content_copy.rglob("*")) == before
    suggested = re.search(r"--slug ([a-z0-9-]+)", refused.stderr)
    assert suggested, refused.stderr

    made = invoke(*args, "--slug", suggested[1])
    assert made.returncode == 0, made.stderr
    written = content_copy / f"2023/01/{suggested[1]}.md"
    assert f"Slug: {suggested[1]}" in written.read_text(encoding="utf-8")
    checked = invoke("check", "--content", str(content_copy))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_invoke_new_with_an_existing_title_points_to_its_file(content_copy):
    made = invoke("new", "海宁全力冲刺“开门红”", "--county", "海宁市", "--date", "2023-01-05",
                  "--content", str(content_copy))
    assert made.returncode != 0
    assert f"{KAI_MEN_HONG}: 这个文件已经存在（同月同标题）" in made.stderr


def test_invoke_new_sees_an_item_saved_as_markdown(content_copy):
    # the build publishes .markdown files; invoke new looked at .md alone and wrote a second file
    (content_copy / KAI_MEN_HONG).rename((content_copy / KAI_MEN_HONG).with_suffix(".markdown"))
    before = sorted(content_copy.rglob("*"))
    made = invoke("new", "海宁全力冲刺“开门红”", "--county", "海宁市", "--date", "2023-01-05",
                  "--content", str(content_copy))
    assert made.returncode != 0
    assert KAI_MEN_HONG.replace(".md", ".markdown") in made.stderr, made.stderr
    assert sorted(content_copy.rglob("*")) == before


@pytest.mark.parametrize(
    "slug,suggested",
    [("wáng-diàn-fú-wù", "wang-dian-fu-wu"), ("Lǚ-Yóu", "lv-you")],
    ids=["tone-marks", "u-umlaut"],
)
def test_a_slug_typed_with_tone_marks_is_told_its_pinyin(content_copy, tmp_path, slug, suggested):
    # a pinyin input method types wáng; the advice was “例如“w-ngdi-n””, the marked letters dropped
    replace_in(content_copy / WANG_DIAN, "Slug: wang-dian-fu-wu-bai-xing-ling-ju-li", f"Slug: {slug}")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode != 0
    assert f"{WANG_DIAN.split('/')[-1]}:7: Slug“{slug}”只能用小写字母、数字和连字符，例如“{suggested}”。" in build.log, build.log


@pytest.mark.parametrize(
    "slug,message",
    [
        ("../../etc", "只能用小写字母、数字和连字符"),
        ("Hai-Ning", "例如“hai-ning”"),
        ("海宁", "例如“hai-ning”"),
        # another item's URL, though its file name differs from the slug
        ("moved", "网址 /2023/01/moved/ 已经被已有稿件“王店：服务百姓“零距离””"),
    ],
    ids=["dot-dot", "upper-case", "han", "another-items-url"],
)
def test_invoke_new_refuses_a_slug_the_build_would_refuse(content_copy, slug, message):
    replace_in(content_copy / WANG_DIAN, "Slug: wang-dian-fu-wu-bai-xing-ling-ju-li", "Slug: moved")
    before = sorted(content_copy.rglob("*"))
    made = invoke("new", "另一篇稿件", "--county", "海宁市", "--date", "2023-01-05", "--slug", slug,
                  "--content", str(content_copy))
    assert made.returncode != 0
    assert "--slug：" in made.stderr and message in made.stderr, made.stderr
    assert sorted(content_copy.rglob("*")) == before


def test_invoke_check_reports_every_bad_file_at_once(content_copy):
    replace_in(content_copy / WANG_DIAN, "Townships: 王店镇", "Townships: 王店")
    replace_in(content_copy / TIAN_NING, "Townships: 天凝镇", "Townships: 王店镇")
    checked = invoke("check", "--content", str(content_copy))
    assert checked.returncode != 0
    assert "内容检查没有通过：2 处内容需要修改（只检查，没有构建）。" in checked.stderr
    assert "构建已停止" not in checked.stderr and "output/" not in checked.stderr  # a check builds nothing
    assert WANG_DIAN.split("/")[-1] in checked.stderr and TIAN_NING.split("/")[-1] in checked.stderr


def test_invoke_check_of_a_folder_that_is_not_there_says_so(tmp_path):
    # a mistyped --content ended in Pelican's English ValueError and a traceback
    checked = invoke("check", "--content", str(tmp_path / "contnet"))
    assert checked.returncode != 0
    assert f"--content：没有这个文件夹：{tmp_path / 'contnet'}" in checked.stderr, checked.stderr
    assert "Traceback" not in checked.stderr


def test_invoke_check_reads_a_relative_content_folder_from_where_it_is_typed(content_copy):
    # it was read from the project's root: the shipped content/ was checked and passed
    (content_copy / "2023/01/bad.md").write_text("Title: 没有日期\nCategory: 海宁市\n\n正文。\n", encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "invoke", "-r", str(ROOT), "check", "--content", "content"],
                             cwd=content_copy.parent, capture_output=True, text=True)
    assert checked.returncode != 0
    assert "bad.md: 缺少 Date" in checked.stderr, checked.stderr


@pytest.mark.parametrize(
    "header,message",
    [
        ("Title：全角冒号的标题\nDate: 2023-01-31\nCategory: 海宁市", None),
        ("Title: 没有日期\nCategory: 海宁市", "缺少 Date"),
        ("Title: 不存在的日期\nDate: 2023-02-30\nCategory: 海宁市", "2023年2月只有 28 天"),
        ("Title: 不存在的小时\nDate: 2023-01-05 25:00\nCategory: 海宁市", "x.md:2: 日期“2023-01-05 25:00”中的时间不存在：小时应在 0 到 23 之间"),
        ("Title: 不存在的分钟\nDate: 2023-01-05 08:61\nCategory: 海宁市", "x.md:2: 日期“2023-01-05 08:61”中的时间不存在：分钟应在 0 到 59 之间"),
        ("Date: 2023-01-31\nCategory: 海宁市", "缺少 Title"),
        # the blank line after the header forgotten: the first paragraph was read as an
        # unknown key 近日，记者从袁花镇获悉, dropped with a warning, and the build passed
        ("Title: 没有空行\nDate: 2023-01-31\nCategory: 海宁市\n近日，记者从袁花镇获悉：全镇开展活动。",
         "x.md:4: “近日，记者从袁花镇获悉”不是元数据的键，这一行没有读进稿件。如果它是正文，请在它前面加一个空行"),
        # the same with a first paragraph whose “key” is ASCII: a time, a link; dropped with a warning
        ("Title: 没有空行\nDate: 2023-01-31\nCategory: 海宁市\n9:30，活动正式开始。",
         "x.md:4: “9”不是元数据的键，这一行没有读进稿件。如果它是正文，请在它前面加一个空行"),
        ("Title: 没有空行\nDate: 2023-01-31\nCategory: 海宁市\nhttps://www.jiaxing.gov.cn/art/2023/1/31/art_1.html",
         "x.md:4: “https”不是元数据的键，这一行没有读进稿件。如果它是正文，请在它前面加一个空行"),
        ("９：３０，活动正式开始。", "x.md:1: 文件开头没有元数据。"),
        # a key in Chinese: the byline was dropped with a warning, and the build passed
        ("Title: 中文的键\nDate: 2023-01-31\nCategory: 海宁市\n作者：朱敏", "x.md:4: “作者”不是元数据的键，这一行没有读进稿件。键要用英文：请写“Authors: 朱敏”"),
        # a colon left out: told the file had no header, or to add a blank line
        ("Title 没有冒号\nDate: 2023-01-31\nCategory: 海宁市", "x.md:1: “Title”后面少了冒号，请写成“Title: 没有冒号”。"),
        ("Title: 没有冒号\nDate: 2023-01-31\nCategory　海宁市", "x.md:3: “Category”后面少了冒号，请写成“Category: 海宁市”。"),
        # front matter as Jekyll and Hugo write it: “文件开头没有元数据” sent the editor looking for what was there
        ("---\ntitle: 前置元数据\ndate: 2023-01-31\ncategory: 海宁市\n---", "x.md:1: 元数据用“---”包了起来（Jekyll、Hugo 的写法），本站不认。请删去第 1 行和第 5 行的“---”"),
    ],
)
def test_header_problems(content_copy, tmp_path, header, message):
    path = content_copy / "2023/01/x.md"
    path.write_text(header + "\n\n正文。\n", encoding="utf-8")
    build = build_site(content_copy, tmp_path / "out")
    if message is None:
        assert build.returncode == 0, build.log
    else:
        assert build.returncode != 0
        assert "x.md" in build.log and message in build.log


@pytest.mark.parametrize(
    "first_line,message",
    [
        # a file with no header at all: its first paragraph read as a key, and the editor told
        # to put a blank line before it, which is skipped as every blank line above a header is
        ("近日，记者从袁花镇获悉：全镇开展活动。", "x.md:1: 文件开头没有元数据。每篇稿件以“Title: 标题”“Date: 2023-01-31”等行开始"),
        ("标题：王店\nDate: 2023-01-31\nCategory: 海宁市", "x.md:1: “标题”不是元数据的键，这一行没有读进稿件。键要用英文：请写“Title: 王店”。"),
    ],
)
def test_the_first_line_of_a_file_is_never_told_to_have_a_blank_line_before_it(content_copy, tmp_path, first_line, message):
    path = content_copy / "2023/01/x.md"
    path.write_text(first_line + "\n\n正文。\n", encoding="utf-8")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode != 0
    assert message in build.log, build.log
    assert "在它前面加一个空行" not in build.log


def test_zero_width_characters_in_the_header_are_read_as_the_editor_sees_them(content_copy, tmp_path):
    # pasted from a web page: the township looked right, and the build said it was not in the gazetteer
    replace_in(content_copy / WANG_DIAN, "Townships: 王店镇", "Townships: 王店镇\u200b")
    replace_in(content_copy / WANG_DIAN, "Title: 王店：服务百姓“零距离”", "Title: 王店：服务百姓“零距离”\u2060")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    page = build.page("2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li/")
    assert page.h1.get_text(strip=True) == "王店：服务百姓“零距离”"
    assert page.find("a", string="王店镇") is not None


def test_a_file_of_the_hosts_own_at_the_site_root_is_published_and_checked_as_the_readme_says(content_copy, tmp_path, monkeypatch):
    # The README's way to a robots.txt (or a search engine's verification
    # file) that invoke publish does not delete: STATIC_PATHS. The build
    # published it, while invoke check, which ran no StaticGenerator, told
    # the editor it was not published and to move it out of content/.
    from newsarchive.check import check

    (content_copy / "extra").mkdir()
    robots = "User-agent: *\nSitemap: https://news.example.org/sitemap.xml\n"
    (content_copy / "extra" / "robots.txt").write_text(robots, encoding="utf-8")
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        'STATIC_PATHS = ["extra/robots.txt"]\n'
        'EXTRA_PATH_METADATA = {"extra/robots.txt": {"path": "robots.txt"}}\n'
        # read from beside the settings file otherwise
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nTHEME = {str(ROOT / 'theme')!r}\n",
        encoding="utf-8",
    )
    build = build_site(content_copy, tmp_path / "output", settings=str(settings))
    assert build.returncode == 0, build.log
    assert (build.output / "robots.txt").read_text(encoding="utf-8") == robots
    assert "robots.txt" not in build.log
    monkeypatch.chdir(ROOT)
    report, _generators = check(str(settings), str(content_copy))
    assert [str(w) for w in report.warnings] == []
