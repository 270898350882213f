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

from newsarchive import build_cache

from .digest import item_digest

CACHE_FILE = "listing-cards.pickle"


def give_back(items, settings, site: str) -> dict:
    """Put last build's cards on the unchanged items; returns what was loaded (to tell if saving is needed)."""
    if not settings.get("LOAD_CONTENT_CACHE", True):
        return {}
    cards = build_cache.load(build_cache.folder(settings) / CACHE_FILE, site) or {}
    for item in items:
        kept = cards.get(item_digest(item))
        if kept:
            item.__dict__["_cards"] = dict(kept)
    return cards


def save(items, settings, site: str, loaded: dict) -> None:
    cards = {item_digest(item): item.__dict__["_cards"] for item in items if item.__dict__.get("_cards")}
    if cards != loaded:  # else a no-op build: the file already holds this
        build_cache.save(build_cache.folder(settings) / CACHE_FILE, site, cards)
