"""`invoke import-page`: pages in, item files out, every decision shown.

``import_pages`` does the work and is what the tests call; ``main`` adds the
progress bar and the editor's report around it. Every page is read and every
item planned before anything is written, so a problem anywhere (a page with
no title, a URL two items would share) stops the run with nothing written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive import gazetteer, metadata
from newsarchive.importer import writer
from newsarchive.importer.items import ImportedItem, page_items
from newsarchive.importer.places import PlaceFinder
from newsarchive.importer.writer import Plan
from newsarchive.problems import ContentError, Problem, display_path
from newsarchive.source_text import decode, without_invisible

PAGE_SUFFIXES = (".txt",)


class ImportFailed(Exception):
    """The run stopped before writing anything; ``problems`` says why, with lines."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [f"导入已停止：{len(problems)} 处问题，没有写入任何文件。改好后重新运行即可。"]
        lines += [f"  {p}" for p in problems]
        super().__init__("\n".join(lines))


@dataclass
class Outcome:
    pages: list[Path]
    plans: list[Plan]
    written: list[Plan] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # about pages, such as a converted encoding
    dry_run: bool = False

    @property
    def items(self) -> list[ImportedItem]:
        return [p.item for p in self.plans]

    def with_action(self, action: str) -> list[Plan]:
        return [p for p in self.plans if p.action == action]


def find_pages(path: Path) -> list[Path]:
    """The page files named: one file, or every .txt file under a folder."""
    if path.is_dir():
        pages = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)
        if not pages:
            raise ImportFailed([Problem(display_path(path), None, "这个文件夹里没有 .txt 版面文件。")])
        return pages
    if not path.exists():
        raise ImportFailed([Problem(display_path(path), None, "没有这个文件或文件夹。请检查路径。")])
    return [path]


def read_page(path: Path) -> tuple[str, str | None]:
    """The page's text, and a notice when it had to be converted from GB18030."""
    try:
        data = path.read_bytes()
    except OSError as e:
        # a page the editor cannot read (no permission, a broken disk) was a traceback
        raise ContentError(path, None, f"读不出这个文件（{e.strerror}）。请检查文件的权限，或把它另存一份再导入。") from None
    if not data.strip():
        # decode's word for an empty item file asked for Title and Date, which a page has none of
        raise ContentError(path, None, "版面文件是空的，里面没有文字。请从原版面重新导出文字，或不要导入这个文件。")
    text, encoding = decode(data, path)
    if encoding == "utf-8":
        return text, None
    return text, (
        f"{display_path(path)} 是 GB18030/GBK 编码，已按 GB18030 读取，写出的稿件是 UTF-8（版面文件本身未改动）。"
    )


def parse_options(date: str, county: str, dest: Path) -> dt.date:
    problems = []
    when = None
    if not date.strip():
        problems.append(Problem("--date", None, "没有给出稿件日期。版面上不印日期，请用 --date 写出，如 --date 2023-01-31。"))
    else:
        try:
            when = metadata.parse_date(date, "--date", None).date()
        except ContentError as e:
            problems.append(e.problem)
    if county:
        problem = gazetteer.load().county_problem(county, gazetteer.IN_IMPORT_OPTIONS)
        if problem:
            problems.append(Problem("--county", None, problem))
    if dest.exists() and not dest.is_dir():
        # writing under it ended in a NotADirectoryError traceback, and --dry-run said nothing
        problems.append(Problem("--dest", None, f"{display_path(dest)} 是一个文件，不是文件夹。请写稿件所在的 content 文件夹；不写 --dest 就写进 content/。"))
    if problems:
        raise ImportFailed(problems)
    return when


def import_pages(
    path: Path,
    date: str,
    source: str = "",
    dest: Path = Path("content"),
    dry_run: bool = False,
    force: bool = False,
    county: str = "",
    on_page: Callable[[Path], None] | None = None,
) -> Outcome:
    """Import one page or a folder of pages into ``dest``; raises ImportFailed."""
    # options pasted from a web page are read as they look, as the page is (blocks.py)
    date, county = without_invisible(date), without_invisible(county)
    when = parse_options(date, county, Path(dest))
    pages = find_pages(Path(path))
    finder = PlaceFinder()
    items: list[ImportedItem] = []
    problems: list[Problem] = []
    notices: list[str] = []
    for page in pages:
        try:
            text, notice = read_page(page)
            found, page_problems = page_items(text, page, when, source, county, finder)
        except ContentError as e:
            problems.append(e.problem)
        else:
            items += found
            problems += page_problems
            if notice:
                notices.append(notice)
        if on_page:
            on_page(page)
    plans, plan_problems = writer.plan(items, Path(dest), force)
    problems += plan_problems
    if problems:
        raise ImportFailed(problems)
    if when > dt.date.today():
        # the build would say so item by item, later; a mistyped year is best caught now
        notices.append(f"--date {when:%Y-%m-%d} 在未来：这些稿件到那天之前都按草稿处理，构建时不会发布。"
                       "如果日期写错了，请用正确的 --date 导入（已经写入的，先删掉这次写入的文件）。")
    outcome = Outcome(pages, plans, notices=notices, dry_run=dry_run)
    if not dry_run:
        try:
            outcome.written = writer.write(plans)
        except OSError as e:
            # writer.write has taken back what it wrote; the editor saw a traceback
            where = display_path(e.filename) if e.filename else display_path(dest)
            raise ImportFailed([Problem(where, None, f"无法写入（{e.strerror}）。请检查 --dest 文件夹的权限和磁盘空间。")]) from None
    return outcome


def main(
    path: str,
    date: str,
    source: str = "",
    dest: str = "content",
    dry_run: bool = False,
    force: bool = False,
    county: str = "",
) -> int:
    """The command: progress for a folder, then the table or the summary; exit status."""
    from newsarchive.importer import report  # noqa: PLC0415  (rich loads only for the command)

    console = report.console()
    try:
        pages = find_pages(Path(path))
        with report.progress(console, len(pages)) as advance:
            outcome = import_pages(Path(path), date, source, Path(dest), dry_run, force, county, on_page=advance)
    except ImportFailed as e:
        report.failure(console, e)
        return 1
    report.outcome(console, outcome, Path(dest))
    return 0
