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
from pathlib import Path

from . import gzpieces

EXPORT_DIR = Path("search")
# A file listed in the manifest is named <slot>-<8 hex> (the slot, a shard
# or week number, keeps names apart; the hash only has to tell one build's
# version from the next). Any other file is named by 16 hex of its hash:
# with thousands of text pieces and lists, 8 would collide.
HASH_CHARS = 8
FREE_HASH_CHARS = 16
EMPTY_SLOT = "0" * HASH_CHARS  # a slot with no file (a week without items)


def name_of(raw: bytes, slot: int | None = None) -> str:
    digest = hashlib.sha256(raw).hexdigest()
    return f"{slot}-{digest[:HASH_CHARS]}" if slot is not None else digest[:FREE_HASH_CHARS]


def link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, target)


class Bundle:
    """The search/ folder of one build, and the previous build's to take unchanged files from."""

    def __init__(self, site: Path, previous: Path | None = None):
        self.root = site / EXPORT_DIR
        previous = previous / EXPORT_DIR if previous else None
        self.previous = previous if previous and previous.resolve() != self.root.resolve() else None
        self.written = 0
        self.linked = 0
        self._folders: set[str] = set()

    def path(self, folder: str, name: str, ext: str) -> str:
        if folder not in self._folders:
            (self.root / folder).mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        return f"{self.root}/{folder}/{name}{ext}"

    def reuse(self, folder: str, name: str, ext: str) -> bool:
        """Link the previous build's file of this name, if there is one (and this build has none yet)."""
        target = self.path(folder, name, ext)
        if self.previous is None:
            return os.path.exists(target)
        # one system call per file: the no-op and one-item builds link thousands
        try:
            os.link(f"{self.previous}/{folder}/{name}{ext}", target)
        except FileExistsError:
            return True
        except FileNotFoundError:
            return False
        except OSError:
            source = self.previous / folder / f"{name}{ext}"
            if not source.is_file():
                return False
            shutil.copy2(source, target)
        self.linked += 1
        return True

    def write(self, folder: str, name: str, ext: str, data: bytes) -> None:
        """A new file of already compressed bytes (never over an existing one, which may be linked)."""
        try:
            with open(self.path(folder, name, ext), "xb") as f:
                f.write(data)
        except FileExistsError:
            return
        self.written += 1

    def put(self, folder: str, raw: bytes, ext: str, slot: int | None = None, level: int = gzpieces.LEVEL) -> str:
        """Compress and write ``raw`` unless this or the previous build has it; returns its name's hash part."""
        name = name_of(raw, slot)
        if not self.reuse(folder, name, ext):
            self.write(folder, name, ext, gzpieces.compress(raw, level))
        return name.rpartition("-")[2]
