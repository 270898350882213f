"""Every internal link, image, script and stylesheet of a built site resolves to a file.

Works for a site built for the root (/county/…), for a sub-path (/archive/county/…)
and with relative URLs (../../county/…): links are resolved the way a browser
would, against the page's own URL, then mapped back to a file in the output.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("iframe", "src"))


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


def check_links(output: str | Path, site_url: str = "") -> tuple[int, list[BrokenLink]]:
    """(number of links checked, broken ones). ``site_url`` is the SITEURL the site was built with."""
    output = Path(output)
    base = urlsplit(site_url)
    base_path = base.path.rstrip("/")
    own_hosts = {"site", base.netloc} if base.netloc else {"site"}
    checked = 0
    broken: list[BrokenLink] = []
    for html_file in sorted(output.rglob("*.html")):
        page_url = _page_url(output, html_file, base_path)
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "lxml")
        for tag, attr in ATTRIBUTES:
            for element in soup.find_all(tag):
                value = element.get(attr)
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
                if _file_for(output, path) is None:
                    broken.append(BrokenLink(html_file.relative_to(output).as_posix(), value))
    return checked, broken
