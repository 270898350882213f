"""The page cache's view of the current build: what the site is made of, and the last build."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from newsarchive import build_cache

from . import digest
from .digest import update
from .manifest import Manifest

PROJECT = Path(__file__).resolve().parents[2]
# Code whose change may change any page: every page is rendered again then.
CODE_FOLDERS = ("plugins", "newsarchive")
# Settings about where things are and how to build, not what pages contain.
BUILD_SETTINGS = {"PATH", "OUTPUT_PATH", "PUBLISHED_OUTPUT_PATH", "ARCHIVE_CACHE_PATH", "CACHE_PATH", "LOAD_CONTENT_CACHE"}
# Read by the feeds alone (no template of the theme names it), so each feed's
# own digest holds it (writer.py): a development build follows ARCHIVE_PORT
# into it, and `invoke build` then `ARCHIVE_PORT=8765 invoke reserve` would
# otherwise render every page again for a change no page shows.
FEED_SETTINGS = {"FEED_DOMAIN"}


@dataclass
class BuildState:
    site_digest: str
    manifest: Manifest
    previous_output: Path


current: BuildState | None = None


def _files_digest(h, folder: Path, patterns) -> None:
    for pattern in patterns:
        for path in sorted(folder.rglob(pattern)):
            if "__pycache__" in path.parts or "test" in path.name:
                continue
            h.update(path.relative_to(folder).as_posix().encode())
            h.update(hashlib.sha1(path.read_bytes()).digest())


def site_digest(settings) -> str:
    h = hashlib.sha1()
    for package in ("pelican", "jinja2", "markdown", "feedgenerator"):
        h.update(f"{package}={version(package)};".encode())
    update(h, {k: v for k, v in settings.items() if k.isupper() and k not in BUILD_SETTINGS | FEED_SETTINGS})
    for theme_folder in [settings["THEME"], *settings.get("THEME_TEMPLATES_OVERRIDES", [])]:
        _files_digest(h, Path(theme_folder), ["*.html"])
    for name in CODE_FOLDERS:
        _files_digest(h, PROJECT / name, ["*.py", "*.tsv", "*.csv", "*.json"])
    return h.hexdigest()


def begin(settings) -> BuildState:
    global current
    previous = build_cache.published_output(settings)
    manifest = Manifest(previous)
    if not settings.get("LOAD_CONTENT_CACHE", True):  # `pelican --ignore-cache`: render everything
        manifest.previous = {}
    digest.new_build()
    current = BuildState(site_digest(settings), manifest, previous)
    return current
