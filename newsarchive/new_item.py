"""Write the skeleton of a new item, already valid, where the site expects it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from newsarchive import gazetteer, metadata, slugs
from newsarchive.problems import ContentError


def item_folder(date: dt.date) -> str:
    """YYYY/MM, the folder of content/ an item of this date belongs in (content_guard warns of any other)."""
    return f"{date:%Y}/{date:%m}"


def item_path(content: Path, date: dt.date, slug: str) -> Path:
    """content/YYYY/MM/<slug>.md, mirroring the item's URL /YYYY/MM/<slug>/."""
    return content / item_folder(date) / f"{slug}.md"


def render(fields: dict[str, str], body: str = "") -> str:
    """An item file: the header in the content model's field order, a blank line, the body."""
    order = list(metadata.FIELDS)
    lines = [f"{key.capitalize()}: {fields[key]}" for key in order if fields.get(key)]
    text = "\n".join(lines) + "\n"
    if body.strip():
        text += "\n" + body.strip("\n") + "\n"
    return text


def new_item(
    title: str,
    county: str,
    townships: str = "",
    authors: str = "",
    tags: str = "",
    date: str | None = None,
    photo_credit: str | None = None,
    content: Path = Path("content"),
) -> Path:
    where = "invoke new"
    # Written out, a blank title would stop every later check and build.
    title = title.strip()
    if not title:
        raise ContentError(
            where, None, '标题是空的。请把标题写在引号里，如：invoke new "长安镇举办新春游园会" --county 海宁市。'
        )
    places = gazetteer.load()
    problem = places.county_problem(county)
    if problem:
        raise ContentError(where, None, f"--county：{problem}")
    names = metadata.split_list(townships)
    for name in names:
        problem = places.township_problem(name, county)
        if problem:
            raise ContentError(where, None, f"--townships：{problem}")
    when = metadata.parse_date(date, where, None) if date else dt.datetime.now().replace(second=0, microsecond=0)
    slug = slugs.slugify(title)
    path = item_path(content, when.date(), slug)
    if path.exists():
        raise ContentError(
            str(path), None, "这个文件已经存在（同月同标题）。请直接编辑它，或换一个标题。"
        )
    fields = {
        "title": title,
        "date": when.strftime("%Y-%m-%d %H:%M") if when.hour or when.minute else when.strftime("%Y-%m-%d"),
        "authors": ", ".join(metadata.split_list(authors)),
        "category": county,
        "townships": ", ".join(names),
        "tags": ", ".join(metadata.split_list(tags)),
        "slug": slug,
        # A skeleton must not go live with its placeholder text: the editor
        # deletes this line when the item is ready.
        "status": "draft",
    }
    if photo_credit is not None:
        fields["type"] = "photo"
        fields["credit"] = photo_credit or "图片由……提供"
        body = ""
    else:
        body = "正文第一段。\n\n正文第二段。"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as f:
        f.write(render(fields, body))
    return path
