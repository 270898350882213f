"""Every page runs under a policy that allows scripts only from the site itself.

The host here sends the strict policy as a header as well (as a careful host
would); chromium reports any inline script, inline style or eval it blocks as
a `securitypolicyviolation` event and a console error, and the tests collect
both. Script payloads in the address and in item fields must not run.
"""

from __future__ import annotations

import functools
import http.server
import threading
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


def visit(browser, url, wait_for_search=False):
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(WATCH)
    console_errors, dialogs = [], []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    if wait_for_search:
        page.wait_for_selector("#search-results[data-state=done]", state="attached", timeout=15000)
    page.wait_for_timeout(200)
    result = {
        "violations": page.evaluate("window.__violations"),
        "console": [e for e in console_errors if "Content Security Policy" in e or "Refused" in e],
        "pwned": page.evaluate("window.__pwned === undefined ? null : window.__pwned"),
        "dialogs": dialogs,
    }
    context.close()
    return result


PAGES = [
    "", "county/", "county/hai-ning-shi/", "township/", "township/ma-qiao-jie-dao/",
    "topic/", "author/", "archives/", "2023/", "2023/01/", "404.html",
    "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/",
    "2023/01/hai-yan-xian-gan-pu-zhen-ji-yi-li-de-ji-pu-nian-wei-wen-hua/",
    "2023/03/xss/",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_run_clean_under_the_policy(browser, policy_server, xss_site, path):
    seen = visit(browser, policy_server + path)
    assert seen == {"violations": [], "console": [], "pwned": None, "dialogs": []}


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
    seen = visit(browser, url, wait_for_search=True)
    assert seen == {"violations": [], "console": [], "pwned": None, "dialogs": []}


def test_raw_html_in_a_body_is_shown_as_text(browser, policy_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(policy_server + "2023/03/xss/")
    assert "马桥街道的正文<script>window.__pwned=5</script>。" in page.locator(".item-body").inner_text()
    context.close()


def test_search_results_show_payload_titles_as_text(browser, policy_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(policy_server + "search/?q=" + quote("马桥"))
    page.wait_for_selector("#search-results[data-state=done]")
    titles = page.locator("#search-results [data-url]").all_inner_texts()
    assert any("<script>window.__pwned=2</script>" in t for t in titles)
    assert page.evaluate("window.__pwned === undefined")
    context.close()
