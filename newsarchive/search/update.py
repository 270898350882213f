"""Bring the previous build's export up to date after a few items changed, touching only what they touch.

An item changed, added, removed, or moved to another doc id (only items of
its own week can move: docids.py) affects the posting lists of its terms,
its week's record file and the facet lists. Everything else is linked from
the previous build. A short list (in a shard) is decoded and encoded again;
a long one (a file of its own) has only the blocks holding the item's ids
rewritten: the other blocks' compressed pieces are copied as they are
(postlists.py, gzpieces.py). The result is byte for byte what export.py
writes from scratch for the same content; when the change is not local (a
new grid, another shard count, many items) ``update`` returns None and the
caller exports from scratch.
"""

from __future__ import annotations

import itertools
import json
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, field

from newsarchive.analysis.fast import postings

from . import export, gzpieces, postlists, records
from .bundle import EMPTY_SLOT, Bundle, name_of
from .docids import Grid
from .records import dumps

MAX_CHANGED_SHARE = 0.05
_NUMBER = re.compile(rb"\d")


@dataclass
class Change:
    """What happens to one term's lists: ids leaving and (id, numbers) entering, per field."""

    removed: list[set] = field(default_factory=lambda: [set() for _ in range(postlists.FIELDS)])
    added: list[dict] = field(default_factory=lambda: [{} for _ in range(postlists.FIELDS)])

    def apply(self, f: int, entries: list[tuple[int, list[int]]]) -> list[tuple[int, list[int]]]:
        kept = {doc: numbers for doc, numbers in entries if doc not in self.removed[f]}
        kept.update(self.added[f])
        return sorted(kept.items())

    def size(self) -> int:
        return sum(len(a) - len(r) for a, r in zip(self.added, self.removed, strict=True))


def term_changes(old: dict[str, tuple[int, tuple[str, ...]]], new: dict[str, tuple[int, tuple[str, ...]]]):
    """term → Change, from url → (doc id, field texts) before and after, for the affected items only."""
    changes: dict[str, Change] = defaultdict(Change)
    for (doc, texts) in old.values():
        for f, text in enumerate(texts):
            for term in postings(text):
                changes[term].removed[f].add(doc)
    for (doc, texts) in new.values():
        for f, text in enumerate(texts):
            for term, positions in postings(text).items():
                steps = [b - a for a, b in itertools.pairwise(positions)]
                changes[term].added[f][doc] = [len(text), len(positions), positions[0], *steps]
    return changes


class Shards:
    """The previous build's shards, read when first needed, and the entries changed since."""

    def __init__(self, previous: Bundle, names: str, n: int):
        self.previous, self.names, self.n = previous, names, n
        self.loaded: dict[int, dict[str, bytes]] = {}
        self.touched: set[int] = set()
        self.delta = 0  # change of the total entry bytes, which decides the shard count

    def _shard(self, key: str) -> dict[str, bytes]:
        i = export.fnv1a(key) % self.n
        if i not in self.loaded:
            name = f"{i}-{self.names[i * 8:(i + 1) * 8]}"
            data = (self.previous.previous / "w" / f"{name}.json.gz").read_bytes()
            self.loaded[i] = {k: dumps(v) for k, v in json.loads(zlib.decompress(data, 31)).items()}
        return self.loaded[i]

    def get(self, key: str) -> bytes | None:
        return self._shard(key).get(key)

    def set(self, key: str, raw: bytes | None) -> None:
        shard = self._shard(key)
        old = shard.get(key)
        if old == raw:
            return
        self.delta += (len(raw) if raw else 0) - (len(old) if old else 0)
        if raw is None:
            del shard[key]
        else:
            shard[key] = raw
        self.touched.add(export.fnv1a(key) % self.n)


def _encode_light_or_heavy(bundle: Bundle, fields: list[list], id_span: int) -> tuple[bytes | None, dict | None]:
    """(shard value, heavy state or None) of a term's complete lists; (None, None) when they are empty."""
    if not any(fields):
        return None, None
    raw = postlists.entry_text([postlists.encode(entries) for entries in fields])
    if len(raw) <= export.HEAVY_BYTES:
        return raw, None
    entries = sum(map(len, fields))
    shift = postlists.block_shift(entries, id_span)
    heavy = export.write_heavy(bundle, postlists.blocks_of(fields, shift), shift, entries)
    return dumps("@" + heavy["file"]), heavy


def _split_prefix(piece: bytes) -> tuple[bytes, bytes]:
    """(brackets and comma, list text) of a piece's raw text."""
    m = _NUMBER.search(piece)
    return (piece, b"") if m is None else (piece[:m.start()], piece[m.start():])


def _update_heavy(bundle: Bundle, meta: dict, change: Change, id_span: int):
    """(shard value, heavy state or None) after ``change``; only the blocks it touches are compressed again."""
    data = (bundle.previous / "w" / f"{meta['file']}.json.gz").read_bytes()
    raw = zlib.decompress(data, 31)
    rows = meta["blocks"]
    entries = meta["n"] + change.size()
    shift = meta["shift"]
    keys = {(r[0], r[1]) for r in rows}
    touched = {(f, doc >> shift) for f in range(postlists.FIELDS) for doc in (*change.removed[f], *change.added[f])}
    if postlists.block_shift(entries, id_span) != shift or not touched <= keys:
        return _rewrite_heavy(bundle, raw, change, id_span)  # the cut itself changes
    offsets, at = [], 0
    for r in rows:
        offsets.append(at)
        at += r[5]
    pieces = gzpieces.split(data, [r[6] for r in rows] + [meta["tail"][1]])
    texts = [raw[o:o + r[5]] for o, r in zip(offsets, rows, strict=True)] + [raw[at:]]
    new_rows = [list(r) for r in rows]
    old_last = new_last = 0
    field_now = -1
    for i, r in enumerate(rows):
        f, key, first, last, count = r[0], r[1], r[2], r[3], r[4]
        if f != field_now:
            field_now, old_last, new_last = f, 0, 0
        if (f, key) in touched:
            removed = {d for d in change.removed[f] if d >> shift == key}
            added = {d: n for d, n in change.added[f].items() if d >> shift == key}
        elif new_last != old_last:  # only the difference to the previous block's last id changes
            removed, added = set(), {}
        else:
            old_last = new_last = last
            continue
        prefix, body = _split_prefix(texts[i])
        body, first, block_last, count = postlists.splice(body, old_last, new_last, removed, added, count, last)
        if not count:
            return _rewrite_heavy(bundle, raw, change, id_span)  # a block is gone: the cut changes
        texts[i] = prefix + body
        pieces[i] = gzpieces.deflate(texts[i], postlists.LEVEL)
        new_rows[i][2:7] = [first, block_last, count, len(texts[i]), len(pieces[i])]
        old_last, new_last = last, block_last
    new_raw = b"".join(texts)
    if len(new_raw) <= export.HEAVY_BYTES:
        return _rewrite_heavy(bundle, raw, change, id_span)
    name = name_of(new_raw)
    bundle.write("w", name, ".json.gz", gzpieces.assemble(pieces, new_raw))
    heavy = {**meta, "n": entries, "blocks": new_rows, "file": name}
    return dumps("@" + name), heavy


def _rewrite_heavy(bundle: Bundle, raw: bytes, change: Change, id_span: int):
    fields = [change.apply(f, postlists.decode(text)) for f, text in enumerate(postlists.split_entry(raw))]
    return _encode_light_or_heavy(bundle, fields, id_span)


def update(bundle: Bundle, state: dict, manifest: dict, items: list[dict], fingerprints: dict[str, str],
           grid: Grid, ids: dict[str, int], old_texts, new_document):
    """The new build state, or None if this change should be exported from scratch.

    ``old_texts(url)`` gives an item's field texts as the previous build
    indexed them; ``new_document(item)`` its documents.document now.
    """
    if state.get("format") != export.FORMAT_VERSION or state.get("grid") != [grid.slots, grid.top, grid.oldest]:
        return None
    before = state["docs"]
    now = {item["url"]: item for item in items}
    removed = before.keys() - now.keys()
    added = now.keys() - before.keys()
    edited = {u for u in now.keys() & before.keys() if before[u][0] != fingerprints[u]}
    moved = {u for u in now.keys() & before.keys() if before[u][1] != ids[u]} - edited
    affected = removed | added | edited | moved
    if len(affected) > max(20, MAX_CHANGED_SHARE * len(now)):
        return None
    id_span = grid.weeks * grid.slots
    docs = {u: list(v) for u, v in before.items() if u in now}
    new_docs = {u: new_document(now[u]) for u in sorted(added | edited | moved)}
    old = {u: (before[u][1], old_texts(u)) for u in sorted(removed | edited)}
    old.update({u: (before[u][1], _texts(new_docs[u])) for u in sorted(moved)})
    new = {u: (ids[u], _texts(d)) for u, d in new_docs.items()}

    shards = Shards(bundle, manifest["w"]["files"], state["shards"])
    heavy = dict(state["heavy"])
    for term, change in sorted(term_changes(old, new).items()):
        if term in heavy:
            value, meta = _update_heavy(bundle, heavy.pop(term), change, id_span)
        else:
            raw = shards.get(term)
            fields = [[] for _ in range(postlists.FIELDS)] if raw is None else [
                postlists.decode(t) for t in postlists.split_entry(raw)]
            value, meta = _encode_light_or_heavy(bundle, [change.apply(f, e) for f, e in enumerate(fields)], id_span)
        if meta is not None:
            heavy[term] = meta
        shards.set(term, value)

    facets, facet_values = export.facet_entries(items, ids)
    for key, raw in export.place_facets(bundle, facets).items():
        shards.set(key, raw)
    for key in set(state["facets"]) - facets.keys():
        shards.set(key, None)
    light_bytes = state["light_bytes"] + shards.delta
    if export.shard_count(light_bytes) != shards.n:
        return None

    for u, d in new_docs.items():
        pieces = records.write_pieces(bundle, d["text"]) if u not in moved else before[u][3]
        docs[u] = [fingerprints[u], ids[u], d["lengths"], pieces]
    weeks_touched = {grid.chunk(before[u][1]) for u in removed | edited | moved} | {grid.chunk(ids[u]) for u in new_docs}
    old_weeks = manifest["records"]["files"]
    week_names = [old_weeks[i * 8:(i + 1) * 8] for i in range(grid.weeks)]
    pieces = {u: v[3] for u, v in docs.items()}
    weeks = export.write_weeks(bundle, grid, items, ids, pieces, only=weeks_touched, names=week_names)
    shard_names = [manifest["w"]["files"][i * 8:(i + 1) * 8] for i in range(shards.n)]
    values = {}
    for i in shards.touched:
        values.update(shards.loaded[i])
    shard_names = export.write_shards(bundle, shards.n, values, only=shards.touched, names=shard_names)

    _link_unchanged(bundle, shard_names, weeks, heavy, docs)
    ordered = sorted(docs.values(), key=lambda v: v[1])
    export.write_manifest(bundle, docs=len(docs), avg=export.averages([v[2] for v in ordered]), shards=shard_names,
                          weeks=weeks, grid=grid, menu=export.facet_menu(facet_values))
    if not affected:
        return state  # the same state: build.py keeps the previous build's file
    return {**state, "light_bytes": light_bytes, "docs": dict(sorted(docs.items())), "heavy": heavy,
            "facets": sorted(facets)}


def _texts(document: dict) -> tuple[str, str, str]:
    return document["title"], document["meta"], document["text"]


def _link_unchanged(bundle: Bundle, shards: list[str], weeks: list[str], heavy: dict, docs: dict) -> None:
    for i, name in enumerate(shards):
        bundle.reuse("w", f"{i}-{name}", ".json.gz")
    for meta in heavy.values():
        bundle.reuse("w", meta["file"], ".json.gz")
    for i, name in enumerate(weeks):
        if name != EMPTY_SLOT:
            bundle.reuse("r", f"{i}-{name}", ".json.gz")
    for _, _, _, pieces in docs.values():
        for _, name in pieces:
            bundle.reuse("t", name, ".txt.gz")
