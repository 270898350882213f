"""Write the skeleton of a new item, already valid, where the site expects it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from newsarchive import gazetteer, metadata, problems, slugs
from newsarchive.existing_items import existing_items, url_holders
from newsarchive.problems import ContentError, display_path
from newsarchive.source_text import without_invisible


def item_folder(date: dt.date) -> str:
    """YYYY/MM, the folder of content/ an item of this date belongs in (content_guard warns of any other)."""
    return f"{date:%Y}/{date:%m}"


def item_path(content: Path, date: dt.date, slug: str) -> Path:
    """content/YYYY/MM/<slug>.md, mirroring the item's URL /YYYY/MM/<slug>/."""
    return content / item_folder(date) / f"{slug}.md"


def _refuse_a_taken_address(content: Path, path: Path, when: dt.datetime, slug: str, title: str, given: bool) -> None:
    """Stop before writing when the new item's file or URL (/YYYY/MM/<slug>/) is another item's.

    The file would otherwise be overwritten, or every build stop on two items
    with one URL. Items are matched by URL, not file name: the URL comes from
    Date and Slug wherever the file lies.
    """
    items = [i for i in existing_items(content) if i.date is not None]  # an item without a date claims no URL
    month = [i for i in items if (i.date.year, i.date.month) == (when.year, when.month)]
    if path.exists():
        holder = next((i for i in items if i.path == path), None)
    else:
        folder = item_folder(when)
        holder = url_holders(month, {folder}).get((folder, slug))
        if holder is None:
            return
    url = f"/{when:%Y}/{when:%m}/{slug}/"
    taken = {i.slug for i in month} | {p.stem for p in path.parent.glob("*.md")}
    way_out = f"--slug {slugs.free_slug(slug, taken)}"
    if holder is None:
        raise ContentError(
            path, None,
            "这个文件已经存在，但读不出它的标题和日期（invoke check 会指出问题）。"
            f"请先修好或移走它；如果新稿件是另一篇，也可以用 {way_out} 另起一个网址。",
        )
    if holder.title == title:
        raise ContentError(holder.path, None, "这个文件已经存在（同月同标题）。请直接编辑它，或换一个标题。")
    other = f"已有稿件“{holder.title}”（{display_path(holder.path)}）"
    same_url = holder.slug == slug  # else only the file name: its Slug field gives it another URL
    if given:
        clash = f"网址 {url} 已经被{other}占用" if same_url else f"文件 {display_path(path)} 已经被“{holder.title}”占用"
        raise ContentError("invoke new", None, f"--slug：{clash}。请换一个，如 {way_out}。")
    clash = (
        f"“{title}”和{other}的拼音网址相同：{url}"
        if same_url
        else f"“{title}”的拼音文件名 {display_path(path)} 已经被已有稿件“{holder.title}”占用"
    )
    raise ContentError(
        "invoke new", None,
        f"{clash}。如果是同一篇，请直接编辑那个文件；"
        f"如果是另一篇，请用 {way_out} 给新稿件另起一个网址，或换一个标题。",
    )


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
    slug: str | None = None,
) -> Path:
    where = "invoke new"
    # Pasted from a web page, 海宁市\u200b is no county to the gazetteer, and
    # “是不是海宁市？” shows the editor nothing to change: read as it looks,
    # as the build reads a header (metadata.parse).
    title, county, townships, authors, tags = map(without_invisible, (title, county, townships, authors, tags))
    date, photo_credit = (None if v is None else without_invisible(v) for v in (date, photo_credit))
    # Written out, a blank title would stop every later check and build.
    title = title.strip()
    if not title:
        raise ContentError(
            where, None, '标题是空的。请把标题写在引号里，如：invoke new "长安镇举办新春游园会" --county 海宁市。'
        )
    places = gazetteer.load()
    if not county.strip():
        raise ContentError(
            where, None, f'没有给出县级行政区，稿件没有创建。请加上 --county，如：invoke new "{title}" --county 海宁市。'
            f"可以写：{'、'.join(places.counties)}。"
        )
    problem = places.county_problem(county, gazetteer.IN_ITEM_OPTIONS)
    if problem:
        raise ContentError(where, None, f"--county：{problem}")
    names = metadata.split_list(townships)
    for name in names:
        problem = places.township_problem(name, county, gazetteer.IN_ITEM_OPTIONS)
        if problem:
            raise ContentError(where, None, f"--townships：{problem}")
    when = metadata.parse_date(date, where, None) if date else dt.datetime.now().replace(second=0, microsecond=0)
    given = bool(slug)
    if given:
        problem = slugs.slug_problem(slug)
        if problem:
            raise ContentError(where, None, f"--slug：{problem}")
    else:
        slug = slugs.slugify(title)
    path = item_path(content, when.date(), slug)
    _refuse_a_taken_address(content, path, when, slug, title, given)
    # read as the build reads Authors: a byline pasted as printed (记者 朱敏) was
    # written as two authors, and the build then warned about the line written
    people = metadata.author_names(authors)
    fields = {
        "title": title,
        "date": when.strftime("%Y-%m-%d %H:%M") if when.hour or when.minute else when.strftime("%Y-%m-%d"),
        "authors": ", ".join(people),
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
    text = render(fields, body)
    with open(path, "x", encoding="utf-8") as f:
        f.write(text)
    if people != metadata.split_list(authors):
        _say_what_authors_left_out(path, text, authors, people)
    return path


def _say_what_authors_left_out(path: Path, text: str, written: str, people: list[str]) -> None:
    """A notice, as the build gives for an Authors line, naming the line written in the file."""
    dropped = metadata.left_out_of(written, people)
    said = (f"--authors 里的{''.join(f'“{w}”' for w in dropped)}是身份或署名标记，不是人名，已略去。" if dropped
            else f"--authors 读作 {len(people)} 个人：{'、'.join(people)}。")
    if people:
        line = text.split("\n").index(f"Authors: {', '.join(people)}") + 1
        said += f"稿件里写的是“Authors: {', '.join(people)}”。"
    else:
        line = None
        said += "稿件里没有写 Authors；知道作者的话，请补上一行，如“Authors: 朱敏, 张凌翊”。"
    problems.current().warning(path, line, said)
