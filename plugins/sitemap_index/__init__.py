"""sitemap_index: a sitemap search engines accept at any size of the archive.

The sitemap protocol allows 50,000 URLs and 50 MB in one file, and
pelican-sitemap writes every page into sitemap.xml. The archive writes about
1.6 pages an item, so past some 31,000 items (a few years of a county
paper) the one file broke the limit, and search engines refuse such a
sitemap. Past SITEMAP_MAX_URLS (the protocol's 50,000), its entries go, in
their order, into sitemap-1.xml, sitemap-2.xml, … and sitemap.xml becomes
the sitemap index naming them (https://www.sitemaps.org/protocol.html#index),
so the address a host gave search engines stays the same.

Signal: finalized, after pelican.plugins.sitemap (listed after it in
PLUGINS) and before atomic_publish swaps the site in.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from xml.sax.saxutils import escape

from pelican import signals

# sitemaps.org: "no more than 50,000 URLs and must not exceed 50MB (52,428,800 bytes)"
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024

# pelican-sitemap's entry template (XML_URL) starts with "\n<url>\n" and ends with "</url>\n"
_ENTRY = re.compile(r"\n<url>\n.*?</url>\n", re.S)
_LASTMOD = re.compile(r"<lastmod>([^<]+)</lastmod>")

INDEX_HEADER = """<?xml version="1.0" encoding="utf-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
"""
INDEX_FOOTER = "</sitemapindex>\n"


def _parts(entries: list[str], fixed: int, max_urls: int, max_bytes: int) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    size = fixed
    for entry in entries:
        length = len(entry.encode("utf-8"))
        if parts[-1] and (len(parts[-1]) >= max_urls or size + length > max_bytes):
            parts.append([])
            size = fixed
        parts[-1].append(entry)
        size += length
    return parts


def _newest(entries: list[str]) -> str | None:
    dates = [m.group(1) for e in entries for m in _LASTMOD.finditer(e)]
    return max(dates, key=dt.datetime.fromisoformat) if dates else None


def split_sitemap(pelican) -> None:
    settings = pelican.settings
    if settings.get("SITEMAP", {}).get("format", "xml") != "xml":
        return
    path = os.path.join(pelican.output_path, "sitemap.xml")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        return
    max_urls = int(settings.get("SITEMAP_MAX_URLS", MAX_URLS))
    if text.count("\n<url>\n") <= max_urls and len(text.encode("utf-8")) <= MAX_BYTES:
        return
    matches = list(_ENTRY.finditer(text))
    header, footer = text[: matches[0].start()], text[matches[-1].end():]
    fixed = len((header + footer).encode("utf-8"))
    parts = _parts([m.group(0) for m in matches], fixed, max_urls, MAX_BYTES)
    index = [INDEX_HEADER]
    for number, entries in enumerate(parts, 1):
        name = f"sitemap-{number}.xml"
        with open(os.path.join(pelican.output_path, name), "w", encoding="utf-8") as f:
            f.write(header + "".join(entries) + footer)
        newest = _newest(entries)
        lastmod = f"<lastmod>{newest}</lastmod>\n" if newest else ""
        index.append(f"<sitemap>\n<loc>{escape(settings['SITEURL'])}/{name}</loc>\n{lastmod}</sitemap>\n")
    index.append(INDEX_FOOTER)
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(index))


def register():
    signals.finalized.connect(split_sitemap)
