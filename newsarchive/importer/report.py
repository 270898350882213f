"""What the editor reads: the dry-run table, the progress bar, the summary.

Rich measures Chinese characters as two columns wide, so the table stays
aligned in a terminal; piped into a file it is still plain text.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from newsarchive.importer.run import ImportFailed, Outcome
from newsarchive.importer.writer import EDITED, NEW, OVERWRITE, SAME, Plan
from newsarchive.problems import display_path

STATUS = {NEW: "新建", SAME: "已有，跳过", EDITED: "已改动，不覆盖", OVERWRITE: "覆盖"}


def console() -> Console:
    # Wide enough for a row of the table when output goes to a file or a pipe.
    width = None if os.isatty(1) else 200
    return Console(width=width, highlight=False)


@contextlib.contextmanager
def progress(out: Console, pages: int) -> Iterator[Callable[[Path], None]]:
    """A progress bar over the pages of a folder; a single page needs none."""
    if pages <= 1:
        yield lambda _page: None
        return
    bar = Progress(
        TextColumn("读取版面"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
        TimeElapsedColumn(), console=out, transient=False,
    )
    with bar:
        task = bar.add_task("", total=pages)
        yield lambda page: bar.update(task, advance=1, description=page.name)


def failure(out: Console, error: ImportFailed) -> None:
    out.print(str(error), markup=False)


def outcome(out: Console, result: Outcome, dest: Path) -> None:
    for notice in result.notices:
        out.print(f"注意：{notice}", markup=False)
    out.print(table(result, dest))
    notes(out, result)
    out.print(summary(result), markup=False)


def table(result: Outcome, dest: Path) -> Table:
    title = "试运行：将要导入的稿件（未写入任何文件）" if result.dry_run else "导入的稿件"
    title += f"　文件在 {display_path(dest)}/ 下"
    grid = Table(title=title, show_lines=False)
    for column in ("行", "标题", "作者", "县", "乡镇", "主题", "段落", "文件", "状态", "另提到"):
        # A file name cut in two cannot be copied; the other columns may wrap.
        grid.add_column(column, overflow="fold", no_wrap=column in ("文件", "行", "县"))
    for plan in result.plans:
        item = plan.item
        f = item.fields
        grid.add_row(
            str(item.line),
            f["title"] + ("（图片）" if item.kind == "photo" else ""),
            f.get("authors", "").replace(", ", "、"),
            f["category"],
            f.get("townships", "").replace(", ", "、"),
            f.get("tags", "").replace(", ", "、"),
            str(item.paragraphs),
            shown_path(plan.path, dest),
            status(plan),
            "、".join(item.elsewhere),
        )
    return grid


def shown_path(path: Path, dest: Path) -> str:
    """The file under the destination (2023/01/<slug>.md): the table has room for little."""
    try:
        return path.relative_to(dest.resolve()).as_posix()
    except ValueError:  # an item recognised in a file elsewhere
        return display_path(path)


def status(plan: Plan) -> str:
    text = STATUS[plan.action]
    if plan.action == SAME and not plan.identical:
        text += "（元数据不同）"
    if plan.action in (EDITED, OVERWRITE) and plan.same_body:
        text += "（只有元数据不同）"
    return text


def notes(out: Console, result: Outcome) -> None:
    found = [(plan.item, note) for plan in result.plans for note in plan.item.notes]
    if not found:
        return
    out.print("请核对：", markup=False)
    for item, note in found:
        out.print(f"  {display_path(item.page)}:{note.line}：{note.message}", markup=False)


def summary(result: Outcome) -> str:
    articles = sum(1 for i in result.items if i.kind == "article")
    photos = len(result.items) - articles
    counts = {action: len(result.with_action(action)) for action in STATUS}
    lines = [
        f"{len(result.pages)} 个版面，{articles} 篇稿件，{photos} 张图片。",
    ]
    verb = "将新建" if result.dry_run else "新建"
    line = f"{verb} {counts[NEW]} 篇，已有跳过 {counts[SAME]} 篇"
    if counts[EDITED]:
        line += f"，已改动未覆盖 {counts[EDITED]} 篇（要用版面文本覆盖，加 --force）"
    if counts[OVERWRITE]:
        line += f"，{'将覆盖' if result.dry_run else '覆盖'} {counts[OVERWRITE]} 篇"
    lines.append(line + "。")
    if result.dry_run:
        lines.append("这是试运行，没有写入任何文件；去掉 --dry-run 即可导入。")
    elif result.written:
        lines.append("接下来：invoke check 检查，invoke build 构建。")
    return "\n".join(lines)
