"""A body's image or link to a file beside it (![现场](现场.jpg), [王店](wang-dian.md)) works, or is reported.

An editor writes Markdown as Typora or VS Code show it: a picture saved next
to the item, a link to another item's file by its name. Pelican leaves such a
path as written, relative to the item's page (/2023/01/<slug>/现场.jpg), where
nothing is: the page showed a broken picture or a dead link, and the build
said nothing (the picture was even reported as a file to move out of content/).
A relative path to a file (its last part has an extension) becomes Pelican's
own link: ``{filename}`` for an item file, ``{static}`` for anything else, which
Pelican then copies into the site. Paths to a folder or an .html page are left
alone: relative to the page they may be right (../wang-dian-…/).

Any ``{filename}``, ``{static}`` or ``{attach}`` link, written so or made so here,
that names no file is a warning with the file, the line and what to write:
Pelican said only “Unable to find …” or “Cannot get modification stamp …”, in
English and without the item's name. So is a picture on the editor's own
computer (C:\\Users\\…\\1.jpg, file:///…), which no reader can open.
"""

from __future__ import annotations

import difflib
import html
import os
import posixpath
import re
import unicodedata
from urllib.parse import quote, unquote

from newsarchive import problems
from newsarchive.existing_items import ITEM_SUFFIXES

from .checks import all_items
from .site_links import ADDRESS_KEY, _line_of

# A quoted href or src inside a tag, as site_links reads the root-relative ones.
_LINK = re.compile(r"""(?P<attr><(?P<tag>[A-Za-z]+)[^<>]*?\s(?:href|src)=)(?P<q>["'])(?P<path>[^"']*)(?P=q)""")
# What is no relative path to a file: a scheme (https:, mailto:, data:), the root, a fragment,
# a query, or Pelican's own {filename}/|filename| link
_NOT_RELATIVE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|[/#?{|])")
# a path on the editor's computer: C:\…, C:/…, \\server\…, file:
_ON_A_COMPUTER = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\|file:)", re.IGNORECASE)
# a web address typed with a Chinese input method: http：//, https：／／, ｈｔｔｐ://
_URL_START = re.compile(r"^[hｈＨ][tｔＴ][tｔＴ][pｐＰ][sｓＳ]?[:：][/／][/／]", re.IGNORECASE)
_PELICAN_LINK = re.compile(r"^[{|](?P<what>filename|static|attach)[|}](?P<path>[^?#]*)")
# a web address written without its scheme, www.jiaxing.gov.cn/art/1.html: to a browser, a path
# beside the page; the host's last label is a top-level domain no file of an item ends with
_WEB_ADDRESS = re.compile(
    r"^(?:www\.[^/?#]+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:cn|com|net|org|gov|edu|info|top|xyz))(?:[/?#]|$)",
    re.IGNORECASE,
)
_PAGE_SUFFIXES = (".html", ".htm")
# the address of a preview on the editor's own machine, copied from the browser (invoke serve, livereload)
_PREVIEW = re.compile(r"^https?://(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\])(?::\d+)?(?=[/?#]|$)", re.IGNORECASE)


def rewrite(content: str, source_path: str, root: str) -> tuple[str, bool]:
    """``content`` with its relative paths to files made Pelican's links; and whether it links a file at all.

    From the text alone (its result is cached with the item's read): whether
    the file is there is checked on every build by ``check``.
    """
    if "href=" not in content and "src=" not in content:
        return content, False
    folder = posixpath.relpath(os.path.dirname(os.path.abspath(source_path)), os.path.abspath(root))
    folder = "" if folder == "." else folder.replace(os.sep, "/")
    found = False

    def replace(m: re.Match) -> str:
        nonlocal found
        path = m.group("path")
        preview = _PREVIEW.match(path)
        if preview:
            # from the site's root, as site_links reads it: an item's address opens that item
            found = True
            path = path[preview.end():] or "/"
            if not path.startswith("/"):
                return f"{m.group('attr')}{m.group('q')}{path}{m.group('q')}"
        if path.startswith("/") and not path.startswith("//"):
            file_part = _relative_file(path[1:])
            if file_part is not None and not file_part.lower().endswith(ITEM_SUFFIXES):
                # /2023/01/现场.jpg, as a picture's address reads in the preview: no static file of
                # Pelican's, it was never copied; whether it is in content/ is looked at every build
                found = True
                if not _outside(file_part) and os.path.isfile(os.path.join(root, file_part)):
                    return f"{m.group('attr')}{m.group('q')}{{static}}/{_as_named(path[1:])}{m.group('q')}"
            return f"{m.group('attr')}{m.group('q')}{path}{m.group('q')}"
        if _PELICAN_LINK.match(path) or _ON_A_COMPUTER.match(path) or _full_width_url(path) or _WEB_ADDRESS.match(path):
            found = True
            return m.group(0)
        file_part = _relative_file(path)
        if file_part is None:
            return m.group(0)
        found = True
        if _outside(posixpath.join(folder, file_part)):
            # Pelican would copy whatever it names into the site
            return m.group(0)
        if file_part.lower().endswith(ITEM_SUFFIXES):
            return f"{m.group('attr')}{m.group('q')}{{filename}}{path}{m.group('q')}"
        return f"{m.group('attr')}{m.group('q')}{{static}}{_as_named(path)}{m.group('q')}"

    return _LINK.sub(replace, content), found


def preview_links(content: str) -> list[tuple[str, str, str]]:
    """Each link to a preview on the editor's machine (http://127.0.0.1:8000/2023/01/…/): the link, its
    address of the machine (http://127.0.0.1:8000), and the path ``rewrite`` makes of it."""
    found = []
    for m in _LINK.finditer(content):
        path = html.unescape(m.group("path"))
        preview = _PREVIEW.match(path)
        if preview:
            found.append((path, preview.group(), path[preview.end():] or "/"))
    return list(dict.fromkeys(found))


def _full_width_url(path: str) -> str | None:
    """http：//… as it should be written (http://…), None for any other link."""
    start = _URL_START.match(path)
    if not start or start.group().isascii():
        return None
    return unicodedata.normalize("NFKC", start.group()).lower() + path[start.end():]


def _relative_file(path: str) -> str | None:
    """The file a relative path names (现场.jpg of ./现场.jpg?v=1), None for any other link.

    A path to a folder (../wang-dian-…/) or an .html page may be right
    relative to the item's page, and is no file of content/.
    """
    if not path or _NOT_RELATIVE.match(path):
        return None
    file_part = unquote(re.split(r"[?#]", path, maxsplit=1)[0])
    last = file_part.rsplit("/", 1)[-1]
    if not last or "." not in last.strip(".") or last.lower().endswith(_PAGE_SUFFIXES):
        return None
    return file_part


def _as_named(path: str) -> str:
    """``path`` with its file part spelt as the file is named (%E7%8E%B0%E5%9C%BA.jpg → 现场.jpg).

    VS Code pastes a picture with a Chinese name percent-encoded. Pelican
    finds the file to copy for a {static} link by the path as written,
    decoding only %20: the picture was never copied, the page showed it
    broken, and the build said nothing (the file was there, by its name).
    """
    found = re.search(r"[?#]", path)
    file_part, rest = (path, "") if found is None else (path[:found.start()], path[found.start():])
    if "%" not in file_part:
        return path
    named = unquote(file_part)
    # what cannot stand in an attribute or a path as it is: left as the editor wrote it
    if any(char in named for char in "%?#\"'<>&"):
        return path
    return named.replace(" ", "%20") + rest


def _outside(path: str) -> bool:
    path = posixpath.normpath(path)
    return path == ".." or path.startswith("../")


def _near(root: str, target: str) -> str | None:
    """The file beside where ``target`` was looked for whose name is closest to its own, if any is close."""
    folder, name = posixpath.split(target)
    try:
        names = [n for n in os.listdir(os.path.join(root, folder)) if not n.lower().endswith(ITEM_SUFFIXES)]
    except OSError:
        return None
    same = [n for n in names if n.lower() == name.lower()]
    close = same or difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return close[0] if close else None


def _address_advice(path: str, what: str, item_folder: str) -> str | None:
    """What to write instead of a link that is no address on the web at all, or None for any other link."""
    if _ON_A_COMPUTER.match(path):
        return (f"是你电脑上的文件，读者打不开。请把文件复制到 {item_folder} 里"
                "（和稿件放在一起），再只写文件名，如 ![说明](现场.jpg)。")
    fixed = _full_width_url(path)
    if fixed:
        return f"打不开：网址开头的冒号或斜杠是全角的（中文输入法打出来的）。请改成半角：{fixed}。"
    if _WEB_ADDRESS.match(path):
        return (f"打不开：它是别的网站的网址，少了开头的 https://，浏览器会在本站找它。"
                f"请写完整网址：https://{path}（照浏览器地址栏里的抄，那个网站只有 http:// 的，就写 http://）。")
    return None


def check(generators, settings) -> None:
    """Warn of every item's link to a file that is not there (only items ``rewrite`` marked)."""
    items = [item for item in all_items(generators) if getattr(item, "local_links", False)]
    if not items:
        return
    root = os.path.abspath(settings["PATH"])
    item_files = {
        os.path.relpath(os.path.abspath(item.source_path), root).replace(os.sep, "/") for item in all_items(generators)
    }
    shown_root = problems.display_path(root)
    # the listings', feeds' and theme files' addresses site_links made root-relative links into
    static = generators[0].context.get("static_content", {})
    for item in items:
        folder = posixpath.relpath(os.path.dirname(os.path.abspath(item.source_path)), root).replace(os.sep, "/")
        folder = "" if folder == "." else folder
        seen = set()
        for m in _LINK.finditer(item._content):
            path = html.unescape(m.group("path"))
            if path in seen:
                continue
            seen.add(path)
            what = "图片" if m.group("tag").lower() == "img" else "链接"
            advice = _address_advice(path, what, f"{shown_root}/{folder or '.'}/")
            if advice:
                problems.current().warning(item.source_path, _line_of(item, path), f"正文里的{what} {path} {advice}")
                continue
            pelican = _PELICAN_LINK.match(path)
            if pelican:
                written = path
                linked = unquote(pelican["path"])
                if pelican["path"].startswith("/" + ADDRESS_KEY) and pelican["path"][1:] in static:
                    continue
                target = linked.lstrip("/") if linked.startswith("/") else posixpath.join(folder, linked)
            elif _relative_file(path) is not None:
                # left relative by rewrite: it leaves content/
                written = linked = path
                target = posixpath.join(folder, _relative_file(path))
            else:
                continue
            outside = _outside(target)
            target = posixpath.normpath(target)
            is_item = target.lower().endswith(ITEM_SUFFIXES)
            if not outside and (target in item_files if is_item else os.path.isfile(os.path.join(root, target))):
                continue
            # as the editor wrote it: 现场.jpg, not the {static}现场.jpg rewrite made of it
            line = _line_of(item, written)
            if line is None and pelican and not pelican["path"].startswith("/"):
                written = pelican["path"]
                line = _line_of(item, written)
                if line is None and _line_of(item, quote(written, safe="/")) is not None:
                    # pasted percent-encoded (VS Code), spelt by its name in the HTML (_as_named)
                    written = quote(written, safe="/")
                    line = _line_of(item, written)
            if outside:
                where = f"{linked} 指到了 {shown_root}/ 外面，网站上没有它"
            else:
                where = f"{shown_root}/{target} 不存在" + ("（或不是稿件）" if is_item else "")
                near = None if is_item else _near(root, target)
                if near:
                    # a camera's IMG_0012.JPG linked as IMG_0012.jpg, 现场.jpeg as 现场.jpg
                    where += f"；那个文件夹里有 {near}，是不是它（文件名连大小写都要一致）"
            advice = (
                f"请把文件复制到 {shown_root}/{folder or '.'}/ 里（和稿件放在一起），再只写文件名，如 ![说明](现场.jpg)"
                if outside and not is_item
                else f"链接本站稿件，请写稿件在 {shown_root}/ 里的路径，如 {{filename}}/2023/01/文件名.md，"
                "或照浏览器里的网址写 /2023/01/网址/"
                if is_item
                else "请把文件放到那里（放在稿件旁边，就只写文件名，如 ![说明](现场.jpg)），或改正文件名；"
                "链接别的网站，请写完整网址（https://……）"
            )
            problems.current().warning(
                item.source_path,
                line,
                f"正文里的{what} {written} 打不开：{where}。{advice}。",
            )
