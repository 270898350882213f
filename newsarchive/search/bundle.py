"""The export's files: named by a hash of their content, written once, shared with the previous build.

Every name but the manifest's holds a hash of the file's uncompressed
bytes, so hosts may cache them forever. A file whose name the previous
build already has is hard-linked from it instead of compressed again: its
bytes are the same, and no export file is ever written to after it is made,
so the live site and the staging folder can share it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from pathlib import Path

from . import gzpieces, spare_core
from .spare_core import Made

EXPORT_DIR = Path("search")
MANIFEST = "manifest.json.gz"  # the one name without a hash: the page finds every other file through it
# A file listed in the manifest is named <slot>-<8 hex> (the slot, a shard
# or week number, keeps names apart; the hash only has to tell one build's
# version from the next). Any other file is named by 16 hex of its hash:
# with thousands of text pieces and lists, 8 would collide.
HASH_CHARS = 8
FREE_HASH_CHARS = 16
EMPTY_SLOT = "0" * HASH_CHARS  # a slot with no file (a week without items)


def slot_hash(listing: str, i: int) -> str:
    """The hash of slot i's file in a manifest list (its hashes joined, HASH_CHARS each)."""
    return listing[i * HASH_CHARS:(i + 1) * HASH_CHARS]


def slot_hashes(listing: str, count: int) -> list[str]:
    """The hash of each slot's file in a manifest list."""
    return [slot_hash(listing, i) for i in range(count)]


def name_of(raw: bytes, slot: int | None = None) -> str:
    digest = hashlib.sha256(raw).hexdigest()
    return f"{slot}-{digest[:HASH_CHARS]}" if slot is not None else digest[:FREE_HASH_CHARS]


def link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, target)


class Bundle:
    """The search/ folder of one build, and the previous build's to take unchanged files from.

    ``present``: files ("w/<name>.json.gz") of the previous build linked in
    already (link_all, done before the job); those this build does not ask
    for are removed by drop_unclaimed. ``spare``: files are compressed and
    made on its thread where they fit its budget (spare_core.py); its
    owner closes it before reading the folder.
    """

    def __init__(self, site: Path, previous: Path | None = None, present: set[str] | None = None,
                 spare: spare_core.SpareCore | None = None):
        self.root = site / EXPORT_DIR
        previous = previous / EXPORT_DIR if previous else None
        self.previous = previous if previous and previous.resolve() != self.root.resolve() else None
        self.written = 0
        self.linked = 0
        self._folders: set[str] = set()
        self.present = present or set()
        self.claimed: set[str] = set()
        self.spare = spare
        self._counting = threading.Lock()

    def path(self, folder: str, name: str, ext: str) -> str:
        if folder not in self._folders:
            (self.root / folder).mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        return f"{self.root}/{folder}/{name}{ext}"

    def reuse(self, folder: str, name: str, ext: str) -> bool:
        """Link the previous build's file of this name, if there is one (and this build has none yet)."""
        if self.present:
            key = f"{folder}/{name}{ext}"
            if key in self.present:
                with self._counting:  # Shards.write puts from several threads
                    if key not in self.claimed:
                        self.claimed.add(key)
                        self.linked += 1
                return True
        target = self.path(folder, name, ext)
        if self.previous is None:
            return os.path.exists(target)
        return self._link(f"{self.previous}/{folder}/{name}{ext}", target)

    def relink(self, folder: str, old: str, new: str, ext: str) -> bool:
        """The previous build's file ``old`` under the name ``new`` (same bytes, new name); False if there is none."""
        if old == new:
            return self.reuse(folder, new, ext)
        target = self.path(folder, new, ext)
        sources = [f"{self.root}/{folder}/{old}{ext}"] if f"{folder}/{old}{ext}" in self.present else []
        if self.previous is not None:
            sources.append(f"{self.previous}/{folder}/{old}{ext}")
        for source in sources:
            if self._link(source, target):
                with self._counting:
                    self.claimed.add(f"{folder}/{new}{ext}")
                return True
        return False

    def _link(self, source: str, target: str) -> bool:
        """Hard-link (or copy) ``source`` to ``target``; True if ``target`` is there now, False if ``source`` is not."""
        # one system call per file: the no-op and one-item builds link thousands
        try:
            os.link(source, target)
        except FileExistsError:
            return True
        except FileNotFoundError:
            return False
        except OSError:  # another file system, or links not allowed
            if not os.path.isfile(source):
                return False
            shutil.copy2(source, target)
        with self._counting:
            self.linked += 1
        return True

    def write(self, folder: str, name: str, ext: str, data: bytes) -> None:
        """A new file of already compressed bytes (never over an existing one, which may be linked)."""
        self.claimed.add(f"{folder}/{name}{ext}")
        self._create(self.path(folder, name, ext), data)

    def write_made(self, folder: str, name: str, ext: str, make, size: int, waits: bool = False) -> Made:
        """A new file of the compressed bytes ``make()`` returns as (bytes, result), made now or on the spare core.

        The Made holds ``result``; ``size``: the bytes ``make`` holds until it runs; ``waits``: see SpareCore.submit.
        """
        self.claimed.add(f"{folder}/{name}{ext}")
        target = self.path(folder, name, ext)

        def run():
            data, result = make()
            self._create(target, data)
            return result

        return self.spare.submit(run, size, waits) if self.spare is not None else spare_core.now(run)

    def _create(self, target: str, data: bytes) -> None:
        try:
            with open(target, "xb") as f:
                f.write(data)
        except FileExistsError:
            return
        with self._counting:
            self.written += 1

    def read(self, folder: str, name: str, ext: str) -> bytes:
        """A file's bytes from this build's folder (written or linked already), else the previous build's."""
        try:
            with open(self.path(folder, name, ext), "rb") as f:
                return f.read()
        except FileNotFoundError:
            if self.previous is None:
                raise
            return (self.previous / folder / f"{name}{ext}").read_bytes()

    def discard(self, folder: str, name: str, ext: str) -> None:
        """Remove a file this build wrote or linked in, which a later step of the same build replaced."""
        key = f"{folder}/{name}{ext}"
        self.claimed.discard(key)
        self.present.discard(key)
        try:
            os.unlink(self.root / key)
        except FileNotFoundError:
            pass

    def drop_unclaimed(self) -> None:
        """Remove the files linked in before the job that this build's export does not name."""
        for key in self.present - self.claimed:
            os.unlink(self.root / key)

    def put(self, folder: str, raw: bytes, ext: str, slot: int | None = None, level: int = gzpieces.LEVEL) -> str:
        """Compress and write ``raw`` unless this or the previous build has it; returns its name's hash part."""
        name = name_of(raw, slot)
        if not self.reuse(folder, name, ext):
            self.write_made(folder, name, ext, lambda: (gzpieces.compress(raw, level), None), len(raw))
        return name.rpartition("-")[2]


FOLDERS = ("w", "r", "t", "f", "k")


def link_all(site: Path, previous: Path) -> set[str]:
    """Link every file of the previous build's export folders into this build's; the keys linked.

    Done while Pelican reads, before the job knows which files it keeps: an
    update of one item keeps nearly all of them, and linking them then was
    a fifth of its time. Stops at the first file that cannot be linked (the
    job links or copies the rest as it needs them).
    """
    present: set[str] = set()
    source, target = previous / EXPORT_DIR, site / EXPORT_DIR
    for folder in FOLDERS:
        try:
            names = os.listdir(source / folder)
        except FileNotFoundError:
            continue
        (target / folder).mkdir(parents=True, exist_ok=True)
        into, origin = f"{target}/{folder}", f"{source}/{folder}"
        for name in names:
            try:
                os.link(f"{origin}/{name}", f"{into}/{name}")
            except FileExistsError:
                continue  # not ours to claim: the job decides about it as before
            except OSError:
                return present
            present.add(f"{folder}/{name}")
    return present
