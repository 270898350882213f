"""Problems found in content, reported the way an editor can act on them.

Every check in the project reports here instead of raising on the first
problem, so one build lists every broken file at once, each with its path,
its line where there is one, and what to do about it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass


def display_path(path) -> str:
    """A path as the editor typed it: relative inside the project, absolute outside."""
    path = os.path.abspath(str(path))
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def untouched(output) -> str:
    """What a stopped build did to its output folder, named as the editor gave it (-o, OUTPUT_PATH)."""
    if os.path.isdir(output):
        return f"已发布的 {display_path(output)}/ 未改动"
    return f"没有写入 {display_path(output)}/"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class ContentError(ValueError):
    """A content file that cannot be published as it is."""

    def __init__(self, path: str, line: int | None, message: str):
        self.problem = Problem(display_path(path), line, message)
        super().__init__(str(self.problem))


class BuildFailed(SystemExit):
    """Stops the build with a readable report and exit status 1, no traceback.

    A SystemExit passes through Pelican's catch-all handler, which would
    otherwise print a traceback an editor cannot use.
    """

    def __init__(self, problems: list[Problem], output: str | None = None):
        self.problems = problems
        kept = f"（{untouched(output)}）" if output else ""
        lines = [f"构建已停止：{len(problems)} 处内容需要修改{kept}。"]
        lines += [f"  {p}" for p in problems]
        super().__init__("\n".join(lines))

    def __str__(self) -> str:
        return str(self.code)


class Interrupted(SystemExit):
    """A build stopped by Ctrl-C or SIGTERM (atomic_publish), its exit status that of the signal.

    Status 0 if the new site was already published. A loop that runs builds
    (newsarchive/devloop.py) takes it for the editor's stop, as it takes a
    Ctrl-C between builds: a plain SystemExit ended it with no word of its own.
    """


class Problems:
    """The errors and warnings of one build."""

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, path: str, line: int | None, message: str) -> None:
        # Not logged here: the build prints all errors together when it stops.
        problem = Problem(display_path(path), line, message)
        if problem not in self.errors:
            self.errors.append(problem)

    def warning(self, path: str, line: int | None, message: str) -> None:
        problem = Problem(display_path(path), line, message)
        if problem not in self.warnings:
            self.warnings.append(problem)
            # One plain line, as compilers print them: editors and terminals
            # make "path:line:" clickable, and nothing wraps the path.
            print(f"提醒 {problem}", file=sys.stderr)

    def has_error_in(self, path: str) -> bool:
        """Whether an error of this build names ``path`` (relative to the content folder, or not)."""
        tail = os.sep + os.path.normpath(path)
        return any(os.path.normpath(os.path.join(os.sep, p.path)).endswith(tail) for p in self.errors)

    def add(self, exc: ContentError) -> None:
        self.error(exc.problem.path, exc.problem.line, exc.problem.message)

    def raise_if_errors(self, output: str | None = None) -> None:
        if self.errors:
            raise BuildFailed(sorted(self.errors, key=lambda p: (p.path, p.line or 0)), output)


_current = Problems()


def current() -> Problems:
    return _current


def reset() -> Problems:
    global _current
    _current = Problems()
    return _current
