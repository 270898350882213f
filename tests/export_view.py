"""An export as readers see it, to compare an updated build's with a cold one's."""

from __future__ import annotations

import hashlib
from pathlib import Path

from newsarchive.search import reader
from newsarchive.search.search_page import MANIFEST_ELEMENT


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def unnamed_files(site: Path) -> list[str]:
    """List files (w/) no shard names and packs (k/) no long list names: an update must leave none behind.

    Such a file reads as nothing, but it is published (a deleted item's words, say) until a later build drops it.
    """
    values = reader.raw_entries(site)
    named = {f"w/{name}.json.gz" for name in reader.shard_names(reader.manifest(site))}
    pointers = []
    for value in values.values():
        if isinstance(value, str) or reader.is_patched(value):
            named.add(f"w/{(value if isinstance(value, str) else value[0])[1:]}.json.gz")
            pointer = reader.long_list(site, value)[1]
            if pointer is not None:
                named.add(f"k/{pointer[0]}.pack")
    return sorted(k for k in tree(site / "search") if k.startswith(("w/", "k/")) and k not in named)


def readers_view(site: Path) -> dict:
    """What a browser can fetch from the export, each term's lists resolved as engine.js resolves them.

    An update leaves patches in shard entries where a cold export has none
    (update.py), so shards and the long-list files they name may differ;
    every other file is the same byte for byte (the search page but for the
    manifest it carries, search_page.py).
    """
    files = tree(site / "search")
    manifest = reader.manifest(site)
    values = reader.raw_entries(site)
    named = {f"w/{name}.json.gz" for name in reader.shard_names(manifest)}
    for value in values.values():
        if isinstance(value, str) or reader.is_patched(value):
            named.add(f"w/{(value if isinstance(value, str) else value[0])[1:]}.json.gz")
    lists = {k for k in files if k.startswith("w/")}
    assert lists == named, "every list file is named by a shard, and every name has its file"
    # A pack (packs.py) is never rewritten by an update: what a reader gets
    # from it is its members whose week kept its name, each the item's file.
    pointers = [reader.long_list(site, v)[1] for v in values.values() if isinstance(v, str) or reader.is_patched(v)]
    pointers = [p for p in pointers if p is not None]
    pack_files = {k for k in files if k.startswith("k/")}
    assert pack_files == {f"k/{p[0]}.pack" for p in pointers}, "every pack is named by a long list, and has its file"
    for pointer in pointers:
        for doc, member in reader.pack_members(site, manifest, pointer).items():
            assert member == reader.record_file(site, manifest, doc).read_bytes()
    manifest.pop("w")
    page = site / "search" / "index.html"
    if page.is_file():
        # the search page carries the manifest (search_page.py): compared without it
        text = MANIFEST_ELEMENT.sub(lambda m: m[1] + m[3], page.read_text(encoding="utf-8"))
        files["index.html"] = hashlib.sha256(text.encode()).hexdigest()
    return {
        "files": {k: v for k, v in files.items() if k not in lists | pack_files and k != "manifest.json.gz"},
        "manifest": manifest,
        "terms": reader.terms(site),
    }


def same_state(a: dict, b: dict) -> bool:
    """The items' part of two build states (the long lists' part differs while patches are pending)."""
    keys = ("format", "grid", "docs", "facets")
    return {k: a[k] for k in keys} == {k: b[k] for k in keys}


def patched_terms(site: Path) -> list[str]:
    return [k for k, v in reader.raw_entries(site).items() if reader.is_patched(v)]
