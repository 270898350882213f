"""The editor's loop: `invoke livereload` (and what it shares with `invoke regenerate` and `invoke serve`)."""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import signal
import socket
import sys


def port_taken(host: str, port: int, task: str) -> str | None:
    """Why ``invoke <task>`` cannot serve on host:port, in the editor's words; None if it can.

    Asked before building: Pelican's server logged one English line and
    exited 0, livereload's ended in an OSError traceback, both only after
    a whole build.
    """
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        # as the servers bind: a port the last run left in TIME_WAIT is free to them
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                why = f"端口 {port} 已被占用（可能是另一个 invoke serve、livereload，或别的程序）"
            elif e.errno == errno.EACCES:
                why = f"没有权限使用端口 {port}（1024 以下的端口要管理员权限）"
            else:
                # a host this machine is not (ARCHIVE_HOST=192.168.1.5 on another machine, a
                # mistyped name): another port would fail the same, as the advice below had it try
                return (f"无法在 {host}:{port} 上提供网站（{e.strerror}），网站没有启动。请检查环境变量 ARCHIVE_HOST："
                        "要写这台电脑自己的地址，如 127.0.0.1（只有本机能打开，不设就是它），"
                        f"或 0.0.0.0（办公室网络里的电脑也能打开），如 ARCHIVE_HOST=0.0.0.0 invoke {task}。")
            return (f"{why}，网站没有启动。请关掉占用它的程序，或换一个端口，"
                    f"如 ARCHIVE_PORT={port + 1} invoke {task}。")
    return None


def archive_port(environ=os.environ) -> int:
    """ARCHIVE_PORT (8000 unset): the port `invoke serve` and the loops serve on, and dev feeds name.

    Read by tasks.py and pelicanconf.py alike; a value that is no port
    stops them with advice, not a ValueError traceback from every task.
    """
    value = environ.get("ARCHIVE_PORT", "").strip() or "8000"
    if value.isascii() and value.isdigit() and 1 <= int(value) <= 65535:
        return int(value)
    raise SystemExit(f"环境变量 ARCHIVE_PORT={value!r} 不是端口号。请写 1 到 65535 之间的整数，"
                     "如 ARCHIVE_PORT=8001 invoke reserve；不设则用 8000。")


def served_address(host: str, port) -> str:
    """The address a reader opens for ``invoke serve`` (reserve, livereload) on host:port, with no trailing slash."""
    host = reachable_host(host)
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def reachable_host(host: str) -> str:
    """``host`` as a reader opens it; for ARCHIVE_HOST=0.0.0.0 (the office's network), this machine's address there.

    The development feeds name it: with 0.0.0.0 in them, a colleague's feed
    reader followed every link to nowhere. It is the address of the
    interface the default route leaves by (on a machine with a VPN, maybe
    not the office's), found by pointing a UDP socket at a documentation
    address (RFC 5737, RFC 3849), which sends nothing; with no network at
    all, the loopback address. ``::`` gets an IPv6 address, as the servers
    that bind it listen on IPv6 alone.
    """
    try:
        unspecified = host == "" or ipaddress.ip_address(host).is_unspecified
    except ValueError:  # a name
        return host
    if not unspecified:
        return host
    v6 = ":" in host
    family, probe, loopback = ((socket.AF_INET6, "2001:db8::1", "::1") if v6 else
                               (socket.AF_INET, "192.0.2.1", "127.0.0.1"))
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as sock:
            sock.connect((probe, 9))
            return sock.getsockname()[0]
    except OSError:
        return loopback


def feeds_built_for(output) -> str | None:
    """The site address the feeds in ``output`` link to (read off a feed's self link, with a trailing
    slash); None without a feed that names one."""
    import xml.etree.ElementTree as ET  # noqa: PLC0415

    folder = os.path.join(output, "feeds")
    for parent, _dirs, files in os.walk(folder):
        for name in sorted(files):
            if not name.endswith(".xml"):
                continue
            path = os.path.join(parent, name)
            try:
                root = ET.parse(path).getroot()
            except (OSError, ET.ParseError):
                continue
            own = os.path.relpath(path, output).replace(os.sep, "/")
            for link in root.iter("{http://www.w3.org/2005/Atom}link"):
                href = link.get("href") or ""
                if link.get("rel") == "self" and href.endswith("/" + own):
                    return href.removesuffix(own)
    return None


def has_site(output) -> bool:
    """Whether a build has ever succeeded into ``output``: a broken file on the
    first build leaves no site at all, not a last good one."""
    return os.path.isfile(os.path.join(output, "index.html"))


def livereload_server(port: int):
    """livereload's Server, made to work with the theme's pages.

    livereload connects a page by an inline <script> it writes before
    </head>; the theme's Content-Security-Policy (script-src 'self') blocks
    inline scripts, so the page never connected and never reloaded. A
    <script src> from the same address is allowed, and its WebSocket too
    (connect-src 'self').
    """
    from livereload import Server  # noqa: PLC0415
    from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler  # noqa: PLC0415
    from livereload.server import LiveScriptInjector  # noqa: PLC0415
    from tornado import web  # noqa: PLC0415

    # livereload drops a reload that comes within 3 s of the last one (meant
    # for many files saved at once): after an autosave's quick saves the page
    # kept what an early save built. Here a reload is sent once per finished
    # build, so each one shows a whole site, the last one the last save.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    class SameOriginScript(LiveScriptInjector):
        script = f'<script src="/livereload.js?port={port}"></script>'.encode()

    class ThemeServer(Server):
        def application(self, port, host, liveport=None, debug=None, live_css=True):
            LiveReloadHandler.watcher = self.watcher
            LiveReloadHandler.live_css = live_css
            handlers = [
                (r"/livereload", LiveReloadHandler),
                (r"/forcereload", ForceReloadHandler),
                (r"/livereload.js", LiveReloadJSHandler),
                *self.get_web_handlers(SameOriginScript.script),
            ]
            web.Application(handlers=handlers, debug=False, transforms=[SameOriginScript]).listen(port, address=host)

    return ThemeServer()


class Saves:
    """The files saved in content/, the theme and the settings, from when it is made on.

    Pelican's --autoreload starts watching only once a build is over: a
    save made while one ran (an autosave, the second of two quick saves)
    was never built, and the site stayed on the one before it. This
    watcher runs through the builds and hands over what was saved during
    them.
    """

    def __init__(self, settings_file: str, settings) -> None:
        import watchfiles  # noqa: PLC0415
        from pelican.utils import FileChangeFilter  # noqa: PLC0415

        content = settings.get("PATH", "")
        paths = [settings_file, settings.get("THEME", ""), content,
                 *(os.path.join(content, path) for path in settings.get("STATIC_PATHS", []))]
        self._changes = watchfiles.watch(
            *{os.path.abspath(p) for p in paths if p and os.path.exists(p)},
            watch_filter=FileChangeFilter(ignore_file_patterns=set(settings.get("IGNORE_FILES", []))),
            rust_timeout=200, yield_on_timeout=True,
        )
        self._pending = next(self._changes)  # watching from here on

    def wait(self) -> set[str]:
        changes, self._pending = self._pending, set()
        while not changes:
            changes = next(self._changes)
        return {path for _change, path in changes}

    def close(self) -> None:
        self._changes.close()


# Printed once a build has succeeded and the loop waits for a save: the
# editor knows the build is over (Pelican's "Done" comes before its last
# steps), and a Ctrl-C from here on stops the loop, not a build.
WAITING = "{published}/ 已更新。保存后会自动重新构建，按 Ctrl-C 停止。"


def _stop(signum, _frame):
    raise KeyboardInterrupt


def regenerate(argv: list[str]) -> int:
    """Pelican's --autoreload, kept alive by content errors.

    Pelican's loop goes on after an exception but not after a SystemExit,
    and a build with content errors stops with one (BuildFailed, so that a
    plain build prints no traceback): the first mistake ended the loop,
    and the editor had to notice and start it again after every one.
    """
    import pelican  # noqa: PLC0415

    from newsarchive.problems import BuildFailed, Interrupted, display_path  # noqa: PLC0415

    args = pelican.parse_arguments(argv)
    pelican.init_logging(level=args.verbosity, fatal=args.fatal, name="pelican",
                         handler=pelican.LOG_HANDLERS[args.log_handler],
                         logs_dedup_min_level=getattr(logging, args.logs_dedup_min_level))
    settings_file = os.path.abspath(args.settings)
    print("自动重建：content/、theme/ 或设置文件保存后重新构建。按 Ctrl-C 停止。", flush=True)
    try:
        site, settings = pelican.get_instance(args)
        # read now: the build points OUTPUT_PATH at its staging folder (atomic_publish)
        published, target = display_path(settings["OUTPUT_PATH"]), os.path.abspath(settings["OUTPUT_PATH"])
        saves = Saves(settings_file, settings)
    except KeyboardInterrupt:
        # a Ctrl-C while the settings and plugins load, a second of Python's
        # traceback otherwise: nothing was built, so nothing is said of a site
        print("已停止自动重建（还没有开始构建）。", file=sys.stderr)
        return 0
    try:
        while True:
            try:
                try:
                    site.run()
                finally:
                    # The build set atomic_publish's handlers, which speak of a
                    # build under way; from here on a stop interrupts none.
                    for signum in (signal.SIGINT, signal.SIGTERM):
                        signal.signal(signum, _stop)
            except BuildFailed as e:
                print(e, file=sys.stderr)
                kept = (f"网站没有更新，{published}/ 仍是上次构建成功的网站。" if has_site(target)
                        else f"网站没有构建成功，{published}/ 里还没有网站。")
                print(f"{kept}按上面的提示改好并保存，会自动重新构建。", file=sys.stderr, flush=True)
            except Exception as e:  # noqa: BLE001 (as Pelican's loop: report, keep watching)
                logging.getLogger("pelican").error("构建出错：%s: %s", type(e).__name__, e, exc_info=True)
            else:
                print(WAITING.format(published=published), flush=True)
            changed = saves.wait()
            print(f"\n已修改：{'、'.join(sorted(display_path(p) for p in changed))}，重新构建……", flush=True)
            if settings_file in changed:
                try:
                    site, settings = pelican.get_instance(args)
                    published, target = display_path(settings["OUTPUT_PATH"]), os.path.abspath(settings["OUTPUT_PATH"])
                    saves.close()
                    saves = Saves(settings_file, settings)
                except Exception as e:  # noqa: BLE001 (a settings file saved half-written)
                    print(f"{display_path(settings_file)} 读不进来，这次仍用上次的设置构建：{type(e).__name__}: {e}",
                          file=sys.stderr, flush=True)
    except (KeyboardInterrupt, Interrupted):
        # A Ctrl-C during a build: atomic_publish has said what became of the
        # site (untouched, or the new one published); the loop says it stopped.
        print(f"已停止自动重建。{published}/ " + ("是最后一次构建成功的网站。" if has_site(target) else "里还没有构建成功的网站。"),
              file=sys.stderr)
        return 0


if __name__ == "__main__":
    sys.exit(regenerate(sys.argv[1:]))
