"""The static export of the Whoosh index that the browser searches.

Layout under search/ (every name but the manifest's holds a hash of the
file's content, so a host or CDN may cache those forever; files the manifest
lists are <slot>-<hash>, the others <hash>):

- manifest.json.gz: the ranking constants and corpus statistics, the hash
  of every shard, record chunk and fold-table part, and the facet values.
- w/<hash>.json.gz: term shards. A term lives in shard fnv1a32(term) % n;
  each entry holds, per field (title, meta, body), the documents with the
  term: doc id (delta), field length, number of positions, positions (delta).
  Facet values are entries too (#county:海宁市 → doc ids). An entry longer
  than HEAVY_BYTES is a file of its own, and the shard holds "@<hash>".
- r/<hash>.json.gz: display records, RECORD_CHUNK documents per file: URL,
  title, date, places, type, and the pieces of the text: [first position, hash].
- t/<hash>.txt.gz: a piece of an item's plain text (whole sentences, about
  PIECE_CHARS characters), fetched only to cut the snippet around a match.
- f/<hash>.json.gz: the fold table's Han characters in buckets, so that a
  query fetches only the buckets of its own characters (the non-Han part
  is in the manifest).

Doc ids are ranks in the tie-break order (newer first, then URL), so equal
scores sort by id. Everything is gzip with mtime 0 and sorted keys: the same
index gives byte-identical files.

The postings are those of the Whoosh index: the same function
(analysis.fast.postings, which the index's field format calls) applied to
the same stored texts; reading them back through Whoosh's matchers would
take minutes on a large archive. test_search_export.py compares the two.
When the index did not change, the previous build's files are reused as
hard links (they are never written to after they are made).
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import math
import os
import re
import shutil
from collections import defaultdict
from pathlib import Path

from newsarchive import gazetteer
from newsarchive.analysis.chars import is_han
from newsarchive.analysis.fast import position_count, postings
from newsarchive.analysis.fold import table as fold_table

from .schema import ENGINE_VERSION, FIELD_BOOSTS, SEARCH_FIELDS
from .scoring import K1, SCALE, B

EXPORT_DIR = Path("search")
MANIFEST = "manifest.json.gz"
RECORD_CHUNK = 4
HEAVY_BYTES = 2048
PIECE_CHARS = 160
# Pieces end after these: never inside a run of Han characters or a word, so
# positions inside a piece are its first position plus the piece's own count.
_SENTENCE_END = re.compile(r"(?<=[。！？；\n])")
FOLD_BUCKETS = 32
# A file listed in the manifest is named <slot>-<8 hex> (the slot, a shard or
# chunk number, keeps names apart; the hash only has to tell one build's
# version from the next). Any other file is named by 16 hex of its hash:
# with tens of thousands of text pieces, 8 would collide.
HASH_CHARS = 8
FREE_HASH_CHARS = 16
FACET_FIELDS = ("county", "township", "topic", "year")
EXPORTED = ("w", "r", "t", "f")


def _format_version() -> str:
    """Changes with this exporter's code or the index rules: the previous export is reusable only if equal."""
    return hashlib.sha256((ENGINE_VERSION + Path(__file__).read_text(encoding="utf-8")).encode()).hexdigest()[:16]


FORMAT_VERSION = _format_version()


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes; engine.js computes the same."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def shard_count(total_bytes: int) -> int:
    """A power of two balancing the manifest (≈4.5 compressed bytes a shard) against the shards a query loads.

    A query of three terms loads three shards of total/n bytes each (about
    0.4 × raw once compressed): 1.2·total/n + 4.5·n is least at n = √(0.27·total).
    """
    ideal = math.sqrt(0.27 * max(total_bytes, 1))
    return max(1, min(4096, 2 ** round(math.log2(max(ideal, 1)))))


def _dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


class Writer:
    """Writes content-addressed files as new files into this build's output."""

    def __init__(self, root: Path, previous: Path | None = None, level: int = 6):
        self.root = root
        self.previous = previous if previous and previous.resolve() != root.resolve() else None
        self.level = level
        self.count = 0
        self.linked = 0

    def put(self, folder: str, raw: bytes, ext: str, slot: int | None = None) -> str:
        """Write ``raw`` compressed; returns the hash part of its name (the manifest's part for a slot)."""
        digest = hashlib.sha256(raw).hexdigest()
        short = digest[:HASH_CHARS] if slot is not None else digest[:FREE_HASH_CHARS]
        name = f"{slot}-{short}" if slot is not None else short
        path = self.root / folder / f"{name}{ext}"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            earlier = self.previous / folder / f"{name}{ext}" if self.previous else None
            if earlier is not None and earlier.is_file():
                # the same content, already compressed by an earlier build
                _link_or_copy(earlier, path)
                self.linked += 1
                return short
            with open(path, "xb") as f:
                f.write(gzip.compress(raw, compresslevel=self.level, mtime=0))
            self.count += 1
        return short


def _flat_postings(entries) -> str:
    """[(doc id, length, positions)] sorted by id → one delta-coded JSON list of integers."""
    parts, last = [], 0
    for doc, length, positions in entries:
        parts.append(f"{doc - last},{length},{len(positions)},{positions[0]}")
        if len(positions) > 1:
            parts.append(",".join(map(str, [b - a for a, b in itertools.pairwise(positions)])))
        last = doc
    return "[" + ",".join(parts) + "]"


def text_pieces(text: str):
    """(first position, piece) for consecutive pieces of whole sentences, about PIECE_CHARS each."""
    pieces, current, position, start = [], "", 0, 0
    for sentence in _SENTENCE_END.split(text):
        current += sentence
        if len(current) >= PIECE_CHARS:
            pieces.append((start, current))
            position += position_count(current)
            start, current = position, ""
    if current or not pieces:
        pieces.append((start, current))
    return pieces


def _documents(reader):
    docs = [stored for _, stored in reader.iter_docs()]
    # rank order = tie-break order: date descending, then URL
    docs.sort(key=lambda d: d["url"])
    docs.sort(key=lambda d: d["date"], reverse=True)
    return docs


def _postings(docs):
    """term → [per field: [(doc id, field length, positions)]], doc ids ascending."""
    terms = {}
    for doc, stored in enumerate(docs):
        for fi, (name, length) in enumerate(zip(("title", "meta", "text"), stored["lengths"], strict=True)):
            for term, positions in postings(stored[name]).items():
                entry = terms.get(term)
                if entry is None:
                    entry = terms[term] = ([], [], [])
                entry[fi].append((doc, length, positions))
    return terms


def _facets(docs):
    values = defaultdict(lambda: defaultdict(list))
    for doc, stored in enumerate(docs):
        values["county"][stored["county"]].append(doc)
        for t in filter(None, stored["township"].split(",")):
            values["township"][t].append(doc)
        for t in filter(None, stored["topic"].split(",")):
            values["topic"][t].append(doc)
        values["year"][stored["year"]].append(doc)
    return values


def _facet_menu(values) -> dict:
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


def _delta(ids: list[int]) -> list[int]:
    out, last = [], 0
    for i in sorted(ids):
        out.append(i - last)
        last = i
    return out


def _shards(writer: Writer, folder: str, entries: dict[str, bytes]) -> dict:
    # A term with a long list gets a file of its own, and its shard names
    # that file: a query for a rare term never downloads a common one.
    entries = {
        key: (_dumps("@" + writer.put(folder, raw, ".json.gz")) if len(raw) > HEAVY_BYTES else raw)
        for key, raw in entries.items()
    }
    total = sum(len(v) for v in entries.values())
    n = shard_count(total)
    buckets = [[] for _ in range(n)]
    for key in sorted(entries):
        buckets[fnv1a(key) % n].append(key)
    names = []
    for i, keys in enumerate(buckets):
        raw = b"{" + b",".join(_dumps(k) + b":" + entries[k] for k in keys) + b"}"
        names.append(writer.put(folder, raw, ".json.gz", slot=i))
    return {"n": n, "files": "".join(names)}


def _fold_parts(writer: Writer) -> dict:
    base, buckets = {}, [{} for _ in range(FOLD_BUCKETS)]
    for source, target in fold_table().items():
        if is_han(source):
            buckets[ord(source) % FOLD_BUCKETS][source] = target
        else:
            base[source] = target

    def put(part, slot):
        keys = sorted(part)
        return writer.put("f", _dumps({"from": "".join(keys), "to": "".join(part[k] for k in keys)}), ".json.gz", slot)

    keys = sorted(base)
    # the non-Han part is needed by every query: it rides in the manifest
    return {"base": {"from": "".join(keys), "to": "".join(base[k] for k in keys)},
            "n": FOLD_BUCKETS, "files": "".join(put(b, i) for i, b in enumerate(buckets))}


def export(ix, site: Path, previous: Path | None = None) -> Writer:
    """Write the export of ``ix`` into ``site``; files equal to ones in ``previous`` (a site) are linked."""
    writer = Writer(site / EXPORT_DIR, previous / EXPORT_DIR if previous else None)
    with ix.searcher() as searcher:
        docs = _documents(searcher.reader())
    n = len(docs)
    avg = [(sum(d["lengths"][i] for d in docs) / n if n else 0.0) for i in range(len(SEARCH_FIELDS))]

    words = {}
    for text, per_field in _postings(docs).items():
        words[text] = ("[" + ",".join(_flat_postings(entries) for entries in per_field) + "]").encode()
    facet_values = _facets(docs)
    for facet in FACET_FIELDS:
        for value, ids in facet_values[facet].items():
            words[f"#{facet}:{value}"] = _dumps(_delta(ids))

    record_files = []
    for start in range(0, n, RECORD_CHUNK):
        chunk = []
        for stored in docs[start:start + RECORD_CHUNK]:
            record = {
                "u": stored["url"], "t": stored["title"], "d": stored["date"][:10],
                "c": stored["county"], "s": [t for t in stored["township"].split(",") if t],
                "y": stored["type"],
            }
            if stored["text"]:
                record["x"] = [[start, writer.put("t", piece.encode("utf-8"), ".txt.gz")]
                               for start, piece in text_pieces(stored["text"])]
            if stored["credit"]:
                record["r"] = stored["credit"]
            chunk.append(record)
        record_files.append(writer.put("r", _dumps(chunk), ".json.gz", slot=start // RECORD_CHUNK))

    manifest = {
        "engine": ENGINE_VERSION,
        "format": FORMAT_VERSION,
        "docs": n,
        "fields": list(SEARCH_FIELDS),
        "boosts": [FIELD_BOOSTS[f] for f in SEARCH_FIELDS],
        "avg": avg,
        "k1": K1, "b": B, "scale": SCALE,
        "hash": HASH_CHARS,
        "w": _shards(writer, "w", words),
        "records": {"size": RECORD_CHUNK, "files": "".join(record_files)},
        "fold": _fold_parts(writer),
        "facets": _facet_menu(facet_values),
    }
    path = site / EXPORT_DIR / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as f:
        f.write(gzip.compress(_dumps(manifest), compresslevel=9, mtime=0))
    return writer


def reuse(previous: Path, site: Path) -> bool:
    """Copy the previous build's export if it was made by this exporter (the index being unchanged)."""
    source = previous / EXPORT_DIR
    try:
        manifest = json.loads(gzip.decompress((source / MANIFEST).read_bytes()))
    except (OSError, ValueError):
        return False
    if manifest.get("format") != FORMAT_VERSION or source.resolve() == (site / EXPORT_DIR).resolve():
        return False
    for name in EXPORTED:
        if (source / name).is_dir():
            # hard links: these files are named by their content and never
            # written to again, so the live site and this build can share them
            shutil.copytree(source / name, site / EXPORT_DIR / name, copy_function=_link_or_copy)
    shutil.copyfile(source / MANIFEST, site / EXPORT_DIR / MANIFEST)
    return True


def _link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, target)
