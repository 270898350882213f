"""A built site's export read back as the browser reads it: every term's lists, resolved.

engine.js fetches a term's shard, then its long list's file if it has one,
and applies the patch an update left in the shard entry (update.py). Here
the same is done for every term at once, so that tests can compare an
updated export with a cold one list for list, and anyone can look into
what readers search.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from . import packs
from .bundle import EXPORT_DIR, MANIFEST
from .export import fnv1a


def load(path: Path):
    return json.loads(gzip.decompress(path.read_bytes()))


def manifest(site: Path) -> dict:
    return load(site / EXPORT_DIR / MANIFEST)


def shard_names(m: dict) -> list[str]:
    width, files = m["hash"], m["w"]["files"]
    return [f"{i}-{files[i * width:(i + 1) * width]}" for i in range(m["w"]["n"])]


def patched(base: list[list[int]], removed: list[list[int]], added: list[list[int]]) -> list[list[int]]:
    """engine.js ``patched``: per field, drop the ids in ``removed`` and merge in the entries of ``added``."""
    out_fields = []
    for flat, gone_deltas, extra in zip(base, removed, added, strict=True):
        gone, doc = set(), 0
        for delta in gone_deltas:
            doc += delta
            gone.add(doc)
        entries = {}
        for source, skip in ((flat, gone), (extra, set())):
            doc, i = 0, 0
            while i < len(source):
                doc += source[i]
                end = i + 3 + source[i + 2]
                if doc not in skip:
                    entries[doc] = source[i + 1:end]
                i = end
        out, last = [], 0
        for doc in sorted(entries):
            out += [doc - last, *entries[doc]]
            last = doc
        out_fields.append(out)
    return out_fields


def long_list(site: Path, value) -> tuple[list, list | None]:
    """A long list's file, named by its shard value: its lists (or a facet's ids), and its pack's pointer or None."""
    name = value if isinstance(value, str) else value[0]
    loaded = load(site / EXPORT_DIR / "w" / f"{name[1:]}.json.gz")
    last = loaded[-1] if loaded else None
    if isinstance(last, list) and last and isinstance(last[0], str):  # packs.py: [name, ids, weeks]
        return loaded[:-1], last
    return loaded, None


def week_name(m: dict, doc: int) -> str:
    """The name the manifest gives the week of a doc id (the hash part of its record file's name)."""
    width, week = m["hash"], doc // m["records"]["size"]
    return m["records"]["files"][week * width:(week + 1) * width]


def record_file(site: Path, m: dict, doc: int) -> Path:
    """An item's record file as engine.js names it: r/<doc id>-<its week's name>.json.gz."""
    return site / EXPORT_DIR / "r" / f"{doc}-{week_name(m, doc)}.json.gz"


def pack_members(site: Path, m: dict, pointer: list) -> dict[int, bytes]:
    """Doc id → bytes of the members of a pack that engine.js takes from it: those whose week has kept its name."""
    name, docs, weeks = pointer
    data = (site / EXPORT_DIR / packs.FOLDER / f"{name}{packs.EXT}").read_bytes()
    width = m["hash"]
    return {doc: member for i, (doc, member) in enumerate(zip(docs, packs.members(data), strict=True))
            if weeks[i * width:(i + 1) * width] == week_name(m, doc)}


def entry(site: Path, value):
    """A shard value resolved: the lists (or a facet's ids) the browser ends up with."""
    if isinstance(value, str):
        return long_list(site, value)[0]
    if value and isinstance(value[0], str):
        return patched(long_list(site, value)[0], value[1], value[2])
    return value


def raw_entries(site: Path) -> dict[str, object]:
    """Every key's shard value, unresolved, checking it is in the shard its hash names."""
    m = manifest(site)
    values = {}
    for i, name in enumerate(shard_names(m)):
        for key, value in load(site / EXPORT_DIR / "w" / f"{name}.json.gz").items():
            if fnv1a(key) % m["w"]["n"] != i:
                raise ValueError(f"{key!r} is in shard {i}, not in the one its hash names")
            values[key] = value
    return values


def terms(site: Path) -> dict[str, object]:
    """Every key (terms, and facet values as #facet:value) → what the browser reads for it."""
    return {key: entry(site, value) for key, value in raw_entries(site).items()}


def is_patched(value) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], str)
