"""Every file in content/ is accounted for: published, a draft, or reported.

Pelican reads only the extensions it has readers for and says nothing about
the rest, so an article saved as .txt (or .md.bak) would simply never appear.
"""

from __future__ import annotations

import fnmatch
import os

from newsarchive import metadata, problems
from newsarchive.existing_items import ITEM_SUFFIXES
from newsarchive.problems import ContentError
from newsarchive.source_text import read_utf8

NOT_AN_ITEM = "这个文件没有发布：本站只把 .md（或 .markdown）文件当作稿件读取。"
SKIPPED = "这个文件没有发布：它写着 Status: skip。"


def _ignored(relative: str, patterns) -> bool:
    parts = relative.split("/")
    if any(part.startswith(".") for part in parts):
        return True
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(parts[-1], p) for p in patterns)


def report_unread_files(generators, settings) -> None:
    context = generators[0].context
    # static_links too: `invoke check` runs no static generator, and a picture an item shows
    # (![现场](现场.jpg)) was “not published” there while the build published it
    seen = (set(context.get("generated_content", {})) | set(context.get("static_content", {}))
            | set(context.get("static_links", ())))
    root = str(settings["PATH"])
    unread = []
    # os.walk, as Pelican's own reading does (symlinked folders followed), not
    # Path.rglob, which took a quarter of a second for 5,000 items on every build
    ignore = settings.get("IGNORE_FILES", [])
    for folder, subfolders, names in os.walk(root, followlinks=True):
        # folders Pelican does not enter (IGNORE_FILES), and hidden ones, whose files _ignored skips anyway
        subfolders[:] = [d for d in subfolders if not d.startswith(".") and not any(fnmatch.fnmatch(d, p) for p in ignore)]
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        for name in names:
            relative = prefix + name
            if relative in seen or _ignored(relative, ignore):
                continue
            if os.path.isfile(os.path.join(folder, name)):
                unread.append((relative, os.path.join(folder, name)))
    for _, path in sorted(unread):
        line = _status_skip_line(path)
        if line:
            problems.current().warning(path, line, SKIPPED + "要发布，请删去这一行；要存为草稿，请写 Status: draft。")
        else:
            problems.current().warning(
                path, None, NOT_AN_ITEM + "如果它是稿件，请改成 .md 扩展名；如果不是，请把它移出 content/。"
            )


def _status_skip_line(path: str) -> int | None:
    """The line of its Status: skip, if that is why Pelican left out this item file (it reads no other)."""
    if os.path.splitext(path)[1] not in ITEM_SUFFIXES:
        return None
    try:
        header, _warnings = metadata.parse(read_utf8(path), path)
    except (ContentError, OSError):
        return None
    return header.lines["status"] if metadata.status_of(header.values) == "skip" else None


def summary(generators) -> str:
    published = drafts = photos = 0
    draft_files = []
    for generator in generators:
        for item in getattr(generator, "articles", []):
            published += 1
            photos += getattr(item, "type", "") == "photo"
        for item in getattr(generator, "drafts", []):
            drafts += 1
            draft_files.append(problems.display_path(item.source_path))
    parts = [f"发布 {published} 篇（图片新闻 {photos} 篇）"]
    if drafts:
        shown = "、".join(draft_files[:5]) + ("……" if drafts > 5 else "")
        parts.append(f"草稿 {drafts} 篇，未发布：{shown}")
    warnings = problems.current().warnings
    skipped = sum(w.message.startswith(SKIPPED) for w in warnings)
    if skipped:
        parts.append(f"{skipped} 篇写着 Status: skip，未发布（见上方提醒）")
    unread = sum(w.message.startswith(NOT_AN_ITEM) for w in warnings)
    if unread:
        parts.append(f"{unread} 个文件不是稿件，未发布（见上方提醒）")
    return "；".join(parts) + "。"



