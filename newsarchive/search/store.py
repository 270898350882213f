"""Where a built site keeps its search index and the search build's state, and opening the index."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from whoosh import index

# Build state, not site: `invoke publish` leaves .build/ out, and the page
# cache keeps its manifest there too. Inside the built site all the same, so
# `invoke search --site DIR` finds the index of exactly the site in DIR, and
# the state can never describe another build than the one beside it.
BUILD_DIR = Path(".build")
INDEX_DIR = BUILD_DIR / "search-index"
STATE_FILE = BUILD_DIR / "search-state.json.gz"
VERSION_FILE = "ENGINE_VERSION"


def index_dir(site: Path) -> Path:
    return Path(site) / INDEX_DIR


class NoIndex(Exception):
    pass


def open_site_index(site: Path):
    folder = index_dir(site)
    if not index.exists_in(str(folder)):
        raise NoIndex(
            f"{folder} 里没有搜索索引。请先构建网站（invoke build），"
            f"或用 --site 指向构建好的网站文件夹。"
        )
    return index.open_dir(str(folder))


def load_state(site: Path) -> dict | None:
    """The search build state saved with ``site`` (build.py), or None if it has none that can be read."""
    try:
        return json.loads(gzip.decompress((Path(site) / STATE_FILE).read_bytes()))
    except (OSError, ValueError, EOFError):
        return None


def save_state(site: Path, state: dict) -> None:
    path = Path(site) / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(state, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    path.write_bytes(gzip.compress(data, compresslevel=1, mtime=0))
