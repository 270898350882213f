"""An item's searchable fields as plain values, taken in the build's own process.

Kept apart from documents.py: the build's process only needs this, and must
not pay for importing Whoosh and BeautifulSoup, which the search worker uses.

A build hands each item over twice: as it is read (read_fields, for the
work the worker does early: a cold build's per-item work, a rebuild's
content digests) and once every item is read (item_fields, for the job).
The first time its URL is not asked for: Pelican makes it from a fresh
copy of the metadata (Content.url_format), 60 µs an item on the build's
own thread, and it may still change. The second time, an item nothing
changed since is handed back as a stub, {url, source}: its HTML is not
pickled and sent again (handed_back).
"""

from __future__ import annotations


def _names(values) -> list[str]:
    return [str(v) for v in (values or [])]


def _iso(d) -> str:
    # what strftime("%Y-%m-%dT%H:%M:%S") gives, without Pelican's slow SafeDatetime.strftime
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{d.hour:02d}:{d.minute:02d}:{d.second:02d}"


def _content(article) -> dict:
    return {
        "title": str(article.title),
        "html": getattr(article, "_content", "") or "",
        "date": _iso(article.date),
        "authors": _names(getattr(article, "authors", [])),
        "county": str(getattr(article, "category", "") or ""),
        "townships": _names(getattr(article, "townships", [])),
        "topics": _names(getattr(article, "tags", [])),
        "type": getattr(article, "type", "article") or "article",
        "credit": str(getattr(article, "credit", "") or ""),
        # only when there is one: an item without keeps its fields, and its digest, as before
        **({"kicker": kicker} if (kicker := str(getattr(article, "kicker", "") or "")) else {}),
    }


def item_fields(article) -> dict:
    """The item's fields as plain values; enough to fingerprint it without parsing its HTML."""
    return {"url": article.url, **_content(article)}


# Where an item was read from: what ties a stub (handed_back) to the fields read
# early. Never indexed, and not part of the item's fingerprint.
SOURCE = "source"


def read_fields(article) -> dict:
    """item_fields as soon as the item is read: without its URL, with its source file."""
    return {**_content(article), SOURCE: article.source_path}


def is_stub(item: dict) -> bool:
    return "title" not in item


def handed_back(fields: dict, source: str, read: dict[str, dict]) -> dict:
    """The job's item: ``fields`` (item_fields), or a stub {url, source} if they are what was read from ``source``.

    ``read``: source → read_fields of the items handed over while reading.
    The HTML is usually the very string read (compared by identity first);
    anything a plugin changed since sends the item whole, and the worker
    takes it as it is now.
    """
    early = read.get(source)
    if early is None or any(early[k] != v for k, v in fields.items() if k != "url"):
        return fields
    return {"url": fields["url"], SOURCE: source}


def packed(items: list[dict]) -> list[dict]:
    """The items for the trip to the worker, each HTML as UTF-8 bytes (unpacked there).

    Pickling a str makes CPython keep its UTF-8 form inside it for as long
    as it lives, and these are the articles' own strings, which Pelican
    keeps to the end of the build: 12 MB more at 5,000 items.
    """
    return [{**item, "html": item["html"].encode("utf-8")} if "html" in item else item for item in items]


def unpacked(items: list[dict]) -> list[dict]:
    """``packed`` undone, in place (items not packed pass as they are)."""
    for item in items:
        if isinstance(item.get("html"), bytes):
            item["html"] = item["html"].decode("utf-8")
    return items
