"""Build caches beside the output: where they live, and one cache file read or written under its stamp.

A cache file is a pickle of {"stamp": …, "value": …}. The stamp says what
the value was made from (code, settings, inputs); a file with another stamp,
or one that cannot be read, is as good as none. Files are replaced in one
rename, so a build stopped halfway never leaves half a cache.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path


def beside(output: Path) -> Path:
    """The cache folder atomic_publish keeps beside an output folder: ``.<name>.cache`` in its parent."""
    output = Path(output).absolute()
    return output.parent / f".{output.name}.cache"


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


def save(path: Path, stamp, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as f:
        pickle.dump({"stamp": stamp, "value": value}, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
