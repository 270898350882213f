"""The search page names its term shards, so that a query's first files are asked for before the manifest is read.

A cold query used to wait for the manifest (a round trip, then unpacking)
to learn the names of the shards its terms live in. The names are also
written into the page, on the manifest's preload link, and the page's
script fetches a query's shards at once (engine.js, ``prefetch``). The
manifest stays the authority: the search itself looks files up by the
manifest's names, so a page that names other shards (a cached old page
beside a new export) costs a wasted request, never a wrong result.

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

_ATTRIBUTE = re.compile(r'(<link\b[^>]*\bid="search-manifest"[^>]*\bdata-shards=")[^"]*"')


def shard_names(manifest: dict) -> str:
    """The value of data-shards: "<count>:<hash length>:<the hashes of the shards in slot order>"."""
    return f'{manifest["w"]["n"]}:{manifest["hash"]}:{manifest["w"]["files"]}'


def name_shards(site: Path, page: Path) -> bool:
    """Fill in data-shards on ``page`` from the export in ``site``; True if the page changed.

    A page without the attribute (another theme) is left as it is. The file
    is replaced, never written into: it may be a hard link to the live site's.
    """
    if not page.is_file():
        return False
    text = page.read_text(encoding="utf-8")
    if not _ATTRIBUTE.search(text):
        return False
    manifest = json.loads(gzip.decompress((site / EXPORT_DIR / MANIFEST).read_bytes()))
    named = _ATTRIBUTE.sub(lambda m: f'{m[1]}{shard_names(manifest)}"', text, count=1)
    if named == text:
        return False
    temporary = page.with_name(f".{page.name}.tmp")
    temporary.write_text(named, encoding="utf-8")
    os.replace(temporary, page)
    return True
