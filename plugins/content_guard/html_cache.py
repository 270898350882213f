"""Rendered HTML of item bodies, kept between builds.

Markdown is most of the cost of reading an item. Its output depends only on
the body text, the Markdown version and the MARKDOWN settings, so it is keyed
by exactly those; any other change to an item (its header) is re-read every
build, which is cheap. Only entries used by the last build are kept, so the
cache never outgrows the content.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import markdown

FILE_NAME = "archive-markdown.pickle"


class HtmlCache:
    def __init__(self, cache_dir: str, md_settings: dict, load: bool = True):
        self.path = Path(cache_dir) / FILE_NAME
        self.version = (
            f"{markdown.__version__}|{sorted(md_settings.get('extensions', []))}|"
            f"{md_settings.get('output_format')}|raw_html={md_settings.get('raw_html')}"
        )
        self.used: dict[str, str] = {}
        self.stored: dict[str, str] = {}
        if not load:  # `pelican --ignore-cache` (invoke rebuild)
            return
        try:
            with open(self.path, "rb") as f:
                stored = pickle.load(f)
            self.stored = stored["entries"] if stored.get("version") == self.version else {}
        except (OSError, pickle.PickleError, EOFError, KeyError, TypeError, AttributeError):
            self.stored = {}

    def render(self, body: str, convert) -> str:
        key = hashlib.sha1(body.encode("utf-8")).hexdigest()
        html = self.used.get(key)
        if html is None:
            html = self.stored.get(key)
            if html is None:
                html = convert(body)
            self.used[key] = html
        return html

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump({"version": self.version, "entries": self.used}, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)
