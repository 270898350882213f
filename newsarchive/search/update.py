"""Bring the previous build's export up to date after a few items changed, touching only what they touch.

An item changed, added, removed, or moved to another doc id (only items of
its own week can move: docids.py) affects the posting lists of its terms,
its week's record file and the facet lists. Everything else is linked from
the previous build. A short list (in a shard) is decoded and encoded again.

A long list (a file of its own) is left as it is, and what changed in it
rides in the term's shard entry as a patch (``Change.patch_text``): an item
has about a thousand terms with long lists at 5,000 items, and writing a
new file for each was most of an edit's re-index time. A patch that
outgrows its term's limit is folded into a new file while the next build
reads its content (``fold_early``), or by the job past twice the limit,
or at once when an item is deleted (its words leave every file then);
only the blocks holding the changed ids are rewritten, the other blocks'
compressed pieces copied as they are (postlists.py, gzpieces.py), and the
file is byte for byte what export.py writes from scratch. Every list reads as the cold export's
(reader.py decodes both ways); when the change is not local (a new grid,
another shard count, many items) ``update`` returns None and the caller
exports from scratch.
"""

from __future__ import annotations

import itertools
import json
import re
import zlib
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from newsarchive.analysis.fast import postings

from . import export, gzpieces, packs, postlists, records
from .bundle import EMPTY_SLOT, Bundle, name_of, slot_hash, slot_hashes
from .docids import Grid
from .records import dumps

MAX_CHANGED_SHARE = 0.05
_NUMBER = re.compile(rb"\d")
# A patch is folded into its list's file once its text passes
# PATCH_BYTES + (a hash of the term) % PATCH_SPREAD (fold_early; the job
# itself folds past twice that). The terms of one item
# are mostly the same common ones every time; with one limit for all, their
# patches would all be folded by the same update, which would cost as much
# as rewriting every file did. The limits keep each shard within a few
# kilobytes of its cold size, whatever the number of updates.
PATCH_BYTES = 64
PATCH_SPREAD = 192


SHARD_WRITERS = 4


def patch_limit(term: str) -> int:
    """Past this, a patch is folded while the next build reads its content (fold_early)."""
    return PATCH_BYTES + zlib.crc32(term.encode("utf-8")) % PATCH_SPREAD


def fold_limit(term: str) -> int:
    """Past this, the job folds a patch itself: without the early folding (no second process, or an
    update that added much to one list) patches stay bounded all the same."""
    return 2 * patch_limit(term)


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

    def then(self, later: Change) -> Change:
        """This change and then ``later``, as one change of the lists before both.

        ``removed`` stays exact (ids the lists before had): an id ``later``
        removes that only this change had added was never in them.
        """
        out = Change([set(r) for r in self.removed], [dict(a) for a in self.added])
        for f in range(postlists.FIELDS):
            for doc in later.removed[f]:
                if out.added[f].pop(doc, None) is None:
                    out.removed[f].add(doc)
            out.added[f].update(later.added[f])
        return out

    def patch_text(self, file: str) -> bytes:
        """A long list's shard entry with this change pending: ``["@file",[[removed ids]…],[[entries]…]]``.

        Ids are delta-coded like a list's; engine.js and reader.py apply it.
        """
        removed = b",".join(dumps(postlists.delta_coded(ids)) for ids in self.removed)
        added = postlists.entry_text([postlists.encode(sorted(a.items())) for a in self.added])
        return b'["@' + file.encode() + b'",[' + removed + b"]," + added + b"]"


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
    """The previous build's shards, read when first needed, and the entries changed since.

    Each entry is kept as the bytes the shard has for it, ``"key":value``
    (export.shard_entry; the shard is canonical compact JSON, keys sorted),
    so a touched shard is joined again from them and only a changed entry
    is encoded.
    Reading a shard so costs a parse and an encoding of each entry, which
    the shards read while Pelican reads (read_all) pay off the job's path:
    the job's gets, sets and writes of an edit took 40 ms when every
    touched shard was encoded whole, 4 ms so.
    """

    def __init__(self, previous: Bundle, names: str, n: int, read: ReadShards | None = None):
        self.previous, self.names, self.n = previous, names, n
        # shards read while the content was read (prepare.CarriedOver), if they are these
        usable = read is not None and read.names == names and read.n == n
        self.loaded: dict[int, dict[str, bytes]] = dict(read.loaded) if usable else {}
        self.touched: set[int] = set()
        self.delta = 0  # change of the total entry bytes, which decides the shard count

    def _read(self, i: int) -> dict[str, bytes]:
        name = f"{i}-{slot_hash(self.names, i)}"
        data = (self.previous.previous / "w" / f"{name}.json.gz").read_bytes()
        return {key: export.shard_entry(key, dumps(value)) for key, value in json.loads(zlib.decompress(data, 31)).items()}

    def _shard(self, key: str) -> dict[str, bytes]:
        i = export.fnv1a(key) % self.n
        if i not in self.loaded:
            self.loaded[i] = self._read(i)
        return self.loaded[i]

    def read_all(self) -> ReadShards:
        """Every shard, parsed. An edit touches terms in nearly all of them; read while Pelican reads, they cost the job nothing."""
        for i in range(self.n):
            if i not in self.loaded:
                self.loaded[i] = self._read(i)
        return ReadShards(self.names, self.n, self.loaded)

    def get(self, key: str) -> bytes | None:
        entry = self._shard(key).get(key)
        return None if entry is None else entry[len(export.shard_entry(key, b"")):]

    def set(self, key: str, raw: bytes | None) -> None:
        shard = self._shard(key)
        old = self.get(key)
        if old == raw:
            return
        self.delta += _counted(raw) - _counted(old)
        if raw is None:
            del shard[key]
        else:
            shard[key] = export.shard_entry(key, raw)
        self.touched.add(export.fnv1a(key) % self.n)

    def write(self, bundle: Bundle, names: list[str]) -> list[str]:
        """The shard names after writing the touched shards (the others keep ``names``)."""
        names = list(names)
        touched = sorted(self.touched)
        # An edit touches nearly every shard. Their files are compressed and
        # created a few at a time: zlib and the file system calls let go of
        # the interpreter lock, and creating a file waits on the file
        # system's journal while Pelican writes pages beside the job (in
        # alternating edit builds, 0.13 s for 64 shards one at a time, 0.09 s
        # four at a time, medians).
        with ThreadPoolExecutor(max_workers=SHARD_WRITERS) as pool:
            made = pool.map(lambda i: bundle.put("w", export.joined_shard(self.loaded[i]), ".json.gz", slot=i), touched)
            for i, name in zip(touched, made, strict=True):
                names[i] = name
        return names


@dataclass(frozen=True)
class ReadShards:
    """The previous export's shards as Shards.read_all left them: the job's Shards starts from these if the names match.

    Used once: the job's Shards changes the entries in place.
    """

    names: str
    n: int
    loaded: dict[int, dict[str, bytes]]


def _counted(raw: bytes | None) -> int:
    """An entry's bytes as the shard count reckons them: a patched list as its file's name alone.

    The cold export, which decides the count first, has no patches; an
    update that changed the count would be exported from scratch.
    """
    if not raw:
        return 0
    if raw.startswith(b'["@'):
        return raw.index(b'",')  # the length of '"@name"'
    return len(raw)


def _encode_light_or_heavy(bundle: Bundle, fields: list[list], id_span: int) -> tuple[bytes | None, dict | None]:
    """(shard value, heavy state or None) of a term's complete lists; (None, None) when they are empty."""
    if not any(fields):
        return None, None
    raw = postlists.entry_text([postlists.encode(entries) for entries in fields])
    if len(raw) <= export.HEAVY_BYTES:
        return raw, None
    entries = sum(map(len, fields))
    shift = postlists.block_shift(entries, id_span)
    name, heavy = export.write_heavy(bundle, postlists.blocks_of(fields, shift), shift, entries)
    return dumps("@" + name), heavy.result()


def _split_prefix(piece: bytes) -> tuple[bytes, bytes]:
    """(brackets and comma, list text) of a piece's raw text."""
    m = _NUMBER.search(piece)
    return (piece, b"") if m is None else (piece[:m.start()], piece[m.start():])


def _update_heavy(bundle: Bundle, meta: dict, change: Change, id_span: int):
    """(shard value, heavy state or None) after ``change``; only the blocks it touches are compressed again."""
    data = bundle.read("w", meta["file"], ".json.gz")
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


def _without_pack(bundle: Bundle, meta: dict) -> tuple[bytes, dict]:
    """(shard value, heavy state) of a long list whose pack holds an item changed or gone: its file without the pointer.

    Nothing names the pack then, and it goes with the previous build: a
    deleted item's text, or an edited item's old text, must not stay
    published in it. Only the file's closing piece, which holds the
    pointer, is compressed again.
    """
    data = bundle.read("w", meta["file"], ".json.gz")
    raw = zlib.decompress(data, 31)
    rows = meta["blocks"]
    pieces = gzpieces.split(data, [r[6] for r in rows] + [meta["tail"][1]])
    at = sum(r[5] for r in rows)
    tail = raw[at:]
    tail = tail[:tail.index(postlists.POINTER) + 1] + b"]"
    pieces[-1] = gzpieces.deflate(tail, postlists.LEVEL)
    new_raw = raw[:at] + tail
    name = name_of(new_raw)
    bundle.write("w", name, ".json.gz", gzpieces.assemble(pieces, new_raw))
    out = {k: v for k, v in meta.items() if k != "pack"} | {"file": name, "tail": [len(tail), len(pieces[-1])]}
    return (out["patch"].patch_text(name) if "patch" in out else dumps("@" + name)), out


def _drop_packs(bundle: Bundle, shards: Shards, heavy: dict, changed: set[int]) -> None:
    """Take the pointer out of each long list whose pack holds one of the ``changed`` doc ids (_without_pack).

    Done last, so that a list is written once more at most. The file it
    replaces goes unless another list names it, whoever made it: this
    update, fold_early, or the previous build. The previous build's file
    may be claimed too: a list rewritten at once (an item gone, _patch_heavy)
    can come out byte for byte as it was, as when an item is renamed (a new
    URL, the same doc id and words), and writing it claims the name.
    """
    replaced = set()
    for term, meta in sorted(heavy.items()):
        if "pack" in meta and changed.intersection(meta["pack"][1]):
            value, heavy[term] = _without_pack(bundle, meta)
            shards.set(term, value)
            replaced.add(meta["file"])
    for name in replaced - {meta["file"] for meta in heavy.values()}:
        bundle.discard("w", name, ".json.gz")


def _patch_bytes(text: bytes, file: str) -> int:
    return len(text) - len(file) - 3  # all but '"@<file>"'


def patch_size(meta: dict) -> int:
    """The bytes a long list's pending patch adds to its shard entry."""
    return _patch_bytes(meta["patch"].patch_text(meta["file"]), meta["file"]) if "patch" in meta else 0


def _patch_heavy(bundle: Bundle, term: str, meta: dict, change: Change, id_span: int, deleted: set[int]):
    """(shard value, heavy state) of a long list after ``change``: patched, or its file rewritten.

    Rewritten at once, whatever the patch's size, when the change takes out
    an item that is gone (``deleted``: the ids of removed items): a patch
    hides its entries from searches, but the file would still hold them, and
    the positions of an item's words are its text. Also when nothing is left
    of the list, so that the term goes, as in a cold export.
    """
    pending = meta["patch"].then(change) if "patch" in meta else change
    base = {k: v for k, v in meta.items() if k != "patch"}
    text = pending.patch_text(meta["file"])
    purge = any(ids & deleted for ids in change.removed)
    if not purge and base["n"] + pending.size() > 0 and _patch_bytes(text, meta["file"]) <= fold_limit(term):
        return text, {**base, "patch": pending}
    return _update_heavy(bundle, base, pending, id_span)


def fold_early(bundle: Bundle, state: dict) -> dict[str, tuple[bytes | None, dict | None]]:
    """Fold each patch past its term's limit into a new file: term → (shard value, heavy state or None).

    prepare.CarriedOver calls this while Pelican reads the content, when the
    second core has nothing else to do: the job itself then only patches,
    and folds nothing in most updates (each fold reads, splices and writes a
    list file, and a series of edits left dozens per update to fold). The
    new files are written into ``bundle``, the build's own export folder;
    ``update`` uses them only if something changed (a no-op rebuild changes
    nothing), and the files it does not use are dropped with the other
    linked files it does not claim.
    """
    grid = Grid(*state["grid"])
    id_span = grid.weeks * grid.slots
    heavy, folded = state["heavy"], {}
    for term in sorted(t for t, meta in heavy.items() if patch_size(meta) > patch_limit(t)):
        meta = heavy[term]
        folded[term] = _update_heavy(bundle, {k: v for k, v in meta.items() if k != "patch"}, meta["patch"], id_span)
    return folded


def _rewrite_heavy(bundle: Bundle, raw: bytes, change: Change, id_span: int):
    fields = [change.apply(f, postlists.decode(text)) for f, text in enumerate(postlists.split_entry(raw))]
    return _encode_light_or_heavy(bundle, fields, id_span)


def update(bundle: Bundle, state: dict, manifest: dict, items: list[dict], fingerprints: dict[str, str],
           grid: Grid, ids: dict[str, int], old_texts, new_document, folded: dict | None = None,
           read_shards: ReadShards | None = None):
    """The new build state, or None if this change should be exported from scratch.

    ``old_texts(url)`` gives an item's field texts as the previous build
    indexed them; ``new_document(item)`` its documents.document now.
    ``folded``: what fold_early did while the content was read, and
    ``read_shards`` the shards read then (the job's Shards starts from them).
    """
    if state.get("format") != export.FORMAT_VERSION or state.get("grid") != [grid.slots, grid.top, grid.oldest]:
        return None
    before = state["docs"]
    now = {item["url"]: item for item in items}
    removed = before.keys() - now.keys()
    deleted = {before[u][1] for u in removed}
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

    shards = Shards(bundle, manifest["w"]["files"], state["shards"], read_shards)
    heavy = dict(state["heavy"])
    folded = (folded or {}) if affected else {}
    for term, (value, meta) in sorted(folded.items()):
        if meta is None:
            del heavy[term]  # short enough now to live in its shard
        else:
            heavy[term] = meta
        shards.set(term, value)
    for term, change in sorted(term_changes(old, new).items()):
        if term in heavy:
            value, meta = _patch_heavy(bundle, term, heavy.pop(term), change, id_span, deleted)
        else:
            raw = shards.get(term)
            fields = [[] for _ in range(postlists.FIELDS)] if raw is None else [
                postlists.decode(t) for t in postlists.split_entry(raw)]
            value, meta = _encode_light_or_heavy(bundle, [change.apply(f, e) for f, e in enumerate(fields)], id_span)
        if meta is not None:
            heavy[term] = meta
        shards.set(term, value)
    _drop_packs(bundle, shards, heavy, {before[u][1] for u in removed | edited | moved})

    facets, facet_values = export.facet_entries(items, ids)
    for key, raw in export.place_facets(bundle, facets).items():
        shards.set(key, raw)
    for key in set(state["facets"]) - facets.keys():
        shards.set(key, None)
    light_bytes = state["light_bytes"] + shards.delta
    if export.shard_count(light_bytes) != shards.n:
        return None

    firsts = {}
    for u, d in new_docs.items():
        if u in moved:  # the same text and record: its files are there, the record file under its old id
            pieces = before[u][3]
        else:
            pieces, firsts[u] = records.write_pieces(bundle, d["text"])
        docs[u] = [fingerprints[u], ids[u], d["lengths"], pieces]
    weeks_touched = {grid.chunk(before[u][1]) for u in removed | edited | moved} | {grid.chunk(ids[u]) for u in new_docs}
    week_names = slot_hashes(manifest["records"]["files"], grid.weeks)
    pieces = {u: v[3] for u, v in docs.items()}
    weeks = export.write_weeks(bundle, grid, items, ids, pieces, firsts, only=weeks_touched, names=week_names,
                               old_ids={u: before[u][1] for u in moved})
    if weeks is None:
        return None  # a record file of the last build is gone: export from scratch
    shard_names = slot_hashes(manifest["w"]["files"], shards.n)
    shard_names = shards.write(bundle, shard_names)

    _link_unchanged(bundle, shard_names, weeks, weeks_touched, grid, heavy, docs)
    ordered = sorted(docs.values(), key=lambda v: v[1])
    export.write_manifest(bundle, docs=len(docs), avg=export.averages([v[2] for v in ordered]), shards=shard_names,
                          weeks=weeks, grid=grid, menu=export.facet_menu(facet_values))
    if not affected and not folded:
        return state  # the same state: build.py keeps the previous build's file
    return {**state, "light_bytes": light_bytes, "docs": dict(sorted(docs.items())), "heavy": heavy,
            "facets": sorted(facets)}


def _texts(document: dict) -> tuple[str, str, str]:
    return document["title"], document["meta"], document["text"]


def _link_unchanged(bundle: Bundle, shards: list[str], weeks: list[str], touched: set[int], grid: Grid,
                    heavy: dict, docs: dict) -> None:
    for i, name in enumerate(shards):
        bundle.reuse("w", f"{i}-{name}", ".json.gz")
    for meta in heavy.values():
        bundle.reuse("w", meta["file"], ".json.gz")
        if "pack" in meta:  # never rewritten: the browser checks each member's week (packs.py)
            bundle.reuse(packs.FOLDER, meta["pack"][0], packs.EXT)
    for _, doc, _, pieces in docs.values():
        week = grid.chunk(doc)
        if week not in touched:
            bundle.reuse("r", records.item_file(doc, weeks[week]), ".json.gz")
        for name in records.written_pieces(pieces):
            bundle.reuse("t", name, ".txt.gz")
