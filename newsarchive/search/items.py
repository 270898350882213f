"""An item's searchable fields as plain values, taken in the build's own process.

Kept apart from documents.py: the build's process only needs this, and must
not pay for importing Whoosh and BeautifulSoup, which the search worker uses.
"""

from __future__ import annotations


def _names(values) -> list[str]:
    return [str(v) for v in (values or [])]


def _iso(d) -> str:
    # what strftime("%Y-%m-%dT%H:%M:%S") gives, without Pelican's slow SafeDatetime.strftime
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{d.hour:02d}:{d.minute:02d}:{d.second:02d}"


def item_fields(article) -> dict:
    """The item's fields as plain values; enough to fingerprint it without parsing its HTML."""
    return {
        "url": article.url,
        "title": str(article.title),
        "html": getattr(article, "_content", "") or "",
        "date": _iso(article.date),
        "authors": _names(getattr(article, "authors", [])),
        "county": str(getattr(article, "category", "") or ""),
        "townships": _names(getattr(article, "townships", [])),
        "topics": _names(getattr(article, "tags", [])),
        "type": getattr(article, "type", "article") or "article",
        "credit": str(getattr(article, "credit", "") or ""),
    }
