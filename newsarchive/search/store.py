"""Where a built site keeps its search index, and opening it."""

from __future__ import annotations

from pathlib import Path

from whoosh import index

# Inside the built site, so `invoke search --site DIR` finds the index of
# exactly the site in DIR. It holds nothing the pages do not show.
INDEX_DIR = Path("search") / "whoosh"
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
