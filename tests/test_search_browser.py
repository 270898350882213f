"""The search page in chromium: the same results as `invoke search`, safely shown, on any static host."""

from __future__ import annotations

import gzip
import io
import json
import re
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from bs4 import BeautifulSoup
from conftest import CONTENT, build_site, write_item

from newsarchive import corpus
from newsarchive.analysis import query_words, terms
from newsarchive.search import cli, reader, store

VECTORS = json.loads((Path(cli.__file__).parent.parent / "analysis" / "vectors.json").read_text(encoding="utf-8"))["vectors"]

SEED_QUERIES = [
    "开门红", "海宁", "海寧", "開門紅", "红石榴宣讲队", "“红石榴”宣讲队", "无魏不至", "11GW", "１１ＧＷ",
    "11gw 高效", "3.0版", "186.8", "镇", "魏", "的", "社区", "志愿", "服务 社区", "企业 发展", "党员 干部",
    "春节", "澉浦", "工商银行", "嘉善县", "特色小镇", "税费 政策", "网格", "招商引资", "项目 开工", "文化",
    "小队", "民俗", "不存在的词语", "郑丽华", "2023", "平湖 监督", "安防", "经济发展",
    "海宁，开门红", "海宁、开门红", "海宁,开门红",
]
CORPUS_QUERIES = [
    ("开门红", {}), ("海宁", {}), ("袁花镇", {}), ("沈荡", {}), ("特色小镇", {}), ("共同富裕", {}),
    ("志愿者", {}), ("营商环境", {}), ("金融", {}), ("网格", {}), ("11GW", {}), ("開門紅", {}),
    ("志願者", {}), ("项目 开工", {}), ("企业 发展 信心", {}), ("镇", {}), ("党", {}), ("春节 民俗", {}),
    ("招商引资", {}), ("乡村振兴", {}), ("嘉善县 文化", {}), ("服务", {}), ("科技创新", {}), ("税费", {}),
    ("社区 老人", {}), ("人才", {}), ("3.0", {}), ("记者1", {}), ("张会", {}), ("图片由", {}),
    ("红石榴", {}), ("无魏不至", {}), ("服务", {"county": "海宁市"}), ("项目", {"year": "2010"}),
    ("文化", {"topic": "文化旅游"}), ("镇", {"township": "袁花镇"}), ("发展", {"county": "平湖市", "year": "2015"}),
]


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory):
    """A generated archive of 1,000 items (newsarchive.corpus), built like any other."""
    root = tmp_path_factory.mktemp("corpus")
    corpus.generate(1000, root / "content", seed=7)
    build = build_site(root / "content", root / "output")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """The seed archive plus an item whose title is a script payload."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(CONTENT, root / "content")
    write_item(
        root / "content", "2023/02/payload.md",
        title='<img src=x onerror="window.__pwned=1">红石榴<script>window.__pwned=2</script>',
        date="2023-02-01", category="嘉善县", townships="干窑镇", slug="payload",
        body="红石榴宣讲队又来了。",
    )
    build = build_site(root / "content", root / "output")
    assert build.returncode == 0, build.log
    return build


UPDATE_WORDS = "老墙门议事会今晚再次开会"


@pytest.fixture(scope="session")
def updated_site(tmp_path_factory):
    """A generated archive of 300 items, built, then edited, pruned and built again: its long lists carry patches."""
    root = tmp_path_factory.mktemp("updated")
    content = root / "content"
    corpus.generate(300, content, seed=11)
    first = build_site(content, root / "output")
    assert first.returncode == 0, first.log
    stories = sorted(p for p in content.rglob("*.md") if "Type: photo" not in p.read_text(encoding="utf-8"))
    for path in stories[10:200:60]:  # text added at the end, and in the middle, of a few stories
        text = path.read_text(encoding="utf-8")
        head, _, body = text.partition("\n\n")
        middle = body.find("。") + 1
        body = body[:middle] + UPDATE_WORDS + "。" + body[middle:] + f"\n\n{UPDATE_WORDS}，社区服务再上台阶。\n"
        path.write_text(f"{head}\n\n{body}", encoding="utf-8")
    stories[150].unlink()
    again = build_site(content, root / "output", verbose=True)
    assert again.returncode == 0, again.log
    assert "updated: 0 added, 4 updated, 1 removed" in again.log
    return again


def cli_hits(site: Path, query: str, filters: dict | None = None) -> list[dict]:
    """What `invoke search --json` prints, in order."""
    args = [query, "--json", "--site", str(site)]
    for facet, value in (filters or {}).items():
        args += [f"--{facet}", value]
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(args) == 0
    return json.loads(out.getvalue())


def cli_urls(site: Path, query: str, filters: dict | None = None) -> list[str]:
    return [hit["url"] for hit in cli_hits(site, query, filters)]


def open_search(page, server, query: str, filters: dict | None = None):
    params = urlencode({"q": query, **(filters or {})}, quote_via=quote)
    page.goto(f"{server.url}search/?{params}")
    page.wait_for_selector("#search-results[data-state=done]", state="attached", timeout=20000)


def shown_urls(page) -> list[str]:
    return page.eval_on_selector_all("#search-results > li", "els => els.map(e => e.dataset.url)")


def load_everything(page, limit_pages: int = 200) -> list[str]:
    for _ in range(limit_pages):
        if page.locator("#search-more").is_hidden():
            break
        count = page.locator("#search-results > li").count()
        page.click("#search-more")
        page.wait_for_function(
            "n => document.querySelectorAll('#search-results > li').length > n"
            " && document.querySelector('#search-results').dataset.state === 'done'", arg=count)
    return shown_urls(page)


# A SearchIndex of the page's own engine module (the one the page uses),
# opened as the page opens it: the start of every script below.
NEW_INDEX = """
  const { SearchIndex } = await import(new URL("theme/js/search/engine.js", document.baseURI.replace(/search\\/.*$/, "")).href);
  const carried = document.getElementById("search-manifest");
  const index = new SearchIndex(new URL(carried.dataset.href, document.baseURI), JSON.parse(carried.textContent));
"""

# The whole ranked list, from the page's own engine module (the one the page
# uses), for queries with more results than it is reasonable to click through.
ALL_RESULTS = """
async ([query, filters]) => {""" + NEW_INDEX + """  const { hits } = await index.search(query, filters);
  const records = await Promise.all(hits.map((h) => index.record(h.id)));
  return records.map((r) => r.u);
}
"""


def test_analyzer_vectors_hold_in_the_browser(page, serve, seed_site):
    server = serve(seed_site.output)
    open_search(page, server, "")
    got = page.evaluate(
        """async (texts) => {
          const a = await import("../theme/js/search/analysis.js");
          const e = await import("../theme/js/search/engine.js");
          const index = new e.SearchIndex(new URL("manifest.json.gz", location.href));
          const fold = await index.fold(texts.join(""));
          return texts.map((t) => ({index: a.terms(t, "index", fold).map(([x, p]) => [x, p]), query: a.queryWords(t, fold)}));
        }""",
        [v["text"] for v in VECTORS],
    )
    for vector, result in zip(VECTORS, got, strict=True):
        if "index" in vector:
            assert result["index"] == vector["index"], vector["why"]
        if "query" in vector:
            assert result["query"] == vector["query"], vector["why"]


def test_browser_and_python_analyze_every_seed_text_alike(page, serve, seed_site):
    from whoosh import index as whoosh_index

    from newsarchive.search.store import INDEX_DIR

    ix = whoosh_index.open_dir(str(seed_site.output / INDEX_DIR))
    with ix.searcher() as s:
        texts = [d["title"] + "\n" + d["text"] for d in s.all_stored_fields()]
    ix.close()
    server = serve(seed_site.output)
    open_search(page, server, "")
    got = page.evaluate(
        """async (texts) => {
          const a = await import("../theme/js/search/analysis.js");
          const e = await import("../theme/js/search/engine.js");
          const index = new e.SearchIndex(new URL("manifest.json.gz", location.href));
          const fold = await index.fold(texts.join(""));
          return texts.map((t) => [a.terms(t, "index", fold), a.queryWords(t, fold)]);
        }""",
        texts,
    )
    for text, (js_terms, js_words) in zip(texts, got, strict=True):
        # Python offsets are code points, as the browser's are
        assert js_terms == [[t.text, t.pos, t.start, t.end] for t in terms(text)]
        assert js_words == [[list(t) for t in w] for w in query_words(text)]


@pytest.mark.parametrize("query", SEED_QUERIES)
def test_seed_archive_browser_results_equal_the_cli(page, serve, seed_site, query):
    server = serve(seed_site.output)
    open_search(page, server, query)
    expected = cli_urls(seed_site.output, query)
    assert load_everything(page) == expected
    total = page.get_attribute("#search-status", "data-total")
    assert int(total or 0) == len(expected)


@pytest.mark.parametrize("query,filters", CORPUS_QUERIES, ids=[f"{q}-{'-'.join(f.values())}" for q, f in CORPUS_QUERIES])
def test_generated_archive_browser_results_equal_the_cli(page, serve, corpus_site, query, filters):
    server = serve(corpus_site.output)
    open_search(page, server, query, filters)
    expected = cli_urls(corpus_site.output, query, filters)
    assert expected, "every query of this list finds something in the generated archive"
    assert int(page.get_attribute("#search-status", "data-total")) == len(expected)
    # what the reader sees: the first pages, as shown
    page_one = shown_urls(page)
    assert page_one == expected[:10]
    if len(expected) > 10:
        page.click("#search-more")
        page.wait_for_function("() => document.querySelectorAll('#search-results > li').length > 10")
        page.wait_for_selector("#search-results[data-state=done]", state="attached")
        assert shown_urls(page) == expected[:20]
    # and the whole ranked list
    assert page.evaluate(ALL_RESULTS, [query, filters]) == expected


ENTRIES = """
async (keys) => {""" + NEW_INDEX + """  return Promise.all(keys.map((k) => index.entry(k)));
}
"""

UPDATED_QUERIES = [UPDATE_WORDS, "老墙门", "社区", "服务", "社区服务", "的", "发展", "开会", "镇 社区", "企业 发展 信心"]


def test_patched_long_lists_read_in_the_browser_as_in_python(page, serve, updated_site):
    """Every term whose long list an update patched: engine.js resolves it to what reader.py does."""
    values = reader.raw_entries(updated_site.output)
    patched = sorted(k for k, v in values.items() if reader.is_patched(v))
    assert len(patched) > 50, "the update left patches in the shard entries"
    server = serve(updated_site.output)
    open_search(page, server, "社区")
    resolved = reader.terms(updated_site.output)
    assert page.evaluate(ENTRIES, patched) == [resolved[k] for k in patched]


@pytest.mark.parametrize("query", UPDATED_QUERIES)
def test_an_updated_archive_browser_results_equal_the_cli(page, serve, updated_site, query):
    server = serve(updated_site.output)
    open_search(page, server, query)
    expected = cli_urls(updated_site.output, query)
    assert expected, "every query of this list finds something in the updated archive"
    assert page.evaluate(ALL_RESULTS, [query, {}]) == expected
    assert shown_urls(page) == expected[:10]


def _needed_files(site: Path, keys: list[str]) -> set[str]:
    """The shard of each key, and the file of its list where it has one of its own."""

    from newsarchive.search.export import fnv1a

    manifest = json.loads(gzip.decompress((site / "search" / "manifest.json.gz").read_bytes()))
    width, n, files = manifest["hash"], manifest["w"]["n"], manifest["w"]["files"]
    needed = set()
    for key in keys:
        i = fnv1a(key) % n
        shard = f"search/w/{i}-{files[i * width:(i + 1) * width]}.json.gz"
        needed.add(shard)
        value = json.loads(gzip.decompress((site / shard).read_bytes())).get(key)
        if reader.is_patched(value):
            value = value[0]
        if isinstance(value, str):
            needed.add(f"search/w/{value[1:]}.json.gz")
    return needed


def test_a_query_fetches_only_the_shards_its_terms_need(browser, serve, corpus_site):
    server = serve(corpus_site.output)
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    page.on("requestfinished", lambda r: fetched.append(r.url[len(server.url):]))
    open_search(page, server, "开门红")
    search_files = [u for u in fetched if u.startswith("search/") and u.endswith(".gz")]
    shards = {u for u in search_files if u.startswith("search/w/")}
    assert shards and shards <= _needed_files(corpus_site.output, ["开门", "门红"])
    shown = page.locator("#search-results > li").count()
    assert len([u for u in search_files if u.startswith("search/t/")]) <= shown
    assert len([u for u in search_files if u.startswith("search/r/")]) <= shown
    export = sum(p.stat().st_size for p in (corpus_site.output / "search").rglob("*.gz"))
    sizes = sum((corpus_site.output / u).stat().st_size for u in search_files)
    assert sizes < export / 20
    context.close()


def test_a_query_never_waits_for_the_manifest_file(browser, serve, corpus_site):
    # The page carries the manifest (search_page.py): a query's first files
    # are asked for at once. Here the manifest file is held back for good,
    # and every kind of query still ends with the CLI's results.
    server = serve(corpus_site.output)
    context = browser.new_context()
    page = context.new_page()
    held, asked = [], []
    page.route("**/manifest.json.gz", lambda route: held.append(route))
    page.on("request", lambda request: asked.append(request.url))
    for query, folded in (("开门红", "开门红"), ("11GW", "11GW"), ("開門紅", "开门红")):
        open_search(page, server, query)
        assert shown_urls(page) == cli_urls(corpus_site.output, folded)[:10] != []
    assert held == [] and not any("manifest.json.gz" in url for url in asked)
    assert any("/search/w/" in url for url in asked) and any("/search/f/" in url for url in asked)
    context.close()


def test_a_traditional_query_asks_for_its_fold_buckets_and_folded_shards_before_the_manifest_is_read(
        browser, serve, corpus_site):
    # 開門紅 is 开门红 once folded: its buckets (named by the page, data-fold)
    # come with the first files, then the shards of 开门 and 门红; never the
    # shards of the unfolded terms, which the index cannot have.
    server = serve(corpus_site.output)
    context = browser.new_context()
    page = context.new_page()
    held, asked = [], []

    def hold(route):
        # held back until the shards of the folded terms have been asked for
        if any("/search/w/" in url for url in asked):
            route.continue_()
        else:
            held.append(route)

    def on_request(request):
        asked.append(request.url)
        if "/search/w/" in request.url:
            while held:
                held.pop().continue_()

    page.route("**/manifest.json.gz", hold)
    page.on("request", on_request)
    open_search(page, server, "開門紅")
    assert shown_urls(page) == cli_urls(corpus_site.output, "开门红")[:10] != []
    searched = [url[len(server.url):] for url in asked if "/search/" in url and url.endswith(".gz")]
    buckets = [url for url in searched if url.startswith("search/f/")]
    shards = {url for url in searched if url.startswith("search/w/")}
    manifest = reader.manifest(corpus_site.output)
    fold = manifest["fold"]
    width = manifest["hash"]
    expected = {f"search/f/{i}-{fold['files'][i * width:(i + 1) * width]}.json.gz" for i in {ord(c) % fold["n"] for c in "開門紅"}}
    assert set(buckets) == expected and len(buckets) == len(expected)
    assert searched.index(max(buckets, key=searched.index)) < min(searched.index(u) for u in shards)
    assert shards <= _needed_files(corpus_site.output, ["开门", "门红"])
    context.close()


ITEM_FILES_ASKED_AT_ONCE = """
async (query) => {""" + NEW_INDEX + """  const { hits } = await index.search(query);
  // every request the engine could make, by either API
  const asked = [];
  const realOpen = XMLHttpRequest.prototype.open;
  const realFetch = window.fetch;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    asked.push(String(url));
    return realOpen.call(this, method, url, ...rest);
  };
  window.fetch = (url, ...rest) => {
    asked.push(String(url));
    return realFetch(url, ...rest);
  };
  let pending;
  try {
    pending = hits.slice(0, 10).map((hit) => index.record(hit.id));
  } finally {
    XMLHttpRequest.prototype.open = realOpen;
    window.fetch = realFetch;
  }
  const records = await Promise.all(pending);
  return { asked, urls: records.map((r) => r.u) };
}
"""


def test_the_item_files_are_asked_for_before_the_page_works_out_where_the_words_are(page, serve, corpus_site):
    # page.js asks for the shown results' item files, then finds where the
    # words are in each result (a few ms of work a result) while the files
    # are on the way: that only holds if record() asks in the caller's task.
    server = serve(corpus_site.output)
    open_search(page, server, "共同富裕")
    found = page.evaluate(ITEM_FILES_ASKED_AT_ONCE, "共同富裕")
    assert found["urls"] == cli_urls(corpus_site.output, "共同富裕")[:10]
    assert len(found["asked"]) == 10
    assert all("/search/r/" in url for url in found["asked"])


RANKED_IN_PIECES = """
async ([query, cuts]) => {""" + NEW_INDEX + """  const { hits } = await index.search(query);
  const pieces = [];
  for (let i = 1; i < cuts.length; i += 1) pieces.push(hits.slice(cuts[i - 1], cuts[i]));
  const again = hits.slice(0, cuts[1]);
  const records = await Promise.all(pieces.flat().map((hit) => index.record(hit.id)));
  return {
    length: hits.length,
    urls: records.map((r) => r.u),
    sameObjects: again.every((hit, i) => hit === pieces[0][i]),
  };
}
"""


@pytest.mark.parametrize("query", ["社区", "开门红", "发展 企业"])
def test_results_read_a_page_at_a_time_come_in_the_cli_order(page, serve, corpus_site, query):
    # The engine puts hits in order only as far as they are read (a page of
    # ten, then the next). Read in pieces that end inside runs of equal
    # scores (ordered by doc id), and then all the rest at once, they must
    # still be the CLI's whole list.
    expected = cli_hits(corpus_site.output, query)
    scores = [hit["score"] for hit in expected]
    splits = [i + 1 for i in range(len(scores) - 1) if scores[i] == scores[i + 1]]
    cuts = [0]
    for cut in splits:
        if cut - cuts[-1] >= 3 and cut <= 100:
            cuts.append(cut)
    cuts.append(len(expected))
    assert len(cuts) >= 5 and len(expected) > 150, "pieces ending inside ties, and a rest to sort"
    server = serve(corpus_site.output)
    open_search(page, server, query)
    found = page.evaluate(RANKED_IN_PIECES, [query, cuts])
    assert found["length"] == len(expected)
    assert found["urls"] == [hit["url"] for hit in expected]
    assert found["sameObjects"]


# Where the words are in each result of a page, worked out for the whole
# page at once (as the page does while the records are on the way), and
# for each result alone (a fresh search, each hit asked in turn).
MARKS_BOTH_WAYS = """
async ([query, pages]) => {""" + NEW_INDEX + """  const together = (await index.search(query)).hits;
  const alone = (await index.search(query)).hits;
  const pageAtOnce = [];
  const oneByOne = [];
  for (let p = 0; p < pages; p += 1) {
    const hits = together.slice(p * 10, p * 10 + 10);
    together.mark(hits);
    pageAtOnce.push(...hits.map((hit) => hit.marks));
    oneByOne.push(...alone.slice(p * 10, p * 10 + 10).map((hit) => hit.marks));
  }
  return { pageAtOnce, oneByOne };
}
"""


@pytest.mark.parametrize("query", ["社区", "开门红", "发展 企业"])
def test_a_page_of_results_marks_the_words_as_each_result_alone_would(page, serve, corpus_site, query):
    # The page works out where the words are for its ten results in one walk
    # of the words' lists; the highlights must be those of each result
    # worked out by itself, on the first page and on the pages after it.
    server = serve(corpus_site.output)
    open_search(page, server, query)
    page.wait_for_selector("#search-results[data-snippets=done]", state="attached", timeout=20000)
    # what the reader sees: the page's marks, in titles and snippets, are the words asked
    shown = page.eval_on_selector_all("#search-results mark", "marks => marks.map((m) => m.textContent)")
    assert len(shown) >= 10 and set(shown) == set(query.split()), shown
    found = page.evaluate(MARKS_BOTH_WAYS, [query, 3])
    assert len(found["pageAtOnce"]) == 30
    assert found["pageAtOnce"] == found["oneByOne"]
    marked = [m for m in found["pageAtOnce"] if m["title"] or m["body"]]
    assert len(marked) >= 25, "most results show the words in their title or text"
    words = {w for m in marked for field in ("title", "body") for [word, _] in m[field] for w in [tuple(map(tuple, word))]}
    assert len(words) == len(query.split()), "every word of the query is marked somewhere"


def test_a_page_kept_from_an_earlier_build_still_finds_what_the_index_holds(browser, serve, corpus_site):
    # A search page the browser kept beside a newer export carries an older
    # manifest, whose files are gone: here every shard, fold bucket and item
    # file it names. The page must read the manifest file and find the
    # CLI's results all the same.
    server = serve(corpus_site.output)
    context = browser.new_context()
    page = context.new_page()

    def stale(route):
        soup = BeautifulSoup(route.fetch().text(), "lxml")
        manifest = json.loads(soup.select_one("#search-manifest").string)
        for part in (manifest["w"], manifest["fold"], manifest["records"]):
            part["files"] = "0" * len(part["files"])
        soup.select_one("#search-manifest").string = json.dumps(manifest, ensure_ascii=False)
        route.fulfill(body=str(soup), content_type="text/html; charset=utf-8")

    page.route(re.compile(r".*/search/(\?.*)?$"), stale)
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    for query, folded in (("开门红", "开门红"), ("共同富裕", "共同富裕"), ("開門紅", "开门红")):
        open_search(page, server, query)
        assert shown_urls(page) == cli_urls(corpus_site.output, folded)[:10] != []
        assert page.locator("#search-status").inner_text().startswith("找到")
    assert any(re.search(r"/search/w/\d+-0+\.json\.gz$", url) for url in asked), "the stale shard names were tried"
    assert any(re.search(r"/search/f/\d+-0+\.json\.gz$", url) for url in asked), "the stale bucket names were tried"
    assert sum("manifest.json.gz" in url for url in asked) == 3, "each page read the manifest file once"
    context.close()


def test_results_show_title_date_places_type_and_a_highlighted_snippet(page, serve, seed_site):
    server = serve(seed_site.output)
    open_search(page, server, "红石榴宣讲队")
    page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
    item = page.locator("#search-results > li").first
    assert item.get_attribute("data-url") == "2023/01/yao-xiang-you-li-ca-liang-wen-ming-di-se/"
    text = item.inner_text()
    assert "“窑乡有礼”擦亮文明底色" in text and "2023年1月31日" in text
    assert "嘉善县" in text and "干窑镇" in text and "文章" in text
    assert item.locator("mark").first.inner_text() == "红石榴”宣讲队"
    assert page.locator("#search-status").inner_text().startswith("找到 1 条")
    item.locator("a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("2023/01/yao-xiang-you-li-ca-liang-wen-ming-di-se/")
    assert page.locator("h1").inner_text() == "“窑乡有礼”擦亮文明底色"


@pytest.mark.parametrize("query, title", [
    ("中科应用", "南湖争当特色小镇培育“优秀生”"),       # began “…7 平方公里” (3.07)
    ("联系服务", "王店：服务百姓“零距离”"),             # began “…4 万余次” (1.4)
    ("设的服务", "内外兼修激发古镇活力"),              # began “…2 年以来” (2022)
    ("德英等国", "海宁全力冲刺“开门红”"),              # ended “投资 2…” (2.4 亿元)
    ("新时代文明实践", "“窑乡有礼”擦亮文明底色"),     # ended “杨秋平，19…” (1991)
])
def test_a_snippet_is_the_printed_text_and_never_cuts_a_figure(page, serve, seed_site, query, title):
    server = serve(seed_site.output)
    open_search(page, server, query)
    page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
    card = page.locator("#search-results > li", has=page.locator(".card-title", has_text=title))
    shown = card.locator(".card-excerpt").inner_text()
    assert card.locator(".card-excerpt mark").all_inner_texts() == [query]
    url = card.get_attribute("data-url")
    # the item's paragraphs as its page shows them; the snippet shows a paragraph break as a space
    text = " ".join(p.get_text() for p in seed_site.page(url).select(".item-body p"))
    kept = shown.removeprefix("…").removesuffix("…")
    assert kept in text, shown
    at = text.index(kept)
    figures = [m.span() for m in re.finditer(r"[0-9A-Za-z.%]+", text)]
    assert not any(start < at < end or start < at + len(kept) < end for start, end in figures), shown


def test_a_snippet_comes_with_its_result_unless_its_match_lies_past_the_first_piece(page, serve, long_item_site):
    # A result's own file brings the first piece of its text (most items are
    # one piece), so its snippet is drawn with the list. A match further into
    # a long item needs that piece's file: the list does not wait for it.
    held = []
    page.route("**/search/t/*", lambda route: held.append(route))
    server = serve(long_item_site.output)
    open_search(page, server, "舴艋舟")
    assert shown_urls(page) == cli_urls(long_item_site.output, "舴艋舟") == ["2023/03/short/", "2023/03/long/"]
    short, long = page.locator("#search-results > li").all()
    assert short.locator(".card-excerpt mark").inner_text() == "舴艋舟"
    assert long.locator(".card-excerpt[aria-busy=true]").count() == 1
    assert page.get_attribute("#search-results", "data-snippets") == "loading"
    page.wait_for_timeout(100)
    assert len(held) == 1, "one file: the piece of the long item that holds the match"
    held[0].continue_()
    page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
    assert long.locator(".card-excerpt mark").inner_text() == "舴艋舟"
    assert "傍晚" in long.locator(".card-excerpt").inner_text()


def _search_files(browser, server, query: str, block_packs: bool = False) -> tuple[list[str], str]:
    """The search files a fresh page asked for to show ``query``'s first page, and the list as drawn, snippets in."""
    context = browser.new_context()
    page = context.new_page()
    if block_packs:  # as a host that lost them would answer
        page.route("**/search/k/*", lambda route: route.fulfill(status=404))
    asked = []
    page.on("request", lambda request: asked.append(request.url[len(server.url):]))
    open_search(page, server, query)
    page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
    drawn = page.inner_html("#search-results")
    context.close()
    return [u for u in asked if u.startswith("search/") and not u.startswith("search/?")], drawn


def _pointer(site: Path, value) -> list | None:
    """The pack pointer of a term's long list (its shard value), or None."""
    return reader.long_list(site, value)[1] if isinstance(value, str) or reader.is_patched(value) else None


@pytest.mark.parametrize("query", ["网格", "共同富裕"])
def test_a_page_of_results_comes_in_one_pack_and_draws_as_from_the_items_files(browser, serve, corpus_site, query):
    # A long list names its term's first page, whose record files come in
    # one pack (packs.py): one request instead of ten, the same cards.
    values = reader.raw_entries(corpus_site.output)
    assert all(_pointer(corpus_site.output, values[t]) for word in query_words(query) for t, _ in word)
    server = serve(corpus_site.output)
    asked, drawn = _search_files(browser, server, query)
    assert len([u for u in asked if u.startswith("search/k/")]) == 1
    assert [u for u in asked if u.startswith("search/r/")] == []
    without, drawn_without = _search_files(browser, server, query, block_packs=True)
    # a pack that cannot load costs a request: each item's own file is asked for instead
    assert len([u for u in without if u.startswith("search/r/")]) == 10
    assert drawn == drawn_without
    assert re.findall(r'data-url="([^"]+)"', drawn) == cli_urls(corpus_site.output, query)[:10]


def test_pack_members_an_update_changed_come_from_their_own_files(browser, serve, updated_site):
    # An update writes no pack: a member whose week was renamed since (an
    # item of that week changed) may be stale, and is fetched on its own.
    site = updated_site.output
    manifest = reader.manifest(site)
    chosen = None
    for term, value in sorted(reader.raw_entries(site).items()):
        pointer = None if term.startswith("#") else _pointer(site, value)
        if pointer is None or len(query_words(term)) != 1 or len(query_words(term)[0]) != 1:
            continue
        fresh = reader.pack_members(site, manifest, pointer)
        first_page = cli_urls(site, term)[:10]
        stale = set(pointer[1]) - set(fresh)
        if stale and len(fresh) >= 5:
            chosen = (term, pointer, fresh, stale, first_page)
            break
    assert chosen, "the update left a pack with members of a renamed week"
    term, pointer, fresh, stale, first_page = chosen
    server = serve(site)
    asked, drawn = _search_files(browser, server, term)
    assert [u for u in asked if u.startswith("search/k/")] == [f"search/k/{pointer[0]}.pack"]
    asked_ids = sorted(int(u.split("/")[-1].split("-")[0]) for u in asked if u.startswith("search/r/"))
    state = store.load_state(site)
    shown_ids = sorted(state["docs"][url][1] for url in first_page)
    # every shown item not taken from the pack came in its own file, and no other
    assert asked_ids == sorted(set(shown_ids) - set(fresh))
    assert set(stale) & set(shown_ids) <= set(asked_ids)
    assert re.findall(r'data-url="([^"]+)"', drawn) == first_page
    # and each card reads as the item's file now says
    for url, title in zip(first_page, re.findall(r'<h3 class="card-title"><a [^>]*>(.*?)</a>', drawn), strict=True):
        record_file = reader.record_file(site, manifest, state["docs"][url][1])
        record = json.loads(gzip.decompress(record_file.read_bytes()).decode().rpartition("\n")[2])
        assert re.sub(r"</?mark>", "", title) == record["t"]


def test_snippets_of_one_piece_items_need_no_file_of_their_own(page, serve, corpus_site):
    # The later pieces are held until the busy snippets are counted: one that
    # arrived first would be filled in already, and counted as never busy.
    held = []
    page.route("**/search/t/*", lambda route: held.append(route))
    server = serve(corpus_site.output)
    open_search(page, server, "开门红")
    expected = cli_urls(corpus_site.output, "开门红")[:10]
    assert shown_urls(page) == expected
    busy = page.locator("#search-results .card-excerpt[aria-busy]").count()
    page.wait_for_timeout(100)
    pieces = list(held)
    for route in held:
        route.continue_()
    page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
    # every result drawn with its snippet but those whose match lies past a first piece, one file each
    assert len(pieces) == busy < 10
    assert page.locator("#search-results .card-excerpt mark").count() >= 10


def test_results_stay_when_a_snippet_cannot_load(page, serve, long_item_site):
    page.route("**/search/t/*", lambda route: route.abort())
    server = serve(long_item_site.output)
    open_search(page, server, "舴艋舟")
    page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
    assert shown_urls(page) == cli_urls(long_item_site.output, "舴艋舟")
    # the short item's snippet came with it; the long one's could not load and is left out
    assert page.locator("#search-results .card-excerpt").count() == 1


TABLE_AFTER = "全镇各月用电量（万千瓦时）依次为：" + "，".join(f"{10 + 13 * i}.{i % 10}" for i in range(30)) + "。"
TABLE_BEFORE = "一至十二月产值（亿元）依次为：" + "，".join(f"{10 + 13 * i}.{i % 10}" for i in range(12)) + "，合计产值稳步增长。"


@pytest.fixture(scope="module")
def figures_site(tmp_path_factory):
    """The seed archive plus a figure printed half-width, the same printed full-width, and an item with its digits apart."""
    content = tmp_path_factory.mktemp("figures") / "content"
    shutil.copytree(CONTENT, content)
    common = {"date": "2023-03-01", "category": "海宁市", "townships": "袁花镇", "tags": "文化旅游"}
    write_item(content, "2023/03/half.md", title="袁花镇景区迎来客流高峰", slug="half", **common,
               body="春节期间，景区日均接待游客1,000人次。")
    write_item(content, "2023/03/full.md", title="袁花镇新增就业岗位", slug="full", **common,
               body="今年全镇新增就业岗位１，０００个。")
    write_item(content, "2023/03/apart.md", title="袁花镇老旧小区改造完工", slug="apart", **common,
               body="1号楼改造完工，编号000的档案已归档。")
    # and figures with a thousands comma and a full-width point where a snippet, 30 characters before its word, begins
    write_item(content, "2023/03/comma.md", title="袁花镇人才工作", slug="comma", **common,
               body="引进人才3,000人" + "才" * 26 + "候鸟驿站开张。")
    write_item(content, "2023/03/point.md", title="袁花镇经济运行", slug="point", **common,
               body="增长８．５％" + "长" * 29 + "数字车间投产。")
    # and tables of figures, a comma between each, after a snippet's word and before it
    write_item(content, "2023/03/table.md", title="袁花镇各月用电量", slug="table", **common, body=TABLE_AFTER)
    write_item(content, "2023/03/total.md", title="袁花镇各月产值", slug="total", **common, body=TABLE_BEFORE)
    build = build_site(content, content.parent / "output")
    assert build.returncode == 0, build.log
    return build


@pytest.mark.parametrize("query", ["1,000", "１,０００", "１，０００", "1，000"])
def test_a_figure_typed_in_either_width_finds_the_items_that_print_it(page, serve, figures_site, query):
    # An input method in full-width mode types 1,000 as １，０００: the same
    # figure, which must find the items printing it (in either width), not
    # every item with a 1 and a 000 somewhere
    printed = sorted(cli_urls(figures_site.output, "1,000"))
    assert [u.rsplit("/", 2)[-2] for u in printed] == ["full", "half"]
    assert sorted(cli_urls(figures_site.output, query)) == printed
    server = serve(figures_site.output)
    open_search(page, server, query)
    page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
    assert sorted(shown_urls(page)) == printed
    marked = page.eval_on_selector_all("#search-results mark", "marks => marks.map((m) => m.textContent)")
    assert sorted(marked) == ["1,000", "１，０００"]


@pytest.mark.parametrize(("query", "shown"), [("候鸟驿站", "…人" + "才" * 26 + "候鸟驿站开张。"),
                                              ("数字车间", "…" + "长" * 29 + "数字车间投产。")])
def test_a_snippet_never_begins_inside_a_figure_with_a_comma_or_a_full_width_point(page, serve, figures_site, query,
                                                                                     shown):
    # 3,000 cut after its comma began the snippet “…000人”, and ８．５％ after
    # its point “…５％”: other figures than the text prints
    server = serve(figures_site.output)
    open_search(page, server, query)
    page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
    assert page.locator("#search-results .card-excerpt").all_inner_texts() == [shown]


@pytest.mark.parametrize(("query", "body"), [("各月用电量", TABLE_AFTER), ("合计产值", TABLE_BEFORE)])
def test_a_snippet_in_a_table_of_figures_shows_the_figures_whole(page, serve, figures_site, query, body):
    # 12.5，13.6，14.8…: a comma between figures was taken for a thousands
    # comma, the table for one figure, and the snippet lost every figure
    # back to its word (全镇各月用电量（万千瓦时）依次为…, …合计产值稳步增长。)
    server = serve(figures_site.output)
    open_search(page, server, query)
    page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
    (shown,) = page.locator("#search-results .card-excerpt").all_inner_texts()
    kept = shown.removeprefix("…").removesuffix("…")
    assert kept in body, shown
    assert len(re.findall(r"\d+\.\d", kept)) >= 5, shown
    at = body.index(kept)
    figures = [m.span() for m in re.finditer(r"[0-9.]+", body)]
    assert not any(start < at < end or start < at + len(kept) < end for start, end in figures), shown


# Counts the grapheme segmenters the page makes: the first costs chromium 10–25 ms.
COUNT_SEGMENTERS = """
(() => {
  const Made = Intl.Segmenter;
  window.__segmenters = 0;
  Intl.Segmenter = class extends Made {
    constructor(...args) {
      super(...args);
      window.__segmenters += 1;
    }
  };
})();
"""


def test_a_snippet_cut_beside_full_width_figures_makes_no_segmenter(page, serve, figures_site):
    # Intl.Segmenter keeps a snippet from cutting a flag or an accented
    # letter in half; made for a cut beside ％ (８．５％, full-width digits
    # and points alike, which never join a neighbour), it delayed the list
    # by 10–25 ms on a fresh page
    page.add_init_script(COUNT_SEGMENTERS)
    server = serve(figures_site.output)
    open_search(page, server, "数字车间")
    page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
    assert page.locator("#search-results .card-excerpt").all_inner_texts() == ["…" + "长" * 29 + "数字车间投产。"]
    assert page.evaluate("window.__segmenters") == 0


def test_a_photo_item_shows_its_type_and_credit(page, serve, seed_site):
    server = serve(seed_site.output)
    open_search(page, server, "澉浦")
    item = page.locator("#search-results > li").first
    assert "图片新闻" in item.inner_text() and "图片由澉浦镇提供" in item.inner_text()
    assert item.locator("h3 mark").inner_text() == "澉浦"


@pytest.mark.parametrize(("query", "marked"), [("嘉兴分行", ["嘉兴分行"]), ("图片由", ["图片由"] * 3),
                                               ("澉浦 提供", ["澉浦", "澉浦", "澉浦", "提供"])])
def test_a_photo_item_found_by_its_credit_marks_the_words_there(page, serve, seed_site, query, marked):
    # A photo item has no text to cut a snippet from: its credit is what the
    # card shows under the caption, and the words found there are marked in
    # it, as a title's and a snippet's are (澉浦: in the title, the credit and
    # the township tag 澉浦镇)
    server = serve(seed_site.output)
    open_search(page, server, query)
    page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
    cards = page.locator("#search-results > li")
    assert cards.count() == len(cli_urls(seed_site.output, query)) >= 1
    for i in range(cards.count()):
        assert "图片新闻" in cards.nth(i).inner_text()
    shown = page.eval_on_selector_all("#search-results mark", "marks => marks.map((m) => m.textContent)")
    assert sorted(shown) == sorted(marked)
    credits = page.eval_on_selector_all(
        "#search-results .card-excerpt", "ps => ps.map((p) => [p.textContent, p.querySelectorAll('mark').length])")
    assert all(text.startswith("（图片由") and text.endswith("提供）") and count for text, count in credits), credits


def searched_cards(page, serve, site, query: str, script: str) -> tuple[list[str], list]:
    """``query`` searched on ``site`` as a reader does, the snippets in: the cards' URLs (those `invoke search`
    finds, in its order) and ``script`` run on the cards."""
    server = serve(site.output)
    open_search(page, server, query)
    page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
    urls = shown_urls(page)
    assert urls == cli_urls(site.output, query) != []
    return urls, page.eval_on_selector_all("#search-results > li", script)


# Each card's byline, [text, the words marked in it], or None for a card without one.
BYLINES = """lis => lis.map((li) => {
  const byline = li.querySelector(".card-meta .authors");
  return byline && [byline.textContent, [...byline.querySelectorAll("mark")].map((m) => m.textContent)];
})"""


def printed_byline(site, url: str) -> str | None:
    """The authors as the item's own page prints them, a space between; None for an item without."""
    return " ".join(a.get_text() for a in site.page(url).select(".byline .authors a")) or None


@pytest.mark.parametrize(("query", "marked"), [("张会", ["张会"]), ("钟逸格", ["钟逸格"]), ("徐洁 钟逸格", ["钟逸格", "徐洁"]),
                                               ("郑丽华", ["郑丽华"]), ("开门红", []), ("澉浦", [])])
def test_a_card_shows_the_byline_and_a_reporter_searched_for_is_marked_there(page, serve, seed_site, query, marked):
    # A reporter's name finds the items through the meta field, yet the card
    # showed nothing that matched: it shows the byline as the item's page
    # prints it, with the name marked as a title's words are
    urls, bylines = searched_cards(page, serve, seed_site, query, BYLINES)
    assert [b and b[0] for b in bylines] == [printed_byline(seed_site, url) for url in urls]
    assert all(b is None or b[1] == marked for b in bylines), bylines
    if marked:
        assert all(b for b in bylines), "every item found by its reporter shows the byline"


# Each card's place tags: [text, the words marked in it] for each.
PLACE_TAGS = """lis => lis.map((li) => [...li.querySelectorAll(".card-meta .place")].map(
  (tag) => [tag.textContent, [...tag.querySelectorAll("mark")].map((m) => m.textContent)]))"""


def printed_places(site, url: str) -> list[str]:
    """The county and the townships, as the item's own page lists them."""
    places = []
    for dt in site.page(url).select("dl.chips dt"):
        if dt.get_text() in ("县（市、区）", "乡镇（街道）"):
            places += [a.get_text() for a in dt.find_next_sibling("dd").select("a")]
    return places


@pytest.mark.parametrize(("query", "marked"), [("袁花镇", {"袁花镇": ["袁花镇"]}), ("海宁", {"海宁市": ["海宁"]}),
                                               ("澉浦", {"澉浦镇": ["澉浦"]}), ("马桥 袁花", {"马桥街道": ["马桥"], "袁花镇": ["袁花"]}),
                                               ("开门红", {})])
def test_a_place_searched_for_is_marked_in_the_cards_place_tags(page, serve, seed_site, query, marked):
    # A township's name finds its items through the meta field even where
    # the title and the snippet do not say it: the card's place tag shows
    # why, marked as a title's words are
    urls, cards = searched_cards(page, serve, seed_site, query, PLACE_TAGS)
    assert [[text for text, _ in tags] for tags in cards] == [printed_places(seed_site, url) for url in urls]
    for tags in cards:
        assert all(marks == marked.get(text, []) for text, marks in tags), tags
    found = [text for tags in cards for text, marks in tags if marks]
    assert set(found) == set(marked), "every place searched for is marked on some card"


@pytest.fixture(scope="module")
def photographer_site(tmp_path_factory):
    """The seed archive plus a photo item with both a credit and an author."""
    content = tmp_path_factory.mktemp("photographer") / "content"
    shutil.copytree(CONTENT, content)
    write_item(content, "2023/03/lantern.md", title="元宵灯会人头攒动", date="2023-03-01", type="photo",
               credit="图片由澉浦镇提供", authors="陆明", category="海盐县", townships="澉浦镇", slug="lantern", body="")
    build = build_site(content, content.parent / "output")
    assert build.returncode == 0, build.log
    return build


@pytest.mark.parametrize(("query", "credit_marks", "byline_marks"), [
    ("陆明", [], ["陆明"]), ("澉浦 陆明", ["澉浦"], ["陆明"]), ("镇提供", ["镇提供"], []),
])
def test_a_photo_card_marks_its_credit_and_its_byline_apart(page, serve, photographer_site, query, credit_marks,
                                                           byline_marks):
    # The credit comes first in the meta field and the authors after it: the
    # card finds the byline's words past the credit's, not inside it
    server = serve(photographer_site.output)
    open_search(page, server, query)
    page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
    card = page.locator("#search-results > li[data-url='2023/03/lantern/']")
    assert card.locator(".card-excerpt").inner_text() == "（图片由澉浦镇提供）"
    assert card.locator(".card-excerpt mark").all_inner_texts() == credit_marks
    assert card.locator(".card-meta .authors").inner_text() == printed_byline(photographer_site, "2023/03/lantern/")
    assert card.locator(".card-meta .authors mark").all_inner_texts() == byline_marks


@pytest.fixture(scope="module")
def repeated_word_site(tmp_path_factory):
    """The seed archive plus two items saying 乍浦 (a word the seed lacks) again and again: a photo item four times
    in its title, three in its credit and once in its township, and an article four times in one sentence; and an
    article under a kicker."""
    content = tmp_path_factory.mktemp("repeated") / "content"
    shutil.copytree(CONTENT, content)
    write_item(content, "2023/03/lights.md", title="乍浦人看乍浦灯，乍浦港映乍浦月", date="2023-03-01", type="photo",
               credit="图片由乍浦镇乍浦社区乍浦小学提供", authors="陆明", category="平湖市", townships="乍浦镇",
               slug="lights", body="")
    write_item(content, "2023/03/spring.md", title="海塘边的春天", date="2023-03-02", authors="陆明",
               category="平湖市", townships="乍浦镇", slug="spring",
               body="乍浦的春天来了，乍浦的游客多了，乍浦的渔民忙了，乍浦的夜晚亮了。")
    # and an article under a kicker (引题) naming its column, which neither its title nor its text says
    write_item(content, "2023/03/harbour.md", title="渔港码头的早班", kicker="新春走基层", date="2023-03-03",
               authors="陆明", category="平湖市", townships="独山港镇", slug="harbour", body="天还没亮，码头上已经忙开了。")
    # and an article saying 独山港镇 first and again where its snippet ends, 110 characters in
    write_item(content, "2023/03/catch.md", title="独山港镇的渔汛", date="2023-03-04", category="平湖市",
               townships="独山港镇", slug="catch",
               body="独山港镇" + "渔民们一早就出海了，" * 10 + "收成不错" + "独山港镇的鱼市也热闹起来。")
    # and one whose snippet, 30 characters before 渔火 and 110 on, begins and ends inside a flag (two code points)
    write_item(content, "2023/03/flags.md", title="渔港的夜晚", date="2023-03-05", category="平湖市",
               townships="广陈镇", slug="flags",
               body="码头🇨🇳" + "船" * 29 + "渔火" + "点" * 78 + "🇨🇳🇨🇳" + "岸边的灯一盏盏亮了。")
    # and one whose snippet ends 47 code points into a run of flags: inside the 24th
    write_item(content, "2023/03/lighthouse.md", title="海边的灯塔", date="2023-03-07", category="平湖市",
               townships="广陈镇", slug="lighthouse", body="灯塔" + "光" * 61 + "🇨🇳" * 30 + "。")
    # and one whose text, pasted from a web page, has a zero-width space inside a word
    write_item(content, "2023/03/boats.md", title="长山河上的小船", date="2023-03-06", category="平湖市",
               townships="广陈镇", slug="boats", body="傍晚，一只舴\u200b艋舟从河面划过。")
    build = build_site(content, content.parent / "output")
    assert build.returncode == 0, build.log
    return build


# Each card's URL and the words marked in its title, its excerpt (snippet or credit) and each place tag.
CARD_MARKS = """lis => lis.map((li) => {
  const marked = (node) => [...node.querySelectorAll("mark")].map((m) => m.textContent);
  const excerpt = li.querySelector(".card-excerpt");
  return [li.dataset.url, marked(li.querySelector(".card-title")), excerpt && [excerpt.textContent, marked(excerpt)],
          [...li.querySelectorAll(".card-meta .place")].map((tag) => [tag.textContent, marked(tag)])];
})"""


def test_every_time_a_card_shows_a_word_searched_for_it_is_marked(page, serve, repeated_word_site):
    # The card marked a word's first three places in each field only: a
    # title saying it four times left the last unmarked, a snippet the
    # fourth in one sentence, and a township tag, which comes after the
    # credit and the byline in the meta field, went unmarked behind a
    # credit saying it three times
    urls, cards = searched_cards(page, serve, repeated_word_site, "乍浦", CARD_MARKS)
    assert sorted(urls) == ["2023/03/lights/", "2023/03/spring/"]
    shown = {url: (title, excerpt, places) for url, title, excerpt, places in cards}
    assert shown["2023/03/lights/"] == (["乍浦"] * 4, ["（图片由乍浦镇乍浦社区乍浦小学提供）", ["乍浦"] * 3],
                                        [["平湖市", []], ["乍浦镇", ["乍浦"]]])
    assert shown["2023/03/spring/"] == ([], ["乍浦的春天来了，乍浦的游客多了，乍浦的渔民忙了，乍浦的夜晚亮了。", ["乍浦"] * 4],
                                        [["平湖市", []], ["乍浦镇", ["乍浦"]]])


@pytest.mark.parametrize("query", ["独山港 独山港镇", "独山港镇 独山港", "独山港镇 独山港镇"])
def test_words_that_overlap_are_marked_as_one(page, serve, repeated_word_site, query):
    # A place typed with and without its suffix (独山港 独山港镇), or a word
    # typed twice, marks the same characters twice over: the card showed
    # 独山港|镇 as two marks, or one, by the order the words were typed in,
    # and an empty mark (a sliver of colour) where the snippet's end cut
    # through the second of them
    urls, cards = searched_cards(page, serve, repeated_word_site, query, CARD_MARKS)
    assert sorted(urls) == ["2023/03/catch/", "2023/03/harbour/"]
    shown = {url: (title, excerpt, places) for url, title, excerpt, places in cards}
    title, (excerpt, excerpt_marks), places = shown["2023/03/catch/"]
    assert title == ["独山港镇"]
    assert excerpt.endswith("收成不错独山…")
    assert excerpt_marks == ["独山港镇", "独山"]
    assert places == [["平湖市", []], ["独山港镇", ["独山港镇"]]]
    assert shown["2023/03/harbour/"][2] == [["平湖市", []], ["独山港镇", ["独山港镇"]]]


def test_a_snippet_never_begins_or_ends_inside_a_character_made_of_several_code_points(page, serve,
                                                                                     repeated_word_site):
    # A flag is two code points, an emoji family or a letter with its accent
    # several: a snippet cut through one began with half a flag (…🇳, a boxed
    # letter N) or ended with the other half (🇨…)
    urls, cards = searched_cards(page, serve, repeated_word_site, "渔火", CARD_MARKS)
    assert urls == ["2023/03/flags/"]
    (_, _, (excerpt, marked), _), = cards
    assert marked == ["渔火"]
    assert excerpt == "…" + "船" * 29 + "渔火" + "点" * 78 + "…"


def test_a_snippet_never_ends_inside_a_flag_far_into_a_run_of_flags(page, serve, repeated_word_site):
    # A flag is a pair of regional indicators counted from the run's start;
    # the segmenter, shown the 16 code points before the cut only, paired
    # them from the middle of a long run and cut a flag in half (…🇨…)
    urls, cards = searched_cards(page, serve, repeated_word_site, "灯塔", CARD_MARKS)
    assert urls == ["2023/03/lighthouse/"]
    (_, _, (excerpt, marked), _), = cards
    assert marked == ["灯塔"]
    assert excerpt == "灯塔" + "光" * 61 + "🇨🇳" * 23 + "…"


def test_a_word_with_a_zero_width_character_inside_is_found_by_the_word_as_it_reads(page, serve, repeated_word_site):
    # A text pasted from a web page reads 舴艋舟 with a zero-width space in
    # it: the item was not found by 舴艋舟, in the browser or by `invoke search`
    urls, cards = searched_cards(page, serve, repeated_word_site, "舴艋舟", CARD_MARKS)
    assert urls == ["2023/03/boats/"]
    (_, _, (excerpt, marked), _), = cards
    assert excerpt == "傍晚，一只舴\u200b艋舟从河面划过。" and marked == ["舴\u200b艋舟"]
    # and a query pasted with one inside a word reads as the word
    assert cli_urls(repeated_word_site.output, "舴艋\u200b舟") == urls


def test_a_kicker_is_searched_and_shown_as_the_first_line_of_the_snippet(page, serve, repeated_word_site):
    # The kicker was on the article page only: a reader searching a column's
    # name (走基层) found nothing, in the browser and in `invoke search` alike.
    urls, cards = searched_cards(page, serve, repeated_word_site, "走基层", CARD_MARKS)
    assert urls == ["2023/03/harbour/"]
    (_, title, (excerpt, marked), _), = cards
    assert title == [] and marked == ["走基层"]
    assert excerpt.startswith("新春走基层 天还没亮，码头上已经忙开了。")


def test_nothing_found_says_so(page, serve, seed_site):
    server = serve(seed_site.output)
    open_search(page, server, "不存在的词语")
    assert page.locator("#search-results > li").count() == 0
    assert "没有找到与“不存在的词语”相关的报道" in page.locator("#search-status").inner_text()


@pytest.mark.parametrize("query", ["！！！", "。，、", "👍", "★ ——", "&", "《》", "“”"])
def test_a_query_with_no_word_to_search_says_so(page, serve, seed_site, query):
    # Punctuation, symbols and emoji are no words: the page said it found
    # nothing and to try shorter words (试试更短的词), which no shorter query
    # of these would help; `invoke search` refuses such a query and says why
    err = io.StringIO()
    with redirect_stderr(err):
        assert cli.main([query, "--site", str(seed_site.output)]) == 2
    assert "没有要找的词" in err.getvalue()
    server = serve(seed_site.output)
    open_search(page, server, query)
    assert shown_urls(page) == []
    assert page.locator("#search-status").inner_text() == (
        f"“{query}”里没有要找的词：标点、符号和表情不算。请输入汉字、字母或数字，多个词用空格分开。")
    # with filters too: no filter could make such a query find anything
    open_search(page, server, query, {"county": "海宁市"})
    assert page.locator("#search-status").inner_text().startswith(f"“{query}”里没有要找的词")


def test_a_query_in_the_address_with_a_line_break_searches_its_words_as_the_cli_does(page, serve, seed_site):
    # ?q=海宁%0A袁花 (a link made from two lines of text): the search box
    # drops a line break, so the page searched 海宁袁花 and found nothing,
    # where `invoke search` finds the items with both words
    query = "海宁\n袁花"
    expected = cli_urls(seed_site.output, query)
    assert expected and cli_urls(seed_site.output, "海宁袁花") == []
    server = serve(seed_site.output)
    open_search(page, server, query)
    assert shown_urls(page) == expected
    assert page.locator("#search-status").inner_text() == f"找到 {len(expected)} 条与“海宁 袁花”相关的报道。"
    assert page.input_value("#search input[name=q]") == "海宁 袁花"


@pytest.mark.parametrize("filters", [{"year": "２０２３"}, {"county": "海宁市 "}, {"county": " 海宁市", "year": "２０２３ "},
                                     {"county": "海宁市\u200b", "topic": "\ufeff招商引资"}])
def test_filters_in_the_address_are_read_as_the_cli_reads_them(page, serve, seed_site, filters):
    # A link an editor wrote in full-width mode (year=２０２３), or with a
    # space: `invoke search` reads 2023 and 海宁市, the page said the archive
    # had no such year or county
    expected = cli_urls(seed_site.output, "开门红", filters)
    assert expected
    server = serve(seed_site.output)
    open_search(page, server, "开门红", filters)
    assert shown_urls(page) == expected
    assert page.locator("#search-status").inner_text().startswith(f"找到 {len(expected)} 条")


def test_unknown_filter_values_find_nothing_say_which_and_can_be_cleared(page, serve, seed_site):
    # a county's short name and a year in Chinese numerals: values a shared
    # link or a hand-edited address may carry, which the archive does not have
    unknown = {"county": "海宁", "year": "二〇二三"}
    server = serve(seed_site.output)
    open_search(page, server, "开门红", unknown)
    assert shown_urls(page) == []
    # the CLI, where no menu shows what there is, refuses them instead and says what to write
    err = io.StringIO()
    with redirect_stderr(err):
        assert cli.main(["开门红", "--json", "--site", str(seed_site.output), "--county", "海宁", "--year", "二〇二三"]) == 2
    assert "是不是“海宁市”" in err.getvalue() and "“二〇二三”不是年份" in err.getvalue()
    assert page.locator("#search-status").inner_text() == "档案中没有县（市、区）“海宁”、年份“二〇二三”，去掉这些筛选条件再试。"
    assert page.eval_on_selector("select[name=county]", "s => s.value") == "海宁"
    page.select_option("select[name=county]", "")
    page.wait_for_function("() => !new URLSearchParams(location.search).has('county')")
    page.select_option("select[name=year]", "")
    page.wait_for_function("() => !new URLSearchParams(location.search).has('year')")
    page.wait_for_selector("#search-results[data-state=done] > li")
    assert shown_urls(page) == cli_urls(seed_site.output, "开门红")[:10]


def test_without_javascript_the_page_says_what_to_do(browser, serve, seed_site):
    server = serve(seed_site.output)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "search/?q=海宁")
    assert "搜索需要浏览器启用 JavaScript" in page.locator("main").inner_text()
    context.close()


def test_the_header_box_searches_from_any_page(page, serve, seed_site):
    server = serve(seed_site.output)
    page.goto(server.url + "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/")
    page.fill(".site-search input[name=q]", "红巷轻骑兵")
    page.press(".site-search input[name=q]", "Enter")
    page.wait_for_selector("#search-results[data-state=done] > li")
    assert shown_urls(page) == ["2023/01/nuan-xin-xiao-dui-zuo-ju-min-qin-wu-yuan/"]


def test_a_search_page_opened_empty_takes_what_the_reader_types(page, serve, seed_site):
    # The header's box sent empty (Enter, or 搜索 pressed first): the page says
    # 输入要找的词, and the reader types, into the box.
    server = serve(seed_site.output)
    page.goto(server.url + "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/")
    page.press(".site-search input[name=q]", "Enter")
    page.wait_for_selector("#search-results[data-state=done]", state="attached")
    assert page.inner_text("#search-status").startswith("输入要找的词")
    page.keyboard.type("红巷轻骑兵")
    page.wait_for_selector("#search-results[data-state=done] > li")
    assert shown_urls(page) == ["2023/01/nuan-xin-xiao-dui-zuo-ju-min-qin-wu-yuan/"]
    # opened at a query, the focus is left where it is: the results are what the page is for
    page.goto(server.url + "search/?q=" + quote("红巷轻骑兵"))
    page.wait_for_selector("#search-results[data-state=done] > li")
    assert page.evaluate("document.activeElement === document.body")


def test_typing_searches_and_the_url_can_be_shared(browser, page, serve, corpus_site):
    server = serve(corpus_site.output)
    open_search(page, server, "")
    page.fill("#search-q", "营商环境")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === '营商环境'")
    page.wait_for_selector("#search-results[data-state=done] > li")
    page.select_option("select[name=county]", "海宁市")
    page.wait_for_function("() => new URLSearchParams(location.search).get('county') === '海宁市'")
    page.wait_for_selector("#search-results[data-state=done]", state="attached")
    first = shown_urls(page)
    assert first == cli_urls(corpus_site.output, "营商环境", {"county": "海宁市"})[:10]
    shared = page.url
    other = browser.new_page()  # a fresh tab, as a colleague opening the shared link
    other.goto(shared)
    other.wait_for_selector("#search-results[data-state=done]", state="attached")
    assert shown_urls(other) == first
    assert other.input_value("#search-q") == "营商环境"
    assert other.eval_on_selector("select[name=county]", "s => s.value") == "海宁市"
    other.close()


def test_while_a_search_loads_the_status_says_so_not_the_last_count(page, serve, corpus_site):
    server = serve(corpus_site.output)
    open_search(page, server, "服务")
    assert page.inner_text("#search-status").startswith("找到")
    held = HeldFiles(page, "wfrkt")
    page.fill("#search-q", "沈荡")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === '沈荡'")
    page.wait_for_timeout(300)
    assert held.routes and page.locator("#search-results > li").count() == 0
    assert page.inner_text("#search-status") == "正在搜索“沈荡”…"
    # the index files come; the list waits for the item files, and so does the count
    held.release("wf")
    page.wait_for_timeout(500)
    assert page.locator("#search-results > li").count() == 0
    assert page.inner_text("#search-status") == "正在搜索“沈荡”…"
    held.release()
    page.wait_for_selector("#search-results[data-state=done] > li")
    expected = cli_urls(corpus_site.output, "沈荡")
    assert shown_urls(page) == expected[:10]
    assert page.inner_text("#search-status") == f"找到 {len(expected)} 条与“沈荡”相关的报道。"


def test_an_input_method_searches_the_committed_text_not_its_pinyin(page, serve, corpus_site):
    server = serve(corpus_site.output)
    open_search(page, server, "营商环境")
    before = (page.url, shown_urls(page), page.inner_text("#search-status"))
    page.eval_on_selector("#search-q", "box => box.select()")
    cdp = page.context.new_cdp_session(page)
    # the reader types kai'men with a pinyin input method, candidates still open
    cdp.send("Input.imeSetComposition", {"text": "kai'men", "selectionStart": 7, "selectionEnd": 7})
    assert page.input_value("#search-q") == "kai'men"
    page.wait_for_timeout(600)  # three times the pause that starts a search
    assert (page.url, shown_urls(page), page.inner_text("#search-status")) == before
    # and picks 开门
    cdp.send("Input.insertText", {"text": "开门"})
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === '开门'")
    page.wait_for_selector("#search-results[data-state=done] > li")
    expected = cli_urls(corpus_site.output, "开门")
    assert shown_urls(page) == expected[:10]
    assert page.inner_text("#search-status") == f"找到 {len(expected)} 条与“开门”相关的报道。"


def wait_for_list(page, urls: list[str], address: dict[str, str]):
    """Until the list is ``urls`` and the address's parameters are ``address``."""
    page.wait_for_function(
        """([urls, address]) => document.querySelector('#search-results').dataset.state === 'done'
          && JSON.stringify([...document.querySelectorAll('#search-results > li')].map((e) => e.dataset.url)) === JSON.stringify(urls)
          && JSON.stringify(Object.fromEntries(new URLSearchParams(location.search))) === JSON.stringify(address)""",
        arg=[urls, address])


def test_back_and_forward_go_through_the_searches_the_reader_settled_on(page, serve, corpus_site):
    server = serve(corpus_site.output)
    site = corpus_site.output
    haining = {"county": "海宁市"}
    page.goto(server.url)
    page.goto(f"{server.url}search/")
    page.wait_for_selector("#search-results[data-state=done]", state="attached")
    start = page.evaluate("history.length")

    def search_for(query, enter=True):
        page.eval_on_selector("#search-q", "box => box.select()")
        page.keyboard.type(query, delay=300)  # each character searches as it comes
        if enter:
            page.press("#search-q", "Enter")

    def shows(query, filters=None):
        wait_for_list(page, cli_urls(site, query, filters)[:10], {"q": query, **(filters or {})})
        assert page.input_value("#search-q") == query
        assert page.eval_on_selector("select[name=county]", "s => s.value") == (filters or {}).get("county", "")
        assert page.inner_text("#search-status").startswith("找到")
        # the tab, bookmarks and the Back button's list tell the searches apart
        assert page.title().startswith(f"{query} - 搜索 - ")

    search_for("暖心")  # Enter
    shows("暖心")
    search_for("沈荡")  # typed one character at a time, then Enter
    shows("沈荡")
    assert page.evaluate("history.length") == start + 1, "one entry a search, not one a keystroke"
    page.wait_for_selector(".search-filters:not([hidden])")
    page.select_option("select[name=county]", "海宁市")  # a menu
    shows("沈荡", haining)
    search_for("海宁", enter=False)
    shows("海宁", haining)
    page.wait_for_timeout(2500)  # the reader reads
    search_for("开门红", enter=False)
    shows("开门红", haining)
    assert page.evaluate("history.length") == start + 4
    page.go_back()
    shows("海宁", haining)
    page.go_back()
    shows("沈荡", haining)
    page.go_back()
    shows("沈荡")
    page.go_back()
    shows("暖心")
    page.go_forward()
    shows("沈荡")
    page.go_back()
    page.go_back()
    page.wait_for_url(server.url)


def test_the_skip_link_on_the_search_page_keeps_the_results_shown(page, serve, corpus_site):
    # 跳到正文 links to #main: a history entry of its own, and going there or
    # Back from there fires popstate with the same search in the address.
    # The page searched it again, and a keyboard reader who had pressed
    # 加载更多 was left with the first ten results.
    server = serve(corpus_site.output)
    expected = cli_urls(corpus_site.output, "发展")
    assert len(expected) > 20
    open_search(page, server, "发展")
    load_everything(page, limit_pages=1)
    assert shown_urls(page) == expected[:20]
    status = page.inner_text("#search-status")
    page.evaluate("""() => {
      window.listChanges = 0;
      new MutationObserver(() => window.listChanges++).observe(document.getElementById("search-results"), { childList: true });
    }""")
    popped = "() => { window.popped = new Promise((r) => addEventListener('popstate', () => setTimeout(r, 0), { once: true })); }"

    page.evaluate(popped)
    page.focus(".skip")
    page.keyboard.press("Enter")
    page.evaluate("window.popped")
    assert page.url.endswith("#main")
    page.evaluate(popped)
    page.go_back()
    page.evaluate("window.popped")
    assert "#" not in page.url
    for _ in (1, 2):  # a search started by either would have emptied the list at once
        assert page.evaluate("window.listChanges") == 0
        assert shown_urls(page) == expected[:20]
        assert page.inner_text("#search-status") == status
        assert page.input_value("#search-q") == "发展"
        page.wait_for_timeout(300)


def test_back_from_a_result_returns_to_the_readers_place_among_the_results(page, serve, corpus_site):
    # A browser keeps the page a reader left only for a while (bfcache;
    # Playwright's chromium never does): Back then loads the search page
    # again. It drew the first ten results at the top of the page, and the
    # reader who had pressed 加载更多 and read down to the fifteenth result
    # had to find the place again.
    server = serve(corpus_site.output)
    expected = cli_urls(corpus_site.output, "发展")
    assert len(expected) > 20
    page.set_viewport_size({"width": 1000, "height": 700})
    open_search(page, server, "发展")
    load_everything(page, limit_pages=1)
    page.wait_for_function("() => document.querySelector('#search-results').dataset.snippets === 'done'")
    link = page.locator("#search-results > li:nth-child(15) .card-title a")
    link.scroll_into_view_if_needed()
    before = page.evaluate("scrollY")
    assert before > 1000
    link.click()
    page.wait_for_url(f"{server.url}{expected[14]}")
    page.go_back()
    assert page.evaluate("performance.getEntriesByType('navigation')[0].type") == "back_forward"
    page.wait_for_function("() => document.querySelectorAll('#search-results > li').length === 20", timeout=20000)
    page.wait_for_function("y => Math.abs(scrollY - y) <= 2", arg=before, timeout=5000)
    assert shown_urls(page) == expected[:20]
    assert page.input_value("#search-q") == "发展"
    top, bottom = page.eval_on_selector("#search-results > li:nth-child(15)", "e => [e.getBoundingClientRect().top, e.getBoundingClientRect().bottom]")
    assert 0 <= top and bottom <= 700


def test_back_to_an_earlier_search_of_the_page_shows_as_many_results_as_the_reader_had(page, serve, corpus_site):
    server = serve(corpus_site.output)
    expected = cli_urls(corpus_site.output, "发展")
    assert len(expected) > 30
    open_search(page, server, "发展")
    load_everything(page, limit_pages=2)
    assert shown_urls(page) == expected[:30]
    page.locator("#search-results > li:nth-child(25)").scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # the reader reads, then goes up to the box for another search
    page.fill("#search-q", "暖心")
    page.press("#search-q", "Enter")
    wait_for_list(page, cli_urls(corpus_site.output, "暖心")[:10], {"q": "暖心"})
    page.go_back()
    page.wait_for_function("() => document.querySelectorAll('#search-results > li').length === 30", timeout=20000)
    wait_until_drawn(page)
    assert shown_urls(page) == expected[:30]
    assert page.input_value("#search-q") == "发展"


def test_stepping_through_a_menu_with_the_arrow_keys_is_one_history_entry(page, serve, corpus_site):
    site = corpus_site.output
    server = serve(site)
    open_search(page, server, "服务")
    page.wait_for_selector(".search-filters:not([hidden])")
    start = page.evaluate("history.length")
    counties = page.eval_on_selector_all("select[name=county] option", "os => os.map((o) => o.value).filter(Boolean)")
    # a keyboard reader moves down the closed county menu to the fifth county;
    # chromium changes the value, and fires change, at every arrow key
    page.focus("select[name=county]")
    for county in counties[:5]:
        page.keyboard.press("ArrowDown")
        page.wait_for_function("c => new URLSearchParams(location.search).get('county') === c", arg=county)
    wait_for_list(page, cli_urls(site, "服务", {"county": counties[4]})[:10], {"q": "服务", "county": counties[4]})
    assert page.evaluate("history.length") == start + 1, "one entry for the county chosen, not one a step"
    # the county menu was chosen from: the next menu's choice is a search of its own
    page.focus("select[name=year]")
    page.keyboard.press("ArrowDown")
    year = page.eval_on_selector("select[name=year]", "s => s.value")
    wait_for_list(page, cli_urls(site, "服务", {"county": counties[4], "year": year})[:10],
                  {"q": "服务", "county": counties[4], "year": year})
    assert page.evaluate("history.length") == start + 2
    page.go_back()
    wait_for_list(page, cli_urls(site, "服务", {"county": counties[4]})[:10], {"q": "服务", "county": counties[4]})
    page.go_back()
    wait_for_list(page, cli_urls(site, "服务")[:10], {"q": "服务"})
    assert page.eval_on_selector("select[name=county]", "s => s.value") == ""


def test_the_township_menu_offers_the_chosen_countys_townships(page, serve, corpus_site):
    site = corpus_site.output
    groups = dict(reader.manifest(site)["facets"]["township"])  # the gazetteer's townships the archive has, by county
    assert "王店镇" in groups["秀洲区"] and "王店镇" not in groups["嘉善县"]
    server = serve(site)
    open_search(page, server, "服务")
    page.wait_for_selector(".search-filters:not([hidden])")

    def offered():
        return page.eval_on_selector_all("select[name=township] option", "os => os.map((o) => o.value).filter(Boolean)")

    def shows(filters):
        wait_for_list(page, cli_urls(site, "服务", filters)[:10], {"q": "服务", **filters})
        assert page.eval_on_selector("select[name=county]", "s => s.value") == filters.get("county", "")
        assert page.eval_on_selector("select[name=township]", "s => s.value") == filters.get("township", "")

    assert offered() == [name for names in groups.values() for name in names]
    # a township first: its county need not be chosen
    page.select_option("select[name=township]", "王店镇")
    shows({"township": "王店镇"})
    # then its own county: the township stays, and the menu offers that county's
    page.select_option("select[name=county]", "秀洲区")
    shows({"county": "秀洲区", "township": "王店镇"})
    assert offered() == groups["秀洲区"]
    # another county: its townships only, and the one it does not have is let go
    page.select_option("select[name=county]", "嘉善县")
    shows({"county": "嘉善县"})
    assert offered() == groups["嘉善县"]
    page.select_option("select[name=township]", "西塘镇")
    shows({"county": "嘉善县", "township": "西塘镇"})
    # every county again: every township, the chosen one kept
    page.select_option("select[name=county]", "")
    shows({"township": "西塘镇"})
    assert offered() == [name for names in groups.values() for name in names]
    # and Back brings the county, and the menu it narrows, back
    page.go_back()
    shows({"county": "嘉善县", "township": "西塘镇"})
    assert offered() == groups["嘉善县"]


def test_load_more_appends_the_next_results(page, serve, corpus_site):
    server = serve(corpus_site.output)
    open_search(page, server, "发展")
    expected = cli_urls(corpus_site.output, "发展")
    assert len(expected) > 20
    assert page.locator("#search-more").inner_text() == "加载更多"
    assert shown_urls(page) == expected[:10]
    page.click("#search-more")
    page.wait_for_function("() => document.querySelectorAll('#search-results > li').length === 20")
    assert shown_urls(page) == expected[:20]


def test_load_more_that_cannot_load_says_so_and_works_when_pressed_again(page, serve, corpus_site):
    # On a phone whose connection drops, pressing 加载更多 did nothing at all:
    # no results, no word, the count above unchanged.
    server = serve(corpus_site.output)
    open_search(page, server, "发展")
    expected = cli_urls(corpus_site.output, "发展")
    count = f"找到 {len(expected)} 条与“发展”相关的报道。"
    assert page.locator("#search-status").inner_text() == count
    page.context.set_offline(True)
    try:
        page.click("#search-more")
        page.wait_for_function("() => document.querySelector('#search-status').textContent.includes('没能加载')", timeout=10000)
    finally:
        page.context.set_offline(False)
    assert page.locator("#search-status").inner_text() == count + "后面的结果没能加载，请检查网络后再按“加载更多”。"
    assert shown_urls(page) == expected[:10]
    page.click("#search-more")
    page.wait_for_function("() => document.querySelectorAll('#search-results > li').length === 20")
    assert shown_urls(page) == expected[:20]
    assert page.locator("#search-status").inner_text() == count


def test_load_more_double_clicked_that_cannot_load_says_so(page, serve, corpus_site):
    # A double click (or Enter pressed twice) on 加载更多 with the connection
    # dropped: the first press's failure was said and at once taken back by
    # the second press, which had nothing to draw; the page seemed to do nothing.
    server = serve(corpus_site.output)
    open_search(page, server, "发展")
    expected = cli_urls(corpus_site.output, "发展")
    count = f"找到 {len(expected)} 条与“发展”相关的报道。"
    page.context.set_offline(True)
    try:
        page.dblclick("#search-more")
        page.wait_for_function("() => document.querySelector('#search-results').dataset.state === 'done'"
                               " && !document.querySelector('#search-more').hidden", timeout=10000)
        page.wait_for_timeout(300)
    finally:
        page.context.set_offline(False)
    assert page.locator("#search-status").inner_text() == count + "后面的结果没能加载，请检查网络后再按“加载更多”。"
    assert shown_urls(page) == expected[:10]
    page.click("#search-more")
    page.wait_for_function("() => document.querySelectorAll('#search-results > li').length === 20")
    assert shown_urls(page) == expected[:20]
    assert page.locator("#search-status").inner_text() == count


def test_load_more_from_the_keyboard_takes_the_reader_to_the_results_it_brought(page, serve, corpus_site):
    # The new results come in above the button: a keyboard or screen-reader
    # reader left on it hears nothing of them, and when the last page hides
    # the button the focus falls back to the start of the page.
    server = serve(corpus_site.output)
    open_search(page, server, "营商环境")
    expected = cli_urls(corpus_site.output, "营商环境")
    assert len(expected) > 100 and len(expected) % 10
    focused = "() => { const e = document.activeElement; return [e.tagName, e.dataset.url ?? null, e.closest('#search-results') !== null]; }"
    page.focus("#search-more")
    shown = 10
    while shown < len(expected):
        page.keyboard.press("Enter")
        page.wait_for_function("n => document.querySelectorAll('#search-results > li').length > n", arg=shown)
        wait_until_drawn(page)
        # on the first result the press brought, where Tab goes on to its link
        assert page.evaluate(focused) == ["LI", expected[shown], True], shown
        assert page.evaluate("document.activeElement.matches(':focus-visible')")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.href") == page.eval_on_selector(f"#search-results > li:nth-child({shown + 1}) a", "a => a.href")
        shown = min(shown + 10, len(expected))
        if shown < len(expected):
            page.focus("#search-more")
    assert page.locator("#search-more").is_hidden()
    assert shown_urls(page) == expected


class HeldFiles:
    """Search files of some kinds (folders of search/: r, k item files, w shards…) held back, as on a slow network."""

    def __init__(self, page, kinds="rk"):
        self.kinds, self.routes = set(kinds), []
        page.route(re.compile(r".*/search/[a-z]/"), self.arrive)

    @staticmethod
    def kind(route):
        return re.search(r"/search/([a-z])/", route.request.url).group(1)

    def arrive(self, route):
        if self.kind(route) in self.kinds:
            self.routes.append(route)
        else:
            route.continue_()

    def release(self, kinds=None):
        """Let those kinds through from now on, and the held ones, last asked first."""
        kinds = set(kinds or self.kinds)
        self.kinds -= kinds
        for route in reversed([r for r in self.routes if self.kind(r) in kinds]):
            self.routes.remove(route)
            route.continue_()


def wait_until_drawn(page):
    page.wait_for_function("() => document.querySelector('#search-results').dataset.state === 'done'")


def test_load_more_pressed_again_while_a_page_loads_shows_every_result_once(page, serve, corpus_site):
    server = serve(corpus_site.output)
    open_search(page, server, "营商环境")
    expected = cli_urls(corpus_site.output, "营商环境")
    assert len(expected) > 100
    held = HeldFiles(page)
    page.dblclick("#search-more")
    page.focus("#search-more")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert held.routes and page.locator("#search-results > li").count() == 10
    held.release()  # the last page's files come first
    page.wait_for_function("() => document.querySelectorAll('#search-results > li').length >= 50")
    wait_until_drawn(page)
    assert shown_urls(page) == expected[:50]
    # and on to the end, two presses at a time
    for _ in range(len(expected)):
        if page.locator("#search-more").is_hidden():
            break
        page.dblclick("#search-more")
        wait_until_drawn(page)
    assert shown_urls(page) == expected
    # a new query while a page of the old one loads: only the new query's results
    open_search(page, server, "营商环境")
    held = HeldFiles(page)
    page.click("#search-more")
    page.wait_for_timeout(200)
    page.fill("#search-q", "共同富裕")
    page.press("#search-q", "Enter")
    held.release()
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === '共同富裕'")
    wait_until_drawn(page)
    page.wait_for_timeout(300)
    assert shown_urls(page) == cli_urls(corpus_site.output, "共同富裕")[:10]


@pytest.mark.parametrize("mount,site", [("", "seed_site"), ("archive", "subpath_site")])
def test_search_works_at_the_root_and_under_a_sub_path(request, page, serve, mount, site):
    build = request.getfixturevalue(site)
    server = serve(build.output, mount)
    failures = []
    page.on("response", lambda r: r.status >= 400 and "favicon" not in r.url and failures.append(f"{r.status} {r.url}"))
    open_search(page, server, "开门红")
    assert shown_urls(page)[0] == "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/"
    page.locator("#search-results > li a").first.click()
    page.wait_for_load_state()
    assert page.url == f"{server.url}2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/"
    assert failures == []


def test_script_payloads_in_titles_and_queries_never_run(browser, serve, hostile_site):
    server = serve(hostile_site.output)
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    payload = '<img src=x onerror="window.__pwned=3">红石榴<script>window.__pwned=4</script>'
    open_search(page, server, payload)
    assert page.evaluate("window.__pwned") is None
    open_search(page, server, "红石榴")
    titles = page.eval_on_selector_all("#search-results h3", "els => els.map(e => e.textContent)")
    assert '<img src=x onerror="window.__pwned=1">红石榴<script>window.__pwned=2</script>' in titles
    assert page.locator("#search-results img, #search-results script").count() == 0
    page.fill("#search-q", '"><svg onload=window.__pwned=5>')
    page.wait_for_function("() => document.querySelector('#search-status').textContent.includes('svg')")
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    context.close()
