"""Where a built site keeps its search index and the search build's state, and opening the index."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from .bundle import link_or_copy

# Build state, not site: `invoke publish` leaves .build/ out, and the page
# cache keeps its manifest there too. Inside the built site all the same, so
# `invoke search --site DIR` finds the index of exactly the site in DIR, and
# the state can never describe another build than the one beside it.
BUILD_DIR = Path(".build")
INDEX_DIR = BUILD_DIR / "search-index"
STATE_FILE = BUILD_DIR / "search-state.pickle"
SUMMARY_FILE = "search-summary.json"
VERSION_FILE = "ENGINE_VERSION"


def index_dir(site: Path) -> Path:
    return Path(site) / INDEX_DIR


class NoIndex(Exception):
    pass


def open_site_index(site: Path):
    # imported here: the plugin's own process reads STATE_FILE's place without Whoosh
    from whoosh import index
    from whoosh.filedb.filestore import FileStorage

    folder = index_dir(site)
    if not index.exists_in(str(folder)):
        raise NoIndex(
            f"{folder} 里没有搜索索引。请先构建网站（invoke build），"
            f"或用 --site 指向构建好的网站文件夹。"
        )
    # without mmap: Whoosh copies a mapped segment's parts at each opening; one thread
    # per searcher then (indexer.ReproducibleStorage)
    return FileStorage(str(folder), supports_mmap=False).open_index()


def load_state(site: Path) -> dict | None:
    """The search build state saved with ``site`` (build.py), or None if it has none that can be read.

    A pickle, like Whoosh's own files beside it: read in a tenth of the time
    of the same JSON, on every incremental build.
    """
    try:
        with open(Path(site) / STATE_FILE, "rb") as f:
            state = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def save_state(site: Path, state: dict) -> None:
    path = Path(site) / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # a file of an earlier build here may be a link to the live site's
    with open(path, "xb") as f:
        pickle.dump(state, f, protocol=5)


def link_state(previous: Path, site: Path) -> None:
    """Keep the previous build's state file (nothing changed); it is never written to, only replaced."""
    path = Path(site) / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    link_or_copy(Path(previous) / STATE_FILE, path)


def save_summary(folder: Path, summary: dict) -> None:
    """What the last search job did and how long it took, as the build log says it, in the build's cache folder.

    Not in the output: its times differ from build to build, and a no-op
    rebuild changes no byte there. bench.run reads it.
    """
    path = Path(folder) / SUMMARY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(summary, sort_keys=True, indent=1) + "\n", encoding="utf-8")


def load_summary(folder: Path) -> dict | None:
    try:
        return json.loads((Path(folder) / SUMMARY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
