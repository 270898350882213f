"""The baseline: plain Pelican 4.12 on the archive's own content, as a user would set it up.

Default theme (notmyidea), no plugins, Pelican's own Markdown reader (our
Townships/Type/Credit headers are just extra metadata to it). The URL layout,
folder pagination, listing pages and feeds mirror pelicanconf.py, so both
builds write the same kinds of pages and the comparison is about how they are
made, not how many there are; the extras only the archive has (township pages
and feeds, related items, sitemap, search index) are its own cost.
"""

SITENAME = "嘉兴乡镇新闻档案"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
PLUGINS = []
USE_FOLDER_AS_CATEGORY = False
# Two items of different months may share a slug; by default Pelican would
# take them for translations of one another and hide one.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
# Chinese has no spaces, so Pelican's 50-word summary would be whole articles;
# one paragraph, as in pelicanconf.py.
SUMMARY_MAX_LENGTH = None
SUMMARY_MAX_PARAGRAPHS = 1

ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
PAGE_URL = "pages/{slug}/"
PAGE_SAVE_AS = "pages/{slug}/index.html"
CATEGORY_URL = "county/{slug}/"
CATEGORY_SAVE_AS = "county/{slug}/index.html"
CATEGORIES_SAVE_AS = "county/index.html"
TAG_URL = "topic/{slug}/"
TAG_SAVE_AS = "topic/{slug}/index.html"
TAGS_SAVE_AS = "topic/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
AUTHORS_SAVE_AS = "author/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
YEAR_ARCHIVE_URL = "{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"

DEFAULT_PAGINATION = 20
PAGINATED_TEMPLATES = {"index": None, "category": None, "tag": None, "author": None, "period_archives": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

FEED_DOMAIN = "http://127.0.0.1:8000"
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/county/{slug}.atom.xml"
TAG_FEED_ATOM = "feeds/topic/{slug}.atom.xml"
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 50
