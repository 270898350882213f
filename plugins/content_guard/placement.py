"""Every item sits in content/YYYY/MM/, the folder of its Date, as its URL /YYYY/MM/<slug>/ does.

Pelican publishes a file wherever it lies, at the URL its Date gives, so a
file saved straight in content/ or in another month's folder goes live and
then cannot be found by its URL. Its page is right, so this is a warning
with the command that moves the file, not an error.
"""

from __future__ import annotations

import os
import shlex
import subprocess

from newsarchive import problems
from newsarchive.new_item import item_folder

from .checks import all_articles


def report_misplaced_items(generators, settings) -> None:
    root = os.path.abspath(settings["PATH"])
    folders: dict[tuple[int, int], str] = {}  # runs on every build: one strftime a month, not an item
    misplaced = []
    for item in all_articles(generators):
        month = (item.date.year, item.date.month)
        folder = folders.get(month)
        if folder is None:
            folder = folders[month] = os.path.join(root, item_folder(item.date))
        # Pelican's paths are already absolute and normalised; abspath only for the odd one
        if os.path.dirname(item.source_path) != folder:
            path = os.path.abspath(item.source_path)
            if os.path.dirname(path) != folder:
                misplaced.append((path, folder, item))
    if not misplaced:
        return
    tracked, git_mv = _git(root, [path for path, _, _ in misplaced])
    for path, folder, item in sorted(misplaced, key=lambda m: m[0]):
        target = os.path.join(folder, os.path.basename(path))
        shown = problems.display_path(folder)
        if os.path.exists(target):
            fix = (
                f"但那里已经有 {problems.display_path(target)}：请先确认两篇不是同一篇稿件，"
                "再给这篇换一个文件名移过去"
            )
        else:
            # git mv keeps the file's history; it refuses a file git does not know
            move = git_mv if path in tracked else "mv"
            command = f"{move} {shlex.quote(problems.display_path(path))} {shlex.quote(problems.display_path(target))}"
            if not os.path.isdir(folder):
                command = f"mkdir -p {shlex.quote(shown)} && {command}"
            fix = f"请移过去：{command}"
        problems.current().warning(
            path,
            getattr(item, "meta_lines", {}).get("date"),
            f"按 Date（{item.date:%Y-%m-%d}），这篇稿件应放在 {shown}/，"
            f"而不在 {problems.display_path(os.path.dirname(path))}/：文件夹和网址的年月一致，才能按网址找到文件。"
            f"{fix}；如果是 Date 写错了，就改正 Date。",
        )


def _git(root: str, paths: list[str]) -> tuple[set[str], str]:
    """Those of ``paths`` that git tracks, and the git mv that moves them from where the build runs.

    None are tracked where content/ is in no repository or git is missing.
    """
    def run(*args):
        try:
            result = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return None
        return os.fsdecode(result.stdout) if result.returncode == 0 else None

    top = run("rev-parse", "--show-toplevel")
    listed = run("ls-files", "-z", "--", *paths)
    if top is None or listed is None:
        return set(), "git mv"
    top = top.strip()
    tracked = {os.path.join(root, name) for name in listed.split("\0") if name}
    # `invoke check --content` may check a folder of another repository than the one it runs in
    here = os.path.realpath(os.curdir)  # git gives its top folder with links resolved
    inside = os.path.commonpath([here, top]) == top
    return tracked, "git mv" if inside else f"git -C {shlex.quote(problems.display_path(top))} mv"
