"""Publishing settings: absolute URLs for the host, built by `invoke preview` / `invoke publish`.

Set ARCHIVE_SITEURL to where the site will live, with its sub-path if any:
    ARCHIVE_SITEURL=https://news.example.org/archive invoke publish --target …
"""

import os
import sys
from urllib.parse import quote, urlsplit, urlunsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402, F403

_EXAMPLE = "ARCHIVE_SITEURL=https://news.example.org/archive invoke publish --target user@host:/var/www/archive/"
SITEURL = os.environ.get("ARCHIVE_SITEURL", "").strip().rstrip("/")
# Every page, feed and sitemap of a publishing build is written for this one
# address. Without it, or without a scheme and host, the build used to go
# through: links to a placeholder domain, or "news.example.org/archive/…"
# read as a relative path, and feeds and sitemap without a host, which feed
# readers and search engines reject; `invoke publish` then uploaded it over
# the live site. A SystemExit, so the host sees the message and no traceback.
if not SITEURL:
    raise SystemExit(
        "没有设置 ARCHIVE_SITEURL，发布构建没有开始，也没有上传。请写出网站将来的完整网址"
        f"（有子路径就带上子路径），如：\n  {_EXAMPLE}"
    )
_parts = urlsplit(SITEURL)


def _not_an_address(siteurl):
    return (
        f"ARCHIVE_SITEURL={siteurl!r} 不是完整的网址，发布构建没有开始，也没有上传。"
        "页面、订阅（Atom）和网站地图里的链接都从它写出，必须以 http:// 或 https:// 和域名开头"
        f"（有子路径就带上子路径），如：\n  {_EXAMPLE}"
    )


if (_parts.scheme not in ("http", "https") or not _parts.netloc or _parts.query or _parts.fragment
        or any(c.isspace() for c in _parts.netloc)):
    raise SystemExit(_not_an_address(SITEURL))
# The address as a URI: a sub-path with Chinese characters or a space
# (https://news.example.org/档案 馆) went as typed into the sitemap's <loc>
# and the feeds' <id>, where the sitemap protocol and Atom allow neither,
# so search engines and feed validators refused them; browsers turn such
# links into this form anyway. % is kept, so an address given encoded
# stays as it is; a Chinese domain name becomes its xn-- form.
_host = _parts.netloc
if not _host.isascii():
    try:
        _host = _parts.hostname.encode("idna").decode("ascii") + (f":{_parts.port}" if _parts.port else "")
    except (UnicodeError, ValueError):
        raise SystemExit(_not_an_address(SITEURL)) from None
SITEURL = urlunsplit((_parts.scheme, _host, quote(_parts.path, safe="/%!$&'()*+,;=:@~"), "", ""))
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
# A development build writes drafts (Status: draft, or dated in the future)
# under drafts/ so an editor can read them before they go out; the host must
# never get them, and drafts/ is an address anyone can guess from a title.
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
