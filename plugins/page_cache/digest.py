"""Stable digests of what a page is made from.

A page is skipped on the next build when the digest of everything it was
rendered from is unchanged, so a digest must change whenever the rendered
bytes could. Items are digested by their source file and URL (the source
holds every field and the body); lists by their members; taxonomy objects by
name and URL; paginator pages by their items and position.
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


def item_digest(item: Content) -> str:
    """What a listing shows of an item: everything in its file, and where it lives."""
    cached = getattr(item, "_item_digest", None)
    if cached is None:
        townships = [str(t) for t in getattr(item, "townships", [])]
        cached = hashlib.sha1(
            f"{source_digest(item)}|{item.url}|{save_as(item)}|{item.status}|{townships}".encode()
        ).hexdigest()
        item._item_digest = cached
    return cached


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
        h.update(f"{type(value).__name__}:{value.name}|{value.url};".encode())
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
