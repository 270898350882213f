"""The theme in a real browser: readable on a phone, nothing fetched from elsewhere."""

from __future__ import annotations

import pytest

PAGES = ["", "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/", "2023/01/hai-yan-xian-gan-pu-zhen-ji-yi-li-de-ji-pu-nian-wei-wen-hua/", "township/", "county/hai-ning-shi/"]


@pytest.mark.parametrize("mount,site", [("", "seed_site"), ("archive", "subpath_site")])
def test_pages_load_every_asset_from_the_site_itself(request, browser, serve, mount, site):
    build = request.getfixturevalue(site)
    server = serve(build.output, mount)
    page = browser.new_page()
    requests, failures = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failures.append(r.url))
    page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url}"))
    for path in PAGES:
        page.goto(server.url + path)
        assert page.evaluate("document.styleSheets.length") >= 1
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Noto Sans CJK SC"')
    assert failures == []
    assert all(url.startswith(server.url) for url in requests), [u for u in requests if not u.startswith(server.url)]
    page.close()


def _fonts_drawing(page, selector: str) -> dict[str, int]:
    """Family → glyphs drawn, for the text of the first element matching ``selector`` (what the browser used, not what the CSS asked)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {font["familyName"]: font["glyphCount"] for font in fonts}


def test_chinese_text_is_drawn_in_the_system_cjk_fonts_the_stacks_name(browser, serve, seed_site):
    # CI installs fonts-noto-cjk, as a Linux reader has it: body text must be
    # drawn in Noto Sans CJK, the masthead and headings in Noto Serif CJK,
    # every glyph of them, digits and Latin letters included (a Latin face
    # ahead in a stack would draw those), with no web font and no fallback.
    server = serve(seed_site.output)
    page = browser.new_page()
    page.goto(server.url + PAGES[1])
    for selector, family in ((".site-name", "Noto Serif CJK SC"), ("main h1", "Noto Serif CJK SC"),
                             (".byline time", "Noto Sans CJK SC"), (".item-body p", "Noto Sans CJK SC")):
        drawn = _fonts_drawing(page, selector)
        assert list(drawn) == [family], (selector, drawn)
    page.close()


def test_readable_on_a_phone(browser, serve, seed_site):
    server = serve(seed_site.output)
    page = browser.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    for path in PAGES:
        page.goto(server.url + path)
        # nothing wider than the screen, body text at least 16px
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).fontSize)")
        assert size >= 16
    page.close()


def test_photo_item_shows_a_caption_card_and_no_broken_image(browser, serve, seed_site):
    server = serve(seed_site.output)
    page = browser.new_page()
    page.goto(server.url + PAGES[2])
    assert page.locator("img").count() == 0
    card = page.locator(".photo-card")
    assert card.is_visible()
    assert "图片由澉浦镇提供" in card.inner_text()
    page.close()


def test_no_page_sends_the_browser_to_the_host_for_an_icon(browser, serve, seed_site):
    # Without an icon in the page, chromium asks every host for
    # /favicon.ico: a 404 in its log on each first visit, and one more
    # request while the page loads. The site's icon is in each page.
    server = serve(seed_site.output)
    context = browser.new_context()
    page = context.new_page()
    widths = {}
    for path in [*PAGES, "search/?q=" + "开门红"]:
        page.goto(server.url + path)
        page.wait_for_load_state("networkidle")
        widths[path] = page.evaluate("""() => new Promise((done) => {
          const icon = new Image();
          icon.onload = () => done(icon.naturalWidth);
          icon.onerror = () => done(0);
          icon.src = document.querySelector('link[rel="icon"]')?.href ?? "";
        })""")
    assert server.paths and not any("favicon" in p for p in server.paths), server.paths
    assert all(widths.values()), f"icons that do not load: {widths}"
    context.close()
