"""Stable digests of what a page is made from.

A page is skipped on the next build when the digest of everything it was
rendered from is unchanged, so a digest must change whenever the rendered
bytes could. Items are digested by their source file (every field and the
body) and by what a page shows of them that is settled elsewhere, across
all items (item_digest); lists by their members; taxonomy objects by name
and URL; paginator pages by their items and position.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path

from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper


class Undigestable(TypeError):
    """A value we cannot fingerprint: the page is rendered, never skipped."""


def source_digest(item: Content) -> str:
    # content_guard's reader records it while it has the bytes in hand
    cached = getattr(item, "source_digest", None) or getattr(item, "_source_digest", None)
    if cached is None:
        path = getattr(item, "source_path", None)
        data = Path(path).read_bytes() if path else repr(item.metadata).encode()
        cached = hashlib.sha1(data).hexdigest()
        item._source_digest = cached
    return cached


def save_as(item: Content) -> str:
    return getattr(item, "frozen_save_as", None) or item.save_as


# Where a page shows an item, it may show anything the item carries. The
# writer records which names of the context a template read (TrackingDict),
# not which attributes of an item: an item is digested whole, here, once per
# build. Recording attribute reads instead (a proxy around each item) would
# cost a replay of every recorded path on every page of a no-op build, would
# not reach the listing cards (rendered once per build and kept between
# builds under this digest, cards.py) or the feeds, which no template
# renders, and would hand templates and filters proxies where they expect
# Pelican's objects. So this digest must hold everything a page can render of
# the item: what its file says (source_digest), and what is settled outside
# it, across all items or by the settings (those are in the site digest):
# - its URL, save_as and status (a future date makes a draft);
# - the name and URL of every URLWrapper it carries (category, authors,
#   tags, townships, and any other a plugin adds): an author's or topic's
#   slug is chosen among all names (a new homophone suffixes both,
#   slugs.disambiguate), so it changes with no change to this file;
# - the targets of the links its body makes to other content ({filename},
#   {static}, {tag}…), which Pelican resolves only as the page is rendered.
# Its neighbours and related items are in item_page_digest.


def item_digest(item: Content) -> str:
    """What any page shows of an item (see above); computed once per item per build."""
    cached = getattr(item, "_item_digest", None)
    if cached is None:
        cached = hashlib.sha1(
            f"{source_digest(item)}|{item.url}|{save_as(item)}|{item.status}|{_wrappers(item)}|{_links(item)}".encode()
        ).hexdigest()
        item._item_digest = cached
    return cached


# The URL of each taxonomy object, formatted once per build: authors, topics
# and counties are one object per name (content_guard.checks.
# assign_taxonomy_slugs), but each item has its own township objects. A
# URLWrapper's URL is its URL setting (in the site digest) formatted with its
# name, slug and attributes, which for ours follow from the name; so one per
# class, name and slug. Emptied when a build begins (new_build).
_urls: dict[tuple, str] = {}


def new_build() -> None:
    _urls.clear()


def _url(wrapper: URLWrapper) -> str:
    key = (type(wrapper), wrapper.name, wrapper.slug)
    found = _urls.get(key)
    if found is None:
        found = _urls[key] = f"{type(wrapper).__name__}:{wrapper.name}>{wrapper.url}"
    return found


# Whether values of a type are URLWrappers: an item has some 35 attributes,
# and looking each one's type up here is half the cost of isinstance.
_is_wrapper: dict[type, bool] = {}


def _wrapper_type(kind: type) -> bool:
    found = _is_wrapper.get(kind)
    if found is None:
        found = _is_wrapper[kind] = issubclass(kind, URLWrapper)
    return found


def _wrappers(item: Content) -> list[str]:
    """Every taxonomy object the item carries, alone or in a list, by attribute: its name and URL.

    All attributes, not a list of known ones, so that one a plugin adds is
    covered too; at 5,000 items this is some 25 ms of a no-op build.
    """
    shown = []
    for key, value in item.__dict__.items():
        kind = type(value)
        if kind is list:
            if value and _wrapper_type(type(value[0])):
                shown.append(key + "=" + ",".join([_url(w) if isinstance(w, URLWrapper) else repr(w) for w in value]))
        elif _wrapper_type(kind):
            shown.append(key + "=" + _url(value))
    shown.sort()  # attributes are set in another order by a cached read than by a fresh one
    return shown


# Pelican's own INTRASITE_LINK_REGEX: any link it resolves has "{" or "|" in
# the body's HTML. With another setting every body is resolved for the digest.
_DEFAULT_LINK_REGEX = "[{|](?P<what>.*?)[|}]"


def _links(item: Content) -> str:
    """The body with its links to other content resolved, or "" if it has none.

    Pelican's own resolution (Content._update_content), done once more here for
    only the items whose HTML has a "{" or "|" at all: a linked item's new URL
    then changes this digest, and the page, the feeds and the cards showing
    this item are rendered again. A link to nothing gives Pelican's warning,
    which its log filter prints once.
    """
    content = getattr(item, "_content", None)
    if not content:
        return ""
    if item.settings.get("INTRASITE_LINK_REGEX") == _DEFAULT_LINK_REGEX and "{" not in content and "|" not in content:
        return ""
    resolved = item._update_content(content, "")
    return "" if resolved == content else hashlib.sha1(resolved.encode()).hexdigest()


def item_page_digest(item: Content) -> str:
    """An item's own page also shows its neighbours and related items."""
    # a neighbour's own digest covers its title, date and URL, and is computed once per build
    links = [
        item_digest(other) if other is not None else None
        for other in [getattr(item, "prev_item", None), getattr(item, "next_item", None)]
        + list(getattr(item, "related", []))
    ]
    return hashlib.sha1(f"{item_digest(item)}|{links}".encode()).hexdigest()


_SCALARS = (type(None), bool, int, float, str, bytes)


def update(h, value) -> None:
    """Feed ``value`` into hash ``h`` in a form that is the same on every run."""
    kind = type(value)
    if kind in _SCALARS:
        h.update(f"{kind.__name__}:{value!r};".encode())
    elif kind is list and value and all(isinstance(v, Content) for v in value):
        # the common case, a listing: one update for all its items
        h.update(("items:" + ",".join(item_digest(v) for v in value) + ";").encode())
    elif value is None or isinstance(value, (bool, int, float, str, bytes)):
        h.update(f"{type(value).__name__}:{value!r};".encode())
    elif isinstance(value, Content):
        h.update(f"item:{item_digest(value)};".encode())
    elif isinstance(value, URLWrapper):
        h.update(f"{_url(value)};".encode())
    elif isinstance(value, Page):
        h.update(f"page:{value.number}/{value.paginator.num_pages}/{value.paginator.count}|{value.url};".encode())
        update(h, value.object_list)
    elif isinstance(value, Paginator):
        h.update(f"paginator:{value.count}/{value.num_pages}/{value.per_page};".encode())
    elif isinstance(value, dict):
        h.update(b"{")
        for key in sorted(value, key=repr):
            update(h, key)
            update(h, value[key])
        h.update(b"}")
    elif isinstance(value, (list, tuple)):
        h.update(b"[")
        for member in value:
            update(h, member)
        h.update(b"]")
    elif isinstance(value, (set, frozenset)):
        update(h, sorted(value, key=repr))
    elif isinstance(value, (dt.datetime, dt.date)):
        h.update(f"date:{value.isoformat()};".encode())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        h.update(f"{type(value).__name__}:".encode())
        update(h, dataclasses.astuple(value))
    elif callable(value):
        h.update(f"callable:{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')};".encode())
    else:
        raise Undigestable(type(value).__name__)


def digest(value) -> str:
    h = hashlib.sha1()
    update(h, value)
    return h.hexdigest()
