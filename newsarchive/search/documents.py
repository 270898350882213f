"""What the index holds about an item, taken from Pelican's Article (never from rendered pages)."""

from __future__ import annotations

import hashlib
import json
import re

from . import html_text
from .items import SOURCE
from .schema import ENGINE_VERSION, SEARCH_FIELDS

_BLOCK_GAP = re.compile(r"[ \t\r\f\v]*\n\s*")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def content_digest(fields: dict) -> str:
    """A hash of everything indexed about the item but its URL, and of the rules that index it (ENGINE_VERSION).

    Taken by the worker as the item is read, before its URL is settled
    (items.read_fields); fingerprint adds the URL once it is.
    """
    content = {k: v for k, v in fields.items() if k not in ("url", SOURCE)}
    payload = json.dumps([ENGINE_VERSION, content], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def fingerprint(fields: dict, digest: str | None = None) -> str:
    """Changes when anything indexed about the item changes, or the analyzer or schema does.

    ``digest``: its content_digest, if taken already.
    """
    digest = digest or content_digest(fields)
    return hashlib.sha256(f"{fields['url']}\n{digest}".encode()).hexdigest()


def body_text(html: str) -> str:
    """The item's text, one line per paragraph: line breaks keep paragraphs from running together."""
    if not html.strip():
        return ""
    return paragraphs("\n".join(html_text.strings(html)))


def paragraphs(text: str) -> str:
    """The text's lines, spaces collapsed and trimmed, blank ones dropped."""
    lines = (_SPACES.sub(" ", line).strip() for line in _BLOCK_GAP.split(text))
    return "\n".join(line for line in lines if line)


def document(fields: dict, fp: str) -> dict:
    """The Whoosh document of an item (its HTML a str, or UTF-8 bytes as items.packed leaves it)."""
    html = fields["html"]
    text = body_text(html.decode("utf-8") if isinstance(html, bytes) else html)
    if fields.get("kicker"):
        # The line printed over the title (引题, often a column's name such as
        # 新春走基层) is found as the text's first line, as the page prints it,
        # and a card's snippet shows it there.
        text = f"{fields['kicker']}\n{text}" if text else fields["kicker"]
    # The credit first, then the authors: their positions are the field's
    # first, which is how the search page finds the words to mark in the
    # credit and the byline a card shows (results.js), from the record's own
    # credit and authors, without being told where each starts.
    meta = "\n".join([fields["credit"], *fields["authors"], fields["county"], *fields["townships"], *fields["topics"]])
    doc = {
        "url": fields["url"],
        "fingerprint": fp,
        "title": fields["title"],
        "body": text,
        "meta": meta,
        "county": fields["county"],
        "township": ",".join(fields["townships"]),
        "topic": ",".join(fields["topics"]),
        "year": fields["date"][:4],
        "date": fields["date"],
        "type": fields["type"],
        "authors": fields["authors"],
        "credit": fields["credit"],
        "text": text,
    }
    # Exact lengths in characters, for the ranking formula (see scoring.py).
    doc["lengths"] = [len(doc[f]) for f in SEARCH_FIELDS]
    return doc
