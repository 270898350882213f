"""What reading an item produced, kept between builds.

Two layers. A file whose stat stamp (size, mtime, ctime, inode) is the one
recorded last build is not read again at all: its HTML, its parsed header
and the warnings it gave come from here (the warnings are printed again, so
an editor sees them on every build, not just the first). A file that did
change is read and parsed (cheap) but its Markdown, most of the cost, is
rendered again only if the body text changed: rendered HTML is keyed by the
body, the Markdown version and the MARKDOWN settings. ctime is in the stamp
because tools that preserve mtime (cp -p, rsync -t) cannot preserve it.

Everything is tagged with a digest of the code and data that reading
depends on, so a new reader or pinyin table starts afresh. Only entries
used by the last build are kept, so the cache never outgrows the content.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from pathlib import Path

import markdown

from newsarchive import build_cache

FILE_NAME = "archive-markdown.pickle"
# The file's entries, each keyed (kind, key): a body's HTML under its body
# key, a file's read under its path.
_HTML, _READ = "html", "read"

_PACKAGE = Path(__file__).resolve().parent.parent.parent / "newsarchive"
# The sources whose behaviour a cached read stands for, and this file, which
# decides how the cache is laid out.
_READ_SOURCES = (
    Path(__file__).resolve(),
    Path(__file__).resolve().parent / "reader.py",
    # which links of a body it rewrites and checks, and what it tells of them, is decided as the item is read
    Path(__file__).resolve().parent / "local_links.py",
    _PACKAGE / "metadata.py",
    _PACKAGE / "importer" / "bylines.py",  # Authors are read as the importer reads a byline
    _PACKAGE / "source_text.py",
    _PACKAGE / "problems.py",
    _PACKAGE / "slugs.py",
    _PACKAGE / "data" / "pinyin-chars.txt",
    _PACKAGE / "data" / "pinyin-phrases.tsv",
)


def _sources_digest() -> str:
    digest = hashlib.sha1()
    for path in _READ_SOURCES:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def file_stamp(path: str) -> tuple[int, int, int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


class ReadCache:
    def __init__(self, cache_dir: str, md_settings: dict, load: bool = True):
        self.path = Path(cache_dir) / FILE_NAME
        self.version = (
            f"{markdown.__version__}|{sorted(md_settings.get('extensions', []))}|"
            f"{md_settings.get('output_format')}|raw_html={md_settings.get('raw_html')}|{_sources_digest()}"
        )
        self.used: dict[str, str] = {}
        self.stored: dict[str, str] = {}
        self.reads_used: dict[str, tuple] = {}
        self.reads_stored: dict[str, tuple] = {}
        self.changed = False
        if not load:  # `pelican --ignore-cache` (invoke rebuild)
            return
        stored = build_cache.load_entries(self.path, self.version) or {}
        self.stored = {key: html.decode("utf-8") for (kind, key), html in stored.items() if kind == _HTML}
        reads = ((path, entry) for (kind, path), entry in stored.items() if kind == _READ)
        self.reads_stored = {
            path: (stamp, (self.stored[key] if key is not None else result[0], *result[1:]), key)
            for path, (stamp, result, key) in reads
        }

    @staticmethod
    def body_key(body: str) -> str:
        return hashlib.sha1(body.encode("utf-8")).hexdigest()

    def render(self, body: str, convert) -> str:
        key = self.body_key(body)
        html = self.used.get(key)
        if html is None:
            html = self.stored.get(key)
            if html is None:
                html = convert(body)
                self.changed = True
            self.used[key] = html
        return html

    def read(self, path: str, stamp: tuple):
        """What reading ``path`` gave last build, if the file is as it was then."""
        entry = self.reads_stored.get(path)
        if entry is None or entry[0] != stamp:
            return None
        self.reads_used[path] = entry
        _, result, body_key = entry
        if body_key is not None:
            # the body's HTML stays cached for the day only the header changes
            self.used[body_key] = result[0]
        return result

    def keep_read(self, path: str, stamp: tuple, result, body: str | None) -> None:
        self.reads_used[path] = (stamp, result, self.body_key(body) if body else None)
        self.changed = True

    def save(self) -> None:
        if not self.changed and self.reads_used.keys() == self.reads_stored.keys() and self.used.keys() == self.stored.keys():
            return  # nothing read or rendered anew, nothing gone: the file already says this
        # The HTML goes as UTF-8 bytes, once: pickling a str makes CPython keep
        # its UTF-8 form inside it for as long as it lives, and these strings
        # are every article's content, in use through the rest of the build
        # (12 MB more at 5,000 items). A read's HTML is its body's entry.
        # Encoded a chunk at a time as the file is written: encoded all at
        # once, the copies were the build's peak (16 MB at 5,000 items).
        entries = (((_HTML, key), html.encode("utf-8")) for key, html in self.used.items())
        reads = (((_READ, path), (stamp, (None if key is not None else result[0], *result[1:]), key))
                 for path, (stamp, result, key) in self.reads_used.items())
        build_cache.save_entries(self.path, self.version, itertools.chain(entries, reads))
