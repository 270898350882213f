"""The search page carries the index's manifest, which a cold query would otherwise ask for first.

A query's time on a fresh page goes mostly to requests: in chromium each
one costs the browser, its network service and the page about 6 ms of
processor time, on a reader's two cores as on ours, and the page used to ask
for the manifest to learn the names of the shards its terms live in. Now,
after the search job (search_index plugin, at ``finalized``: the page is
rendered while the job still runs), the manifest is written into the page's
``<script type="application/json" id="search-manifest">``, and the page's
script searches by it at once (engine.js). It is written in again at every
build, so a page kept from the last build (page_cache) is brought up to date
too.

A page the browser kept from an earlier build carries that build's
manifest; when one of its files is gone, the script reads the manifest file
(``data-href``) and searches again (page.js): an old page costs requests,
never wrong results.

Not carried: the stylesheet. Inline, it would need its hash in the page's
Content-Security-Policy, and a host that sends the site's policy as a header
(base.html invites it to) would block it, leaving the page unstyled.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

from .bundle import EXPORT_DIR, MANIFEST

# the element the manifest is written into: its start tag, its text (the manifest, or empty), its end tag
MANIFEST_ELEMENT = re.compile(r'(<script type="application/json" id="search-manifest"[^>]*>)(.*?)(</script>)', re.DOTALL)


def manifest_text(manifest: dict) -> str:
    """The manifest as JSON that is safe inside a <script> element: no "<", so no "</script>"."""
    return json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def fill_page(site: Path, page: Path) -> bool:
    """Write the export's manifest into ``page``; True if the page changed.

    A page without the manifest element (another theme) is left as it is.
    The file is replaced, never written into: it may be a hard link to the
    live site's.
    """
    if not page.is_file():
        return False
    text = page.read_text(encoding="utf-8")
    if not MANIFEST_ELEMENT.search(text):
        return False
    carried = manifest_text(json.loads(gzip.decompress((site / EXPORT_DIR / MANIFEST).read_bytes())))
    filled = MANIFEST_ELEMENT.sub(lambda m: m[1] + carried + m[3], text, count=1)
    if filled == text:
        return False
    temporary = page.with_name(f".{page.name}.tmp")
    temporary.write_text(filled, encoding="utf-8")
    os.replace(temporary, page)
    return True
