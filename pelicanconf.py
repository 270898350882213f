"""Development settings: `python -m pelican -s pelicanconf.py` builds the whole site.

Every URL is a folder (…/slug/) so that hosts can serve it without rewrite
rules, and pagination lives in folders too (…/page/2/): Pelican's default
`name2.html` lets author 记者1's page 2 overwrite author 记者12's first page.
"""

import logging
import os
import re
import sys

PROJECT_ROOT = os.path.dirname(os.path.abspath(__file__))
# The `pelican` console script does not put the project on sys.path; the
# plugins import the shared `newsarchive` package from here.
if PROJECT_ROOT not in sys.path:
    sys.path.insert(0, PROJECT_ROOT)

from newsarchive.devloop import archive_port, served_address  # noqa: E402
from newsarchive.ordering import newest_first  # noqa: E402
from newsarchive.theme_filters import FAVICON_DATA_URL, FILTERS  # noqa: E402,F401 (FAVICON_DATA_URL: a setting, for base.html)

SITENAME = "嘉兴乡镇新闻档案"
SITESUBTITLE = "嘉兴七个县（市、区）、七十二个乡镇（街道）的新闻"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# atomic_publish must stay last: it publishes after the others have written
# (page_cache saves its manifest in `finalized`, before the swap).
# related_items comes after search_index: it chooses in all_generators_finalized,
# once the search job has started beside it (plugins/related_items).
PLUGINS = [
    "content_guard",
    "townships",
    "pelican.plugins.sitemap",
    "sitemap_index",
    "reproducible_output",
    "search_index",
    "related_items",
    "linear_listings",
    "page_cache",
    "atomic_publish",
]


class _NoBuildWithoutAPlugin(logging.Filter):
    """Pelican logs a plugin it cannot import and builds on without it.

    Without content_guard nothing is checked, without atomic_publish a failed
    build writes into the live site, without search_index the search is
    stale: such a build must not pass for one. Set here because the settings
    are read before any plugin is loaded. A SystemExit, as BuildFailed is,
    so the message is all the editor sees (Pelican prints any other
    exception with its traceback).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Cannot load plugin"):
            raise SystemExit(f"构建没有开始：{record.getMessage()}\n"
                             "少了这个插件，网站会缺东西或失去保护。请按上面的报错修好它，"
                             "或者从 pelicanconf.py 的 PLUGINS 里去掉它。")
        return True


_loader_log = logging.getLogger("pelican.plugins._utils")
if not any(type(f).__name__ == _NoBuildWithoutAPlugin.__name__ for f in _loader_log.filters):
    _loader_log.addFilter(_NoBuildWithoutAPlugin())

TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
DEFAULT_DATE_FORMAT = "%Y年%-m月%-d日"
WITH_FUTURE_DATES = False
ARTICLE_ORDER_BY = newest_first
USE_FOLDER_AS_CATEGORY = False
# Same slug means the same item to Pelican's translation grouping, which would
# hide one of two colliding items; content_guard reports collisions instead.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None

MARKDOWN = {
    "extensions": ["markdown.extensions.extra"],
    "output_format": "html5",
}
# Chinese has no spaces between words, so a word-count summary would be the
# whole article; the theme makes its own excerpts by characters.
SUMMARY_MAX_LENGTH = None
SUMMARY_MAX_PARAGRAPHS = 1

JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
JINJA_FILTERS = FILTERS

ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
DRAFT_URL = "drafts/{date:%Y}/{date:%m}/{slug}/"
DRAFT_SAVE_AS = "drafts/{date:%Y}/{date:%m}/{slug}/index.html"
# Every item is an article: the archive has no pages. Pelican's default
# PAGE_PATHS (["pages"]) made an item saved in content/pages/ a page, outside
# every listing, feed and check (a township not in the gazetteer passed), and
# the build said 发布 0 篇; as an article, it is checked, listed, and told the
# folder of its date.
PAGE_PATHS = []
PAGE_URL = "pages/{slug}/"
PAGE_SAVE_AS = "pages/{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"

INDEX_URL = ""
CATEGORY_URL = "county/{slug}/"
CATEGORY_SAVE_AS = "county/{slug}/index.html"
CATEGORIES_URL = "county/"
CATEGORIES_SAVE_AS = "county/index.html"
TAG_URL = "topic/{slug}/"
TAG_SAVE_AS = "topic/{slug}/index.html"
TAGS_URL = "topic/"
TAGS_SAVE_AS = "topic/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
AUTHORS_URL = "author/"
AUTHORS_SAVE_AS = "author/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
YEAR_ARCHIVE_URL = "{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"
DAY_ARCHIVE_SAVE_AS = ""
# Township URLs (township/{slug}/) are the townships plugin's defaults.

DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "404", "search"]
# The search page (search.html): …/search/?q=… runs the query in the browser.
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
DEFAULT_PAGINATION = 20
DEFAULT_ORPHANS = 0
PAGINATED_TEMPLATES = {
    "index": None,
    "category": None,
    "tag": None,
    "author": None,
    "township": None,
    "period_archives": None,
}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# A feed is read away from the site: its self link and its entry links must be
# absolute (newsarchive/feed_text.py writes entries from FEED_DOMAIN while
# SITEURL is relative, as here). A development build writes them for where
# `invoke serve`, `reserve` and `livereload` serve it: ARCHIVE_HOST and
# ARCHIVE_PORT, read as tasks.py reads them. publishconf.py sets its own.
FEED_DOMAIN = served_address(os.environ.get("ARCHIVE_HOST", "127.0.0.1"), archive_port())
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/county/{slug}.atom.xml"
TAG_FEED_ATOM = "feeds/topic/{slug}.atom.xml"
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 50

STATIC_PATHS = []
# Pelican's own content cache stays off (our reader keeps rendered Markdown
# itself); this flag is what `--ignore-cache` (invoke rebuild) turns off, and
# the archive's caches honour it.
LOAD_CONTENT_CACHE = True
# Only pages worth finding: the search page says noindex, and the not-found
# page is what the host shows where there is no page.
SITEMAP = {"format": "xml", "exclude": [r"^404\.html$", f"^{re.escape(SEARCH_URL)}$"]}
# The sitemap protocol's limit for one file: past it, sitemap.xml is an index
# of sitemap-1.xml, sitemap-2.xml, … (plugins/sitemap_index).
SITEMAP_MAX_URLS = 50_000

# Shown in the footer: what this archive is and where its place names come from.
ARCHIVE_ABOUT = "本站收录嘉兴市各县（市、区）和乡镇（街道）的地方新闻，按县、乡镇、主题、作者和日期编排。"
