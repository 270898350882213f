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
