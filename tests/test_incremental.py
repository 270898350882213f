"""Rebuilds reuse what did not change, and are byte-identical to building from scratch.

(The search export's long lists are the one exception: a rebuild patches
them in their shard entries, and they are compared as the browser reads them.)

The page cache links unchanged pages from the last build instead of
rendering them. These tests edit, add and delete items, change places and
titles, and compare every file of the incremental build with a cold build
of the same content; a no-op rebuild must render nothing at all.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site
from export_view import readers_view, tree
from pelican.settings import read_settings

from newsarchive import build_cache, corpus
from newsarchive.search import reader
from newsarchive.theme_filters import SITEURL_MARK

ITEMS = 160


def inodes(folder):
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*.html")}


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus") / "content"
    corpus.generate(ITEMS, folder, seed=7)
    return folder


@pytest.fixture
def site(tmp_path, corpus_dir):
    """A content copy and its output, already built once."""
    content = tmp_path / "content"
    shutil.copytree(corpus_dir, content)
    output = tmp_path / "output"
    first = build_site(content, output)
    assert first.returncode == 0, first.log
    return content, output


def published(folder):
    """Every file a reader can fetch. Left out: build state in .build/ (the
    page cache's manifest, and the Whoosh index for `invoke search`, which
    updated in place has other segment files than one built at once); the
    search data the browser reads is compared like any page."""
    return {k: v for k, v in tree(folder).items() if not k.startswith(".build/")}


def assert_same_as_cold(content, output, tmp_path):
    """Every page and feed byte for byte; the search export as the browser reads it.

    A rebuild patches long posting lists in their shard entries instead of
    writing their files again (newsarchive/search/update.py), so those
    files differ from a cold build's while every list reads the same.
    """
    cold = assert_pages_same_as_cold(content, output, tmp_path)
    assert readers_view(output) == readers_view(cold.output)
    for site in (output, cold.output):
        assert_the_search_page_carries_the_manifest(site)


def assert_pages_same_as_cold(content, output, tmp_path):
    """Every page, feed and the sitemap byte for byte (all but search/); returns the cold build."""
    cold = build_site(content, tmp_path / "cold" / "output")
    assert cold.returncode == 0, cold.log
    incremental, scratch = published(output), published(cold.output)
    pages = [name for name in incremental.keys() | scratch.keys() if not name.startswith("search/")]
    differing = [name for name in pages if incremental.get(name) != scratch.get(name)]
    assert differing == []
    return cold


def assert_the_search_page_carries_the_manifest(site):
    """The manifest the page carries is the export's own (an update writes new shards)."""
    soup = BeautifulSoup((site / "search" / "index.html").read_text(encoding="utf-8"), "lxml")
    carried = json.loads(soup.select_one("script#search-manifest").string)
    assert carried == reader.manifest(site)
    assert all((site / "search" / "w" / f"{name}.json.gz").is_file() for name in reader.shard_names(carried))


def articles(content):
    return sorted(p for p in content.rglob("*.md") if "Type: photo" not in p.read_text(encoding="utf-8"))


def test_noop_rebuild_renders_nothing_and_changes_no_byte(site):
    content, output = site
    before_tree, before_inodes = tree(output), inodes(output)
    again = build_site(content, output)
    assert again.returncode == 0, again.log
    assert tree(output) == before_tree
    # every page is the very file of the last build, linked, not re-rendered
    assert inodes(output) == before_inodes


def test_listing_cards_and_rendered_markdown_are_kept_for_the_next_build(site):
    """The build caches beside the output (plugins/page_cache/cards.py, content_guard/read_cache.py).

    They are written with their long strings as UTF-8 bytes, to keep CPython
    from caching a UTF-8 copy inside every pickled string: what matters to a
    reader is that a no-op build takes them back whole (and so leaves their
    files as they are) and that the cards are the ones the listings show.
    """
    content, output = site
    caches = build_cache.beside(output)
    cards_file, markdown_file = caches / "listing-cards.pickle", caches / "archive-markdown.pickle"
    with open(cards_file, "rb") as f:
        stamp = pickle.Unpickler(f).load()["stamp"]
    cards = build_cache.load_entries(cards_file, stamp)
    shown = {a["href"] for a in BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "html.parser")
             .select(".cards .card-title a")}
    assert len(cards) == len(list(content.rglob("*.md")))
    # one card an item, its links waiting for each page's SITEURL (the home page's is ".")
    kept = [html.decode("utf-8") for html in cards.values()]
    assert all(isinstance(html, str) and 'class="card' in html for html in kept)
    assert shown and all(any(f'href="{href}"' in html.replace(SITEURL_MARK, ".") for html in kept) for href in shown)
    before = {path: path.stat().st_mtime_ns for path in (cards_file, markdown_file)}

    again = build_site(content, output)
    assert again.returncode == 0, again.log
    assert {path: path.stat().st_mtime_ns for path in before} == before  # nothing new to keep: both given back whole

    target = articles(content)[3]
    target.write_text(target.read_text(encoding="utf-8").replace("。", "！", 1), encoding="utf-8")
    assert build_site(content, output).returncode == 0
    assert all(path.stat().st_mtime_ns != then for path, then in before.items())
    assert len(build_cache.load_entries(cards_file, stamp)) == len(cards)


def test_editing_one_article_rerenders_few_pages_and_matches_a_cold_build(site, tmp_path):
    content, output = site
    before = inodes(output)
    target = articles(content)[5]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.rstrip("\n") + "\n\n新增的一段正文，用来检验增量构建。\n", encoding="utf-8")
    assert build_site(content, output).returncode == 0
    after = inodes(output)
    rerendered = [name for name in after if before.get(name) != after[name]]
    assert 0 < len(rerendered) < len(after) / 4, len(rerendered)
    assert_same_as_cold(content, output, tmp_path)


def test_adding_an_article_matches_a_cold_build(site, tmp_path):
    content, output = site
    new = content / "2016" / "06" / "zeng-jia-de-gao-jian.md"
    new.parent.mkdir(parents=True, exist_ok=True)
    new.write_text(
        "Title: 增加的稿件\nDate: 2016-06-15 09:00\nAuthors: 吴涛\nCategory: 桐乡市\n"
        "Townships: 乌镇镇\nTags: 文化旅游\nSlug: zeng-jia-de-gao-jian\n\n乌镇镇举办活动。\n",
        encoding="utf-8",
    )
    assert build_site(content, output).returncode == 0
    assert (output / "2016/06/zeng-jia-de-gao-jian/index.html").is_file()
    assert_same_as_cold(content, output, tmp_path)


def test_an_edit_that_keeps_the_file_time_is_still_read(site, tmp_path):
    """Unchanged files are not read again; tools that restore the modification
    time (cp -p, rsync -t) must not hide an edit of the same size."""
    content, output = site
    target = articles(content)[30]
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    title = next(line for line in text.split("\n") if line.startswith("Title:"))
    first = title[len("Title: ")]
    changed = title.replace(first, "甲" if first != "甲" else "乙", 1)
    target.write_text(text.replace(title, changed, 1), encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert target.stat().st_size == before.st_size and target.stat().st_mtime_ns == before.st_mtime_ns
    assert build_site(content, output).returncode == 0
    new_title = changed.partition(":")[2].strip()
    assert any(new_title in p.read_text(encoding="utf-8") for p in output.rglob("index.html"))
    assert_same_as_cold(content, output, tmp_path)


def test_a_file_warning_is_repeated_on_every_build_until_fixed(site):
    content, output = site
    target = articles(content)[40]
    target.write_text(target.read_text(encoding="utf-8").replace("Title:", "Summry: 摘要\nTitle:", 1), encoding="utf-8")
    for _ in range(2):  # the second build reads nothing again, and still says it
        result = build_site(content, output)
        assert result.returncode == 0, result.log
        warned = [line for line in result.stderr.splitlines() if line.startswith("提醒") and target.name in line]
        assert len(warned) == 1 and "Summry" in warned[0] and "Summary" in warned[0], result.stderr


def test_deleting_an_article_removes_its_page_and_matches_a_cold_build(site, tmp_path):
    content, output = site
    victim = articles(content)[10]
    slug = victim.stem
    victim.unlink()
    assert build_site(content, output).returncode == 0
    assert not any(slug == p.parent.name for p in output.rglob("index.html"))
    # the rebuild makes the last build's folders ahead of time; the one it did not fill is gone
    assert [d for d in output.rglob("*") if d.is_dir() and not any(d.iterdir())] == []
    assert_same_as_cold(content, output, tmp_path)


@pytest.mark.parametrize(
    "field,change",
    [
        ("Title", lambda v: v + "（更正）"),
        ("Townships", lambda v: ""),
        ("Tags", lambda v: v + ", 新主题"),
        ("Date", lambda v: "2024-12-30 10:00"),
    ],
)
def test_changing_metadata_matches_a_cold_build(site, tmp_path, field, change):
    content, output = site
    target = articles(content)[20]
    set_field(target, field, change(field_value(target, field)))
    result = build_site(content, output)
    assert result.returncode == 0, result.log
    assert_same_as_cold(content, output, tmp_path)


def test_theme_change_rerenders_every_page(site, tmp_path):
    content, output = site
    theme = tmp_path / "theme"
    shutil.copytree(os.path.join(os.path.dirname(__file__), "..", "theme"), theme)
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("跳到正文", "跳到正文内容"), encoding="utf-8")
    result = build_site(content, output, THEME=str(theme))
    assert result.returncode == 0, result.log
    pages = list(output.rglob("*.html"))
    assert pages and all("跳到正文内容" in p.read_text(encoding="utf-8") for p in pages)


def test_same_output_with_and_without_linear_listings(site, tmp_path):
    content, output = site
    plugins = [p for p in read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"] if p != "linear_listings"]
    plain = build_site(content, tmp_path / "plain" / "output", PLUGINS=plugins)
    assert plain.returncode == 0, plain.log
    assert published(output) == published(plain.output)


def test_a_cold_build_prepares_each_item_while_reading_and_a_rebuild_links_the_previous_export(corpus_dir, tmp_path):
    output = tmp_path / "output"
    cold = build_site(corpus_dir, output, verbose=True)
    assert cold.returncode == 0, cold.log
    assert f"from scratch ({ITEMS} items prepared while reading)" in cold.log
    again = build_site(corpus_dir, output, verbose=True)
    assert again.returncode == 0, again.log
    assert "prepared while reading" not in again.log
    assert "(previous export linked while reading)" in again.log


RUN_TWICE = """
import sys
from pathlib import Path
from pelican import Pelican
from pelican.settings import read_settings


def main(content, output, duplicate):
    settings = read_settings("pelicanconf.py", override={"PATH": str(content), "OUTPUT_PATH": str(output)})
    pelican = Pelican(settings)
    try:
        pelican.run()
        print("first build: done")
    except SystemExit:
        print("first build: stopped")
    duplicate.unlink()  # the editor fixes the content, and the same process builds again, as autoreload does
    pelican.run()
    print("second build: done")


if __name__ == "__main__":  # the search worker is a spawned process, which imports this module
    main(*map(Path, sys.argv[1:4]))
"""


def test_a_build_after_a_failed_one_in_the_same_process_publishes_a_clean_export(corpus_dir, tmp_path):
    """The failed build had handed items to the search worker; none of that may leak into the next build."""
    content = tmp_path / "content"
    shutil.copytree(corpus_dir, content)
    original = articles(content)[-1]  # read after the first hand-over of 100 items
    duplicate = original.with_name("a-copy.md")
    duplicate.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")  # the same story twice: stops the build
    script = tmp_path / "run_twice.py"
    script.write_text(RUN_TWICE, encoding="utf-8")
    output = tmp_path / "output"
    run = subprocess.run([sys.executable, str(script), str(content), str(output), str(duplicate)], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "first build: stopped" in run.stdout and "second build: done" in run.stdout
    cold = build_site(content, tmp_path / "cold" / "output")
    assert cold.returncode == 0, cold.log
    assert tree(output / "search") == tree(cold.output / "search")


RUN_REBUILDS = """
import sys
from pathlib import Path
from pelican import Pelican
from pelican.settings import read_settings


def main(content, output, duplicate, *edited):
    settings = read_settings("pelicanconf.py", override={"PATH": str(content), "OUTPUT_PATH": str(output)})
    pelican = Pelican(settings)
    pelican.run()
    print("cold build: done")
    for path in edited:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.rstrip("\\n") + "\\n\\n编辑补充的一段正文，检验失败之后的增量构建。\\n", encoding="utf-8")
    duplicate.write_text(edited[0].read_text(encoding="utf-8"), encoding="utf-8")  # the same story twice: stops the build
    try:
        pelican.run()
        print("rebuild: done")
    except SystemExit:
        print("rebuild: stopped")
    # the editor fixes the content and rewords the new paragraphs, and the same process builds again, as
    # autoreload does: what the failed build read of those articles is stale now
    duplicate.unlink()
    for path in edited:
        path.write_text(path.read_text(encoding="utf-8").replace("检验失败之后的增量构建", "改写之后以这一稿为准"), encoding="utf-8")
    pelican.run()
    print("rebuild after the fix: done")


if __name__ == "__main__":  # the search worker is a spawned process, which imports this module
    main(*map(Path, sys.argv[1:]))
"""


def test_a_rebuild_after_a_failed_rebuild_in_the_same_process_matches_a_cold_build(corpus_dir, tmp_path):
    """The failed rebuild had handed items to the search worker as it read them (prepare.ReadItems); the next
    rebuild must index what it read itself: the articles as reworded after the failure.

    Pelican reads files in no fixed order, and the failed build handed over only the first 100 it read (the
    rest go with the job, which it never started): of 8 edited articles out of 160, some were among them
    but for a chance of 4 in 10,000. Eight stay under the share of changed items an update takes.
    """
    content = tmp_path / "content"
    shutil.copytree(corpus_dir, content)
    edited = articles(content)[::20][:8]
    duplicate = edited[0].with_name("a-copy.md")
    script = tmp_path / "run_rebuilds.py"
    script.write_text(RUN_REBUILDS, encoding="utf-8")
    output = tmp_path / "output"
    run = subprocess.run([sys.executable, str(script), str(content), str(output), str(duplicate), *map(str, edited)],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "rebuild: stopped" in run.stdout and "rebuild after the fix: done" in run.stdout
    assert_same_as_cold(content, output, tmp_path)  # builds the cold site beside it
    cold = tmp_path / "cold" / "output"
    assert len(searched(output, "改写之后以这一稿为准")) == 8
    assert searched(output, "改写之后以这一稿为准") == searched(cold, "改写之后以这一稿为准")
    assert searched(output, "检验失败之后的增量构建") == searched(cold, "检验失败之后的增量构建") == []


def searched(site, query):
    """The result URLs `invoke search` prints for ``query`` on ``site``'s Whoosh index."""
    found = subprocess.run([sys.executable, "-m", "newsarchive.search", query, "--json", "--site", str(site)],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert found.returncode == 0, found.stderr
    return [hit["url"] for hit in json.loads(found.stdout)]


def set_field(path, field, value):
    """Set header ``field`` of the item at ``path`` (added after the title if missing; None removes it)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next((i for i, line in enumerate(lines) if line.startswith(f"{field}:")), None)
    if value is None:
        if at is not None:
            del lines[at]
    elif at is None:
        lines.insert(1, f"{field}: {value}")
    else:
        lines[at] = f"{field}: {value}"
    path.write_text("\n".join(lines), encoding="utf-8")


def field_value(path, name):
    """Header ``name`` of the item at ``path`` ("" if missing)."""
    return next((line.partition(":")[2].strip() for line in path.read_text(encoding="utf-8").split("\n")
                 if line.startswith(f"{name}:")), "")


def rebuild(content, output):
    """An incremental build (a plugin that cannot be loaded fails it: pelicanconf.py)."""
    result = build_site(content, output)
    assert result.returncode == 0, result.log
    return result


@pytest.mark.parametrize("attr,existing,homophone", [("Authors", "陆明", "路明"), ("Tags", "民俗", "民宿")])
def test_a_new_pinyin_clash_moves_the_links_of_unchanged_pages(site, tmp_path, attr, existing, homophone):
    """路明 beside 陆明 (both lu-ming) gives each a suffixed slug (slugs.disambiguate): the unchanged pages
    of 陆明's articles, and the pages showing them, must link the new author page, not the removed one;
    and back again once the clash is gone."""
    content, output = site
    holders = [p for p in articles(content) if existing in field_value(p, attr).replace("，", ",").split(", ")]
    assert len(holders) > 2  # the corpus has a few of them
    other = next(p for p in articles(content) if p not in holders)
    before = other.read_text(encoding="utf-8")
    set_field(other, attr, f"{field_value(other, attr)}, {homophone}" if attr == "Tags" else homophone)
    rebuild(content, output)
    assert_same_as_cold(content, output, tmp_path / "clash")

    other.write_text(before, encoding="utf-8")  # the clash is gone: the plain slug again
    rebuild(content, output)
    assert_same_as_cold(content, output, tmp_path / "no-clash")


def test_a_link_to_another_article_follows_that_articles_new_url(site, tmp_path):
    """[…]({filename}/…md) in A is B's URL: when B's title (and so its URL) changes, A's page and the
    feeds that show A link the new URL, as a cold build does."""
    content, output = site
    source, target = articles(content)[7], articles(content)[50]
    set_field(target, "Slug", None)  # the URL follows the title
    relative = target.relative_to(content).as_posix()
    source.write_text(source.read_text(encoding="utf-8").rstrip("\n") + f"\n\n另见[相关稿件]({{filename}}/{relative})。\n",
                      encoding="utf-8")
    rebuild(content, output)
    set_field(target, "Title", "改过标题的稿件")
    rebuild(content, output)
    pages = [p for p in output.rglob("index.html") if "另见" in p.read_text(encoding="utf-8")]
    assert len(pages) == 1 and "gai-guo-biao-ti-de-gao-jian" in pages[0].read_text(encoding="utf-8")
    assert_same_as_cold(content, output, tmp_path)


def test_a_link_from_the_site_root_to_an_item_that_comes_later_opens_it_once_it_does(site, tmp_path):
    """A links /YYYY/MM/slug/ before any item has that URL (a warning, the link as written); once B takes
    it, A's unchanged page links B's page from where A's page is, as a cold build does."""
    content, output = site
    source, target = articles(content)[7], articles(content)[50]
    month = target.relative_to(content).parent.as_posix()
    source.write_text(source.read_text(encoding="utf-8").rstrip("\n") + f"\n\n另见[相关稿件](/{month}/hou-lai-de-gao-jian/)。\n",
                      encoding="utf-8")
    assert "/hou-lai-de-gao-jian/ 从网站根目录" in rebuild(content, output).stderr
    set_field(target, "Slug", "hou-lai-de-gao-jian")
    assert "提醒" not in rebuild(content, output).stderr
    pages = [p for p in output.rglob("index.html") if "另见" in p.read_text(encoding="utf-8")]
    assert len(pages) == 1 and f'href="../../../{month}/hou-lai-de-gao-jian/"' in pages[0].read_text(encoding="utf-8")
    assert_same_as_cold(content, output, tmp_path)


def test_a_link_from_the_site_root_to_a_listing_that_comes_later_opens_it_once_it_does(site, tmp_path):
    """A links /topic/<slug>/ of a topic no item has yet (a warning, the link as written); once B takes
    that topic, A's unchanged page links the topic's listing from where A's page is, as a cold build does."""
    content, output = site
    source, target = articles(content)[7], articles(content)[50]
    source.write_text(source.read_text(encoding="utf-8").rstrip("\n") + "\n\n另见[汤圆的新闻](/topic/tang-yuan/)。\n",
                      encoding="utf-8")
    assert "/topic/tang-yuan/ 从网站根目录" in rebuild(content, output).stderr
    set_field(target, "Tags", "汤圆")
    assert "提醒" not in rebuild(content, output).stderr
    pages = [p for p in output.rglob("index.html") if "汤圆的新闻" in p.read_text(encoding="utf-8")]
    assert len(pages) == 1 and 'href="../../../topic/tang-yuan/"' in pages[0].read_text(encoding="utf-8")
    assert (output / "topic/tang-yuan/index.html").is_file()
    assert_same_as_cold(content, output, tmp_path)


def test_a_build_for_another_port_renders_only_the_feeds_again(tmp_path):
    """`invoke build`, then `ARCHIVE_PORT=8765 invoke reserve`: FEED_DOMAIN follows the port,
    and every page was rendered again for a change only the feeds show."""
    output, cache = tmp_path / "output", tmp_path / "cache"
    first = build_site(ROOT / "content", output, CACHE_PATH=str(cache))
    assert first.returncode == 0, first.log
    pages = {p: p.stat().st_ino for p in output.rglob("*.html")}
    again = build_site(ROOT / "content", output, env={"ARCHIVE_PORT": "8765"}, CACHE_PATH=str(cache))
    assert again.returncode == 0, again.log
    assert {p: p.stat().st_ino for p in output.rglob("*.html")} == pages  # linked from the last build
    feed = (output / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert "http://127.0.0.1:8765/" in feed and "127.0.0.1:8000" not in feed
