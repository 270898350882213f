"""Listing cards kept from one build to the next.

The theme renders an item's card once per build for each SITEURL (the
``card`` filter memoizes it on the item as ``_cards``). An item added at an
old date shifts every later page of each listing it joins, hundreds of
pages whose cards are all the same as the last build's: here the cards are
saved with the build's caches and given back to the items whose digest
(digest.item_digest: everything in the file, URL, status, townships) and
site digest (settings, theme, code) are unchanged, so those pages are only
assembled again, not rendered card by card.
"""

from __future__ import annotations

from markupsafe import Markup

from newsarchive import build_cache

from .digest import item_digest

CACHE_FILE = "listing-cards.pickle"


def give_back(items, settings, site: str) -> dict:
    """Put last build's cards on the unchanged items; returns what was given back and how much was kept (for save)."""
    if not settings.get("LOAD_CONTENT_CACHE", True):
        return {}
    stored = build_cache.load_entries(build_cache.folder(settings) / CACHE_FILE, site) or {}
    given = {}
    for item in items:
        digest = item_digest(item)
        kept = stored.get(digest)
        if kept:
            item.__dict__["_cards"] = {siteurl: Markup(html.decode("utf-8")) for siteurl, html in kept.items()}
            given[digest] = dict(item.__dict__["_cards"])  # the same strings: nothing more to hold
    return {"given": given, "stored": len(stored)}


def save(items, settings, site: str, loaded: dict) -> None:
    cards = {item_digest(item): item.__dict__["_cards"] for item in items if item.__dict__.get("_cards")}
    if loaded and cards == loaded["given"] and len(cards) == loaded["stored"]:
        return  # a no-op build: the file already holds this
    # Each item's cards go as UTF-8 bytes, one item at a time: a pickled str
    # keeps its UTF-8 form inside it for as long as it lives (CPython caches
    # it), and pickled whole the cards were 13 MB more at the build's end.
    build_cache.save_entries(build_cache.folder(settings) / CACHE_FILE, site, (
        (digest, {siteurl: html.encode("utf-8") for siteurl, html in kept.items()}) for digest, kept in cards.items()))
