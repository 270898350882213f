"""A body's link written from the site's root (/2023/01/slug/) works wherever the site is hosted.

An editor links another item as its address reads in the browser. From the
root, that address is right only for a site at the root (`invoke serve`):
under a sub-path (publishconf.py, ARCHIVE_SITEURL=https://host/archive) and
in a feed it is a 404, and only `invoke check-links` used to notice.

A root-relative link that is an item's address (its URL, with or without the
final slash or index.html) becomes Pelican's own `{filename}` link to that
item's file, which Pelican resolves for whatever SITEURL the page is written
with, relative or absolute, in pages and feeds alike; page_cache then also
follows that item's URL. A link to a listing's first page, a feed or a theme
file the build writes becomes a `{static}` link to an entry this module adds
to Pelican's static_content for that address: Pelican has no link of its own
for them (its `{category}`/`{tag}`/`{author}` spell the slug themselves, not
as the archive does; there is none for townships or months), and a relative
address that opens from the item's page is a 404 in a feed reader. Any other
root-relative link is a warning with the file, the line and what to write: a
listing's later page is told its first one (which page an item is on moves
as items are added); a page the archive does not have is a broken link
anywhere, and is told the item it probably meant.

Runs on every build, cached read or not, over `_content` (what Pelican
resolves when it renders), of only the items the reader marked `root_links`
as it rendered their Markdown (kept in its cache): no build searches every
item's HTML.
"""

from __future__ import annotations

import difflib
import html
import os
import re
from urllib.parse import quote, unquote

from pelican.urlwrappers import URLWrapper

from newsarchive import problems

from .checks import all_items

# Markdown writes attributes with double quotes, as ="/…"; raw HTML (ARCHIVE_RAW_HTML) may use
# single ones (reader.py marks the items with either). Pelican's own link machinery reads only
# quoted values too. Only inside a tag, as Pelican's own: a link shown as code
# (<code>&lt;a href="/2023/…"&gt;</code>) is text, and stays as the editor wrote it.
_ROOT_LINK = re.compile(
    r"""(?P<attr><[A-Za-z][^<>]*?\s(?:href|src)=)(?P<q>["'])(?P<path>/(?!/)[^"'?#]*)(?P<rest>[^"']*)(?P=q)"""
)


def _keys(url: str) -> list[str]:
    """The root-relative paths a reader may write for a page at ``url`` (``2023/01/x/``)."""
    url = "/" + url.lstrip("/")
    keys = [url]
    if url.endswith("/"):
        keys += [url.rstrip("/"), url + "index.html"] if url != "/" else []
    return keys


def rewrite_root_links(generators, settings) -> None:
    items = list(all_items(generators))
    with_links = [item for item in items if getattr(item, "root_links", False)]
    if not with_links:
        return
    # By slug, the last part of an item's URL (ARTICLE_URL, PAGE_URL): URLs are computed only for
    # the few items a link may name, not for every item of the archive on every build.
    # One dict entry an item (a list for each would set off a garbage collection of the
    # whole build's objects, 60 ms at 3,000 items); a slug two items share (in two months) keeps a tuple.
    by_slug: dict = {}
    for item in items:
        slug = item.slug
        other = by_slug.setdefault(slug, item)
        if other is not item:
            by_slug[slug] = (*other, item) if type(other) is tuple else (other, item)
    # only once a link names no item: these look at every item
    site = _SiteAddresses(items, by_slug, settings, generators[0].context)
    for item in with_links:
        missing = []

        def replace(m: re.Match) -> str:
            path = m.group("path")
            target = _item_at(path, by_slug)
            if target is not None:
                link = "{filename}/" + quote(target.relative_source_path.replace(os.sep, "/"), safe="/")
            elif (key := site.key(path)) is not None:
                link = "{static}/" + key
            else:
                missing.append((path, m.group("rest")))
                return m.group(0)
            return f"{m.group('attr')}{m.group('q')}{link}{m.group('rest')}{m.group('q')}"

        item._content = _ROOT_LINK.sub(replace, item._content)
        first = {}
        for path, rest in missing:
            first.setdefault(path, rest)
        for path, rest in first.items():
            _warn(item, path, html.unescape(rest), site, settings)


# Where the addresses of listings, feeds and theme files live among Pelican's
# static_content keys, which are otherwise source paths inside content/:
# Pelican reads no hidden folder's file as static content of its own.
ADDRESS_KEY = ".site-address/"


class _SiteAddress:
    """What Pelican's {static} link needs of the file it names: its URL, from the site's root."""

    __slots__ = ("url",)

    def __init__(self, url: str):
        self.url = url


class _SiteAddresses:
    """The listings, feeds and theme files a root-relative link may name, found the first time one is asked for."""

    def __init__(self, items, by_slug, settings, context):
        self._items, self._by_slug, self._settings, self._context = items, by_slug, settings, context
        self.listings: dict[str, str] | None = None
        self.written: dict | None = None

    def _load(self) -> None:
        if self.listings is None:
            self.listings = _listings(self._items, self._settings)
            self.written = _written_by_slug(self._by_slug)

    def key(self, path: str) -> str | None:
        """The static_content key that stands for ``path`` (added now), or None if the build writes no such page or file."""
        self._load()
        url = self.listings.get(path, self.listings.get(unquote(path)))
        if url is None and _is_site_file(path, self._settings) and self._exists(unquote(path)):
            url = unquote(path).lstrip("/")
        if url is None:
            return None
        key = ADDRESS_KEY + quote(url, safe="/")
        self._context.setdefault("static_content", {})[key] = _SiteAddress(url)
        return key

    def _exists(self, path: str) -> bool:
        """A feed for a county, township or topic the archive has; a file the theme ships."""
        relative = path.lstrip("/")
        static_dir = (self._settings.get("THEME_STATIC_DIR") or "").strip("/")
        if static_dir and relative.startswith(static_dir + "/"):
            inside = relative[len(static_dir) + 1:]
            theme = self._settings.get("THEME", "")
            return any(os.path.isfile(os.path.join(theme, folder, inside))
                       for folder in self._settings.get("THEME_STATIC_PATHS", ["static"]))
        return relative in self._feeds()

    def _feeds(self) -> set[str]:
        feeds = {value for key, value in self._settings.items()
                 if "FEED" in key and key.endswith(("_ATOM", "_RSS")) and isinstance(value, str) and "{" not in value}
        slugs = {w.slug for item in self._items for value in item.__dict__.values()
                 for w in (value if isinstance(value, list) else [value]) if isinstance(w, URLWrapper)}
        for key, value in self._settings.items():
            if "FEED" in key and key.endswith(("_ATOM", "_RSS")) and isinstance(value, str) and "{slug}" in value:
                feeds |= {value.format(slug=slug) for slug in slugs}
        return feeds


def _slug_of(path: str) -> str:
    return unquote(path).removesuffix("index.html").strip("/").rsplit("/", 1)[-1]


def _written(item) -> bool:
    # an item the build does not write (a draft, for the host) is no page to link
    return bool(getattr(item, "save_as", "")) and getattr(item, "url", None) is not None


def _all(found) -> tuple:
    return () if found is None else found if type(found) is tuple else (found,)


def _item_at(path: str, by_slug: dict):
    """The item whose page ``path`` (root-relative, as written in a body) is, or None."""
    wanted = {path, unquote(path)}
    for item in _all(by_slug.get(_slug_of(path))):
        if _written(item) and wanted & set(_keys(item.url)):
            return item
    return None


_PAGED = re.compile(r"page/\d+/$")


def _listings(items, settings) -> dict[str, str]:
    """The listing pages the build writes: each root-relative address a body may write for one, and its URL."""
    urls = {"/"}
    for name in [*settings.get("DIRECT_TEMPLATES", []), "townships"]:
        url = settings.get(f"{name.upper()}_URL")
        if url and name != "404":
            urls.add(url)
    for item in items:
        # a hidden item or a draft has a page of its own, but is in no listing: its topic's page may not exist
        if not getattr(item, "save_as", "") or getattr(item, "status", "published") != "published":
            continue
        for key in ("YEAR_ARCHIVE_URL", "MONTH_ARCHIVE_URL"):
            if settings.get(key):
                urls.add(settings[key].format(date=item.date))
        for value in item.__dict__.values():
            for wrapper in value if isinstance(value, list) else [value]:
                if isinstance(wrapper, URLWrapper):
                    urls.add(wrapper.url)
    return {key: url.lstrip("/") for url in urls for key in _keys(url)}


def _is_site_file(path: str, settings) -> bool:
    """A feed (feeds/all.atom.xml, feeds/county/<slug>.atom.xml) or a theme file (theme/css/site.css) the build writes."""
    patterns = [
        re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(value.lstrip("/")))
        for key, value in settings.items()
        if "FEED" in key and key.endswith(("_ATOM", "_RSS")) and isinstance(value, str) and value
    ]
    if settings.get("THEME_STATIC_DIR"):
        patterns.append(re.escape(settings["THEME_STATIC_DIR"].strip("/")) + "/.+")
    return any(re.fullmatch(p, unquote(path).lstrip("/")) for p in patterns)


def _first_page(path: str, listings: dict[str, str]) -> str | None:
    """The URL of the listing whose later page ``path`` is (/county/x/page/3/), or None."""
    if not _PAGED.search(path.lstrip("/")):
        return None
    path = "/" + _PAGED.sub("", path.lstrip("/"))
    return listings.get(path, listings.get(unquote(path)))


def _line_of(item, path: str) -> int | None:
    """The line of the item's file where ``path`` is written (the first one), read only for a warning."""
    try:
        with open(item.source_path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    # the whole address: /2023/01/ must not be found in an earlier /2023/01/wang-dian-…/
    written = re.compile(r"""[("'<\s]""" + re.escape(path) + r"""(?=[)"'>?#\s]|$)""")
    for number, line in enumerate(lines, 1):
        if written.search(line):
            return number
    for number, line in enumerate(lines, 1):
        if path in line:
            return number
    return None


def _written_by_slug(by_slug: dict) -> dict:
    written = {s: next((i for i in _all(found) if _written(i)), None) for s, found in by_slug.items() if s}
    return {s: i for s, i in written.items() if i is not None}


def _guess(path: str, written: dict):
    """An item the editor probably meant: the same slug in another month, or a slug one typo away."""
    slug = _slug_of(path)
    if not slug:
        return None
    if slug in written:
        return written[slug]
    close = difflib.get_close_matches(slug, list(written), n=1, cutoff=0.85)
    return written[close[0]] if close else None


def _warn(item, path: str, rest: str, site: _SiteAddresses, settings) -> None:
    """``rest``: the link's query and fragment (?q=王店, #p2), kept in the address it says to write."""

    def filename_link(target) -> str:
        return "{filename}/" + target.relative_source_path.replace(os.sep, "/") + rest

    first_page = _first_page(path, site.listings)
    guess = None if first_page is not None else _guess(path, site.written)
    if first_page is not None:
        what = (
            "它是一个列表的后面一页，哪篇稿件在第几页会随新稿件变动；请链接这个列表的第一页 "
            f"/{first_page}{rest}，这样写的链接本站会让它在哪里都能打开"
        )
    elif _is_site_file(path, settings):
        what = "本站不生成这个订阅（Atom）或主题文件，请核对网址（订阅的网址见各列表页上的“订阅”链接）"
    elif guess is not None:
        what = f"本站没有这个网址的稿件；如果要链接《{guess.title}》，请写成 {filename_link(guess)}"
    else:
        what = (
            "它不是本站哪篇稿件或哪个列表的网址。链接本站稿件，请写成 {filename}/ 加上稿件在 "
            f"{problems.display_path(settings['PATH'])}/ 里的路径，如 {{filename}}/2023/01/文件名.md；"
            "链接别的网站，请写完整网址（https://……）"
        )
    problems.current().warning(
        item.source_path,
        _line_of(item, path),
        f"正文里的链接 {path} 从网站根目录（/）写起，网站放在子路径下（发布时 ARCHIVE_SITEURL 带子路径）"
        f"或在订阅（Atom）里读时会打不开。{what}。",
    )
