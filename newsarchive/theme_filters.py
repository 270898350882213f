"""Jinja filters of the theme: Chinese dates and character-based excerpts; the site's icon."""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import quote

from markupsafe import Markup, escape

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_BLOCK_TAG = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|table|thead|tbody|tr|td|th|figure|figcaption|br|hr)\b", re.I)
EXCERPT_CHARS = 90


def cn_date(value) -> str:
    """2023年1月31日: no zero padding, as Chinese papers print dates."""
    return f"{value.year}年{value.month}月{value.day}日"


def iso_date(value) -> str:
    """2023-01-31 for <time datetime>: Pelican's date.strftime costs twenty times more, on every listing line."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def cn_month(year: int, month: int) -> str:
    return f"{year}年{month}月"


def plain_text(markup: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup or ""))).strip()


def _wide(char: str) -> bool:
    # Han, kana, full-width forms and the CJK quotes, ellipsis and dash
    # (“”‘’…—, which Unicode files as ambiguous width).
    return unicodedata.east_asian_width(char) in "WF" or char in "“”‘’…—·"


def paragraphs_text(markup: str) -> str:
    """An item's HTML as one line of text: each paragraph as printed, the paragraphs run together.

    Only the joins between paragraphs are decided here: between Chinese
    text they are nothing (a space inside Chinese text looks odd), between
    Latin words a space. A space printed inside a paragraph, as in
    “醉美水乡老镇 活力融嘉新城”, is the text's own and stays.
    """
    lines = (_SPACE.sub(" ", line).strip() for line in html.unescape(_TAG.sub(_tag_gap, markup or "")).split("\n"))
    text = ""
    for line in filter(None, lines):
        text += line if not text or _wide(text[-1]) or _wide(line[0]) else " " + line
    return text


def _tag_gap(match: re.Match) -> str:
    # a block ends a line; an inline tag (<em>, <a>) is no gap at all
    return "\n" if _BLOCK_TAG.match(match.group()) else ""


# A figure or a Latin word: 15.23, 11GW, 3.0, 90%.
_WORD_END = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%]*$")


def _cut(text: str, length: int) -> str:
    """The first ``length`` characters, without the part of a figure or word cut through.

    “总投资 15.23 亿元” cut after “15.” reads as another amount; the excerpt
    ends before the figure instead.
    """
    head = text[:length]
    if text[length].isascii() and text[length].isalnum() or text[length] in ".,%" and head[-1].isdigit():
        head = _WORD_END.sub("", head) or head
    return head.rstrip()


def excerpt(item, length: int = EXCERPT_CHARS) -> str:
    """The first characters of an item's text, cut by characters, not words.

    Cached on the item: a busy item is listed on a dozen pages per build.
    """
    cached = getattr(item, "_excerpt_cache", None)
    if cached is None or cached[0] != length:
        text = paragraphs_text(getattr(item, "_content", "") or "")
        cached = (length, text if len(text) <= length else _cut(text, length) + "…")
        item._excerpt_cache = cached
    return cached[1]


# The item's card as kept (str, or UTF-8 bytes from the last build), and a
# flag set on an item whose card was rendered in this build: the kept cards
# need saving again. plugins/page_cache/cards.py reads and sets both.
CARD = "_card"
RENDERED = "_card_rendered"
# Where SITEURL goes in a card as kept: the card is rendered once, with this
# as its base (macros.html item_card), and each page puts its own SITEURL in.
# Every field of a card is escaped, so "<" comes out of a title as "&lt;":
# the mark can only have come from the base.
SITEURL_MARK = Markup("<siteurl>")


def card(item, render, siteurl: str):
    """An item's card in a listing, rendered once per build whatever the page's depth.

    An item is listed on half a dozen listings (home, county, townships,
    topics, author, month), and with relative URLs SITEURL differs only by a
    page's depth; the card reads nothing else from the page. Rendered for
    each SITEURL, the cards were three per item, and 16 MB of the build's
    memory at 5,000 items.
    """
    kept = item.__dict__.get(CARD)
    if kept is None:
        kept = item.__dict__[CARD] = str(render(item, SITEURL_MARK))
        item.__dict__[RENDERED] = True
    elif isinstance(kept, bytes):  # kept from the last build (plugins/page_cache/cards.py), as UTF-8
        kept = item.__dict__[CARD] = kept.decode("utf-8")
    return Markup(kept.replace(SITEURL_MARK, str(escape(siteurl))))


_A_TAG = re.compile(r"<a\s[^>]*>", re.I)
_HREF = re.compile(r"""\shref\s*=\s*(["'])(.*?)\1""", re.I | re.S)


def mark_site_links(markup, siteurl: str):
    """An item's body with each link to the site itself marked data-site-link.

    Printed, a link that leaves the site has its address spelt out after it
    (site.css); a link to another page of the archive has not. Built for a
    host (publishconf.py), those are absolute too, and the stylesheet cannot
    tell them from outside ones by their address alone.
    """
    # the item's own HTML, as |safe took it
    if not markup or not str(siteurl).startswith(("http://", "https://")):
        return Markup(markup or "")
    base = str(siteurl).rstrip("/")

    def mark(match: re.Match) -> str:
        tag = match.group()
        href = _HREF.search(tag)
        url = html.unescape(href.group(2)).strip() if href else ""
        if url == base or url.startswith((base + "/", base + "#", base + "?")):
            return tag[:2] + " data-site-link" + tag[2:]
        return tag

    return Markup(_A_TAG.sub(mark, str(markup)))


# A 间隔号 and the character or entity before it, in the text between tags.
_BEFORE_DOT = re.compile(r"(&#?\w+;|[^\s<>&])·")
_TAGS = re.compile(r"(<[^>]*>)")


def keep_middle_dots(value):
    """Text or markup with each 间隔号 (·) bound to the character before it.

    GB/T 15834 wants “再出发·开门红” never broken as 再出发 | ·开门红, and
    chromium breaks before a middle dot as before a Han character, even with
    line-break: strict. The pair goes in a span that does not wrap (site.css
    .nobr): the text a reader copies, searches or hears stays the same,
    which an invisible word joiner would not.
    """
    text = escape(value)
    if "·" not in text:  # most titles and texts: no split, no search (a build calls this 50,000 times)
        return text
    parts = _TAGS.split(str(text))
    for i in range(0, len(parts), 2):
        parts[i] = _BEFORE_DOT.sub(r'<span class="nobr">\1·</span>', parts[i])
    return Markup("".join(parts))


def by_count(groups):
    """Taxonomy (name, items) pairs, the most reported first, then by pinyin slug."""
    return sorted(groups, key=lambda pair: (-len(pair[1]), pair[0].slug))


FILTERS = {"by_count": by_count, "card": card, "cn_date": cn_date, "cn_month": cn_month, "iso_date": iso_date, "excerpt": excerpt,
           "keep_middle_dots": keep_middle_dots, "mark_site_links": mark_site_links, "plain_text": plain_text}


# The site's icon: 嘉 in white on the masthead's red. Written into every page
# as a data: URL (base.html), so no browser asks the host for /favicon.ico.
FAVICON_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    '<rect width="32" height="32" rx="5" fill="#a61b1b"/>'
    '<text x="16" y="24" font-size="22" text-anchor="middle" fill="#fff" '
    'font-family="Noto Serif CJK SC,Songti SC,SimSun,serif">嘉</text></svg>'
)
FAVICON_DATA_URL = "data:image/svg+xml," + quote(FAVICON_SVG, safe="=:/")
