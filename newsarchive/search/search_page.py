"""The search page names its term shards and fold buckets, so that a query's first files are asked for before the manifest is read.

A cold query used to wait for the manifest (a round trip, then unpacking)
to learn the names of the shards its terms live in. The names are also
written into the page, on the manifest's preload link, and the page's
script fetches a query's shards at once (engine.js, ``prefetch``). The
manifest stays the authority: the search itself looks files up by the
manifest's names, so a page that names other shards (a cached old page
beside a new export) costs a wasted request, never a wrong result.

A query with characters the fold table maps (traditional ones: analysis.js
knows which) needs those characters' fold buckets before it knows its
terms; the page names the buckets too (data-fold), so they are asked for
with the first files instead of after the shards of the unfolded terms.

The page is rendered while the search job still runs, so the names are
filled in after the job (search_index plugin, at ``finalized``).
"""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

from .bundle import EXPORT_DIR, MANIFEST

_LINK = re.compile(r'<link\b[^>]*\bid="search-manifest"[^>]*>')
_ATTRIBUTE = r'(\bdata-{}=")[^"]*"'


# page attribute → the manifest list it names: the term shards and the buckets of the fold table's Han characters
_LISTS = {"shards": "w", "fold": "fold"}


def page_list(manifest: dict, part: str) -> str:
    """A page attribute's value: "<count>:<hash length>:<the hashes of the part's files in slot order>"."""
    return f'{manifest[part]["n"]}:{manifest["hash"]}:{manifest[part]["files"]}'


def _named(link: str, manifest: dict) -> str:
    for attribute, part in _LISTS.items():
        value = page_list(manifest, part)
        link = re.sub(_ATTRIBUTE.format(attribute), lambda m: f'{m[1]}{value}"', link, count=1)
    return link


def name_files(site: Path, page: Path) -> bool:
    """Fill in data-shards and data-fold on ``page`` from the export in ``site``; True if the page changed.

    A page without the link (another theme) is left as it is, and so is an
    attribute the link lacks. The file is replaced, never written into: it
    may be a hard link to the live site's.
    """
    if not page.is_file():
        return False
    text = page.read_text(encoding="utf-8")
    if not _LINK.search(text):
        return False
    manifest = json.loads(gzip.decompress((site / EXPORT_DIR / MANIFEST).read_bytes()))
    named = _LINK.sub(lambda m: _named(m[0], manifest), text, count=1)
    if named == text:
        return False
    temporary = page.with_name(f".{page.name}.tmp")
    temporary.write_text(named, encoding="utf-8")
    os.replace(temporary, page)
    return True
