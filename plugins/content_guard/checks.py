"""Checks across items: URLs that two files would share, duplicated stories, taxonomy slugs.

Pelican overwrites, or quietly treats as translations, two items with one
slug; a newspaper archive must instead stop and name both files.
"""

from __future__ import annotations

from collections import defaultdict

from newsarchive import gazetteer, problems, slugs


def source_of(item) -> str:
    return problems.display_path(item.source_path)


def assign_taxonomy_slugs(items) -> None:
    """Pinyin slugs for counties, authors and topics, set before Pelican groups by slug.

    Pelican compares these objects by slug, so the slug decides which names
    share a page; setting it here, with homophones kept apart, means 张会 and
    章惠 never end up on one author page. Every item then shares one object
    per name: 5,000 items would otherwise carry 25,000 copies of a few
    hundred names.
    """
    places = gazetteer.load()
    for attr in ("authors", "tags"):
        names = sorted({str(obj) for item in items for obj in getattr(item, attr, [])})
        by_name = slugs.disambiguate(names)
        shared = {}
        for item in items:
            objects = getattr(item, attr, None)
            if not objects:
                continue
            for obj in objects:
                if str(obj) not in shared:
                    obj.slug = by_name[str(obj)]
                    shared[str(obj)] = obj
            _replace(item, attr, [shared[str(obj)] for obj in objects])
            if attr == "authors":
                item.author = item.authors[0]
    shared = {}
    for item in items:
        category = getattr(item, "category", None)
        if category is not None:
            name = str(category)
            if name not in shared:
                known = places.counties.get(name)
                category.slug = known.slug if known else slugs.slugify(name)
                shared[name] = category
            _replace(item, "category", shared[name])


def _replace(item, attr, value) -> None:
    setattr(item, attr, value)
    if attr in item.metadata:
        item.metadata[attr] = value


ARTICLE_LISTS = ("articles", "translations", "drafts", "hidden_articles")
PAGE_LISTS = ("pages", "hidden_pages", "draft_pages")


def all_articles(generators):
    for generator in generators:
        for attr in ARTICLE_LISTS:
            yield from getattr(generator, attr, [])


def all_items(generators):
    for generator in generators:
        for attr in ARTICLE_LISTS + PAGE_LISTS:
            yield from getattr(generator, attr, [])


def check_collisions(items) -> None:
    by_output = defaultdict(list)
    by_story = defaultdict(list)
    for item in items:
        # frozen by page_cache once URLs are final; Pelican recomputes it on every access
        output = getattr(item, "frozen_save_as", None) or item.save_as
        if output:  # an empty one writes nothing (drafts, in a build for the host)
            by_output[output].append(item)
        if hasattr(item, "date"):
            by_story[(item.title.strip(), item.date.date())].append(item)

    for output, group in by_output.items():
        _report_each(group, "slug", lambda others: (
            f"与 {others} 的网址相同（/{output.removesuffix('index.html')}），"
            "后构建的会覆盖先构建的。请给其中一篇写一个不同的 Slug。"
        ))
    for (title, day), group in by_story.items():
        _report_each(group, "title", lambda others: (
            f"与 {others} 标题和日期都相同（“{title}”，{day}），像是同一篇稿件导入了两次。"
            "请删除重复的文件；如果确是两篇稿件，请修改其中一篇的标题。"
        ))


def _report_each(group, field, message) -> None:
    """One error per file of a clash, each naming the others, at the line of ``field``."""
    if len(group) < 2:
        return
    files = sorted(source_of(i) for i in group)
    for item in group:
        own = source_of(item)
        line = getattr(item, "meta_lines", {}).get(field)
        problems.current().error(own, line, message("、".join(f for f in files if f != own)))
