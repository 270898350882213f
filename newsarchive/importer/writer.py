"""Items to files in content/: safe to run twice, never half-written.

What happens to each item is decided before anything is written:

- ``new``: no file holds this story (title and date) and its path is free.
- ``same``: a file already holds this story with the same text: skipped.
  Its metadata may differ (the editor corrected a township): that is kept.
  The story is found by title and date, or at its URL by date and text when
  the editor changed its title (a kicker taken out of it, as a note asks).
- ``edited``: a file holds this story but its text differs from the page:
  kept as it is, unless ``--force`` makes it ``overwrite``.
- a *different* story at the path (two titles spelled alike in pinyin) is a
  problem: the importer never overwrites another item, not even with --force.

Writing is all-or-nothing: every file is first written to a hidden temporary
name beside its target, and only when all are written are they renamed into
place, each rename atomic. A failure before that removes the temporary files
and leaves content/ as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from newsarchive.existing_items import Existing, existing_items, url_holders
from newsarchive.importer.items import ImportedItem
from newsarchive.new_item import render
from newsarchive.problems import Problem, display_path

NEW, SAME, EDITED, OVERWRITE = "new", "same", "edited", "overwrite"
TEMP_SUFFIX = ".importing"


@dataclass
class Plan:
    item: ImportedItem
    path: Path
    text: str
    action: str
    # For a story already there: is the file byte for byte what the importer
    # would write, and if not, is at least the text the same (metadata edited)?
    identical: bool = False
    same_body: bool = True


def comparable(body: str) -> str:
    """Body text with white space removed: line breaks are not the story."""
    return re.sub(r"\s+", "", body)


def plan(items: list[ImportedItem], dest: Path, force: bool = False) -> tuple[list[Plan], list[Problem]]:
    """What to do with each item, and the problems that stop the import."""
    existing = existing_items(dest)
    by_story = {}
    for e in existing:
        by_story.setdefault((e.title, e.day), e)
    # a free path is not a free URL
    by_url = url_holders(existing, {item.relative_path.parent.as_posix() for item in items})
    plans: list[Plan] = []
    problems: list[Problem] = []
    claimed: dict[Path, ImportedItem] = {}
    for item in items:
        text = render(item.fields, item.body)
        target = (dest / item.relative_path).resolve()
        other = claimed.get(target)
        if other is not None:
            problems.append(_collision_in_run(item, other, dest))
            continue
        claimed[target] = item
        story = by_story.get((item.title, dt.date.fromisoformat(item.fields["date"])))
        if story is not None:
            plans.append(_plan_for_existing(item, story, text, force))
            continue
        holder = by_url.get((item.relative_path.parent.as_posix(), item.relative_path.stem))
        if holder is not None and holder.path.resolve() != target:
            problem = _url_taken(item, holder)
        elif target.exists():
            holder = _holder(target, existing)
            problem = _occupied(item, target, holder)
        else:
            plans.append(Plan(item, target, text, NEW))
            continue
        if holder is not None and _retitled(item, holder):
            plans.append(_plan_for_existing(item, holder, text, force))
        else:
            problems.append(problem)
    return plans, problems


def _retitled(item: ImportedItem, holder: Existing) -> bool:
    """The item at this URL is this story under a title the editor changed after import.

    A note asks for that (a title over two lines whose first line is a kicker:
    Title becomes the second line, Kicker the first), and the file keeps its
    Slug and name. Same day and same text make it the same story; a photo with
    no text is told from another only by its title, so it never is.
    """
    body = comparable(item.body)
    return bool(body) and holder.day == dt.date.fromisoformat(item.fields["date"]) and comparable(holder.body) == body


def _holder(target: Path, existing: list[Existing]) -> Existing | None:
    """The item read from the file at ``target`` (a resolved path), if its header could be read.

    Only a file of that name, or a link, can be it: a resolve() for every
    item, on every import, took 2 s at 50,000 items.
    """
    return next((e for e in existing
                 if (e.path.name == target.name or e.path.is_symlink()) and e.path.resolve() == target), None)


def _plan_for_existing(item: ImportedItem, story: Existing, text: str, force: bool) -> Plan:
    if story.text.rstrip("\n") == text.rstrip("\n"):
        return Plan(item, story.path, text, SAME, identical=True)
    same_body = comparable(story.body) == comparable(item.body)
    if force:
        return Plan(item, story.path, text, OVERWRITE, same_body=same_body)
    return Plan(item, story.path, text, SAME if same_body else EDITED, same_body=same_body)


def _collision_in_run(item: ImportedItem, other: ImportedItem, dest: Path) -> Problem:
    if item.title == other.title and comparable(item.body) == comparable(other.body):
        # Told to retitle one, an editor would publish the same story twice.
        message = (f"“{item.title}”和 {other.where} 的稿件标题、正文都相同，是同一篇稿件出现了两次"
                   "（比如转版后又印了一遍）。请从版面文本中删去其中一处，再重新导入。")
    else:
        message = (f"“{item.title}”和 {other.where}“{other.title}”的拼音网址相同"
                   f"（{display_path(dest / item.relative_path)}），导入后会互相覆盖。"
                   "请在原稿中改动其中一个标题（比如加上地名），再重新导入。")
    return Problem(display_path(item.page), item.line, message)


def _occupied(item: ImportedItem, target: Path, holder: Existing | None) -> Problem:
    if holder is None:
        what = "已经有一个读不出标题和日期的文件"
    else:
        what = f"已经是另一篇稿件“{holder.title}”（{holder.day}）"
    return Problem(
        display_path(item.page),
        item.line,
        f"{display_path(target)} {what}，和“{item.title}”的拼音网址相同。导入不会覆盖别的稿件（--force 也不会）。"
        "请在原稿中给这篇的标题加上区别（比如地名），或先把已有的那篇改成别的 Slug 和文件名，再重新导入。",
    )


def _url_taken(item: ImportedItem, holder: Existing) -> Problem:
    url = f"/{item.relative_path.parent.as_posix()}/{item.relative_path.stem}/"
    return Problem(
        display_path(item.page),
        item.line,
        f"{display_path(holder.path)} 里的已有稿件“{holder.title}”（{holder.day}）的网址就是 {url}，"
        f"和“{item.title}”的拼音网址相同。导入不会写出两篇网址相同的稿件（--force 也不会）。"
        "请在原稿中给这篇的标题加上区别（比如地名），或先把已有的那篇改成别的 Slug，再重新导入。",
    )


def write(plans: list[Plan]) -> list[Plan]:
    """Write the new and overwritten files, all or none; returns the plans written."""
    to_write = [p for p in plans if p.action in (NEW, OVERWRITE)]
    temporary: list[tuple[Path, Path]] = []
    try:
        for p in to_write:
            p.path.parent.mkdir(parents=True, exist_ok=True)
            temp = p.path.with_name(f".{p.path.name}{TEMP_SUFFIX}")
            with open(temp, "w", encoding="utf-8", newline="\n") as f:
                temporary.append((temp, p.path))
                f.write(p.text)
                f.flush()
                os.fsync(f.fileno())
    except BaseException:
        for temp, _target in temporary:
            temp.unlink(missing_ok=True)
        raise
    for temp, target in temporary:
        os.replace(temp, target)
    return to_write
