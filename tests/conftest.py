"""Shared fixtures: real builds of the site into temporary folders.

Builds run `python -m pelican -s pelicanconf.py -o <dir>` in a subprocess,
exactly as the README tells users to, so the tests see what users see.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "pages" / "000_27b9736ab03bda84.txt"
CONTENT = ROOT / "content"


@dataclass
class Build:
    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def log(self) -> str:
        return self.stdout + self.stderr

    def page(self, url_path: str) -> BeautifulSoup:
        """The parsed page for a site path such as '2023/01/slug/'."""
        path = self.output / url_path.strip("/")
        if url_path.endswith("/") or path.is_dir():
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def build_site(content: Path, output: Path, settings: str = "pelicanconf.py", verbose: bool = False,
               env: dict[str, str] | None = None, **overrides) -> Build:
    """Build ``content`` into ``output``; overrides are Pelican settings (JSON values), env adds environment variables."""
    cmd = [sys.executable, "-m", "pelican", str(content), "-s", settings, "-o", str(output), *(["-v"] if verbose else [])]
    if overrides:
        cmd += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    # a wide console: Pelican's log (rich) wraps long lines at 80 columns otherwise
    env = {**os.environ, "COLUMNS": "1000", **(env or {})}
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    return Build(result.returncode, result.stdout, result.stderr, output)


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Build:
    out = tmp_path_factory.mktemp("site") / "output"
    result = build_site(CONTENT, out)
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory) -> Build:
    out = tmp_path_factory.mktemp("subpath") / "output"
    result = build_site(CONTENT, out, SITEURL="/archive", RELATIVE_URLS=False, FEED_DOMAIN="https://example.org/archive")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the shipped content, for tests that break or extend it."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def item_files(content: Path = CONTENT) -> list[Path]:
    return sorted(content.rglob("*.md"))


def read_item(path: Path) -> tuple[dict[str, str], str]:
    """(header fields, body) of a content file, read independently of the plugins."""
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    fields = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip().lower()] = value.strip()
    return fields, body.strip("\n")


def split_names(value: str) -> list[str]:
    return [v for v in re.split(r"\s*[,，、;；]\s*", value) if v]


def write_item(content: Path, name: str, **fields) -> Path:
    """Write a small item file; ``body`` is the body, other keys are header fields."""
    body = fields.pop("body", "正文。")
    header = "\n".join(f"{k.capitalize()}: {v}" for k, v in fields.items())
    path = content / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{header}\n\n{body}\n", encoding="utf-8")
    return path


# --- a real browser ------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class StaticServer:
    """`python -m http.server` in a thread: the plainest static host there is."""

    def __init__(self, root: Path, mount: str = "", error_page: str | None = None):
        import functools
        import http.server
        import threading

        self.root, self.mount = root, mount.strip("/")
        self.paths = []  # every path asked for, as the host saw it
        directory = root

        class Handler(http.server.SimpleHTTPRequestHandler):
            def translate_path(handler_self, path):
                # Serve the site under /<mount>/ to test sub-path deploys.
                if self.mount:
                    prefix = f"/{self.mount}"
                    if not (path == prefix or path.startswith(prefix + "/")):
                        return str(directory / "__not_mounted__")
                    path = path[len(prefix):] or "/"
                return super().translate_path(path)

            def send_error(handler_self, code, message=None, explain=None):
                # A host's error page (nginx error_page, GitHub Pages'
                # 404.html): the same file at whatever address was missing.
                page = directory / error_page if error_page else None
                if code != 404 or page is None or not page.is_file():
                    return super().send_error(code, message, explain)
                body = page.read_bytes()
                handler_self.send_response(404)
                handler_self.send_header("Content-Type", "text/html; charset=utf-8")
                handler_self.send_header("Content-Length", str(len(body)))
                handler_self.end_headers()
                if handler_self.command != "HEAD":
                    handler_self.wfile.write(body)

            def log_request(handler_self, code="-", size="-"):
                self.paths.append(handler_self.path)

            def log_message(self, *args):
                pass

        handler = functools.partial(Handler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        return f"{base}/{self.mount}/" if self.mount else f"{base}/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    servers = []

    def start(root: Path, mount: str = "", error_page: str | None = None) -> StaticServer:
        server = StaticServer(root, mount, error_page)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; the suite needs it (no silent skip)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is missing: run .ci/run, or apt-get install -y chromium fonts-noto-cjk")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page that fails the test on any uncaught script error."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    page.close()
    assert errors == []


@pytest.fixture(scope="session")
def long_item_site(tmp_path_factory):
    """The shipped content and two items with a word of their own: early in a short one, past the first piece of a long one."""
    from newsarchive.search.records import PIECE_CHARS

    content = tmp_path_factory.mktemp("long") / "content"
    shutil.copytree(CONTENT, content)
    sentence = "马桥街道持续推进老旧小区改造和河道整治工作，居民生活环境明显改善。"
    filler = "".join([sentence] * (2 * PIECE_CHARS // len(sentence)))
    write_item(content, "2023/03/long.md", title="马桥街道一年来的变化", date="2023-03-01", category="海宁市",
               townships="马桥街道", tags="城乡建设", slug="long", body=f"{filler}\n\n傍晚，舴艋舟从河面划过。")
    write_item(content, "2023/03/short.md", title="马桥街道举行划船比赛", date="2023-03-02", category="海宁市",
               townships="马桥街道", tags="文化", slug="short", body="舴艋舟比赛在长山河举行。")
    build = build_site(content, content.parent / "output")
    assert build.returncode == 0, build.log
    return build
