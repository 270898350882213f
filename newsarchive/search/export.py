"""The static export the browser searches, written from scratch (a cold build).

Layout under search/ (every name but the manifest's holds a hash of the
file's content, so a host or CDN may cache those forever):

- manifest.json.gz: the ranking constants and corpus statistics, the hash
  of every shard, record file and fold-table part, and the facet values.
- w/<slot>-<hash>.json.gz: term shards. A term lives in shard
  fnv1a32(term) % n; its entry is its posting lists (postlists.py). Facet
  values are entries too (#county:海宁市 → doc ids, delta-coded). An entry
  longer than HEAVY_BYTES is a file of its own, w/<hash>.json.gz, cut into
  independently compressed blocks, and the shard holds "@<hash>" (after an
  update, possibly ["@<hash>", removed ids, added entries]: update.py).
- r/, t/: display records and text pieces (records.py); f/: the fold
  table's Han characters in buckets (the non-Han part is in the manifest).
- k/<hash>.pack: the record files of a long list's first page of results,
  in one file, named by the pointer that ends the long list (packs.py).

Doc ids follow the tie-break order on a calendar grid (docids.py). The same
content gives byte-identical files when written here, and files that read
the same when updated in place by update.py (whose long lists may carry
patches); build.py picks one or the other.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import math
from collections import defaultdict
from pathlib import Path

import numpy as np

from newsarchive import gazetteer
from newsarchive.analysis.chars import is_han
from newsarchive.analysis.fold import table as fold_table

from . import bulk, gzpieces, packs, postlists, records
from .bundle import HASH_CHARS, MANIFEST, Bundle, name_of
from .docids import Grid
from .records import dumps
from .schema import ENGINE_VERSION, FIELD_BOOSTS, SEARCH_FIELDS
from .scoring import K1, SCALE, B
from .spare_core import Made

HEAVY_BYTES = 2048
FOLD_BUCKETS = 32
FACET_FIELDS = ("county", "township", "topic", "year")
# The terms are exported in this many slices of the sorted occurrences, so
# that the arrays of one slice, not of the whole archive, are in memory.
PARTS = 8


def _format_version() -> str:
    """Changes with the exporter's code or the index rules: a previous export is updated in place only if equal."""
    h = hashlib.sha256(ENGINE_VERSION.encode())
    here = Path(__file__).resolve().parent
    for name in ("export.py", "update.py", "postlists.py", "gzpieces.py", "records.py", "docids.py", "bundle.py",
                 "packs.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


FORMAT_VERSION = _format_version()


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes; engine.js computes the same."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def shard_count(total_bytes: int) -> int:
    """A power of two: a quarter of the count that would make a query's page load least in bytes.

    A query of three terms loads three shards of total/n bytes each (about
    0.4 × raw once compressed), and the manifest and the search page
    (search_page.py) each name every shard in about 4.5 compressed bytes:
    1.2·total/n + 9·n is least at n = √(0.133·total). But a shard is also a
    file that an update writes again, and an edit touches nearly every
    shard (an item's terms are spread over all of them), while creating a
    file costs about 1 ms when Pelican writes pages beside the job. A
    quarter as many: at 5,000 items an edit writes 66 files instead of 254,
    its export takes a third less time, and a query loads about 5 KB more
    (82.6 against 77.8 KB).
    """
    ideal = math.sqrt(0.133 * max(total_bytes, 1)) / 4
    return max(1, min(4096, 2 ** round(math.log2(max(ideal, 1)))))


def shard_raw(entries: dict[str, bytes]) -> bytes:
    return joined_shard({k: shard_entry(k, v) for k, v in entries.items()})


def shard_entry(key: str, raw: bytes) -> bytes:
    """One entry as a shard's text holds it: ``"key":value``."""
    return dumps(key) + b":" + raw


def joined_shard(entries: dict[str, bytes]) -> bytes:
    """A shard's file text from its entries, each already a shard_entry (update.Shards keeps them so)."""
    return b"{" + b",".join(entries[k] for k in sorted(entries)) + b"}"


def write_heavy(bundle: Bundle, blocks: list[postlists.Block], shift: int, entries: int,
                pack: tuple[str, list[int], bytes] | None = None) -> tuple[str, Made]:
    """A heavy term's file: its name, and the Made of its state (postlists.heavy_file's meta, and the name).

    The name is known at once, the state once the file is compressed (on
    the bundle's spare core, if it has one). ``pack``: the name, members and
    pointer of the pack of the term's first page (packs.py), if it has one;
    the state keeps ``"pack": [name, members]``.
    """
    pack_name, members, pointer = pack or (None, None, b"")
    layout = postlists.heavy_layout(blocks, pointer)
    *_, raw = layout
    name = name_of(raw)

    def make():
        made = postlists.heavy_file(blocks, shift, entries, layout=layout)
        return made.data, {**made.meta, "file": name, **({"pack": [pack_name, members]} if pack_name else {})}

    # held until made: the blocks' text, the pieces' and the whole (the same bytes three times)
    return name, bundle.write_made("w", name, ".json.gz", make, 3 * len(raw))


def facet_entries(items: list[dict], ids: dict[str, int]) -> tuple[dict[str, bytes], dict]:
    """(#facet:value → delta-coded doc ids, the values of each facet) from items.item_fields."""
    values = {f: defaultdict(list) for f in FACET_FIELDS}
    for item in items:
        doc = ids[item["url"]]
        values["county"][item["county"]].append(doc)
        for t in item["townships"]:
            values["township"][t].append(doc)
        for t in item["topics"]:
            values["topic"][t].append(doc)
        values["year"][item["date"][:4]].append(doc)
    entries = {}
    for facet, by_value in values.items():
        for value, docs in by_value.items():
            entries[f"#{facet}:{value}"] = dumps(postlists.delta_coded(docs))
    return entries, values


def facet_menu(values) -> dict:
    places = gazetteer.load()
    order = {name: i for i, name in enumerate(places.counties)}
    counties = sorted(values["county"], key=lambda c: (order.get(c, len(order)), c))
    townships = []
    for county in counties:
        names = [t.name for t in places.townships_of(county) if t.name in values["township"]] if county in order else []
        if names:
            townships.append([county, names])
    return {
        "county": counties,
        "township": townships,
        "topic": sorted(values["topic"], key=lambda t: (-len(values["topic"][t]), t)),
        "year": sorted(values["year"], reverse=True),
    }


def place_facets(bundle: Bundle, entries: dict[str, bytes]) -> dict[str, bytes]:
    """Facet lists as shard values: long ones in a file of their own."""
    return {k: (dumps("@" + bundle.put("w", raw, ".json.gz")) if len(raw) > HEAVY_BYTES else raw)
            for k, raw in entries.items()}


def write_shards(bundle: Bundle, n: int, values: dict[str, bytes], only: set[int] | None = None,
                 names: list[str] | None = None) -> list[str]:
    """Shard files of ``values`` (shard entry text by key); with ``only``, just those shards (the rest keep ``names``)."""
    buckets = defaultdict(dict)
    for key, raw in values.items():
        buckets[fnv1a(key) % n][key] = raw
    names = list(names) if names else [""] * n
    for i in range(n) if only is None else sorted(only):
        names[i] = bundle.put("w", shard_raw(buckets.get(i, {})), ".json.gz", slot=i)
    return names


@functools.cache
def fold_files() -> tuple[dict, tuple[bytes, ...]]:
    """The fold table as the browser reads it: the non-Han part, and the raw file of each bucket of Han characters.

    The same for every build of one analyzer: made once a process (the
    search worker makes it while Pelican reads, worker.warm_up).
    """
    base, buckets = {}, [{} for _ in range(FOLD_BUCKETS)]
    for source, target in fold_table().items():
        if is_han(source):
            buckets[ord(source) % FOLD_BUCKETS][source] = target
        else:
            base[source] = target

    def joined(part: dict) -> dict:
        keys = sorted(part)
        return {"from": "".join(keys), "to": "".join(part[k] for k in keys)}

    return joined(base), tuple(dumps(joined(b)) for b in buckets)


def fold_parts(bundle: Bundle) -> dict:
    base, files = fold_files()
    # the non-Han part is needed by every query: it rides in the manifest
    return {"base": base, "n": FOLD_BUCKETS,
            "files": "".join(bundle.put("f", raw, ".json.gz", slot) for slot, raw in enumerate(files))}


def write_manifest(bundle: Bundle, *, docs: int, avg: list[float], shards: list[str], weeks: list[str],
                   grid: Grid, menu: dict) -> None:
    manifest = {
        "engine": ENGINE_VERSION,
        "format": FORMAT_VERSION,
        "docs": docs,
        "ids": grid.weeks * grid.slots,  # doc ids are below this (docids.py); the browser sizes its arrays by it
        "fields": list(SEARCH_FIELDS),
        "boosts": [FIELD_BOOSTS[f] for f in SEARCH_FIELDS],
        "avg": avg,
        "k1": K1, "b": B, "scale": SCALE,
        "hash": HASH_CHARS,
        "page": packs.PAGE,  # the page shows as many results at a time as a pack holds
        "w": {"n": len(shards), "files": "".join(shards)},
        "records": {"size": grid.slots, "files": "".join(weeks)},
        "fold": fold_parts(bundle),
        "facets": menu,
    }
    bundle.root.mkdir(parents=True, exist_ok=True)
    with open(bundle.root / MANIFEST, "xb") as f:
        f.write(gzpieces.compress(dumps(manifest), 9))


def averages(lengths) -> list[float]:
    n = len(lengths)
    return [(sum(ls[i] for ls in lengths) / n if n else 0.0) for i in range(len(SEARCH_FIELDS))]


def export(bundle: Bundle, items: list[dict], documents: list[dict], pieces: dict[str, list],
           firsts: dict[str, records.First], grid: Grid, ids: dict[str, int], occ: bulk.Occurrences,
           s: bulk.Sorted) -> dict:
    """Write the whole export; ``items`` and ``documents`` in doc id order. Returns the build state (state.py).

    ``pieces``, ``firsts``: url → records.write_pieces of the item's text (the
    pieces after the first written already).
    The state's heavy entries are Made (spare_core.py), and with a spare core
    (``bundle.spare``) files may still be in the making on return: close
    the spare core, then settle(state).
    """
    id_array = np.array([ids[d["url"]] for d in documents], dtype=np.int64)
    lengths = np.array([d["lengths"] for d in documents], dtype=np.int64).reshape(-1, len(SEARCH_FIELDS))
    id_span = grid.weeks * grid.slots
    avg = averages([d["lengths"] for d in documents])
    # the weeks' names come first: a pack's pointer names its members' weeks
    by_week = week_records(grid, items, ids, pieces)
    weeks = week_names(by_week, [""] * grid.weeks)
    plan = PackPlan(avg, len(items), weeks, grid)
    values, heavy = {}, {}
    for part in bulk.parts(s, PARTS):
        lists = bulk.export_lists(part, id_array, lengths, plan.scorer)
        _write_terms(bundle, occ, lists, id_span, values, heavy, plan)
    facets, facet_values = facet_entries(items, ids)
    values.update(place_facets(bundle, facets))
    n = shard_count(sum(len(v) for v in values.values()))
    shards = write_shards(bundle, n, values)

    kept = write_week_items(bundle, by_week, weeks, firsts, weeks, keep=plan.members())
    plan.write(bundle, kept)
    write_manifest(bundle, docs=len(items), avg=avg, shards=shards, weeks=weeks, grid=grid,
                   menu=facet_menu(facet_values))
    return {
        "format": FORMAT_VERSION,
        "grid": [grid.slots, grid.top, grid.oldest],
        "shards": n,
        "light_bytes": sum(len(v) for v in values.values()),
        "docs": {d["url"]: [d["fingerprint"], ids[d["url"]], d["lengths"], pieces[d["url"]]] for d in documents},
        "heavy": heavy,
        "facets": sorted(facets),
    }


def settle(state: dict) -> dict:
    """The state of export() once its spare core is closed: each heavy term's state in place of its Made."""
    state["heavy"] = {term: made.result() for term, made in state["heavy"].items()}
    return state


class PackPlan:
    """The packs of the long lists (packs.py): each one's members, as the lists are exported, then their files."""

    def __init__(self, avg: list[float], doc_count: int, weeks: list[str], grid: Grid):
        self.avg, self.doc_count, self.weeks, self.grid = avg, doc_count, weeks, grid
        self.planned: dict[str, list[int]] = {}

    def scorer(self, fields, group_entries, counts, lengths) -> np.ndarray:
        """bulk.export_lists' scorer: each entry's score in a query of its term alone (packs.entry_scores)."""
        return packs.entry_scores(fields, group_entries, counts, lengths, self.avg, self.doc_count)

    def pack(self, lists: bulk.Lists, a: int, b: int) -> tuple[str, list[int], bytes]:
        """The name, members and pointer of the pack of the term of ``lists``' groups a…b-1."""
        lo, hi = int(lists.group_entries[a]), int(lists.group_entries[b])
        docs = packs.first_page(lists.entry_id[lo:hi], lists.entry_score[lo:hi], b - a == 1)
        name, pointer = packs.pointer(docs, [self.weeks[self.grid.chunk(doc)] for doc in docs])
        self.planned[name] = docs
        return name, docs, pointer

    def members(self) -> set[int]:
        return {doc for docs in self.planned.values() for doc in docs}

    def write(self, bundle: Bundle, kept: dict[int, Made]) -> None:
        """Each pack's file, from its members' record files (``kept``: write_week_items' Made of their bytes)."""
        for name, docs in sorted(self.planned.items()):
            if bundle.reuse(packs.FOLDER, name, packs.EXT):
                continue
            members = [kept[doc] for doc in docs]
            # Members were queued before their pack, on the spare core's one
            # thread, or made at once: queued after them whatever the budget
            # (waits), the pack never waits for them on this thread.
            bundle.write_made(packs.FOLDER, name, packs.EXT,
                              lambda members=members: (packs.pack_data([m.result() for m in members]), None),
                              0, waits=True)


def _write_terms(bundle: Bundle, occ, lists: bulk.Lists, id_span: int, values: dict, heavy: dict,
                 plan: PackPlan) -> None:
    """Shard values of the terms in ``lists``, writing the heavy ones' files (their state into ``heavy``)."""
    term_groups = bulk.boundaries(lists.codes).tolist() + [len(lists.codes)]
    for a, b in itertools.pairwise(term_groups):
        term = occ.term(int(lists.codes[a]))
        texts = [b""] * postlists.FIELDS
        for g in range(a, b):
            texts[int(lists.fields[g])] = lists.field_text(g)
        raw = postlists.entry_text(texts)
        if len(raw) <= HEAVY_BYTES:
            values[term] = raw
            continue
        entries = int(lists.group_entries[b] - lists.group_entries[a])
        shift = postlists.block_shift(entries, id_span)
        blocks = []
        for g in range(a, b):
            lo, hi = int(lists.group_entries[g]), int(lists.group_entries[g + 1])
            cuts = [lo, *(lo + np.flatnonzero(np.diff(lists.entry_id[lo:hi] >> shift)) + 1).tolist(), hi]
            for x, y in itertools.pairwise(cuts):
                first, last = int(lists.entry_id[x]), int(lists.entry_id[y - 1])
                blocks.append(postlists.Block(int(lists.fields[g]), first >> shift, first, last, y - x,
                                              lists.entries_text(x, y)))
        name, heavy[term] = write_heavy(bundle, blocks, shift, entries, plan.pack(lists, a, b))
        values[term] = dumps("@" + name)


def week_records(grid: Grid, items: list[dict], ids: dict[str, int], pieces: dict[str, list],
                 only: set[int] | None = None) -> dict[int, list[tuple[int, dict, bytes]]]:
    """Week → its items in id order, as (doc id, item, its record dumped): every week of the grid, or those in ``only``."""
    by_week = defaultdict(list)
    for item in items:
        doc = ids[item["url"]]
        if only is None or grid.chunk(doc) in only:
            by_week[grid.chunk(doc)].append((doc, item))
    return {week: [(doc, item, records.dumps(records.record(item, pieces[item["url"]])))
                   for doc, item in sorted(by_week.get(week, []), key=lambda x: x[0])]
            for week in (range(grid.weeks) if only is None else sorted(only))}


def week_names(by_week: dict[int, list], names: list[str]) -> list[str]:
    """``names`` with the weeks of ``by_week`` (week_records) named anew (records.week_name)."""
    names = list(names)
    for week, rows in by_week.items():
        names[week] = records.week_name(week, [dumped for *_, dumped in rows])
    return names


def write_weeks(bundle: Bundle, grid: Grid, items: list[dict], ids: dict[str, int], pieces: dict[str, list],
                firsts: dict[str, records.First], only: set[int] | None = None,
                names: list[str] | None = None, old_ids: dict[str, int] | None = None) -> list[str] | None:
    """The name of every week of the grid, and the record file of each of its items (records.write_item).

    With ``only``, the weeks in it; the rest keep ``names``. An item
    without its first piece in ``firsts`` (unchanged, in an update) keeps
    the file the last build made it, renamed for its week's new name and
    its doc id (``old_ids``: url → the id it had, if it moved within its
    week); None if that file is gone.
    """
    by_week = week_records(grid, items, ids, pieces, only)
    old = list(names) if names else [""] * grid.weeks
    new = week_names(by_week, old)
    return new if write_week_items(bundle, by_week, new, firsts, old, old_ids) is not None else None


def write_week_items(bundle: Bundle, by_week: dict[int, list], names: list[str], firsts: dict[str, records.First],
                     old_names: list[str], old_ids: dict[str, int] | None = None,
                     keep: set[int] = frozenset()) -> dict[int, Made] | None:
    """The record file of each item of ``by_week`` (week_records) under its week's name; see write_weeks.

    Returns the Made of the files' bytes of the items in ``keep``, or None
    if the file an unchanged item should keep is gone.
    """
    old_ids = old_ids or {}
    kept = {}
    for week, rows in by_week.items():
        for doc, item, dumped in rows:
            first = firsts.get(item["url"])
            if first is not None:
                made = records.write_item(bundle, doc, names[week], dumped, first, keep=doc in keep)
                if doc in keep:
                    kept[doc] = made
            elif not bundle.relink("r", records.item_file(old_ids.get(item["url"], doc), old_names[week]),
                                   records.item_file(doc, names[week]), ".json.gz"):
                return None
    return kept
