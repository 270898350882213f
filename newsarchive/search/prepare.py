"""Search work done while Pelican is still reading: a cold build's per-item work, a rebuild's carry-over.

The job of a cold build could only start once every item was read, and it
then outlasted Pelican's page writing by seconds, while the second core had
sat idle through the reading. Part of the job needs one item and nothing
else: its document (the text out of its HTML), its runs (bulk.tokenize) and
its text pieces (records.write_pieces, named by their content, so the same
whatever the doc ids turn out to be). The plugin hands the worker items in
batches as Pelican reads them (without their URLs, not settled yet), and
the job takes the work of each item that comes back as read (a stub,
items.handed_back); an item that changed comes back whole, and the job
does its work itself. Either way the export is byte for byte the same.

A rebuild (CarriedOver) has no per-item work to do early, as it does not
know yet which items changed; but it will keep nearly every file of the
previous export and need the previous build's state, so it links the one
and reads the other meanwhile. Its items are handed over as they are read
too (ReadItems): each one's content digest, which tells the job whether it
changed, is taken then (0.17 s of a one-item update's job at 5,000 items
otherwise), and the job gets stubs in place of 5,000 HTML bodies.
"""

from __future__ import annotations

import gzip
import json
import logging
import sys
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from . import bulk, indexer, records, store
from .bundle import EXPORT_DIR, MANIFEST, Bundle, link_all
from .documents import content_digest, document, fingerprint
from .items import SOURCE, is_stub
from .schema import SEARCH_FIELDS
from .set_aside import SetAside

logger = logging.getLogger(__name__)


class Kept(NamedTuple):
    """Where an item's text and its first piece wait in Preparations' set-aside file until the job's end.

    At ``at`` its text (UTF-8), for the Whoosh index's stored field; then
    its first piece, deflated (records.First), for its record file.
    """

    at: int
    text_size: int
    deflated_size: int
    crc: int
    size: int

    @classmethod
    def put(cls, set_aside: SetAside, text: str, first: records.First) -> Kept:
        raw = text.encode("utf-8")
        at = set_aside.put(raw)
        set_aside.put(first.deflated)
        return cls(at, len(raw), len(first.deflated), first.crc, first.size)

    def text(self, set_aside: SetAside) -> str:
        return set_aside.get(self.at, self.text_size).decode("utf-8")

    def first(self, set_aside: SetAside) -> records.First:
        return records.First(set_aside.get(self.at + self.text_size, self.deflated_size), self.crc, self.size)


@dataclass
class ItemWork:
    digest: str  # documents.content_digest of the fields it was made from, if a stub may stand for it
    fields: dict  # those fields but the HTML: a stub's item in the job (expand)
    document: dict  # without its text (Preparations.documents); its URL and fingerprint set when the job takes it
    tokens: bulk.Tokens | None  # None once occurrences() has taken them
    pieces: list[list]  # records.write_pieces: [[first position, hash], …]
    kept: Kept  # its text and first piece, set aside


def expanded(items: list[dict], taken) -> tuple[list[dict], dict[str, str]]:
    """``items`` with each stub (items.handed_back) replaced by the fields read; and every item's fingerprint.

    ``taken(source)``: (content digest, fields as read) of an item handed
    over while reading, or None if it never arrived.
    """
    out, fingerprints = [], {}
    for item in items:
        if is_stub(item):
            found = taken(item[SOURCE])
            if found is None:
                raise ValueError(f"search_index: {item[SOURCE]} came back as read, but it was not handed over "
                                 "while reading (did an earlier batch fail?)")
            digest, fields = found
            item = {**fields, "url": item["url"]}
            fingerprints[item["url"]] = fingerprint(item, digest)
        else:
            fingerprints[item["url"]] = fingerprint(item)
        out.append(item)
    return out, fingerprints


# Fields whose values repeat from item to item (a county, a township, an
# author, a date): each arrives as a string of its own in every item's
# pickle, and one object each is 2.5 MB less through a cold job at 5,000 items.
SHARED_FIELDS = frozenset({"date", "authors", "county", "townships", "topics", "type", "credit"})


def _shared(value):
    # type(...) is str: sys.intern refuses a subclass of str
    if type(value) is str:
        return sys.intern(value)
    if isinstance(value, list):
        return [sys.intern(v) if type(v) is str else v for v in value]
    return value


class Preparations:
    """The per-item work of one build's search export, written into its search/ folder."""

    def __init__(self, site: str | Path):
        self.site = Path(site)
        self.bundle = Bundle(self.site)
        # each item's text and first piece, 2.9 KB an item: held in memory
        # from its reading to the job's end, they were 17 MB of a cold
        # build's peak at 5,000 items and 236 MB at 50,000
        self.set_aside = SetAside(self.site / store.BUILD_DIR)
        self.work: dict[str, ItemWork] = {}  # by the file each item was read from (items.SOURCE)
        self.pieces_made: set[str] = set()
        self.reused = 0  # items whose prepared work the job took

    def add(self, items: list[dict]) -> None:
        """Items as read (items.read_fields: no URL yet)."""
        for item in items:
            self.work[item[SOURCE]] = self._make({**item, "url": ""}, digest=content_digest(item))

    def expand(self, items: list[dict]) -> tuple[list[dict], dict[str, str]]:
        """The job's items, each stub (items.handed_back) replaced by the fields read; and every item's fingerprint.

        The HTML of an item read early stays behind: its work is done.
        """
        return expanded(items, lambda source: (w.digest, w.fields) if (w := self.work.get(source)) else None)

    def get(self, item: dict, fp: str) -> ItemWork:
        """The item's work: as prepared if it came back as read (expand: it carries its source), else done now."""
        if SOURCE not in item:
            return self._make(item, fp)
        work = self.work[item[SOURCE]]
        work.document["url"], work.document["fingerprint"] = item["url"], fp
        self.reused += 1
        return work

    def _make(self, item: dict, fp: str = "", digest: str = "") -> ItemWork:
        """``digest``: the item's content digest, for work that a stub will stand for (none is needed otherwise)."""
        doc = document(item, fp)
        # The body is tokenized piece by piece: the same runs (no run crosses
        # the end of a sentence), and the positions of each piece come with them.
        *others, body = (doc[f] for f in SEARCH_FIELDS)
        tokens = bulk.tokenize((*others, *records.split_pieces(body)))
        counts = tokens.sizes[len(others):]
        tokens.sizes = [*tokens.sizes[:len(others)], sum(counts)]
        fields = {k: _shared(v) if k in SHARED_FIELDS else v for k, v in item.items() if k not in ("html", "url")}
        pieces, first = records.write_pieces(self.bundle, doc["text"], counts)
        kept = Kept.put(self.set_aside, doc["text"], first)
        doc["text"] = doc["body"] = None
        work = ItemWork(digest, fields, doc, tokens, pieces, kept)
        self.pieces_made.update(records.written_pieces(work.pieces))
        return work

    def documents(self, work: list[ItemWork]) -> Iterator[dict]:
        """Each item's document (documents.document) with its text read back, one at a time, for the index."""
        for w in work:
            text = w.kept.text(self.set_aside)
            yield {**w.document, "text": text, "body": text}

    def firsts(self, work: list[ItemWork]) -> Mapping[str, records.First]:
        """URL → the item's first piece (records.First), read back as the export asks for each."""
        return _Firsts(self.set_aside, {w.document["url"]: w.kept for w in work})

    def close(self) -> None:
        self.set_aside.close()

    def serves(self, site: Path) -> bool:
        return self.site.resolve() == site.resolve()

    def drop_unused(self, kept: set[str]) -> None:
        """Remove the text pieces made here that the export does not name (``kept``: the names it does).

        A piece of a draft, or of an item a plugin changed after it was
        read, would otherwise be left in search/t/ with nothing naming it.
        """
        folder = self.bundle.root / "t"
        for name in self.pieces_made - kept:
            try:
                (folder / f"{name}.txt.gz").unlink()
            except FileNotFoundError:
                continue
            self.bundle.written -= 1  # not part of this build's export after all


class _Firsts(Mapping):
    def __init__(self, set_aside: SetAside, kept: dict[str, Kept]):
        self._set_aside, self._kept = set_aside, kept

    def __getitem__(self, url: str) -> records.First:
        return self._kept[url].first(self._set_aside)

    def __iter__(self):
        return iter(self._kept)

    def __len__(self) -> int:
        return len(self._kept)


class ReadItems:
    """A rebuild's items as they were read, each with its content digest, for the job to expand its stubs with.

    The HTML stays UTF-8 bytes (items.packed): only the few items the
    update indexes again are decoded (documents.document).
    """

    def __init__(self, site: str | Path):
        self.site = Path(site)
        self.read: dict[str, tuple[str, dict]] = {}  # source → (content digest, fields as read)

    def add(self, items: list[dict]) -> None:
        """Items as read and packed (items.read_fields, items.packed)."""
        for item in items:
            html = item["html"]
            digest = content_digest({**item, "html": html.decode("utf-8") if isinstance(html, bytes) else html})
            # kept without its source: Preparations.get takes an item with one for work prepared while reading
            self.read[item.pop(SOURCE)] = (digest, item)

    def expand(self, items: list[dict]) -> tuple[list[dict], dict[str, str]]:
        """The job's items, each stub replaced by the fields read; and every item's fingerprint."""
        read, self.read = self.read, {}
        return expanded(items, read.get)

    def serves(self, site: Path) -> bool:
        return self.site.resolve() == site.resolve()


class CarriedOver:
    """A rebuild's early work: the previous export's files linked in, the previous search state read,
    the long lists whose patches outgrew their limit folded into new files (update.fold_early), and
    the previous Whoosh index linked in with its small segments merged (indexer.merge_small)."""

    def __init__(self, site: str | Path, previous: str | Path):
        from .export import FORMAT_VERSION  # numpy: in the worker only

        self.site, self.previous = Path(site), Path(previous)
        self.state = store.load_state(self.previous)
        # an export of another format is not updated but made again: nothing to link for it
        usable = self.state is not None and self.state.get("format") == FORMAT_VERSION
        self.present = link_all(self.site, self.previous) if usable else set()
        self.index_ready = False  # the previous index linked in, its small segments merged
        if usable:
            try:
                indexer.carry_over(self.previous, self.site)
                indexer.merge_small(self.site)
                self.index_ready = True
            except Exception as e:  # noqa: BLE001  (the job links and merges it again, and meets any damage)
                logger.debug("search_index: the previous index was not carried over early (%s)", e)
        self.folded: dict = {}
        self.shards = None
        if self.present:
            from .update import Shards, fold_early

            bundle = Bundle(self.site, self.previous)
            try:
                self.folded = fold_early(bundle, self.state)
            except (OSError, ValueError, zlib.error):
                pass  # a damaged list file: the job meets it only if it needs that list, as without this
            self.present |= bundle.claimed  # the job keeps them if it updates, like the linked files
            try:
                manifest = json.loads(gzip.decompress((self.previous / EXPORT_DIR / MANIFEST).read_bytes()))
                self.shards = Shards(bundle, manifest["w"]["files"], self.state["shards"]).read_all()
            except (OSError, ValueError, KeyError, EOFError, zlib.error):
                pass  # the job reads them itself, and decides what a damaged one means

    def serves(self, site: Path, previous: Path | None) -> bool:
        return (previous is not None and self.site.resolve() == site.resolve()
                and self.previous.resolve() == previous.resolve())
