"""Every internal link, image, script and stylesheet of a built site resolves to a file.

Works for a site built for the root (/county/…), for a sub-path (/archive/county/…)
and with relative URLs (../../county/…): links are resolved the way a browser
would, against the page's own URL, then mapped back to a file in the output.
Which links are the site's own depends on the address it was built for;
`built_for` reads that off the pages themselves.
"""

from __future__ import annotations

import itertools
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup
from lxml import etree

ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("iframe", "src"))
_ATTRIBUTE_OF = dict(ATTRIBUTES)


class _Links:
    """A parser target keeping each checked tag's link, per tag in document order."""

    def __init__(self):
        self.found: dict[str, list[str]] = {tag: [] for tag in _ATTRIBUTE_OF}

    def start(self, tag, attrib):
        attr = _ATTRIBUTE_OF.get(tag)
        if attr is not None and attr in attrib:
            self.found[tag].append(attrib[attr])

    def close(self) -> list[str]:
        found, self.found = self.found, {tag: [] for tag in _ATTRIBUTE_OF}
        # all the a's, then the link's, …: the order BeautifulSoup's find_all tag by tag gave
        return [value for tag, _attr in ATTRIBUTES for value in found[tag]]


def page_links(html: str, parser=None) -> list[str]:
    """The href/src of every checked tag of ``html``, as BeautifulSoup("lxml") reads them.

    Straight off lxml's parser, which BeautifulSoup listens to as well: its
    tree of Python objects took three quarters of a link check (318 s for
    the 70,866 pages of 50,000 items). test_linkcheck holds the two to the
    same links.
    """
    html = html.removeprefix("\ufeff")
    if not html:
        return []
    parser = parser or etree.HTMLParser(target=_Links(), recover=True)
    parser.feed(html)
    return parser.close()


@dataclass(frozen=True)
class BrokenLink:
    page: str
    target: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target}"


def _page_url(output: Path, html_file: Path, base_path: str) -> str:
    rel = html_file.relative_to(output).as_posix()
    return f"http://site{base_path}/{rel}"


def _file_for(output: Path, path: str) -> Path | None:
    candidate = output / path.lstrip("/")
    if path.endswith("/") or path == "":
        candidate = candidate / "index.html"
    if candidate.is_file():
        return candidate
    if candidate.is_dir() and (candidate / "index.html").is_file():
        return candidate / "index.html"
    return None


def _own_path(output: Path, html_file: Path) -> str:
    """The page's path in the site, as its URL ends: 2023/01/x/ for 2023/01/x/index.html."""
    rel = html_file.relative_to(output).as_posix()
    return rel.removesuffix("index.html")


def built_for(output: str | Path) -> str | None:
    """The SITEURL a site was built with, from its pages' canonical links (theme/templates/base.html).

    None if the pages name none: a build with relative URLs (pelicanconf.py),
    whose links resolve without knowing the address.
    """
    output = Path(output)
    home = output / "index.html"
    # Every page but 404.html carries one, so the home page settles it; a few
    # others stand in for a home page that is missing (or is what broke),
    # looked for only then.
    others = (p for p in output.rglob("*.html") if p != home and p.name != "404.html")
    for html_file in itertools.islice(itertools.chain([home] if home.is_file() else [], others), 5):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "lxml")
        link = soup.find("link", rel="canonical")
        if link is None or not link.get("href"):
            continue
        href = unquote(link["href"])
        own = _own_path(output, html_file)
        # a canonical link that is not this page's address says nothing about the site
        if own and href.endswith("/" + own):
            return href[: -len(own)].rstrip("/")
        if not own and href.endswith("/"):
            return href.rstrip("/")
    return None


def check_links(output: str | Path, site_url: str = "") -> tuple[int, list[BrokenLink]]:
    """(number of links checked, broken ones). ``site_url`` is the SITEURL the site was built with."""
    output = Path(output)
    base = urlsplit(site_url)
    base_path = base.path.rstrip("/")
    own_hosts = {"site", base.netloc} if base.netloc else {"site"}
    checked = 0
    broken: list[BrokenLink] = []
    # one parser for every page: lxml inspects a target's methods each time one is made
    parser = etree.HTMLParser(target=_Links(), recover=True)
    # every page links to the home page, the stylesheet, its county…: each file is looked for once
    exists: dict[str, bool] = {}
    for html_file in sorted(output.rglob("*.html")):
        page_url = _page_url(output, html_file, base_path)
        for value in page_links(html_file.read_text(encoding="utf-8"), parser):
            if not value or value.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
                continue
            parts = urlsplit(urljoin(page_url, value))
            if parts.netloc not in own_hosts:
                continue  # another site: not ours to check
            path = posixpath.normpath(unquote(parts.path)) + ("/" if parts.path.endswith("/") else "")
            checked += 1
            if base_path:
                if not (path == base_path or path.startswith(base_path + "/")):
                    broken.append(BrokenLink(html_file.relative_to(output).as_posix(), value))
                    continue
                path = path[len(base_path) :]
            if path not in exists:
                exists[path] = _file_for(output, path) is not None
            if not exists[path]:
                broken.append(BrokenLink(html_file.relative_to(output).as_posix(), value))
    return checked, broken
