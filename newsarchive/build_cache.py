"""Build caches beside the output: where they live, and one cache file read or written under its stamp.

A cache file is a pickle of {"stamp": …, "value": …}. The stamp says what
the value was made from (code, settings, inputs); a file with another stamp,
or one that cannot be read, is as good as none. Files are replaced in one
rename, so a build stopped halfway never leaves half a cache.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import tempfile
from pathlib import Path


def beside(output: Path) -> Path:
    """The cache folder atomic_publish keeps beside an output folder: ``.<name>.cache`` in its parent."""
    output = Path(output).absolute()
    return output.parent / f".{output.name}.cache"


def published_output(settings) -> Path:
    """The folder a build publishes to: atomic_publish builds into a staging folder beside it, Pelican alone into it."""
    return Path(settings.get("PUBLISHED_OUTPUT_PATH") or settings["OUTPUT_PATH"])


def folder(settings) -> Path:
    """atomic_publish's cache folder beside the output, or Pelican's CACHE_PATH without that plugin."""
    return Path(settings.get("ARCHIVE_CACHE_PATH") or settings["CACHE_PATH"])


def load(path: Path, stamp):
    """The value saved under ``stamp``, or None."""
    try:
        with open(path, "rb") as f:
            stored = pickle.load(f)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, IndexError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("stamp") != stamp:
        return None
    return stored.get("value")


@contextlib.contextmanager
def _replacing(path: Path):
    """A pickler writing a new file that takes ``path``'s place when done, or is removed if anything fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            yield pickle.Pickler(f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(path: Path, stamp, value) -> None:
    with _replacing(path) as pickler:
        pickler.dump({"stamp": stamp, "value": value})


def save_entries(path: Path, stamp, entries, chunk: int = 500) -> None:
    """Like save, for a mapping given as (key, value) pairs, written ``chunk`` pairs at a time.

    Only one chunk's pickled form exists at once: a value pickled whole is
    a second copy of everything in it until the file is written.
    """
    with _replacing(path) as pickler:
        pickler.dump({"stamp": stamp, "entries": True})
        pairs = iter(entries)
        # Each pickle in the file stands alone (load_entries reads each with
        # an unpickler of its own); and the memo would keep every chunk alive
        # to the end.
        pickler.clear_memo()
        while batch := list(itertools.islice(pairs, chunk)):
            pickler.dump(batch)
            pickler.clear_memo()


def load_entries(path: Path, stamp) -> dict | None:
    """The mapping save_entries wrote under ``stamp``, or None."""
    try:
        with open(path, "rb") as f:
            head = pickle.load(f)
            if not isinstance(head, dict) or head.get("stamp") != stamp or head.get("entries") is not True:
                return None
            found = {}
            while True:
                # An unpickler of its own for each chunk, as the pickler's memo was
                # cleared after each: one unpickler keeps its memo from chunk to
                # chunk, and a value seen in an earlier chunk (a repeated string)
                # would be read back as whatever now has its number.
                try:
                    found.update(pickle.load(f))
                except EOFError:
                    return found
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, IndexError, ValueError, TypeError):
        return None
