"""Every page runs under a policy that allows scripts only from the site itself.

The host here sends the strict policy as a header as well (as a careful host
would); chromium reports any inline script, inline style or eval it blocks as
a `securitypolicyviolation` event and a console error, and the tests collect
both. Script payloads in the address and in item fields must not run.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from conftest import build_site, write_item

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


class PolicyHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", POLICY)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory):
    from conftest import CONTENT
    import shutil

    content = tmp_path_factory.mktemp("xss") / "content"
    shutil.copytree(CONTENT, content)
    write_item(
        content, "2023/03/xss.md",
        title="<img src=x onerror=window.__pwned=1>马桥<script>window.__pwned=2</script>",
        date="2023-03-01", category="海宁市", townships="马桥街道",
        authors="<svg onload=window.__pwned=3>", tags="<b onmouseover=window.__pwned=4>主题</b>",
        slug="xss", body="马桥街道的正文<script>window.__pwned=5</script>。",
    )
    write_item(
        content, "2023/03/xss-photo.md",
        title="马桥街道新春游园", date="2023-03-02", category="海宁市", townships="马桥街道",
        type="photo", credit="<img src=x onerror=window.__pwned=10>图片由马桥街道提供", slug="xss-photo", body="",
    )
    build = build_site(content, content.parent / "output")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="module")
def policy_server(xss_site):
    handler = functools.partial(PolicyHandler, directory=str(xss_site.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


CLEAN = {"violations": [], "console": [], "pwned": None, "dialogs": []}


@contextmanager
def watched(browser, url):
    """The page at ``url`` in a fresh context; ``seen`` gets what ran or was blocked once the block ends."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(WATCH)
    console_errors, dialogs = [], []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    seen = {}
    try:
        page.goto(url)
        yield page, seen
        page.wait_for_timeout(200)
        seen.update(
            violations=page.evaluate("window.__violations"),
            console=[e for e in console_errors if "Content Security Policy" in e or "Refused" in e],
            pwned=page.evaluate("window.__pwned === undefined ? null : window.__pwned"),
            dialogs=dialogs,
        )
    finally:
        context.close()


def visit(browser, url, wait_for_search=False):
    with watched(browser, url) as (page, seen):
        if wait_for_search:
            page.wait_for_selector("#search-results[data-state=done]", state="attached", timeout=15000)
    return seen


PAGES = [
    "", "county/", "county/hai-ning-shi/", "township/", "township/ma-qiao-jie-dao/",
    "topic/", "author/", "archives/", "2023/", "2023/01/", "404.html",
    "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/",
    "2023/01/hai-yan-xian-gan-pu-zhen-ji-yi-li-de-ji-pu-nian-wei-wen-hua/",
    "2023/03/xss/", "2023/03/xss-photo/",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_run_clean_under_the_policy(browser, policy_server, xss_site, path):
    assert visit(browser, policy_server + path) == CLEAN


@pytest.mark.parametrize(
    "query",
    [
        "马桥",
        "<script>window.__pwned=6</script>",
        "<img src=x onerror=window.__pwned=7>",
        "\"><svg onload=window.__pwned=8>",
    ],
)
def test_search_page_runs_clean_and_payloads_stay_text(browser, policy_server, query):
    url = f"{policy_server}search/?q={quote(query)}&county={quote('<img src=x onerror=window.__pwned=9>')}"
    assert visit(browser, url, wait_for_search=True) == CLEAN


def test_the_manifest_in_the_search_page_keeps_a_payload_topic_as_data(xss_site):
    # The page carries the index's manifest in a <script> element
    # (search_page.py): a topic written as markup must not end it early.
    html = (xss_site.output / "search" / "index.html").read_text(encoding="utf-8")
    start = html.index(">", html.index('id="search-manifest"')) + 1
    carried = html[start:html.index("</script>", start)]
    assert "<" not in carried
    assert "<b onmouseover=window.__pwned=4>主题</b>" in json.loads(carried)["facets"]["topic"]


def test_raw_html_in_a_body_is_shown_as_text(browser, policy_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(policy_server + "2023/03/xss/")
    assert "马桥街道的正文<script>window.__pwned=5</script>。" in page.locator(".item-body").inner_text()
    context.close()


def test_search_results_show_payload_titles_and_snippets_as_text(browser, policy_server):
    with watched(browser, policy_server + "search/?q=" + quote("马桥街道的正文")) as (page, seen):
        page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
        card = page.locator("#search-results > li[data-url='2023/03/xss/']")
        assert card.locator("h3").inner_text() == "<img src=x onerror=window.__pwned=1>马桥<script>window.__pwned=2</script>"
        snippet = card.locator(".card-excerpt")
        assert "马桥街道的正文<script>window.__pwned=5</script>。" in snippet.inner_text()
        assert snippet.locator("mark").first.inner_text() == "马桥街道的正文"
        assert page.locator("#search-results img, #search-results svg, #search-results script").count() == 0
    assert seen == CLEAN


def test_a_payload_in_an_author_name_finds_its_item_and_stays_text(browser, policy_server):
    # the byline <svg onload=window.__pwned=3> is indexed with the item's places and topics
    with watched(browser, policy_server + "search/?q=" + quote("svg onload")) as (page, seen):
        page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
        assert page.eval_on_selector_all("#search-results > li", "els => els.map(e => e.dataset.url)") == ["2023/03/xss/"]
        # and the card's byline shows it as text, the words found marked
        byline = page.locator("#search-results .card-meta .authors")
        assert byline.inner_text() == "<svg onload=window.__pwned=3>"
        assert byline.locator("mark").all_inner_texts() == ["svg", "onload"]
        assert page.locator("#search-results svg, #search-results img, #search-results script").count() == 0
    assert seen == CLEAN


def test_a_payload_in_a_photo_credit_is_shown_as_text(browser, policy_server):
    with watched(browser, policy_server + "search/?q=" + quote("马桥街道新春游园")) as (page, seen):
        page.wait_for_selector("#search-results[data-snippets=done]", state="attached")
        card = page.locator("#search-results > li[data-url='2023/03/xss-photo/']")
        assert card.locator(".card-excerpt").inner_text() == "（<img src=x onerror=window.__pwned=10>图片由马桥街道提供）"
        assert page.locator("#search-results img").count() == 0
    assert seen == CLEAN


# A value for each filter that the archive does not have, made to break out
# of an option, an attribute or the select: the township one looks like a
# township at first.
FILTER_PAYLOADS = {
    "county": "<img src=x onerror=window.__pwned=12>",
    "township": '马桥街道"><svg onload=window.__pwned=13>',
    "topic": "</option></select><script>window.__pwned=14</script>",
    "year": "2023<iframe src=javascript:window.__pwned=15>",
}


@pytest.mark.parametrize("facet", FILTER_PAYLOADS)
def test_a_payload_in_any_filter_is_an_unknown_value_shown_as_text(browser, policy_server, facet):
    payload = FILTER_PAYLOADS[facet]
    with watched(browser, f"{policy_server}search/?q={quote('马桥')}&{facet}={quote(payload)}") as (page, seen):
        page.wait_for_selector("#search-results[data-state=done]", state="attached")
        assert page.locator("#search-results > li").count() == 0
        assert payload in page.locator("#search-status").inner_text()
        assert page.eval_on_selector(f"select[name={facet}]", "s => s.value") == payload
        assert page.eval_on_selector(f"select[name={facet}]", "s => s.selectedOptions[0].textContent") == payload
        assert page.locator("#search img, #search svg, #search script, #search iframe").count() == 0
        # the address still holds it, as typed
        assert page.evaluate(f"new URLSearchParams(location.search).get('{facet}')") == payload
    assert seen == CLEAN
