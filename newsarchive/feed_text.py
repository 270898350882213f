"""What the site's feeds say about an item: its title as text, its kicker, every author, a photo's caption, its places.

Pelican treats a title as HTML in feeds and strips its tags, so a title
such as “<script>……</script>” loses words in the feed while the page shows
it whole. Here titles go into the feed as text, and the feed library
escapes them like any other XML text.

Pelican names only an item's first author (`item.author`), and
feedgenerator writes one <author> per entry; Atom allows several, so the
entry gets one per name, as the byline shows them. A photo item has no
body: its caption and credit are its text, in the feed as on its page.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from feedgenerator import Atom1Feed, Rss201rev2Feed, get_tag_uri
from markupsafe import escape
from pelican.utils import set_date_tzinfo

AUTHOR_JOINER = "、"

# A listing's feed and the listing it belongs to: Pelican passes the writer
# only the feed's path, so the slug is read back from it.
LISTING_FEEDS = {
    "CATEGORY_FEED_ATOM": "CATEGORY_URL",
    "CATEGORY_FEED_RSS": "CATEGORY_URL",
    "TAG_FEED_ATOM": "TAG_URL",
    "TAG_FEED_RSS": "TAG_URL",
    "AUTHOR_FEED_ATOM": "AUTHOR_URL",
    "AUTHOR_FEED_RSS": "AUTHOR_URL",
    "TOWNSHIP_FEED_ATOM": "TOWNSHIP_URL",
}


def listing_url(settings, path) -> str | None:
    """The URL of the listing page whose feed is written at ``path`` (None for the archive's own feed)."""
    for feed_key, url_key in LISTING_FEEDS.items():
        pattern, url = settings.get(feed_key), settings.get(url_key)
        if not pattern or url is None or "{slug}" not in str(pattern):
            continue
        before, _, after = str(pattern).partition("{slug}")
        found = re.fullmatch(re.escape(before) + "(?P<slug>.+)" + re.escape(after), str(path or ""))
        if found:
            return url.format(slug=found.group("slug"))
    return None


class ArchiveAtomFeed(Atom1Feed):
    """Atom with one <author> per name an item carries (``author_names``)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # RFC 4287 gives the order of an entry's children no meaning.
        for name in item.get("author_names") or ():
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")


def photo_content(item) -> str:
    """A photo item's text as HTML: the caption, then the credit in brackets, as its page shows them."""
    return f"<p>{escape(item.title)}</p>\n<p>（{escape(item.credit)}）</p>"


class PlainTextFeeds:
    """A mixin for pelican.writers.Writer."""

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom", override_output=False,
                   feed_title=None):
        # Pelican writes entry links (and the feed's own link and id) from
        # SITEURL, its self link from FEED_DOMAIN. With a relative SITEURL (a
        # development build: "" and RELATIVE_URLS) the entries were relative:
        # a reader resolves them against the feed's address, …/feeds/2023/01/…,
        # and every one was a 404. FEED_DOMAIN, with the sub-path as
        # publishconf.py gives it, is then the site's address for all of them.
        domain = context.get("FEED_DOMAIN")
        if domain and not urlsplit(context.get("SITEURL", "")).netloc:
            context = {**context, "SITEURL": domain.rstrip("/")}
        # A county's, township's or topic's feed is that listing's: its
        # alternate link (and so its id) was the site's root, the same for all.
        self._listing_url = listing_url(self.settings, path)
        return super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)

    def _create_new_feed(self, feed_type, feed_title, context):
        feed_class = Rss201rev2Feed if feed_type == "rss" else ArchiveAtomFeed
        title = f"{context['SITENAME']} - {feed_title}" if feed_title else context["SITENAME"]
        listing = getattr(self, "_listing_url", None)
        return feed_class(
            title=str(title),
            link=self.urljoiner(self.site_url, listing) if listing is not None else self.site_url + "/",
            feed_url=self.feed_url,
            description=context.get("SITESUBTITLE", ""),
            subtitle=context.get("SITESUBTITLE", None),
            # Atom wants an author for every entry, and an entry without one
            # (a photo's credit is not an author) takes the feed's: the archive.
            author_name=str(context["SITENAME"]),
            # Atom's xml:lang, RSS's <language>: as <html lang> does for the
            # pages, it tells a feed reader the text is Chinese (its fonts,
            # its language tools); Pelican gives a feed none.
            language=context.get("DEFAULT_LANG"),
        )

    def _add_item_to_the_feed(self, feed, item):
        link = self.urljoiner(self.site_url, item.url)
        if self.settings["FEED_APPEND_REF"]:
            link += "?ref=feed"
        timezone = self.settings.get("TIMEZONE", None)
        if getattr(item, "type", "") == "photo":
            content = photo_content(item)
        else:
            content = item.get_content(self.site_url)
        summary = item.summary or None
        if isinstance(feed, Rss201rev2Feed):
            description = summary if self.settings.get("RSS_FEED_SUMMARY_ONLY") and summary else content
            content = None
        else:
            description = summary if summary != content else None
        kicker = getattr(item, "kicker", None)
        if kicker:
            # printed over the title, and shown there on the page: a feed has one title, so the text opens with it
            kicker = f'<p class="title-kicker">{escape(kicker)}</p>\n'
            if content is not None:
                content = kicker + content
            else:  # RSS: the text is the description
                description = kicker + (description or "")
        # the places a reader subscribes by (county, townships), then the topics, as the page lists them
        categories = (([item.category] if hasattr(item, "category") else []) + list(getattr(item, "townships", []))
                      + list(getattr(item, "tags", [])))
        authors = [str(a) for a in getattr(item, "authors", [])]
        is_atom = isinstance(feed, ArchiveAtomFeed)
        feed.add_item(
            title=str(item.title),
            link=link,
            unique_id=get_tag_uri(link, item.date),
            description=description,
            content=content,
            categories=[str(c) for c in categories] or None,
            # RSS has one author field: every name in it, as a byline.
            author_name=None if is_atom or not authors else AUTHOR_JOINER.join(authors),
            author_names=authors if is_atom else None,
            pubdate=set_date_tzinfo(item.date, timezone),
            updateddate=set_date_tzinfo(item.modified, timezone) if hasattr(item, "modified") else None,
        )
