"""Cold-cache search in headless chromium: bytes transferred and time to results.

Each query gets a fresh browser context (empty HTTP cache), loads the search
page with ?q=, and waits for the rendered results. Time is the page's own
performance.now() at the moment the results are marked done, so it runs from
navigation start. The wait is a console line the page's watch writes at
that moment, not Playwright's wait_for_selector: that polls the page with an
injected script on the page's own main thread while it loads, work a
reader's browser never does, and it slowed the engine that searches on the
main thread (ours) more than the one that searches in a web worker
(Pagefind). Bytes are what the network delivered for every request of that
context (body as sent, headers included) until the network is idle, counted
by the host itself.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path
from urllib.parse import quote

from bench.static_server import StaticServer
from newsarchive.search.search_page import MANIFEST_ELEMENT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Fixed, so every run asks the same: 2–4 character words of the corpus, a
# township, a place short name, a mixed Latin/digit token and two queries in
# traditional characters, which a reader in Hong Kong or Taiwan would type.
QUERIES = (
    "开门红",
    "网格",
    "特色小镇",
    "共同富裕",
    "志愿者",
    "营商环境",
    "金融",
    "袁花镇",
    "沈荡",
    "11GW",
    "開門紅",
    "志願者",
)

# Marks the moment a search page says its results are rendered, and (ours
# only) the moment their snippets are filled in, and says so on the console,
# which is what the benchmark waits for. Pagefind's bench page stamps
# __doneAt itself, just before it marks its list done; that stamp is kept.
DONE_LINE = "bench:done"
PAGE_WATCH = """(() => {
window.__doneAt = null;
window.__snippetsAt = null;
let said = false;
new MutationObserver(() => {
  if (!said && document.querySelector('[data-state="done"]')) {
    said = true;
    window.__doneAt ??= performance.now();
    console.debug("%s");
  }
  if (window.__snippetsAt === null && document.querySelector('#search-results[data-snippets="done"]')) {
    window.__snippetsAt = performance.now();
  }
}).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ["data-state", "data-snippets"]});
})();
""" % DONE_LINE

# Pagefind's JS API as its default UI uses it: search, then the results'
# data, for as many results as our page shows at once (10; Pagefind's UI
# shows 5). Written into the built site, never into the theme.
PAGEFIND_SCRIPT = """<script type="module">
const q = new URLSearchParams(location.search).get("q") || "";
const pagefind = await import("/pagefind/pagefind.js");
const search = await pagefind.search(q);
const page = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
const list = document.getElementById("results");
for (const item of page) {
  const li = document.createElement("li");
  li.dataset.url = item.url;
  li.innerHTML = `<a href="${item.url}">${item.meta.title}</a><p>${item.excerpt}</p>`;
  list.append(li);
}
list.dataset.count = search.results.length;
window.__doneAt = performance.now();
list.dataset.state = "done";
</script>"""

# The page the README's time comparison is made on: the site's own search
# page, its layout, stylesheet and fonts, with Pagefind's script in place of
# ours. Laying out a page of Chinese text takes a fresh renderer 40–60 ms
# (fonts), before either engine's script can run; on an empty page Pagefind
# skipped that cost and ours did not.
_OUR_ENGINE = (
    re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?'),  # Pagefind's script is inline
    MANIFEST_ELEMENT,  # our index's manifest
    re.compile(r'<script type="module"[^>]*search\.js"></script>\n?'),
)
_RESULTS = re.compile(r'<ol id="search-results"[^>]*></ol>')

# An empty page with Pagefind's script alone, measured beside it, so that
# the numbers of earlier runs (made on this page) can still be compared.
PAGEFIND_BARE_PAGE = f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Pagefind bench</title></head>
<body><ol id="results" data-state="loading"></ol>
{PAGEFIND_SCRIPT}</body></html>
"""


def pagefind_site_page(our_page: str) -> str:
    """Our search page, its engine taken out and Pagefind's put in; ValueError if its layout is not the expected one."""
    page = our_page
    for pattern in _OUR_ENGINE:
        page, found = pattern.subn("", page)
        if found != 1:
            raise ValueError(f"the search page has no single match for {pattern.pattern}")
    page, found = _RESULTS.subn('<ol id="results" class="cards search-results" data-state="loading"></ol>', page)
    if found != 1 or "</body>" not in page:
        raise ValueError("the search page has no results list or no </body>")
    return page.replace("</body>", f"{PAGEFIND_SCRIPT}\n</body>", 1)


def write_pagefind_pages(site: Path) -> dict[str, str]:
    """{engine key: path} of the Pagefind pages written into ``site``."""
    pages = {"pagefind_bare": ("pagefind-bare", PAGEFIND_BARE_PAGE)}
    ours = site / "search" / "index.html"
    if ours.is_file():
        # the same depth as search/, so the page's relative links hold
        pages["pagefind"] = ("pagefind-bench", pagefind_site_page(ours.read_text(encoding="utf-8")))
    written = {}
    for key, (folder, text) in pages.items():
        (site / folder).mkdir(exist_ok=True)
        (site / folder / "index.html").write_text(text, encoding="utf-8")
        written[key] = f"{folder}/"
    return written


def _one_query(browser, server: StaticServer, url: str, results_selector: str, snippets: bool) -> dict:
    server.take_bytes_sent()
    context = browser.new_context()
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    failed = []
    context.on("requestfailed", lambda request: failed.append(request))
    page = context.new_page()
    page.add_init_script(PAGE_WATCH)
    try:
        with page.expect_console_message(lambda message: message.text == DONE_LINE, timeout=120_000):
            page.goto(url, wait_until="commit")
        ms = page.evaluate("window.__doneAt")
        page.wait_for_load_state("networkidle")
        count = page.locator(results_selector).count()
        row = {
            "ms": round(ms, 1),
            "bytes": server.take_bytes_sent(),
            "requests": len(finished),
            "failed_requests": len(failed),
            "shown": count,
        }
        # ours only: the snippets come after the list
        snippets_ms = page.evaluate("window.__snippetsAt ?? null") if snippets else None
        if snippets_ms is not None:
            row["snippets_ms"] = round(snippets_ms, 1)
        return row
    finally:
        context.close()


# Every query is asked this many times of each engine, each time in a fresh
# context, and its row has the median time: one load swings by ±30 % on
# this machine. The engines take turns to go first, and one unmeasured
# load of each page comes before (a new browser's first page also pays for
# starting the browser's own services).
REPEATS = 3


def run(site: Path, queries=QUERIES, repeats: int = REPEATS) -> dict:
    """Both engines over every query; medians and per-query rows."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    ours_exists = (site / "search" / "index.html").is_file()
    pagefind_exists = (site / "pagefind" / "pagefind.js").is_file()
    pagefind_pages = write_pagefind_pages(site) if pagefind_exists else {}
    engines = {}
    if ours_exists:
        engines["ours"] = ("search/", "#search-results [data-url]", True)
    for key, path in pagefind_pages.items():
        engines[key] = (path, "#results [data-url]", False)
    samples = {q: {key: [] for key in engines} for q in queries}
    with StaticServer(site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def load(key, q):
            path, results, snippets = engines[key]
            return _one_query(browser, server, f"{server.url}{path}?q={quote(q)}", results, snippets)

        try:
            for key in engines:
                load(key, queries[0])
            order = list(engines)
            for turn in range(repeats):
                for q in queries:
                    for key in order[turn % len(order):] + order[:turn % len(order)]:
                        samples[q][key].append(load(key, q))
            version = browser.version
        finally:
            browser.close()
    rows = []
    for q in queries:
        row = {"query": q}
        for key, taken in samples[q].items():
            row[key] = {field: statistics.median(t[field] for t in taken)
                        for field in ("ms", "bytes", "requests", "failed_requests", "shown")}
            row[key]["ms"] = round(row[key]["ms"], 1)
            row[key]["ms_samples"] = [t["ms"] for t in taken]
            snippets = [t["snippets_ms"] for t in taken if t.get("snippets_ms") is not None]
            if snippets:
                row[key]["snippets_ms"] = round(statistics.median(snippets), 1)
        rows.append(row)

    def median(engine: str, key: str):
        values = [row[engine][key] for row in rows if key in row.get(engine, {})]
        return statistics.median(values) if values else None

    return {
        "chromium": version,
        "queries": rows,
        "search_cold_bytes_median": median("ours", "bytes"),
        "search_ms_median": median("ours", "ms"),
        "search_snippets_ms_median": median("ours", "snippets_ms"),
        "pagefind_cold_bytes_median": median("pagefind", "bytes"),
        "pagefind_ms_median": median("pagefind", "ms"),
        "pagefind_bare_cold_bytes_median": median("pagefind_bare", "bytes"),
        "pagefind_bare_ms_median": median("pagefind_bare", "ms"),
        "notes": ([] if ours_exists else ["search page not built: search/index.html is missing from the output"])
        + ([] if pagefind_exists else ["Pagefind bundle missing"]),
    }
