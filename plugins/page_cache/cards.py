"""Listing cards kept from one build to the next.

The theme renders an item's card once per build, with a mark where each
page puts its SITEURL (the ``card`` filter memoizes it on the item, under
theme_filters.CARD). An item added at an old date shifts every later page
of each listing it joins, hundreds of pages whose cards are all the same
as the last build's: here the cards are saved with the build's caches and
given back to the items whose digest (digest.item_digest: everything in
the file, URL, status, the names and URLs of its county, townships, authors
and topics) and site digest (settings, theme, code)
are unchanged, so those pages are only assembled again, not rendered card
by card.
"""

from __future__ import annotations

from newsarchive import build_cache
from newsarchive.theme_filters import CARD, RENDERED

from .digest import item_digest

CACHE_FILE = "listing-cards.pickle"


def give_back(items, settings, site: str) -> dict:
    """Put last build's cards on the unchanged items; returns which items the file held (for save)."""
    if not settings.get("LOAD_CONTENT_CACHE", True):
        return {}
    stored = build_cache.load_entries(build_cache.folder(settings) / CACHE_FILE, site) or {}
    for item in items:
        kept = stored.get(item_digest(item))
        if isinstance(kept, bytes):
            # UTF-8 bytes until a page shows the card (theme_filters.card): a
            # no-op build shows none, and an add a few hundred of them
            item.__dict__[CARD] = kept
    return {"digests": set(stored)}


def save(items, settings, site: str, loaded: dict) -> None:
    cards = {item_digest(item): item.__dict__[CARD] for item in items if item.__dict__.get(CARD)}
    if loaded and cards.keys() == loaded["digests"] and not any(item.__dict__.get(RENDERED) for item in items):
        return  # a no-op build: the file already holds this
    # As UTF-8 bytes, a chunk of items at a time: a pickled str keeps its
    # UTF-8 form inside it for as long as it lives (CPython caches it), and
    # pickled whole the cards were 13 MB more at the build's end.
    build_cache.save_entries(build_cache.folder(settings) / CACHE_FILE, site, (
        (digest, html if isinstance(html, bytes) else html.encode("utf-8")) for digest, html in cards.items()))
