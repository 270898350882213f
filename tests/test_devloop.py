"""The editor's loop: `invoke livereload`, `invoke regenerate`, `invoke serve`, run as an editor runs them.

Each test runs the task in a copy of the project (its content is edited
there, never the shipped one), on a port of its own, and looks at the site
in chromium or at what the task printed.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from newsarchive import corpus

ARTICLE = Path("content/2023/01/hai-ning-quan-li-chong-ci-kai-men-hong.md")
ARTICLE_URL = "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/"
# what the loops print once a build is over and they wait for a save
WAITING = "output/ 已更新。保存后会自动重新构建，按 Ctrl-C 停止。"


ATOM = "{http://www.w3.org/2005/Atom}"


def fetch(url: str) -> bytes:
    """As a feed reader on this machine asks for it (straight, whatever proxy the environment names)."""
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url, timeout=30) as response:
        return response.read()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def project(tmp_path) -> Path:
    """The project as an editor has it checked out, without its builds."""
    copy = tmp_path / "project"
    copy.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py", "pyproject.toml"):
        shutil.copy2(ROOT / name, copy / name)
    for name in ("content", "theme", "plugins", "newsarchive"):
        shutil.copytree(ROOT / name, copy / name, ignore=skip)
    return copy


def _as_a_terminals_job() -> None:
    # A job a shell starts in the background (`cmd &` without job control, as CI scripts do) inherits
    # Ctrl-C ignored, and Python keeps it so: an editor's terminal job has it as the default.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Task:
    """An invoke task running in the background, its output collected in a file."""

    def __init__(self, project: Path, *args: str, port: int | None = None, cwd: Path | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = project.parent / f"invoke-{args[0]}.log"
        env = {**os.environ, "ARCHIVE_PORT": str(self.port), "PYTHONPATH": str(project), "COLUMNS": "1000"}
        with open(self.log_path, "wb") as log:
            # A session of its own, as a terminal's job: Ctrl-C goes to the whole group. Its input
            # stays open, as a terminal's does (invoke passes Ctrl-C on through it).
            self.process = subprocess.Popen([sys.executable, "-m", "invoke", *args], cwd=cwd or project, env=env,
                                            stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True, preexec_fn=_as_a_terminals_job)

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, text: str, timeout: float = 60, after: int = 0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.log[after:]:
            assert self.process.poll() is None, f"the task ended (status {self.process.returncode}):\n{self.log}"
            assert time.monotonic() < deadline, f"no {text!r} within {timeout} s:\n{self.log}"
            time.sleep(0.1)

    def ctrl_c(self, timeout: float = 30) -> int:
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"still running {timeout} s after Ctrl-C:\n{self.log}") from None

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process.stdin.close()


@pytest.fixture
def run_task():
    tasks = []

    def start(project: Path, *args: str, port: int | None = None, cwd: Path | None = None) -> Task:
        task = Task(project, *args, port=port, cwd=cwd)
        tasks.append(task)
        return task

    yield start
    for task in tasks:
        task.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def livereload_on(project, run_task, page, path: str = ARTICLE_URL):
    """`invoke livereload` started, and ``page`` open at ``path`` and connected to it."""
    task = run_task(project, "livereload")
    task.wait_for("Serving on")
    page.goto(task.url + path)
    page.wait_for_function("() => window.LiveReload !== undefined")  # the page has connected
    return task


def wait_for_heading(page, text: str, timeout_s: float = 30) -> None:
    page.wait_for_function("t => document.querySelector('h1') && document.querySelector('h1').textContent.includes(t)",
                           arg=text, timeout=timeout_s * 1000)


def processes_in(folder: Path) -> list[str]:
    """Command lines of the processes still running from ``folder`` (their program or an argument in it)."""
    import psutil

    found = []
    for process in psutil.process_iter(["cmdline", "cwd"]):
        try:
            if process.info["cwd"] and Path(process.info["cwd"]).is_relative_to(folder):
                found.append(" ".join(process.info["cmdline"] or []))
        except (psutil.Error, ValueError):
            pass
    return found


def big_project(project: Path, tmp_path: Path) -> Path:
    """400 more items: builds long enough to act in the middle of."""
    corpus.generate(400, tmp_path / "corpus", seed=3)
    shutil.copytree(tmp_path / "corpus", project / "content", dirs_exist_ok=True)
    return project


def while_writing_pages(project: Path, task: Task) -> None:
    deadline = time.monotonic() + 120
    while not any((project / ".output.staging").glob("*/*/*/index.html")):
        assert time.monotonic() < deadline and task.process.poll() is None, task.log
        time.sleep(0.02)


def test_livereload_reloads_the_page_when_an_article_is_saved(project, run_task, page):
    task = livereload_on(project, run_task, page)
    edit(project / ARTICLE, "Title: 海宁全力冲刺“开门红”", "Title: 海宁全力冲刺“开门红”（更正）")
    # the page reloads by itself: nobody calls page.reload()
    wait_for_heading(page, "（更正）")


def test_livereload_shows_the_last_of_quick_saves(project, run_task, page):
    """An editor's autosave: several saves a second apart; the page ends on the last, whole."""
    task = livereload_on(project, run_task, page)
    article = project / ARTICLE
    original = article.read_text(encoding="utf-8")
    for n in range(1, 6):
        article.write_text(original.replace("Title: 海宁全力冲刺“开门红”", f"Title: 海宁全力冲刺“开门红”第{n}稿"), encoding="utf-8")
        time.sleep(0.7)
    wait_for_heading(page, "第5稿")
    assert "Traceback" not in task.log


def test_livereload_reports_a_mistake_keeps_the_last_good_site_and_goes_on_after_the_fix(project, run_task, page):
    task = livereload_on(project, run_task, page)
    article = project / ARTICLE
    good = article.read_text(encoding="utf-8")
    start = len(task.log)
    edit(article, "Townships: 马桥街道, 袁花镇", "Townships: 马桥街道, 袁花乡")
    task.wait_for("网站没有更新", after=start)
    log = task.log[start:]
    assert f"{ARTICLE}:5: “袁花乡”不在嘉兴市乡镇名录中。是不是“袁花镇”（海宁市）？" in log
    assert "Traceback" not in log and "Exception" not in log
    # the last good site, still served (read aside: livereload reloads the page after any build, and a
    # page.reload() of ours could cross it)
    served = BeautifulSoup(page.request.get(task.url + ARTICLE_URL).text(), "lxml")
    assert "袁花镇" in served.main.get_text()
    article.write_text(good.replace("Title: 海宁全力冲刺“开门红”", "Title: 海宁全力冲刺“开门红”（改好了）"), encoding="utf-8")
    wait_for_heading(page, "（改好了）")


def test_regenerate_goes_on_after_a_mistake(project, run_task):
    task = run_task(project, "regenerate")
    task.wait_for("Done: Processed")
    article = project / ARTICLE
    good = article.read_text(encoding="utf-8")
    start = len(task.log)
    edit(article, "Date: 2023-01-31", "Date: 2023-01-32")
    task.wait_for("网站没有更新", after=start)
    assert f"{ARTICLE}:2: 日期“2023-01-32”不存在" in task.log[start:]
    assert "网站没有更新，output/ 仍是上次构建成功的网站" in task.log[start:]
    page = project / "output" / ARTICLE_URL / "index.html"
    assert "海宁全力冲刺“开门红”" in page.read_text(encoding="utf-8")  # the last good site
    start = len(task.log)
    article.write_text(good.replace("Title: 海宁全力冲刺“开门红”", "Title: 海宁全力冲刺“开门红”（改好了）"), encoding="utf-8")
    task.wait_for("Done: Processed", after=start)  # the same loop, not restarted
    assert BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").h1.get_text(strip=True) == "海宁全力冲刺“开门红”（改好了）"


@pytest.mark.parametrize("name", ["regenerate", "livereload"])
def test_a_mistake_before_any_build_does_not_speak_of_a_last_good_site(project, run_task, name):
    """A fresh checkout (no output/) with a broken file: there is no last good site to keep, and
    livereload's browser has a 404 page that will not reload by itself."""
    article = project / ARTICLE
    good = article.read_text(encoding="utf-8")
    edit(article, "Townships: 马桥街道, 袁花镇", "Townships: 马桥街道, 袁花乡")
    task = run_task(project, name)
    task.wait_for("网站没有构建成功", timeout=120)
    assert f"{ARTICLE}:5: “袁花乡”不在嘉兴市乡镇名录中" in task.log
    assert "output/ 里还没有网站" in task.log and "上次构建成功" not in task.log
    if name == "livereload":
        assert "浏览器里打开会是 404" in task.log and "请刷新一次浏览器" in task.log
    start = len(task.log)
    article.write_text(good, encoding="utf-8")  # saved while livereload may not serve yet: still built
    task.wait_for(WAITING, after=start, timeout=120)  # the build over, back to waiting for a save
    task.ctrl_c()
    assert "output/ 是最后一次构建成功的网站。" in task.log


def test_ctrl_c_as_a_livereload_build_ends_stops_livereload(project, run_task):
    # The build, done with its pages, still closing its search process: the Ctrl-C reached it and
    # invoke, which only passed it on; the build ended with status 0, and livereload served on.
    task = run_task(project, "livereload")
    task.wait_for("Serving on")
    start = len(task.log)
    edit(project / ARTICLE, "Title: 海宁全力冲刺“开门红”", "Title: 海宁全力冲刺“开门红”（改）")
    deadline = time.monotonic() + 60
    while "Done: Processed" not in task.log[start:]:
        assert time.monotonic() < deadline, task.log
        time.sleep(0.01)
    task.ctrl_c(timeout=15)


@pytest.mark.parametrize("name", ["regenerate", "livereload"])
def test_a_save_made_during_the_first_build_is_built(project, run_task, tmp_path, name):
    # regenerate: Pelican's loop started watching after each build; livereload: its watcher was made
    # after the first build, and counts as saved only what changed after it was made
    big_project(project, tmp_path)
    task = run_task(project, name)
    while_writing_pages(project, task)
    edit(project / ARTICLE, "Title: 海宁全力冲刺“开门红”", "Title: 海宁全力冲刺“开门红”（编辑中保存）")
    task.wait_for("Done: Processed", timeout=120)
    page = project / "output" / ARTICLE_URL / "index.html"
    deadline = time.monotonic() + 60
    while "（编辑中保存）" not in page.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, f"the save was never built:\n{task.log}"
        time.sleep(0.2)


def test_ctrl_c_during_a_livereload_build_stops_it_and_the_next_build_runs(project, run_task, tmp_path):
    big_project(project, tmp_path)
    task = run_task(project, "livereload")
    task.wait_for("Serving on", timeout=120)
    before = (project / "output" / ARTICLE_URL / "index.html").read_bytes()
    edit(project / ARTICLE, "Title: 海宁全力冲刺“开门红”", "Title: 海宁全力冲刺“开门红”（改）")
    while_writing_pages(project, task)
    task.ctrl_c(timeout=30)  # it stops: before, invoke took the Ctrl-C for the build's alone, and served on
    assert "构建被中断（SIGINT），已发布的 output/ 未改动。" in task.log
    assert task.log.rstrip().endswith("已停止。output/ 是最后一次构建成功的网站。")
    assert "Traceback" not in task.log
    assert processes_in(project) == []
    assert (project / "output" / ARTICLE_URL / "index.html").read_bytes() == before
    build = subprocess.run([sys.executable, "-m", "invoke", "build"], cwd=project, capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(project)}, timeout=300)
    assert build.returncode == 0, build.stderr
    assert "（改）" in (project / "output" / ARTICLE_URL / "index.html").read_text(encoding="utf-8")


def test_ctrl_c_during_the_first_livereload_build_stops_it_with_its_own_stop_line(project, run_task, tmp_path):
    # before the server started, the Ctrl-C went past livereload: invoke's status 1 and no word from livereload
    big_project(project, tmp_path)
    task = run_task(project, "livereload")
    while_writing_pages(project, task)
    assert task.ctrl_c(timeout=30) == 0
    assert "构建被中断（SIGINT），没有写入 output/。" in task.log
    assert task.log.rstrip().endswith("已停止。output/ 里还没有构建成功的网站。")
    assert "Traceback" not in task.log and "Serving on" not in task.log
    assert processes_in(project) == []
    assert not (project / "output").exists()


def test_ctrl_c_stops_regenerate_with_a_clear_message_and_leaves_nothing_behind(project, run_task):
    task = run_task(project, "regenerate")
    task.wait_for(WAITING)
    assert task.ctrl_c() == 0
    assert task.log.rstrip().endswith("已停止自动重建。output/ 是最后一次构建成功的网站。")
    # not atomic_publish's words for a build stopped halfway, nor anyone's traceback
    assert "中断" not in task.log and "Traceback" not in task.log
    assert processes_in(project) == []
    build = subprocess.run([sys.executable, "-m", "invoke", "build"], cwd=project, capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(project)}, timeout=300)
    assert build.returncode == 0, build.stderr


def test_ctrl_c_during_a_regenerate_build_stops_the_loop_and_keeps_the_last_good_site(project, run_task, tmp_path):
    # atomic_publish's handler, set for the build, ended the loop with its own words and status 130
    big_project(project, tmp_path)
    task = run_task(project, "regenerate")
    task.wait_for("Done: Processed", timeout=120)
    before = (project / "output" / ARTICLE_URL / "index.html").read_bytes()
    start = len(task.log)
    edit(project / ARTICLE, "Title: 海宁全力冲刺“开门红”", "Title: 海宁全力冲刺“开门红”（改）")
    task.wait_for("重新构建……", after=start)
    while_writing_pages(project, task)
    assert task.ctrl_c() == 0
    assert "构建被中断（SIGINT），已发布的 output/ 未改动。" in task.log[start:]
    assert task.log.rstrip().endswith("已停止自动重建。output/ 是最后一次构建成功的网站。")
    assert "Traceback" not in task.log
    assert processes_in(project) == []
    assert (project / "output" / ARTICLE_URL / "index.html").read_bytes() == before


@pytest.mark.parametrize("name", ["reserve", "livereload"])
def test_a_feed_of_the_served_site_links_to_where_it_is_served(project, run_task, name):
    """A reader subscribing to the site being served: its entry links were relative (read against
    …/feeds/, each one a 404), and its self link named port 8000 whatever port served it."""
    task = run_task(project, name)
    task.wait_for("Serving", timeout=120)
    feeds = sorted(f.relative_to(project / "output").as_posix() for f in (project / "output" / "feeds").rglob("*.xml"))
    assert len(feeds) > 3
    for path in feeds:
        root = ET.fromstring(fetch(task.url + path))
        assert root.find(f"{ATOM}link[@rel='self']").get("href") == task.url + path
        entries = root.findall(f"{ATOM}entry")
        assert entries, path
        for entry in entries:
            link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
            assert link.startswith(task.url), (path, link)
            if path == "feeds/all.atom.xml":  # followed, as the reader follows it
                assert entry.findtext(f"{ATOM}title") in fetch(link).decode("utf-8"), link
    assert "订阅" not in task.log  # built for the address it serves: nothing to warn of


def test_invoke_serve_on_another_port_than_the_build_says_where_the_feeds_point(project, run_task):
    built = free_port()
    build = subprocess.run([sys.executable, "-m", "invoke", "build"], cwd=project, capture_output=True, text=True,
                           env={**os.environ, "ARCHIVE_PORT": str(built), "PYTHONPATH": str(project)}, timeout=300)
    assert build.returncode == 0, build.stderr
    task = run_task(project, "serve")
    task.wait_for("Serving site at")
    assert (f"output/ 里的订阅（Atom）是为 http://127.0.0.1:{built}/ 构建的，订阅里的链接都指向那里，"
            f"不是这次的 {task.url}。") in task.log
    assert f"ARCHIVE_PORT={task.port} invoke reserve" in task.log


def test_invoke_serve_after_a_preview_for_the_host_says_the_pages_point_there_and_how_to_look_here(project, run_task):
    """`invoke preview` builds for the host, "to look at before publish". Served here, every page
    linked to the host, its stylesheet and search script were refused by its own policy ('self' is
    127.0.0.1 here), and invoke serve spoke of the feeds alone, advising a development build."""
    def preview(siteurl: str) -> None:
        built = subprocess.run([sys.executable, "-m", "invoke", "preview"], cwd=project, capture_output=True, text=True,
                               env={**os.environ, "ARCHIVE_SITEURL": siteurl, "PYTHONPATH": str(project)}, timeout=300)
        assert built.returncode == 0, built.stderr

    preview("https://news.example.org/archive")
    task = run_task(project, "serve")
    task.wait_for("Serving site at")
    assert ("output/ 是为 https://news.example.org/archive/ 构建的发布版（invoke preview）：页面的链接、样式、"
            "搜索和订阅都指向那里") in task.log, task.log
    advice = f"ARCHIVE_SITEURL=http://127.0.0.1:{task.port} invoke preview serve"
    assert advice in task.log
    task.stop()

    # the advice, followed: the pages and their stylesheet are here, and nothing is said
    preview(f"http://127.0.0.1:{task.port}")
    again = run_task(project, "serve", port=task.port)
    again.wait_for("Serving site at")
    home = fetch(again.url).decode("utf-8")
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', home).group(1)
    assert stylesheet.startswith(again.url) and fetch(stylesheet)
    assert "发布版" not in again.log and "订阅" not in again.log


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "::0"])
def test_feeds_built_to_serve_the_office_network_name_an_address_a_reader_can_open(host):
    """ARCHIVE_HOST=0.0.0.0 serves every interface; the development feeds named http://0.0.0.0:8000/, where a
    colleague's feed reader found nothing. They name this machine's own address instead."""
    settings = subprocess.run([sys.executable, "-c", "import pelicanconf; print(pelicanconf.FEED_DOMAIN)"], cwd=ROOT,
                              env={**os.environ, "ARCHIVE_HOST": host, "ARCHIVE_PORT": "8123", "PYTHONPATH": str(ROOT)},
                              capture_output=True, text=True, timeout=60)
    assert settings.returncode == 0, settings.stderr
    domain = urllib.parse.urlsplit(settings.stdout.strip())
    assert domain.scheme == "http" and domain.port == 8123
    assert domain.hostname not in ("0.0.0.0", "::", "::0", "")
    # an address of this machine, of the family the server listens on (livereload binds :: to IPv6 alone)
    assert (":" in domain.hostname) == (":" in host)
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.bind((domain.hostname, 0))


@pytest.mark.parametrize("task", ["serve", "reserve", "livereload"])
def test_a_taken_port_is_named_in_chinese_before_anything_is_built(project, task):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "invoke", task], cwd=project, capture_output=True, text=True,
                                env={**os.environ, "ARCHIVE_PORT": str(port), "PYTHONPATH": str(project)}, timeout=120)
    assert result.returncode == 1
    assert (f"端口 {port} 已被占用（可能是另一个 invoke serve、livereload，或别的程序），网站没有启动。"
            f"请关掉占用它的程序，或换一个端口，如 ARCHIVE_PORT={port + 1} invoke {task}。") in result.stderr
    assert "Traceback" not in result.stderr and "Could not listen" not in result.stdout + result.stderr
    assert not (project / "output").exists()  # it said so at once, not after a build


@pytest.mark.parametrize("host", ["nohost.invalid", "192.0.2.1"])  # a mistyped name; another machine's address
def test_a_host_this_machine_cannot_serve_on_is_named_with_advice_on_archive_host(project, host):
    # the advice was to close the program holding the port, or to take another port: both fail the same
    result = subprocess.run([sys.executable, "-m", "invoke", "serve"], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "ARCHIVE_HOST": host, "ARCHIVE_PORT": str(free_port()),
                                 "PYTHONPATH": str(project)}, timeout=120)
    assert result.returncode == 1
    assert f"无法在 {host}:" in result.stderr and "网站没有启动。请检查环境变量 ARCHIVE_HOST：要写这台电脑自己的地址" in result.stderr
    assert "ARCHIVE_HOST=0.0.0.0 invoke serve" in result.stderr
    assert "换一个端口" not in result.stderr and "Traceback" not in result.stderr


def test_livereload_publishes_a_new_item_saved_as_markdown(project, run_task, page):
    task = livereload_on(project, run_task, page, "")
    item = project / "content" / "2023" / "02" / "xin-gao.markdown"
    item.parent.mkdir(parents=True, exist_ok=True)
    item.write_text("Title: 以 markdown 为扩展名的新稿\nDate: 2023-02-01\nAuthors: 陆明\nCategory: 海宁市\n"
                    "Townships: 马桥街道\nTags: 招商引资\n\n正文第一段。\n", encoding="utf-8")
    page.wait_for_function("() => document.body.textContent.includes('以 markdown 为扩展名的新稿')", timeout=30_000)


def test_livereload_run_from_a_folder_of_the_project_watches_the_project(project, run_task, page):
    """An editor in content/2023/01/, where the file is: invoke finds tasks.py from there."""
    task = run_task(project, "livereload", cwd=project / ARTICLE.parent)
    task.wait_for("Serving on")
    page.goto(task.url + ARTICLE_URL)
    page.wait_for_function("() => window.LiveReload !== undefined")
    edit(project / ARTICLE, "Title: 海宁全力冲刺“开门红”", "Title: 海宁全力冲刺“开门红”（更正）")
    wait_for_heading(page, "（更正）")


def test_invoke_serve_before_any_build_says_to_build_first(project):
    result = subprocess.run([sys.executable, "-m", "invoke", "serve"], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "ARCHIVE_PORT": str(free_port()), "PYTHONPATH": str(project)}, timeout=30)
    assert result.returncode == 1
    assert "output/ 里还没有构建好的网站，没有启动。请先构建：invoke build serve" in result.stderr


@pytest.mark.parametrize("command", [["-m", "invoke", "build"], ["-m", "pelican", "-s", "pelicanconf.py"]])
def test_a_port_that_is_no_number_is_named_before_anything_is_built(project, command):
    # ARCHIVE_PORT=abc ended every task, even invoke --list, in a ValueError traceback
    result = subprocess.run([sys.executable, *command], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "ARCHIVE_PORT": "80OO", "PYTHONPATH": str(project)}, timeout=120)
    assert result.returncode != 0
    assert "环境变量 ARCHIVE_PORT='80OO' 不是端口号。请写 1 到 65535 之间的整数" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "ValueError" not in result.stderr
    assert not (project / "output").exists()


def _catches(pid: int, signum: int) -> bool:
    """Whether process ``pid`` has a handler of its own for ``signum`` (the SigCgt mask of /proc/PID/status)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    mask = next((line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:")), "0")
    return bool(int(mask, 16) >> (signum - 1) & 1)


@pytest.mark.parametrize("when", ["loading", "reading-settings"])
def test_ctrl_c_before_invoke_build_has_begun_fails_it_without_a_traceback(project, run_task, when):
    # The build's own handlers (atomic_publish) are set only as it begins. A Ctrl-C while Pelican
    # loaded was Python's KeyboardInterrupt traceback; once Pelican's main() ran (reading the
    # settings), its “Keyboard interrupt received. Exiting.” and status 0: a build that never ran
    # reported success, and `invoke publish` went on to upload what output/ held.
    if when == "reading-settings":
        with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
            settings.write("\nprint('读设置', flush=True)\nimport time\ntime.sleep(60)\n")
    task = run_task(project, "build")
    if when == "loading":
        import psutil

        deadline = time.monotonic() + 60
        # python itself, not the shell invoke starts it with (bash -c, until it execs)
        while not (build := [p for p in psutil.Process(task.process.pid).children(recursive=True)
                             if "pelicanconf.py" in p.cmdline() and Path(p.cmdline()[0]).name.startswith("python")]):
            assert time.monotonic() < deadline and task.process.poll() is None, task.log
            time.sleep(0.01)
        # As soon as the command has its own handlers (SIGTERM caught: Python catches only SIGINT
        # by itself), Pelican still loading; a Ctrl-C in Python's own start ends it as Python does.
        # Pelican's bare command catches SIGTERM only once the build begins (atomic_publish).
        seen = time.monotonic()
        while time.monotonic() < seen + 2 and not _catches(build[0].pid, signal.SIGTERM):
            time.sleep(0.005)
    else:
        task.wait_for("读设置")
    assert task.ctrl_c() == 128 + signal.SIGINT, task.log
    assert "构建被中断（SIGINT），" in task.log and "Done: Processed" not in task.log
    if when == "reading-settings":
        assert "构建被中断（SIGINT），还没有开始构建，没有改动任何文件。" in task.log
    assert "Traceback" not in task.log and "Keyboard interrupt received" not in task.log
    assert processes_in(project) == []
    assert not (project / "output").exists()


# The terminal's Ctrl-C (to the task's whole process group) at the one moment the plugins have
# started, the search worker with them (search_index, at Pelican's `initialized`), and the build's
# own handlers not yet (atomic_publish, the last of `get_generators`, whose first receiver this is).
CTRL_C_AS_THE_BUILD_BEGINS = """
import os as _os, signal as _signal
from pelican import signals as _signals
def _ctrl_c(_pelican):
    _os.killpg(_os.getpgrp(), _signal.SIGINT)
_signals.get_generators.connect(_ctrl_c, weak=False)
"""


def test_ctrl_c_as_the_build_begins_ends_the_search_worker_with_it(project, run_task):
    # os._exit skipped the worker's close: it outlived `invoke build`, which had said 构建被中断,
    # and went on to answer into the closed pipe, a BrokenPipeError traceback under the prompt
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write(CTRL_C_AS_THE_BUILD_BEGINS)
    task = run_task(project, "build")
    assert task.process.wait(timeout=120) == 128 + signal.SIGINT, task.log
    assert "构建被中断（SIGINT），还没有开始构建，没有改动任何文件。" in task.log
    assert processes_in(project) == []
    time.sleep(3)  # as long as the worker took to start and answer
    assert "Traceback" not in task.log and "BrokenPipeError" not in task.log, task.log
    assert not (project / "output").exists()


def test_ctrl_c_as_regenerate_starts_stops_it_without_a_traceback(project, run_task):
    # the first line comes before the settings and plugins load: a Ctrl-C there ended in a traceback
    task = run_task(project, "regenerate")
    task.wait_for("自动重建：")
    assert task.ctrl_c() == 0
    assert "Traceback" not in task.log and "KeyboardInterrupt" not in task.log
    assert "已停止自动重建" in task.log
    assert processes_in(project) == []


def test_livereload_shows_a_picture_put_beside_an_item_after_the_build_said_it_was_missing(project, run_task, page):
    # livereload watched item files only: the picture copied in as the warning said was not
    # built until another file was saved, and the page kept its broken image
    task = livereload_on(project, run_task, page)
    edit(project / ARTICLE, "\n\n", "\n\n![现场](现场.png)\n\n")
    task.wait_for("正文里的图片 现场.png 打不开")
    task.wait_for(WAITING, after=task.log.index("正文里的图片 现场.png 打不开"))
    done = len(task.log)
    # a 1×1 PNG
    (project / ARTICLE.parent / "现场.png").write_bytes(bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"))
    task.wait_for(WAITING, after=done)
    page.wait_for_function("() => { const i = document.querySelector('img[alt=\"现场\"]');"
                           " return i && i.complete && i.naturalWidth === 1; }", timeout=30_000)
