"""Publishing settings: absolute URLs for the host, built by `invoke preview` / `invoke publish`.

Set ARCHIVE_SITEURL to where the site will live, with its sub-path if any:
    ARCHIVE_SITEURL=https://news.example.org/archive invoke publish --target …
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402, F403

SITEURL = os.environ.get("ARCHIVE_SITEURL", "https://archive.example.org").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
# A development build writes drafts (Status: draft, or dated in the future)
# under drafts/ so an editor can read them before they go out; the host must
# never get them, and drafts/ is an address anyone can guess from a title.
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
