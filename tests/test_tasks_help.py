"""`invoke --list` and `invoke --help TASK` as an editor reads them: Chinese first, as the README and the tasks' messages."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")
# "  -c STRING, --county=STRING   县级行政区全称，如 海宁市" (the flag's name, then two spaces or more, then its help)
OPTION = re.compile(r"^  (?:-\w(?: \[?\w+\]?)?, )?--[\w-]+(?:\[?=\w+\]?)?(?:\s{2,}(?P<help>\S.*))?$")


def invoke(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def chinese_first(text: str) -> bool:
    """Its first word is Chinese: the first CJK character comes before the first Latin letter."""
    latin = re.search(r"[A-Za-z]{2,}", text)
    cjk = CJK.search(text)
    return bool(cjk) and (latin is None or cjk.start() < latin.start())


TASKS = [line.split()[0] for line in invoke("--list").splitlines()[2:] if line.startswith("  ") and not line.startswith("   ")]


def test_every_task_is_listed():
    assert {"build", "rebuild", "regenerate", "serve", "reserve", "livereload", "preview", "publish", "search",
            "import-page", "new", "check", "check-links", "gen-corpus", "bench", "bench-profile"} <= set(TASKS)


@pytest.mark.parametrize("task", TASKS)
def test_a_tasks_help_says_in_chinese_first_what_it_does_and_what_each_option_is(task):
    # the docstrings and half the options were English only, under a README and messages in Chinese
    shown = invoke("--help", task)
    docstring = shown.split("Docstring:\n", 1)[1].split("\n\n", 1)[0].strip()
    assert chinese_first(docstring), docstring
    options = shown.split("Options:\n", 1)[1] if "Options:\n" in shown else ""
    checked = []
    for line in options.splitlines():
        match = OPTION.match(line)
        if match:
            checked.append(line)
            assert match["help"] and chinese_first(match["help"]), line
    assert len(checked) == options.count("  -"), options  # every option's line was read
