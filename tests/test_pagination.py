"""Listings longer than one page: folders per page, newest first, nothing lost."""

from __future__ import annotations

import datetime as dt
import posixpath

import pytest
from conftest import build_site, write_item
from test_site_build import listed_urls, normalise

PER_PAGE = 20


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    content = tmp_path_factory.mktemp("big") / "content"
    start = dt.date(2021, 3, 1)
    expected = {"记者1": [], "记者12": []}
    for n in range(50):
        day = start + dt.timedelta(days=n)
        author = "记者1" if n % 2 == 0 else "记者12"
        slug = f"ce-shi-gao-jian-{n}"
        write_item(
            content,
            f"{day:%Y/%m}/{slug}.md",
            title=f"马桥街道测试稿件第{n}号",
            date=f"{day}",
            authors=author,
            category="海宁市",
            townships="马桥街道",
            tags="基层治理",
            slug=slug,
            body=f"第{n}号稿件的正文。",
        )
        expected[author].append((day, f"{day:%Y/%m}/{slug}/"))
    build = build_site(content, content.parent / "output")
    assert build.returncode == 0, build.log
    return build, expected


def walk_pages(build, first: str):
    """Follow 下一页 from the first page; return the URLs listed on each page."""
    pages, url = [], first
    while True:
        page = build.page(url)
        pages.append([normalise(u) for u in listed_urls(page)])
        nxt = page.select_one(".pager a[rel=next]")
        if nxt is None:
            return pages
        assert nxt.get_text() == "下一页"
        url = _resolve(url, nxt["href"])


def _resolve(current: str, href: str) -> str:
    """A relative link on the page at ``current`` as a site path, the way a browser resolves it."""
    joined = posixpath.normpath(posixpath.join(current, href))
    return "" if joined == "." else joined + "/"


def test_township_pages_in_folders_newest_first(big_site):
    build, expected = big_site
    pages = walk_pages(build, "township/ma-qiao-jie-dao/")
    assert [len(p) for p in pages] == [20, 20, 10]
    assert (build.output / "township/ma-qiao-jie-dao/page/2/index.html").is_file()
    assert (build.output / "township/ma-qiao-jie-dao/page/3/index.html").is_file()
    listed = [u for p in pages for u in p]
    everything = sorted(expected["记者1"] + expected["记者12"], reverse=True)
    assert listed == [u for _d, u in everything]


def test_previous_page_links_back(big_site):
    build, _ = big_site
    page = build.page("township/ma-qiao-jie-dao/page/2/")
    prev = page.select_one(".pager a[rel=prev]")
    assert prev.get_text() == "上一页"
    assert _resolve("township/ma-qiao-jie-dao/page/2/", prev["href"]) == "township/ma-qiao-jie-dao/"
    assert "第 2 页，共 3 页" in page.select_one(".pager").get_text()


def test_author_pages_do_not_overwrite_each_other(big_site):
    """记者1's page 2 and 记者12's page 1 collide with Pelican's name2.html pattern."""
    build, expected = big_site
    for author, slug in (("记者1", "ji-zhe-1"), ("记者12", "ji-zhe-12")):
        pages = walk_pages(build, f"author/{slug}/")
        listed = [u for p in pages for u in p]
        assert listed == [u for _d, u in sorted(expected[author], reverse=True)], author


def test_home_and_archives_paginate(big_site):
    build, _ = big_site
    pages = walk_pages(build, "")
    assert sum(len(p) for p in pages) == 50
    assert (build.output / "page/3/index.html").is_file()
    assert (build.output / "2021/03/index.html").is_file()
