"""Feed titles are plain text, as everywhere else on the site.

Pelican treats a title as HTML in feeds and strips its tags, so a title
such as “<script>……</script>” loses words in the feed while the page shows
it whole. Here titles go into the feed as text, and the feed library
escapes them like any other XML text.
"""

from __future__ import annotations

from feedgenerator import Atom1Feed, Rss201rev2Feed, get_tag_uri
from pelican.utils import set_date_tzinfo


class PlainTextFeeds:
    """A mixin for pelican.writers.Writer."""

    def _create_new_feed(self, feed_type, feed_title, context):
        feed_class = Rss201rev2Feed if feed_type == "rss" else Atom1Feed
        title = f"{context['SITENAME']} - {feed_title}" if feed_title else context["SITENAME"]
        return feed_class(
            title=str(title),
            link=self.site_url + "/",
            feed_url=self.feed_url,
            description=context.get("SITESUBTITLE", ""),
            subtitle=context.get("SITESUBTITLE", None),
        )

    def _add_item_to_the_feed(self, feed, item):
        link = self.urljoiner(self.site_url, item.url)
        if self.settings["FEED_APPEND_REF"]:
            link += "?ref=feed"
        timezone = self.settings.get("TIMEZONE", None)
        content = item.get_content(self.site_url)
        if isinstance(feed, Rss201rev2Feed):
            description = item.summary if self.settings.get("RSS_FEED_SUMMARY_ONLY") else content
            content = None
        else:
            description = item.summary if item.summary != content else None
        categories = ([item.category] if hasattr(item, "category") else []) + list(getattr(item, "tags", []))
        feed.add_item(
            title=str(item.title),
            link=link,
            unique_id=get_tag_uri(link, item.date),
            description=description,
            content=content,
            categories=[str(c) for c in categories] or None,
            author_name=str(getattr(item, "author", "")),
            pubdate=set_date_tzinfo(item.date, timezone),
            updateddate=set_date_tzinfo(item.modified, timezone) if hasattr(item, "modified") else None,
        )
