"""The theme in a real browser: readable on a phone, nothing fetched from elsewhere."""

from __future__ import annotations

import re

import pytest
from conftest import CONTENT, build_site, write_item

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


def test_a_date_is_never_split_across_two_lines(browser, serve, seed_site):
    # After a headline on the home page's county blocks and in an item's
    # 相关报道, the date went where the title ended: "2023年1月" at the end
    # of one line and "31日" at the start of the next, on a phone and on a
    # desktop (a long headline), however short the date.
    server = serve(seed_site.output)
    paths = ["", *sorted(p.parent.relative_to(seed_site.output).as_posix() + "/" for p in seed_site.output.glob("2023/01/*/index.html"))]
    for width in (320, 360, 1280):
        page = browser.new_page(viewport={"width": width, "height": 800})
        for path in paths:
            page.goto(server.url + path)
            split = page.evaluate("""() => [...document.querySelectorAll('main time')]
                .filter((t) => new Set([...t.getClientRects()].map((r) => Math.round(r.top))).size > 1)
                .map((t) => t.textContent)""")
            assert split == [], (width, path)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, path)
        page.close()


# Where a 间隔号 (·) of the text starts a line: the characters around it.
DOTS_STARTING_A_LINE = """(selector) => {
  const found = [];
  for (const block of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let before = null;  // the rectangle of the last character seen, across inline elements
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (!box) continue;
        if (node.data[i] === "·" && before && box.top > before.top + 3) found.push(block.textContent.slice(0, 12));
        before = box;
      }
    }
  }
  return found;
}"""


def test_a_middle_dot_never_starts_a_line(browser, serve, content_copy, tmp_path):
    # GB/T 15834: the 间隔号 stays with the word before it (“再出发·开门红”
    # is never 再出发 | ·开门红). Chromium, even with line-break: strict,
    # breaks before it as before a Han character: at 608–623 px and
    # 660–673 px the shipped item 海宁全力冲刺“开门红” had a line start
    # with “·开门红”.
    write_item(content_copy, "2023/01/dian.md", title="“再出发·开门红”新春促发展·系列活动·启动", date="2023-01-20",
               category="海宁市", slug="dian", body="·".join(["再出发"] * 40) + "。\n\n" + "海宁·" * 60)
    build = build_site(content_copy, tmp_path / "output")
    assert build.returncode == 0, build.log
    server = serve(build.output)
    page = browser.new_page()
    # the item, its title and text; the listing, its card; an item after it, the title in 上一篇 and 相关报道
    texts = "main h1, .item-body p, .card-title, .card-excerpt, .headlines a, .prev-next a, .related a"
    for path in ("2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/", "2023/01/dian/", "", "2023/01/yao-xiang-you-li-ca-liang-wen-ming-di-se/"):
        page.goto(server.url + path)
        assert "·" in page.evaluate("(selector) => [...document.querySelectorAll(selector)].map((p) => p.textContent).join('')", texts), path
        for width in range(320, 1000, 4):  # 608 among them
            page.set_viewport_size({"width": width, "height": 800})
            assert page.evaluate(DOTS_STARTING_A_LINE, texts) == [], (path, width)
    # the text itself is untouched: what a reader copies, finds or hears
    page.goto(server.url + "2023/01/dian/")
    assert page.evaluate("document.querySelector('main h1').textContent") == "“再出发·开门红”新春促发展·系列活动·启动"
    assert page.evaluate("document.querySelector('.item-body p').textContent") == "·".join(["再出发"] * 40) + "。"
    page.close()


def test_a_middle_dot_never_starts_a_line_in_search_results(browser, serve, content_copy, tmp_path):
    # The search page draws its cards itself: a title or snippet with
    # “再出发·开门红” broke before the dot there as the item's page did.
    write_item(content_copy, "2023/01/dian.md", title="“再出发·开门红”新春促发展·系列活动·启动", date="2023-01-20",
               category="海宁市", slug="dian", body="再出发" + "·".join(["开门红"] * 40) + "。")
    build = build_site(content_copy, tmp_path / "output")
    assert build.returncode == 0, build.log
    server = serve(build.output)
    page = browser.new_page()
    page.goto(server.url + "search/?q=" + "再出发 开门红")
    page.wait_for_selector("#search-results[data-snippets=done]", state="attached", timeout=20000)
    texts = ".card-title, .card-excerpt"
    assert "·" in page.evaluate("(selector) => [...document.querySelectorAll(selector)].map((p) => p.textContent).join('')", texts)
    for width in range(320, 1000, 4):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate(DOTS_STARTING_A_LINE, texts) == [], width
    # what a reader copies or hears is the title as written, its words marked
    card = page.locator("#search-results li", has_text="新春促发展")
    assert card.locator(".card-title").inner_text() == "“再出发·开门红”新春促发展·系列活动·启动"
    assert card.locator(".card-title mark").all_inner_texts()
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


# Every text on the page, with its colour and the colours it is drawn on:
# each ancestor's background, up to the first opaque one; a gradient gives
# all its colours, the text has to read on each of them.
TEXT_COLOURS = """() => {
  const seen = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.data.trim() || !el.checkVisibility({ visibilityProperty: true })) continue;
    const layers = [];
    for (let at = el; at; at = at.parentElement) {
      const style = getComputedStyle(at);
      const gradient = style.backgroundImage.match(/rgba?\\([^)]*\\)/g);
      if (gradient) { layers.push(gradient); break; }
      layers.push([style.backgroundColor]);
      if (!/rgba\\(.*, 0(\\.\\d+)?\\)$/.test(style.backgroundColor)) break;
    }
    const colour = getComputedStyle(el).color;
    const key = colour + "|" + JSON.stringify(layers);
    if (!seen.has(key)) seen.set(key, { colour, layers, where: `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} “${node.data.trim().slice(0, 12)}”` });
  }
  return [...seen.values()];
}"""


def _rgba(css: str) -> tuple[float, float, float, float]:
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    return (*values[:3], values[3] if len(values) > 3 else 1.0)


def _over(top, bottom):
    """``top`` drawn over the opaque ``bottom``."""
    alpha = top[3]
    return tuple(t * alpha + b * (1 - alpha) for t, b in zip(top[:3], bottom[:3])) + (1.0,)


def _luminance(rgb) -> float:
    def channel(value):
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground, background) -> float:
    """WCAG 2's contrast ratio of two opaque colours."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory):
    """The shipped content four to a page: listings show their pager, with its inactive ends."""
    build = build_site(CONTENT, tmp_path_factory.mktemp("paged") / "output", DEFAULT_PAGINATION=4)
    assert build.returncode == 0, build.log
    return build


def test_every_text_meets_wcag_aa_contrast_on_what_it_is_drawn_on(browser, serve, paged_site):
    # 4.5:1, AA for normal text, for all of it: large headings would pass at
    # 3:1, but none of the theme's colours is meant for headings only.
    server = serve(paged_site.output)
    page = browser.new_page()
    paths = [*PAGES, "page/3/", "county/", "topic/", "author/zhu-min/", "archives/", "2023/01/", "404.html"]
    failing, pairs = [], 0
    for path in [*paths, "search/?q=开门红"]:
        page.goto(server.url + path)
        if path.startswith("search/"):
            page.wait_for_selector("#search-results[data-snippets=done]", state="attached", timeout=20000)
            assert page.locator("#search-results mark").count()
        for text in page.evaluate(TEXT_COLOURS):
            canvas = (255.0, 255.0, 255.0, 1.0)  # what the browser paints under a page with no background
            *above, bottom = text["layers"]
            for colour in dict.fromkeys(bottom):
                background = _over(_rgba(colour), canvas)
                for layer in reversed(above):
                    background = _over(_rgba(layer[0]), background)
                ratio = contrast(_over(_rgba(text["colour"]), background), background)
                pairs += 1
                if ratio < 4.5:
                    failing.append(f"/{path} {text['where']}: {text['colour']} on {colour}, {ratio:.2f}:1")
    page.close()
    assert pairs > 30
    assert not failing, "\n".join(failing)


def test_on_a_narrow_phone_the_pager_breaks_no_word(browser, serve, paged_site):
    # At 320 px (an iPhone SE, or a desktop zoomed to 400 %) the pager read
    # “上一 | 页” and “下一 | 页” in their boxes, and “第 2 页，共 3 | 页”:
    # a word and a number's unit broken apart. Its line may break after
    # the comma only.
    server = serve(paged_site.output)
    page = browser.new_page()
    lines = """() => [...document.querySelectorAll('.pager > *')].map((part) => {
      const range = document.createRange();
      const tops = [];
      const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
      let line = "";
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.data.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const top = Math.round(range.getClientRects()[0].top);
          if (tops.length && top > tops[tops.length - 1] + 3) line += "|";
          tops.push(top);
          line += node.data[i];
        }
      }
      return line;
    })"""
    for path in ("page/2/", "page/3/", "2023/01/page/2/"):
        for width in (320, 340, 360):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(server.url + path)
            parts = page.evaluate(lines)
            assert len(parts) == 3, parts
            assert parts[0] == "上一页" and parts[2] == "下一页", (path, width, parts)
            assert parts[1].replace("，|", "，") == parts[1].replace("|", ""), (path, width, parts)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


# Names (between spaces) of a byline or a place tag that a line break cuts in two.
NAMES_CUT = """(selector) => {
  const cut = [];
  for (const names of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(names, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let name = "", top = null, broken = false;
    const end = () => { if (broken) cut.push(name); name = ""; top = null; broken = false; };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        if (!node.data[i].trim()) { end(); continue; }
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (top !== null && Math.round(box.top) > top + 3) broken = true;
        top = Math.round(box.top);
        name += node.data[i];
      }
    }
    end();
  }
  return cut;
}"""


def test_a_reporters_or_a_places_name_is_never_split_across_lines(browser, serve, seed_site):
    # On a phone the search results' bylines came out as “张” at the end of
    # a line and “会” at the start of the next: names are set apart by
    # spaces there, so it read as two reporters. Places in the card's line
    # (马桥 | 街道) and over an item's title the same.
    server = serve(seed_site.output)
    page = browser.new_page()
    names = ".card-meta .place, .card-meta .authors, .kicker .place, .byline .authors"
    for path in ("search/?q=" + "海宁", "", PAGES[1]):
        page.goto(server.url + path)
        if path.startswith("search/"):
            page.wait_for_selector("#search-results[data-snippets=done]", state="attached", timeout=20000)
            assert page.locator(".card-meta .authors").count()
        for width in range(320, 480, 2):
            page.set_viewport_size({"width": width, "height": 800})
            assert page.evaluate(NAMES_CUT, names) == [], (path, width)
    page.close()


def test_the_dot_between_an_items_places_never_starts_a_line(browser, serve, content_copy, tmp_path):
    # Over the title, 海宁市·马桥街道·袁花镇: the dot was drawn before each
    # place after the first, so where the line broke between two places the
    # next line began with “·袁花镇”, which GB/T 15834 forbids a 间隔号.
    write_item(content_copy, "2023/01/duo.md", title="多个乡镇的报道", date="2023-01-20", category="海宁市", slug="duo",
               townships="硖石街道, 海洲街道, 海昌街道, 马桥街道, 许村镇, 长安镇, 周王庙镇, 丁桥镇, 斜桥镇, 黄湾镇, 盐官镇, 袁花镇")
    build = build_site(content_copy, tmp_path / "output")
    assert build.returncode == 0, build.log
    server = serve(build.output)
    page = browser.new_page()
    page.goto(server.url + "2023/01/duo/")
    # each line of the kicker as drawn, its separators included
    drawn = """() => {
      const lines = [];
      let top = null;
      for (const place of document.querySelectorAll('.kicker .place')) {
        const box = place.getClientRects()[0];
        const before = getComputedStyle(place, '::before').content.replace(/^"|"$/g, '').replace('none', '');
        const after = getComputedStyle(place, '::after').content.replace(/^"|"$/g, '').replace('none', '');
        if (top === null || box.top > top + 3) lines.push('');
        top = box.top;
        lines[lines.length - 1] += before + place.textContent + after;
      }
      return lines;
    }"""
    for width in range(320, 900, 8):
        page.set_viewport_size({"width": width, "height": 800})
        lines = page.evaluate(drawn)
        assert "".join(lines) == "·".join(["海宁市", *"硖石街道 海洲街道 海昌街道 马桥街道 许村镇 长安镇 周王庙镇 丁桥镇 斜桥镇 黄湾镇 盐官镇 袁花镇".split()])
        assert not [line for line in lines if line.startswith("·")], (width, lines)
    page.close()


# The characters on the last line of each element matched.
LAST_LINES = """(selector) => [...document.querySelectorAll(selector)].map((block) => {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let line = "", top = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (!box) continue;
      if (top !== null && box.top > top + 3) line = "";
      top = box.top;
      line += node.data[i];
    }
  }
  return line.trim();
})"""


def test_a_headline_never_leaves_one_character_alone_on_its_last_line(browser, serve, seed_site):
    # On a phone 海宁调动企业发展积极性 came out as 海宁调动企业发展积极 | 性,
    # a headline's last character on a line of its own (孤字), which a
    # newspaper's compositor never lets stand; headlines are balanced.
    server = serve(seed_site.output)
    page = browser.new_page()
    paths = ["", *sorted(p.parent.relative_to(seed_site.output).as_posix() + "/" for p in seed_site.output.glob("2023/01/*/index.html"))]
    for path in paths:
        page.goto(server.url + path)
        for width in range(320, 720, 8):
            page.set_viewport_size({"width": width, "height": 800})
            alone = [line for line in page.evaluate(LAST_LINES, "main h1, .card-title") if len(line) < 2]
            assert alone == [], (width, path, alone)
    page.close()


def test_a_link_in_running_text_shows_itself_without_colour(browser, serve, content_copy, tmp_path):
    # WCAG 1.4.1: a link inside a sentence was told from the words around it
    # by its red alone, 2.2:1 against the body text's near-black (1.2:1
    # against the grey of a lead), which a reader without red–green vision
    # cannot see; it needs an underline, or 3:1 and a cue besides colour.
    write_item(content_copy, "2023/01/lian-jie.md", title="链接测试", date="2023-01-20", category="海宁市", slug="lian-jie",
               body="请访问[海宁全力冲刺](/2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/)，或外部网站[浙江在线](https://zjol.com.cn/news/)。")
    build = build_site(content_copy, tmp_path / "output")
    assert build.returncode == 0, build.log
    server = serve(build.output)
    page = browser.new_page()
    seen = []
    for path in ("2023/01/lian-jie/", "404.html"):
        page.goto(server.url + path)
        for link in page.evaluate("""() => [...document.querySelectorAll('.item-body p a, p.lead a')].map((a) => ({
            text: a.textContent, underline: getComputedStyle(a).textDecorationLine.includes('underline'),
            colour: getComputedStyle(a).color, around: getComputedStyle(a.closest('p')).color}))"""):
            seen.append(link["text"])
            ratio = contrast(_rgba(link["colour"]), _rgba(link["around"]))
            assert link["underline"] or ratio >= 3, (path, link, round(ratio, 2))
    assert {"海宁全力冲刺", "浙江在线", "首页", "归档"} <= set(seen)
    page.close()


@pytest.mark.parametrize("mount,site", [("", "seed_site"), ("archive", "subpath_site")])
def test_the_not_found_page_is_whole_at_any_depth(request, browser, serve, mount, site):
    # The host shows 404.html at the address that was asked for, however
    # deep: its stylesheet and links must not depend on where it is shown.
    build = request.getfixturevalue(site)
    server = serve(build.output, mount, error_page="404.html")
    page = browser.new_page()
    for path in ["nope", "2023/01/no-such-item/", "county/hai-ning-shi/page/9/x/"]:
        response = page.goto(server.url + path)
        assert response.status == 404
        assert page.locator("h1").inner_text() == "找不到这个页面"
        assert page.evaluate("[...document.styleSheets].some((s) => s.cssRules.length > 0)"), path
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Noto Sans CJK SC"')
        hrefs = page.eval_on_selector_all(".lead a", "links => links.map((a) => a.href)")
        assert hrefs == [server.url, server.url + "township/", server.url + "archives/"], path
    page.close()


def test_on_a_touch_phone_navigation_pagination_and_search_controls_are_44px_targets(browser, serve, paged_site):
    # A thumb on a 375 px screen: the header's links (30 × 27 px, 主题 作者
    # 归档 side by side), the filter menus (25 px high) and the pager are
    # what a reader taps on every page; 44 × 44 px is the size a fingertip
    # hits without landing on the neighbour.
    server = serve(paged_site.output)
    context = browser.new_context(viewport={"width": 375, "height": 667}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    targets = ".site-nav a, .site-search input, .site-search button, .pager a, .search-row input, .search-row button, .search-filters select"
    sizes = """(selector) => [...document.querySelectorAll(selector)].filter((e) => e.checkVisibility())
      .map((e) => { const r = e.getBoundingClientRect(); return [e.tagName, (e.textContent || e.name).trim().slice(0, 6), r.width, r.height]; })"""
    small, seen = [], set()
    for path in ["", "page/2/", "county/hai-ning-shi/", "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/", "search/?q=海宁"]:
        page.goto(server.url + path)
        if path.startswith("search/"):
            page.wait_for_selector(".search-filters:not([hidden])")
        for tag, name, width, height in page.evaluate(sizes, targets):
            seen.add(tag)
            if width < 44 or height < 44:
                small.append(f"/{path} {tag} {name}: {width:.0f}×{height:.0f}")
        for width in (320, 414):
            page.set_viewport_size({"width": width, "height": 667})
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (path, width)
        page.set_viewport_size({"width": 375, "height": 667})
    assert seen == {"A", "INPUT", "BUTTON", "SELECT"}
    assert not small, "\n".join(small)
    context.close()


def test_an_item_printed_on_paper_carries_the_item_not_the_sites_controls(browser, serve, seed_site):
    # Printed, an item page came out with the header's menu, a search box
    # and its button, the previous/next cards and the related links: paper
    # can neither type nor follow a link.
    server = serve(seed_site.output)
    page = browser.new_page()
    page.goto(server.url + PAGES[1])
    page.emulate_media(media="print")
    shown = "(selector) => [...document.querySelectorAll(selector)].some((e) => e.checkVisibility())"
    for selector in (".site-nav", ".site-search input", ".prev-next a", ".related a", ".site-footer a"):
        assert page.locator(selector).count(), selector  # there on screen
        assert not page.evaluate(shown, selector), selector
    for selector in (".site-name", "main h1", ".byline time", ".item-body p", ".source", ".chips a", ".site-footer p"):
        assert page.evaluate(shown, selector), selector
    assert page.evaluate("getComputedStyle(document.querySelector('.item-body p')).color") == "rgb(0, 0, 0)"
    page.emulate_media(media="screen")
    assert page.evaluate(shown, ".site-nav") and page.evaluate(shown, ".prev-next a")
    page.close()


def test_a_reader_who_sets_a_larger_text_size_gets_larger_item_text(browser, serve, seed_site):
    # The browser's font-size setting (chromium: Settings → Appearance →
    # Font size) at twice the default: the body text was in px and stayed
    # at 17 px (16 px on a phone) while menus, chips and headings, in rem,
    # doubled.
    server = serve(seed_site.output)
    texts = ["main h1", ".byline", ".item-body p", ".site-nav a", ".chip", ".site-footer p"]
    for width, body in ((1400, 17), (375, 16)):
        sizes = {}
        for standard in (16, 32):
            page = browser.new_page(viewport={"width": width, "height": 800})
            cdp = page.context.new_cdp_session(page)
            cdp.send("Page.enable")
            cdp.send("Page.setFontSizes", {"fontSizes": {"standard": standard, "fixed": 13}})
            page.goto(server.url + PAGES[1])
            sizes[standard] = page.evaluate("(selectors) => selectors.map((s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))", texts)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.close()
        assert sizes[16][texts.index(".item-body p")] == body  # what the theme gives at the browsers' default
        growth = {text: round(large / small, 2) for text, small, large in zip(texts, sizes[16], sizes[32])}
        assert all(ratio == 2 for ratio in growth.values()), (width, growth)
    # and the larger text still fits a phone's width: columns and the header's box were sized in rem
    page = browser.new_page(viewport={"width": 375, "height": 800})
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 13}})
    for path in [*PAGES, "county/", "topic/", "search/?q=镇"]:
        page.goto(server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    page.close()


def test_a_printed_item_spells_out_only_the_addresses_of_links_that_leave_the_site(browser, serve, content_copy, tmp_path):
    # Built for its host (publishconf.py), a body's link to another item of
    # the archive is absolute like an outside one, and on paper it came out
    # as “海宁全力冲刺（https://…/2023/01/hai-ning-…/）” in the middle of the
    # text: the address is the archive's own, which a development build
    # (relative links) rightly left out.
    write_item(content_copy, "2023/01/lian-jie.md", title="链接测试", date="2023-01-20", category="海宁市", slug="lian-jie",
               body="请访问[海宁全力冲刺](/2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/)，或外部网站[浙江在线](https://zjol.com.cn/news/)。")
    output = tmp_path / "output"
    output.mkdir()
    server = serve(output)
    build = build_site(content_copy, output, settings="publishconf.py", env={"ARCHIVE_SITEURL": server.url.rstrip("/")})
    assert build.returncode == 0, build.log
    page = browser.new_page()
    page.goto(server.url + "2023/01/lian-jie/")
    page.emulate_media(media="print")
    printed = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.item-body a')].map(
        (a) => [a.textContent, getComputedStyle(a, '::after').content]))""")
    assert printed == {"海宁全力冲刺": "none", "浙江在线": '"（https://zjol.com.cn/news/）"'}
    page.close()
