"""A Markdown reader that reads an editor's file the way the editor meant it.

Pelican's own Markdown reader drops a file with a bad encoding, ignores a
``Title：`` written with a full-width colon and splits lists only on ASCII
commas. This reader parses the header itself (so every problem has a line
number), hands only the body to Markdown, and records each problem in the
build's report instead of letting Pelican log a bare "could not process".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
from pathlib import Path

from markdown import Markdown
from markdown.blockprocessors import HashHeaderProcessor
from pelican.readers import MarkdownReader
from pelican.utils import set_date_tzinfo
from pelican.urlwrappers import Author, Category, Tag

from newsarchive import build_cache, gazetteer, metadata, problems, slugs
from newsarchive.existing_items import ITEM_SUFFIXES
from newsarchive.problems import ContentError
from newsarchive.source_text import utf8_text

from . import local_links
from .read_cache import ReadCache, file_stamp

# One per build (reset by content_guard at the start of each build), shared
# by the readers of articles and pages.
_read_cache: ReadCache | None = None


def raw_html(settings) -> bool:
    """ARCHIVE_RAW_HTML: show raw HTML in a body as HTML (default: as text)."""
    return bool(settings.get("ARCHIVE_RAW_HTML", False))


def read_cache(settings) -> ReadCache:
    global _read_cache
    if _read_cache is None:
        _read_cache = ReadCache(
            build_cache.folder(settings),
            {**settings["MARKDOWN"], "raw_html": raw_html(settings)},
            load=settings.get("LOAD_CONTENT_CACHE", True),
        )
    return _read_cache


def end_build(save: bool) -> None:
    global _read_cache
    if _read_cache is not None and save:
        _read_cache.save()
    _read_cache = None

logger = logging.getLogger(__name__)

# A line break inside a paragraph between two Chinese characters: text
# pasted from an e-paper, or typed in an editor that wraps lines. Browsers
# show it as a space (猜灯谜 活动), and the search, which reads the HTML,
# found no phrase across it; the excerpts already ran such lines together.
# Between Latin words or figures it stays, a space as typed. Not in <pre>.
# Across the inline markup a line may end or open with (猜灯谜\n[活动](…),
# **一是**): the characters either side are the text's.
_INLINE = r"(?:a|abbr|b|code|del|em|i|ins|mark|s|small|span|strong|sub|sup|u)"
_WRAPPED_LINE = re.compile(
    rf"(?<=(?P<before>\S))(?P<close>(?:</{_INLINE}>)*)[ \t]*\n[ \t]*(?P<open>(?:<{_INLINE}\b[^<>]*>)*)(?=(?P<after>\S))"
)
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL | re.IGNORECASE)


# A size as print writes it, 30*40 or １.２*２.４: two in a paragraph were
# Markdown's emphasis, the text between them in italics and both * gone.
_TIMES = re.compile(r"(?<=[0-9０-９])\*(?=[0-9０-９])")


def _wide(char: str) -> bool:
    # as newsarchive.theme_filters reads it: Han, full-width forms, and the
    # CJK quotes, ellipsis and dash that Unicode files as ambiguous width
    return unicodedata.east_asian_width(char) in "WF" or char in "“”‘’…—·"


def _join_wide(match: re.Match) -> str:
    if _wide(match["before"]) and _wide(match["after"]):
        return match["close"] + match["open"]
    return match.group()


def _join_wrapped_lines(html: str) -> str:
    if "\n" not in html:
        return html
    parts = _PRE.split(html)  # odd parts are <pre> blocks
    return "".join(part if i % 2 else _WRAPPED_LINE.sub(_join_wide, part) for i, part in enumerate(parts))


def _with_slug(wrapper):
    """Pinyin from the start: Pelican would otherwise spell the name with unidecode
    the first time anything asks for a URL. content_guard sets the final slug
    (homophones apart) before Pelican groups items by it."""
    county = gazetteer.load().counties.get(wrapper.name)
    wrapper.slug = county.slug if county else slugs.slugify(wrapper.name)
    return wrapper


class _SpacedHashHeader(HashHeaderProcessor):
    """Markdown's # heading, only with a space after its #s: #话题# opens a paragraph, ## 小标题 is a heading."""

    RE = re.compile(r"(?:^|\n)(?P<level>#{1,6})[ \t\u3000]+(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)")


class ArchiveMarkdownReader(MarkdownReader):
    file_extensions = [suffix.lstrip(".") for suffix in ITEM_SUFFIXES]

    def read(self, source_path):
        path = source_path
        try:
            cache = read_cache(self.settings)
            stamp = file_stamp(path)
            found = cache.read(path, stamp)
            if found is None:
                report = problems.current()
                before = len(report.warnings)
                content, plain, body = self._read(source_path, path)
                warnings = [(w.line, w.message) for w in report.warnings[before:]]
                cache.keep_read(path, stamp, (content, plain, warnings), body)
            else:
                content, plain, warnings = found
                for line, message in warnings:
                    problems.current().warning(path, line, message)
            if plain.get("local_links"):
                content = local_links.rewrite(content, path, self.settings["PATH"])[0]
            result = self._with_taxonomies(plain)
            self._warn_if_future(path, result)
            return content, result
        except ContentError as e:
            problems.current().add(e)
            raise
        except Exception as e:
            # Pelican would log "could not process" and build on without the
            # item; an archive must not lose an article that quietly.
            problems.current().error(path, None, f"读取失败（{type(e).__name__}: {e}）。")
            raise

    def _read(self, source_path, path):
        data = Path(source_path).read_bytes()
        text = utf8_text(data, path)
        header, warnings = metadata.parse(text, path)
        for line, message in warnings:
            problems.current().warning(path, line, message)

        values, lines = header.values, header.lines
        for key in metadata.REQUIRED:
            if not values.get(key):
                where = lines.get(key)
                raise ContentError(
                    path,
                    where,
                    f"缺少 {key.capitalize()}（{metadata.FIELDS[key]}）。请在文件开头的元数据里补上这一行。"
                    if where is None
                    else f"{key.capitalize()} 是空的（{metadata.FIELDS[key]}）。请填写。",
                )

        # read as Status is: Ｐｈｏｔｏ and Photo are photo
        item_type = metadata.value_word(values.get("type", "")) or "article"
        if item_type not in metadata.ITEM_TYPES:
            raise ContentError(
                path, lines["type"],
                f"Type 只能是 article 或 photo，不是“{values['type']}”。" + metadata.value_advice("type", values["type"]),
            )
        if item_type == "photo" and not values.get("credit"):
            raise ContentError(
                path,
                lines.get("type"),
                "图片新闻需要 Credit（图片来源，如“图片由澉浦镇提供”）。",
            )

        status = metadata.status_of(values)
        if status and status not in metadata.STATUSES:
            raise ContentError(
                path,
                lines["status"],
                f"Status 只能是 draft（草稿）、hidden（隐藏）或 published（发布，也可以不写），不是“{values['status']}”。"
                + metadata.value_advice("status", values["status"]),
            )

        date = metadata.parse_date(values["date"], path, lines["date"])
        result = {
            "title": values["title"],
            "date": date,
            "type": item_type,
            "category": values["category"],
            "townships": metadata.split_list(values.get("townships", "")),
            "meta_lines": dict(lines),
            # what the file is, for caches that must notice any change to it
            "source_digest": hashlib.sha1(data).hexdigest(),
        }
        if item_type == "photo":
            result["template"] = "photo"
        written = values.get("authors", "")
        authors = metadata.author_names(written)
        if authors != metadata.split_list(written):
            # a byline copied as printed: its role words and credit marks (记者, 通讯员, 摄, 文/图)
            # would be authors with pages of their own, and 文/图 朱敏 one author
            dropped = metadata.left_out_of(written, authors)
            problems.current().warning(
                path,
                lines["authors"],
                (f"Authors 里的{''.join(f'“{w}”' for w in dropped)}是身份或署名标记，不是人名，已略去。" if dropped
                 else f"Authors 读作 {len(authors)} 个人：{'、'.join(authors)}。")
                + (f"Authors 只写人名，请写成“Authors: {', '.join(authors)}”。" if authors
                   else "这篇稿件现在没有作者；Authors 只写人名，如“Authors: 朱敏, 张凌翊”，不知道作者就删去这一行。"),
            )
        if authors:
            result["authors"] = authors
        tags = metadata.split_list(values.get("tags", ""))
        if any(mark in values.get("tags", "") for mark in "#＃"):
            # #招商引资 #基层治理, as Weibo writes topics: one topic “#招商引资 #基层治理”, or
            # “#招商引资#” beside 招商引资, each with a page of its own
            tags = metadata.split_list(re.sub("[#＃]+", ",", values["tags"]))
            problems.current().warning(
                path,
                lines["tags"],
                "Tags 里的“#”不用写，已略去。"
                + (f"Tags 读作 {len(tags)} 个主题，请写成“Tags: {', '.join(tags)}”。" if tags else "这篇稿件现在没有主题。"),
            )
        if tags:
            result["tags"] = tags
        if values.get("modified"):
            result["modified"] = metadata.parse_date(values["modified"], path, lines["modified"])
        for key in ("kicker", "credit", "source", "summary"):
            if values.get(key):
                result[key] = values[key]
        if result.get("credit"):
            # copied as printed, （朱敏 摄）: the page, its card and the feed put the credit in brackets, （（朱敏 摄））
            result["credit"] = metadata.unbracketed(result["credit"]) or result["credit"]
        if status:
            result["status"] = status
        result["slug"] = values.get("slug") or slugs.slugify(values["title"])
        problem = slugs.slug_problem(values["slug"]) if values.get("slug") else None
        if problem:
            raise ContentError(path, lines["slug"], problem)

        if item_type == "photo" and header.body.strip():
            problems.current().warning(
                path,
                header.body_line,
                "图片新闻不需要正文，正文已被忽略；图片说明请写在 Title。",
            )
            body = ""
        else:
            body = header.body
            if item_type == "article" and not body.strip():
                problems.current().warning(
                    path,
                    max(lines.values()),
                    "正文是空的，这篇稿件发布后只有标题。请在元数据下面空一行，写上正文；"
                    "如果它是图片新闻，请加上 Type: photo 和 Credit。",
                )
        content = read_cache(self.settings).render(body, self._convert) if body else ""
        rewritten, links_files = local_links.rewrite(content, source_path, self.settings["PATH"])
        for url, machine, root_path in local_links.preview_links(content):
            # copied from the browser of a preview: on the published site it opens the reader's own machine
            problems.current().warning(
                path,
                next((n for n, line in enumerate(text.split("\n"), 1) if url in line), None),
                f"正文里的链接 {url} 是本机预览（invoke serve、livereload）的地址，读者打不开，已按 {root_path} 处理。"
                f"请在稿件里写成 {root_path}，去掉前面的 {machine}。",
            )
        if links_files:
            # rewritten in read(), cached read or not: the cache keeps the HTML Markdown made;
            # and for local_links.check, on every build, as whether the file is there is no part of this read
            result["local_links"] = True
        if '="/' in rewritten or "='/" in rewritten:
            # an href or src from the site's root, for site_links to make work under any SITEURL;
            # found here, once a read, so that a build does not search every item's HTML again
            result["root_links"] = True
        return content, result, body

    def _with_taxonomies(self, plain: dict) -> dict:
        """The metadata Pelican gets: names made into its wrappers, slugs in pinyin (a fresh dict: Pelican keeps it)."""
        result = {key: value.copy() if isinstance(value, (list, dict)) else value for key, value in plain.items()}
        result["category"] = _with_slug(Category(plain["category"], self.settings))
        if "authors" in plain:
            result["authors"] = [_with_slug(Author(a, self.settings)) for a in plain["authors"]]
        if "tags" in plain:
            result["tags"] = [_with_slug(Tag(t, self.settings)) for t in plain["tags"]]
        return result

    def _warn_if_future(self, path, result: dict) -> None:
        # Checked on every build, cached read or not: tomorrow's draft is today's article.
        # In the site's time zone, as Pelican decides it (Article.__init__), not the machine's.
        date = set_date_tzinfo(result["date"], self.settings.get("TIMEZONE"))
        now = dt.datetime.now(dt.timezone.utc) if date.tzinfo else dt.datetime.now()
        if date > now and result.get("status", "published") == "published":
            problems.current().warning(
                path,
                result["meta_lines"].get("date"),
                f"日期 {date:%Y-%m-%d} 在未来，这篇稿件按草稿处理，到那天重新构建后才会发布。",
            )

    def _convert(self, body: str) -> str:
        md = getattr(self, "_markdown", None)
        if md is None:
            md_settings = dict(self.settings["MARKDOWN"])
            # The header is already parsed; the meta extension would otherwise
            # swallow a body that happens to start with "Word: ...".
            md_settings["extensions"] = [
                e for e in md_settings.get("extensions", []) if e != "markdown.extensions.meta"
            ]
            # One instance per reader: building it costs more than converting
            # a short article.
            md = self._markdown = Markdown(**md_settings)
            # Print text holds no code, but editors indent a paragraph's first
            # line (a tab, or four spaces, from Word or WPS): Markdown's
            # indented code block showed it in a monospace box that does not
            # wrap. Without it the paragraph is a paragraph; ``` fences still work.
            md.parser.blockprocessors.deregister("code")
            # Nor a heading of a paragraph opening with a Weibo topic
            # (#海宁开门红# ……), or of a line over ---: each became an
            # <h1>/<h2> in the middle of the item, its # gone. A subheading
            # an editor writes as Markdown does (## 小标题, a space after
            # the #, as CommonMark asks) stays one.
            md.parser.blockprocessors.register(_SpacedHashHeader(md.parser), "hashheader", 70)
            md.parser.blockprocessors.deregister("setextheader")
            # A numbered point (2. 审批提速) after a paragraph of text is a
            # list of its own: without its start number, every one showed 1.
            md.parser.blockprocessors["olist"].LAZY_OL = False
            if not raw_html(self.settings):
                # Print text has no markup of its own: a "<script>" in a body
                # is text to show, not code to run (raw HTML is escaped).
                md.preprocessors.deregister("html_block")
                md.inlinePatterns.deregister("html")
        return _join_wrapped_lines(md.reset().convert(_TIMES.sub(r"\\*", body)))
