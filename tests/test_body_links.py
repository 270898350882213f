"""A link in a body written from the site's root (/2023/01/slug/) works wherever the site is hosted."""

from __future__ import annotations

import shutil
import subprocess
import sys
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup
from conftest import ROOT, build_site, write_item

HOST = "https://news.example.org/archive"
WANG_DIAN = "2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li/"
BODY = (
    "记者从王店镇获悉，新年服务开始了。\n\n"
    f"详见[王店](/{WANG_DIAN})和[它的第二段](/{WANG_DIAN}#p2)。\n\n"
    "另见[一篇没有的稿件](/2023/01/mei-you-zhe-pian/)。\n\n"
    "还有[写错了月份的](/2023/02/wang-dian-fu-wu-bai-xing-ling-ju-li/)。\n\n"
    "更多见[王店镇的新闻](/township/wang-dian-zhen/)。"
)


def _linking_item(content):
    return write_item(content, "2023/01/lian-jie.md", title="链接测试", date="2023-01-20",
                      category="秀洲区", townships="王店镇", slug="lian-jie", body=BODY)


def _target(build, site_url: str, page_url: str, href: str):
    """The file of ``build`` that ``href``, read on ``page_url`` of a site at ``site_url``, opens (None if none)."""
    target = urlsplit(urljoin(page_url, href))
    base = urlsplit(site_url)
    path = unquote(target.path)
    if target.netloc != base.netloc or not path.startswith(base.path.rstrip("/") + "/"):
        return None
    file = build.output / path[len(base.path.rstrip("/")) + 1:]
    if path.endswith("/"):
        file = file / "index.html"
    return file if file.is_file() else None


def _opens(build, site_url: str, page_url: str, href: str) -> str:
    """The title of the page of ``build`` that ``href``, read on ``page_url``, opens ("" if none)."""
    file = _target(build, site_url, page_url, href)
    if file is None:
        return ""
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml").h1.get_text(strip=True)


def test_a_root_relative_link_to_an_item_opens_it_under_a_sub_path_and_in_the_feed(content_copy, tmp_path):
    _linking_item(content_copy)
    build = build_site(content_copy, tmp_path / "out", settings="publishconf.py", env={"ARCHIVE_SITEURL": HOST})
    assert build.returncode == 0, build.log
    wang_dian = build.page(WANG_DIAN).h1.get_text(strip=True)
    page_url = f"{HOST}/2023/01/lian-jie/"
    links = {a.get_text(): a["href"] for a in build.page("2023/01/lian-jie/").select("article a, main a")
             if a.get_text() in ("王店", "它的第二段")}
    assert set(links) == {"王店", "它的第二段"}
    for href in links.values():
        assert _opens(build, HOST, page_url, href) == wang_dian, href
    assert links["它的第二段"].endswith("#p2")

    feed = BeautifulSoup((build.output / "feeds/all.atom.xml").read_text(encoding="utf-8"), "xml")
    entry = next(e for e in feed.find_all("entry") if e.title.get_text() == "链接测试")
    body = BeautifulSoup(entry.content.get_text(), "lxml")
    href = body.find("a", string="王店")["href"]
    # a feed reader reads the entry away from the site: the link is the page's full address
    assert href == f"{HOST}/{WANG_DIAN}"
    assert _opens(build, HOST, f"{HOST}/feeds/all.atom.xml", href) == wang_dian


def test_a_root_relative_link_to_an_item_opens_it_in_a_relative_build(content_copy, tmp_path):
    _linking_item(content_copy)
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    # served from any folder: a relative build resolves the link from the page itself
    site = "http://localhost/some/folder"
    a = build.page("2023/01/lian-jie/").find("a", string="王店")
    assert _opens(build, site, f"{site}/2023/01/lian-jie/", a["href"]) == build.page(WANG_DIAN).h1.get_text(strip=True)


def test_a_root_relative_link_to_no_page_is_a_warning_with_file_line_and_what_to_write(content_copy, tmp_path):
    path = _linking_item(content_copy)
    lines = path.read_text(encoding="utf-8").splitlines()
    missing = next(n for n, line in enumerate(lines, 1) if "mei-you-zhe-pian" in line)
    wrong_month = next(n for n, line in enumerate(lines, 1) if "2023/02/" in line)
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    warnings = sorted(line for line in build.stderr.splitlines() if line.startswith("提醒"))
    where = "链接 {} 从网站根目录（/）写起，网站放在子路径下（发布时 ARCHIVE_SITEURL 带子路径）或在订阅（Atom）里读时会打不开。"
    assert warnings == [
        f"提醒 {path}:{missing}: 正文里的" + where.format("/2023/01/mei-you-zhe-pian/")
        + "它不是本站哪篇稿件或哪个列表的网址。链接本站稿件，请写成 {filename}/ 加上稿件在 "
        f"{content_copy}/ 里的路径，如 {{filename}}/2023/01/文件名.md；链接别的网站，请写完整网址（https://……）。",
        f"提醒 {path}:{wrong_month}: 正文里的" + where.format("/2023/02/wang-dian-fu-wu-bai-xing-ling-ju-li/")
        + "本站没有这个网址的稿件；如果要链接《王店：服务百姓“零距离”》，"
        "请写成 {filename}/2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li.md。",
    ]
    # what the warning says to write works
    path.write_text(path.read_text(encoding="utf-8").replace(
        "/2023/02/wang-dian-fu-wu-bai-xing-ling-ju-li/", "{filename}/2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li.md"),
        encoding="utf-8")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    assert [line for line in build.stderr.splitlines() if line.startswith("提醒")] == warnings[:1]
    page = build.page("2023/01/lian-jie/")
    a = page.find("a", string="写错了月份的")
    assert _opens(build, "http://h", "http://h/2023/01/lian-jie/", a["href"]) == build.page(WANG_DIAN).h1.get_text(strip=True)


def test_a_root_relative_link_shown_as_code_is_shown_as_written(content_copy, tmp_path):
    """An item that shows an editor how a link is written (a code span, a fenced block) shows it as written:
    it is text for the reader, no link, and the build has nothing to say about it."""
    span = f'<a href="/{WANG_DIAN}">王店</a>'
    block = '<img src="/2023/01/zhi-shi-li-zi/tu.jpg">'
    write_item(content_copy, "2023/01/lian-jie.md", title="链接写法", date="2023-01-20", category="秀洲区",
               townships="王店镇", slug="lian-jie",
               body=f"记者从王店镇获悉，链接这样写：`{span}`。\n\n```\n{block}\n```")
    build = build_site(content_copy, tmp_path / "out", settings="publishconf.py", env={"ARCHIVE_SITEURL": HOST})
    assert build.returncode == 0, build.log
    codes = [code.get_text() for code in build.page("2023/01/lian-jie/").select("article code, main code")]
    assert codes[:2] == [span, block + "\n"], codes
    assert [line for line in build.stderr.splitlines() if line.startswith("提醒")] == []


def test_a_warning_names_the_line_of_its_link_not_of_a_longer_one_before_it(content_copy, tmp_path):
    """/2023/01/wang (a link cut short) is warned about at its own line, not at a link above it
    (/2023/01/wang-dian-…/) whose address begins the same way: the editor is sent to the line to change."""
    path = write_item(content_copy, "2023/01/lian-jie.md", title="链接测试", date="2023-01-20", category="秀洲区",
                      townships="王店镇", slug="lian-jie",
                      body=f"记者从王店镇获悉，新年服务开始了。\n\n详见[王店](/{WANG_DIAN})。\n\n"
                           "另见[王店](/2023/01/wang)和[本月第九页](/2023/01/page/9/)。")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "第九页" in text)
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    warned = sorted(text.split(": 正文里的链接 ")[0] + " " + text.split(": 正文里的链接 ")[1].split(" ")[0]
                    for text in build.stderr.splitlines() if text.startswith("提醒"))
    assert warned == [f"提醒 {path}:{line} /2023/01/page/9/", f"提醒 {path}:{line} /2023/01/wang"]


# Pages of the archive a body may link from the root, beside its items: each is
# (link text, root-relative address, a file the build writes there).
SITE_LINKS = [
    ("首页", "/", "index.html"),
    ("王店镇的新闻", "/township/wang-dian-zhen/", "township/wang-dian-zhen/index.html"),
    ("秀洲区", "/county/xiu-zhou-qu", "county/xiu-zhou-qu/index.html"),
    ("一月的新闻", "/2023/01/index.html", "2023/01/index.html"),
    ("搜索王店", "/search/?q=王店&county=秀洲区", "search/index.html"),
    ("全部新闻的订阅", "/feeds/all.atom.xml", "feeds/all.atom.xml"),
    ("秀洲区的订阅", "/feeds/county/xiu-zhou-qu.atom.xml", "feeds/county/xiu-zhou-qu.atom.xml"),
    ("样式", "/theme/css/site.css", "theme/css/site.css"),
]


def _site_links_item(content):
    body = "记者从王店镇获悉，档案可以订阅。\n\n" + "\n\n".join(f"见[{text}]({href})。" for text, href, _ in SITE_LINKS)
    return write_item(content, "2023/01/lian-jie.md", title="链接说明", date="2023-01-20", category="秀洲区",
                      townships="王店镇", slug="lian-jie", body=body)


def test_a_root_relative_link_to_a_listing_feed_or_theme_file_opens_it_under_a_sub_path_and_in_the_feed(
        content_copy, tmp_path):
    """An “about” text links a township's listing, the search, the archive's feed from the root, as the
    addresses read in the browser: published under a sub-path, each opens what it names, from the item's
    page and from the feed, where a feed reader reads the entry away from the site; the build says nothing."""
    path = _site_links_item(content_copy)
    build = build_site(content_copy, tmp_path / "out", settings="publishconf.py", env={"ARCHIVE_SITEURL": HOST})
    assert build.returncode == 0, build.log
    assert [line for line in build.stderr.splitlines() if str(path) in line] == []
    page = build.page("2023/01/lian-jie/")
    feed = BeautifulSoup((build.output / "feeds/all.atom.xml").read_text(encoding="utf-8"), "xml")
    entry = BeautifulSoup(next(e for e in feed.find_all("entry") if e.title.get_text() == "链接说明").content.get_text(),
                          "lxml")
    for text, href, file in SITE_LINKS:
        for where, url in ((page, f"{HOST}/2023/01/lian-jie/"), (entry, f"{HOST}/feeds/all.atom.xml")):
            written = where.find("a", string=text)["href"]
            assert written.startswith(HOST + "/"), (text, written)
            assert _target(build, HOST, url, written) == build.output / file, (text, written)
    # the search keeps what it was asked: the query, as written, and the ampersand between its parts
    assert page.find("a", string="搜索王店")["href"] == f"{HOST}/search/?q=王店&county=秀洲区"


def test_a_root_relative_link_to_a_listing_feed_or_theme_file_opens_it_in_a_relative_build(content_copy, tmp_path):
    _site_links_item(content_copy)
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    site = "http://localhost/some/folder"
    page = build.page("2023/01/lian-jie/")
    for text, _, file in SITE_LINKS:
        href = page.find("a", string=text)["href"]
        assert _target(build, site, f"{site}/2023/01/lian-jie/", href) == build.output / file, (text, href)


def test_a_root_relative_link_to_a_later_page_or_a_feed_the_site_lacks_is_a_warning_saying_what_to_write(
        content_copy, tmp_path):
    """Page 2 of a listing is no fixed place (items move down as others are added): the editor is told
    its first page, which opens everywhere once written; a feed of a county the archive does not have
    is no file of the site, and is told so, not sent to write a relative address."""
    path = write_item(content_copy, "2023/01/lian-jie.md", title="链接说明", date="2023-01-20", category="秀洲区",
                      townships="王店镇", slug="lian-jie",
                      body="记者从王店镇获悉，档案可以订阅。\n\n见[第二页](/township/wang-dian-zhen/page/2/#top)。\n\n"
                           "订阅[杭州的新闻](/feeds/county/hang-zhou.atom.xml)。")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    warnings = [line for line in build.stderr.splitlines() if line.startswith(f"提醒 {path}")]
    assert len(warnings) == 2, build.stderr
    later = next(w for w in warnings if "/page/2/" in w)
    assert "请链接这个列表的第一页 /township/wang-dian-zhen/#top，" in later, later
    missing = next(w for w in warnings if "hang-zhou" in w)
    assert "本站不生成这个订阅（Atom）或主题文件" in missing, missing
    # written as told, the link opens the listing, with no warning left
    path.write_text(path.read_text(encoding="utf-8").replace("/page/2/#top", "/#top"), encoding="utf-8")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    assert [line for line in build.stderr.splitlines() if line.startswith(f"提醒 {path}") and "page" in line] == []
    href = build.page("2023/01/lian-jie/").find("a", string="第二页")["href"]
    assert _target(build, "http://h", "http://h/2023/01/lian-jie/", href) == build.output / "township/wang-dian-zhen/index.html"
    assert href.endswith("#top")


def test_a_warnings_address_to_write_keeps_the_links_fragment(content_copy, tmp_path):
    """A wrong month's #p2 stays on the {filename} link it is told to write: written as told, the link
    opens the same place, not the top of the page."""
    path = write_item(content_copy, "2023/01/lian-jie.md", title="链接测试", date="2023-01-20", category="秀洲区",
                      townships="王店镇", slug="lian-jie",
                      body="记者从王店镇获悉，新年服务开始了。\n\n"
                           "见[它的第二段](/2023/02/wang-dian-fu-wu-bai-xing-ling-ju-li/#p2)。")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    warnings = " ".join(line for line in build.stderr.splitlines() if line.startswith(f"提醒 {path}"))
    assert "请写成 {filename}/2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li.md#p2。" in warnings, warnings


# --- a picture or a file beside the item, linked as Typora or VS Code show it ----------------

PICTURE = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


def _opened_file(build, site_url: str, page_url: str, src: str) -> bytes | None:
    """The bytes of the file of ``build`` that ``src``, read on ``page_url``, opens (None if none)."""
    target = urlsplit(urljoin(page_url, src))
    path = unquote(target.path)[len(urlsplit(site_url).path.rstrip("/")) + 1:]
    file = build.output / path
    return file.read_bytes() if file.is_file() else None


def test_a_picture_and_an_item_linked_beside_the_item_open_on_its_page(content_copy, tmp_path):
    # ![现场](现场.jpg) was left as written: relative to the page /2023/01/tu-pian/ nothing was there,
    # the picture was reported as a file to move out of content/, and the page showed a broken image
    (content_copy / "2023/01/现场.jpg").write_bytes(PICTURE)
    (content_copy / "2023/01/images").mkdir()
    (content_copy / "2023/01/images/王店.png").write_bytes(PICTURE[::-1])
    write_item(content_copy, "2023/01/tu-pian.md", title="图片测试", date="2023-01-20", category="秀洲区",
               slug="tu-pian", body="![现场](现场.jpg)\n\n![王店](images/王店.png)\n\n"
               "详见[王店](wang-dian-fu-wu-bai-xing-ling-ju-li.md)。")
    for settings, env, site in (("pelicanconf.py", None, "http://localhost/some/folder"),
                                ("publishconf.py", {"ARCHIVE_SITEURL": HOST}, HOST)):
        build = build_site(content_copy, tmp_path / settings, settings=settings, env=env)
        assert build.returncode == 0, build.log
        assert "现场.jpg" not in build.log and "王店.png" not in build.log, build.log
        page_url = f"{site}/2023/01/tu-pian/"
        page = build.page("2023/01/tu-pian/")
        assert _opened_file(build, site, page_url, page.find("img", alt="现场")["src"]) == PICTURE
        assert _opened_file(build, site, page_url, page.find("img", alt="王店")["src"]) == PICTURE[::-1]
        assert _opens(build, site, page_url, page.find("a", string="王店")["href"]) == "王店：服务百姓“零距离”"

    # invoke check, which runs no static generator, agrees: the pictures are published, not “没有发布”
    checked = subprocess.run([sys.executable, "-m", "invoke", "check", "--content", str(content_copy)],
                             cwd=ROOT, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "0 条提醒" in checked.stdout, checked.stdout + checked.stderr


def test_a_picture_pasted_by_vs_code_with_its_chinese_name_percent_encoded_opens_on_its_page(content_copy, tmp_path):
    # VS Code pastes 现场.jpg as ![现场](%E7%8E%B0%E5%9C%BA.jpg): Pelican looked for a file of that
    # spelling to copy, copied nothing, and the page showed a broken picture; the build said nothing,
    # and invoke check called 现场.jpg a file not published
    (content_copy / "2023/01/现场.jpg").write_bytes(PICTURE)
    (content_copy / "2023/01/现场 全景.png").write_bytes(PICTURE[::-1])
    write_item(content_copy, "2023/01/tu-pian.md", title="图片测试", date="2023-01-20", category="秀洲区",
               slug="tu-pian", body="![现场](%E7%8E%B0%E5%9C%BA.jpg)\n\n![全景](%E7%8E%B0%E5%9C%BA%20%E5%85%A8%E6%99%AF.png)\n\n"
               "![没有](%E6%B2%A1%E6%9C%89.jpg)")
    for settings, env, site in (("pelicanconf.py", None, "http://localhost/some/folder"),
                                ("publishconf.py", {"ARCHIVE_SITEURL": HOST}, HOST)):
        build = build_site(content_copy, tmp_path / settings, settings=settings, env=env)
        assert build.returncode == 0, build.log
        page_url = f"{site}/2023/01/tu-pian/"
        page = build.page("2023/01/tu-pian/")
        assert _opened_file(build, site, page_url, page.find("img", alt="现场")["src"]) == PICTURE
        assert _opened_file(build, site, page_url, page.find("img", alt="全景")["src"]) == PICTURE[::-1]
        # a file that is not there is still told, on the line where it is written as pasted; nothing else is
        told = [line for line in build.log.splitlines() if line.startswith("提醒") or "Unable" in line or "Cannot" in line]
        assert len(told) == 1 and told[0].startswith(
            f"提醒 {content_copy}/2023/01/tu-pian.md:10: 正文里的图片 %E6%B2%A1%E6%9C%89.jpg 打不开："
            f"{content_copy.as_posix()}/2023/01/没有.jpg 不存在"), build.log


def test_a_picture_or_file_that_is_not_there_is_a_warning_with_file_line_and_what_to_write(content_copy, tmp_path):
    # said nothing (现场.jpg, 附件.pdf), or only Pelican's English “Cannot get modification stamp” or
    # “Unable to find”, naming neither the item nor its line
    path = write_item(content_copy, "2023/01/tu-pian.md", title="图片测试", date="2023-01-20", category="秀洲区",
                      slug="tu-pian", body="正文。\n\n![现场](现场.jpg)\n\n![旧图]({static}/images/jiu.jpg)\n\n"
                      "[附件](附件.pdf)\n\n[另一篇]({filename}/2023/01/mei-you.md)\n\n"
                      "![桌面](C:\\Users\\朱敏\\Desktop\\1.jpg)\n\n[王店](../wang-dian-fu-wu-bai-xing-ling-ju-li/)\n\n"
                      "![相机](IMG_0012.jpg)")
    (content_copy / "2023/01/IMG_0012.JPG").write_bytes(PICTURE)
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    content = content_copy.as_posix()
    assert (f"tu-pian.md:8: 正文里的图片 现场.jpg 打不开：{content}/2023/01/现场.jpg 不存在。"
            "请把文件放到那里（放在稿件旁边，就只写文件名，如 ![说明](现场.jpg)），或改正文件名") in build.log, build.log
    assert f"tu-pian.md:10: 正文里的图片 {{static}}/images/jiu.jpg 打不开：{content}/images/jiu.jpg 不存在。" in build.log
    assert f"tu-pian.md:12: 正文里的链接 附件.pdf 打不开：{content}/2023/01/附件.pdf 不存在。" in build.log
    assert (f"tu-pian.md:14: 正文里的链接 {{filename}}/2023/01/mei-you.md 打不开：{content}/2023/01/mei-you.md 不存在（或不是稿件）。"
            "链接本站稿件，请写稿件在") in build.log
    assert ("tu-pian.md:16: 正文里的图片 C:\\Users\\朱敏\\Desktop\\1.jpg 是你电脑上的文件，读者打不开。"
            f"请把文件复制到 {content}/2023/01/ 里") in build.log
    assert (f"tu-pian.md:20: 正文里的图片 IMG_0012.jpg 打不开：{content}/2023/01/IMG_0012.jpg 不存在；"
            "那个文件夹里有 IMG_0012.JPG，是不是它（文件名连大小写都要一致）。") in build.log
    # relative to the page, ../wang-dian-…/ opens that item: nothing to say
    assert "wang-dian-fu-wu-bai-xing-ling-ju-li/ 打不开" not in build.log
    assert "Cannot get modification stamp" not in build.log and "Unable to find" not in build.log, build.log
    assert path.read_text(encoding="utf-8").splitlines()[7] == "![现场](现场.jpg)"

    checked = subprocess.run([sys.executable, "-m", "invoke", "check", "--content", str(content_copy)],
                             cwd=ROOT, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "tu-pian.md:8: 正文里的图片 现场.jpg 打不开" in checked.stderr

    # the picture put there: the next build shows it, and says nothing more of it
    (content_copy / "2023/01/现场.jpg").write_bytes(PICTURE)
    again = build_site(content_copy, tmp_path / "out")
    assert again.returncode == 0, again.log
    assert "图片 现场.jpg 打不开" not in again.log, again.log
    site = "http://localhost/x"
    src = again.page("2023/01/tu-pian/").find("img", alt="现场")["src"]
    assert _opened_file(again, site, f"{site}/2023/01/tu-pian/", src) == PICTURE


def test_a_web_address_typed_with_full_width_colon_or_slashes_is_told_how_to_write_it(content_copy, tmp_path):
    # http：//… from a Chinese input method: a relative link to nothing, said nowhere (or, once
    # files beside an item were linked, “put the file there”)
    write_item(content_copy, "2023/01/wang-zhi.md", title="网址测试", date="2023-01-20", category="秀洲区",
               slug="wang-zhi", body="详见[市政府网站](http：//www.jiaxing.gov.cn/art/1.html)。\n\n"
               "另见[公告](https：／／www.jiaxing.gov.cn/gg)和[这个](https://www.jiaxing.gov.cn/路径：1)。")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    assert ("wang-zhi.md:6: 正文里的链接 http：//www.jiaxing.gov.cn/art/1.html 打不开：网址开头的冒号或斜杠是全角的"
            "（中文输入法打出来的）。请改成半角：http://www.jiaxing.gov.cn/art/1.html。") in build.log, build.log
    assert "wang-zhi.md:8: 正文里的链接 https：／／www.jiaxing.gov.cn/gg 打不开" in build.log
    assert "请改成半角：https://www.jiaxing.gov.cn/gg。" in build.log
    assert "路径：1 打不开" not in build.log


def test_a_link_copied_from_a_local_preview_opens_the_item_on_the_published_site(content_copy, tmp_path):
    # http://127.0.0.1:8000/… copied from invoke serve's browser tab was published as written:
    # on the reader's machine it opens nothing, and the build said nothing
    write_item(content_copy, "2023/01/yu-lan.md", title="预览链接", date="2023-01-20", category="秀洲区",
               slug="yu-lan", body=f"详见[王店](http://127.0.0.1:8000/{WANG_DIAN})。")
    for _ in range(2):  # the second build reads the item from the cache
        build = build_site(content_copy, tmp_path / "out", settings="publishconf.py", env={"ARCHIVE_SITEURL": HOST})
        assert build.returncode == 0, build.log
        assert (f"yu-lan.md:6: 正文里的链接 http://127.0.0.1:8000/{WANG_DIAN} 是本机预览（invoke serve、livereload）的地址，"
                f"读者打不开，已按 /{WANG_DIAN} 处理。请在稿件里写成 /{WANG_DIAN}，去掉前面的 http://127.0.0.1:8000。") in build.log, build.log
        href = build.page("2023/01/yu-lan/").find("a", string="王店")["href"]
        assert _opens(build, HOST, f"{HOST}/2023/01/yu-lan/", href) == build.page(WANG_DIAN).h1.get_text(strip=True)


def test_an_item_read_from_the_cache_is_read_again_when_local_links_learns_a_new_link(content_copy, tmp_path):
    # The reader keeps, with an unchanged item's read, whether its body has a link local_links rewrites
    # or tells of (and the notices it gave): a newer local_links.py (the full-width http：// warning, the
    # preview's address) said nothing of an item read before it until the item itself was edited.
    project = tmp_path / "project"
    shutil.copytree(ROOT / "plugins", project / "plugins", ignore=shutil.ignore_patterns("__pycache__"))
    (project / "newsarchive").symlink_to(ROOT / "newsarchive")  # read_cache digests the reader's sources there
    write_item(content_copy, "2023/01/yu-lan.md", title="预览链接", date="2023-01-20", category="秀洲区",
               slug="yu-lan", body=f"详见[王店](http://preview.example/{WANG_DIAN})。")
    plugins = {"PLUGIN_PATHS": [str(project / "plugins")]}
    first = build_site(content_copy, tmp_path / "out", **plugins)
    assert first.returncode == 0, first.log
    assert "本机预览" not in first.log
    # the new local_links: this address is a preview's too
    local_links = project / "plugins/content_guard/local_links.py"
    code = local_links.read_text(encoding="utf-8")
    assert "(?:localhost|" in code
    local_links.write_text(code.replace("(?:localhost|", r"(?:localhost|preview\.example|", 1), encoding="utf-8")
    again = build_site(content_copy, tmp_path / "out", **plugins)
    assert again.returncode == 0, again.log
    assert f"yu-lan.md:6: 正文里的链接 http://preview.example/{WANG_DIAN} 是本机预览" in again.log, again.log
    href = again.page("2023/01/yu-lan/").find("a", string="王店")["href"]
    assert _opens(again, "http://h", "http://h/2023/01/yu-lan/", href) == again.page(WANG_DIAN).h1.get_text(strip=True)


def test_a_picture_linked_from_the_sites_root_opens_under_a_sub_path_and_in_a_relative_build(content_copy, tmp_path):
    # ![现场](/2023/01/现场.jpg), as the picture's address reads in the preview (or copied from it, with
    # http://127.0.0.1:8000 before it): Pelican copied no such file, the picture was broken on every
    # site, at the root too, and the build called it no page of the archive, to write as {filename}/…
    (content_copy / "2023/01/现场.jpg").write_bytes(PICTURE)
    (content_copy / "2023/01/全景.png").write_bytes(PICTURE[::-1])
    write_item(content_copy, "2023/01/tu-pian.md", title="图片测试", date="2023-01-20", category="秀洲区",
               slug="tu-pian", body="![现场](/2023/01/现场.jpg)\n\n![全景](http://127.0.0.1:8000/2023/01/全景.png)")
    for settings, env, site in (("pelicanconf.py", None, "http://localhost/some/folder"),
                                ("publishconf.py", {"ARCHIVE_SITEURL": HOST}, HOST)):
        build = build_site(content_copy, tmp_path / settings, settings=settings, env=env)
        assert build.returncode == 0, build.log
        page_url = f"{site}/2023/01/tu-pian/"
        page = build.page("2023/01/tu-pian/")
        assert _opened_file(build, site, page_url, page.find("img", alt="现场")["src"]) == PICTURE
        assert _opened_file(build, site, page_url, page.find("img", alt="全景")["src"]) == PICTURE[::-1]
        assert "现场.jpg" not in build.log, build.log
        # the preview's address is still told, and what it says to write works (现场.jpg above)
        assert [line for line in build.log.splitlines() if "全景.png" in line] == [
            f"提醒 {content_copy}/2023/01/tu-pian.md:8: 正文里的链接 http://127.0.0.1:8000/2023/01/全景.png"
            " 是本机预览（invoke serve、livereload）的地址，读者打不开，已按 /2023/01/全景.png 处理。"
            "请在稿件里写成 /2023/01/全景.png，去掉前面的 http://127.0.0.1:8000。"], build.log


def test_a_web_address_written_without_https_is_told_how_to_write_it(content_copy, tmp_path):
    # [市政府网站](www.jiaxing.gov.cn/art/1.html): a path beside the page to a browser, a dead link on the
    # site, and the build said nothing (www.jiaxing.gov.cn alone was “put the file there”)
    path = write_item(content_copy, "2023/01/wang-zhi.md", title="网址测试", date="2023-01-20", category="秀洲区",
                      slug="wang-zhi", body="详见[市政府网站](www.jiaxing.gov.cn/art/2023/1/20/art_1229_1.html)。\n\n"
                      "另见[门户](www.jiaxing.gov.cn)和[浙江在线](zjnews.zjol.com.cn/)。\n\n![现场](现场.jpg)")
    (content_copy / "2023/01/现场.jpg").write_bytes(PICTURE)
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    told = [line for line in build.log.splitlines() if line.startswith(f"提醒 {path}")]
    assert told == [
        f"提醒 {path}:6: 正文里的链接 www.jiaxing.gov.cn/art/2023/1/20/art_1229_1.html 打不开：它是别的网站的网址，"
        "少了开头的 https://，浏览器会在本站找它。请写完整网址：https://www.jiaxing.gov.cn/art/2023/1/20/art_1229_1.html"
        "（照浏览器地址栏里的抄，那个网站只有 http:// 的，就写 http://）。",
        f"提醒 {path}:8: 正文里的链接 www.jiaxing.gov.cn 打不开：它是别的网站的网址，少了开头的 https://，浏览器会在本站找它。"
        "请写完整网址：https://www.jiaxing.gov.cn（照浏览器地址栏里的抄，那个网站只有 http:// 的，就写 http://）。",
        f"提醒 {path}:8: 正文里的链接 zjnews.zjol.com.cn/ 打不开：它是别的网站的网址，少了开头的 https://，浏览器会在本站找它。"
        "请写完整网址：https://zjnews.zjol.com.cn/（照浏览器地址栏里的抄，那个网站只有 http:// 的，就写 http://）。",
    ], build.log
    # a picture beside the item is still a picture
    site = "http://localhost/x"
    src = build.page("2023/01/wang-zhi/").find("img", alt="现场")["src"]
    assert _opened_file(build, site, f"{site}/2023/01/wang-zhi/", src) == PICTURE


def test_a_root_link_to_the_topic_of_a_hidden_item_alone_is_a_warning(content_copy, tmp_path):
    """A hidden item has its page but is in no listing: the page of a topic only it carries is not
    written, and a link to it must stay a warning, not become a link to a page the site lacks."""
    write_item(content_copy, "2023/01/yin-cang.md", title="隐藏的稿件", date="2023-01-19", category="秀洲区",
               townships="王店镇", tags="汤圆", slug="yin-cang", status="hidden", body="记者从王店镇获悉，新年服务开始了。")
    path = write_item(content_copy, "2023/01/lian-jie.md", title="链接测试", date="2023-01-20", category="秀洲区",
                      townships="王店镇", slug="lian-jie", body="记者从王店镇获悉。\n\n见[汤圆的新闻](/topic/tang-yuan/)。")
    build = build_site(content_copy, tmp_path / "out")
    assert build.returncode == 0, build.log
    assert not (build.output / "topic/tang-yuan/index.html").exists()
    assert any(line.startswith(f"提醒 {path}") and "/topic/tang-yuan/" in line for line in build.stderr.splitlines()), build.stderr
    assert build.page("2023/01/lian-jie/").find("a", string="汤圆的新闻")["href"] == "/topic/tang-yuan/"
