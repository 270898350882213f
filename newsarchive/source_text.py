"""Reading an editor's text file: UTF-8 or a clear reason why not.

Chinese editors' tools often save GB18030/GBK; Windows adds a BOM and CRLF.
The first two are accepted silently, the encoding problems are named with the
byte offset and line, and the fix is spelled out, because a build that skips a
file with "could not process" loses an article without anyone noticing.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from newsarchive.problems import ContentError

# An article is a few KB; a file this large is a paste accident or not text.
MAX_BYTES = 2 * 1024 * 1024

# What a word processor saves, by its first bytes: an editor renames x.docx to x.md
_DOCUMENTS = (
    (b"PK\x03\x04", "Word 或 WPS 文档（.docx、.wps 一类）"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word 或 WPS 文档（.doc、.wps 一类）"),
    (b"{\\rtf", "RTF 文档（.rtf）"),
    (b"%PDF-", "PDF 文件"),
)
CONVERT_HINT = "转换命令：iconv -f GB18030 -t UTF-8 '{path}' > tmp.md && mv tmp.md '{path}'（或用编辑器“另存为 UTF-8”）。"


def line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, path: str | Path) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was in ("utf-8" or "gb18030").

    Raises ContentError for an empty file, NUL bytes, or bytes that are
    neither UTF-8 nor GB18030. GB18030 is returned, not refused: the caller
    decides whether to convert it (the importer) or refuse it (the build).
    """
    path = str(path)
    if not data.strip():
        raise ContentError(path, None, "文件是空的。请写入元数据（Title、Date……）和正文，或删除这个文件。")
    if len(data) > MAX_BYTES:
        raise ContentError(
            path,
            None,
            f"文件有 {len(data) / 1048576:.1f} MB，一篇稿件通常不到 100 KB。"
            "可能是误粘贴了整版或二进制文件；请拆分成单篇稿件，或把它移出 content/。",
        )
    for magic, kind in _DOCUMENTS:
        if data.startswith(magic):
            # renamed, not saved as text: “第 5 字节是 NUL……文件损坏” sent the editor looking for damage
            raise ContentError(
                path,
                None,
                f"这个文件是{kind}，不是文本文件（只是扩展名改了）。请在 WPS 或 Word 里“另存为”纯文本（.txt，编码选 UTF-8），"
                "再改成这个文件名；或新建一个文本文件，把内容复制进去。",
            )
    nul = data.find(b"\x00")
    if nul >= 0:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise ContentError(path, None, "文件是 UTF-16 编码。请另存为 UTF-8。")
        raise ContentError(
            path,
            line_of(data, nul),
            f"第 {nul} 字节是 NUL（\\x00）控制字符，文本文件里不应出现。"
            "这通常说明文件损坏或不是文本；请删除该字符，或从原稿重新导出为 UTF-8 文本。",
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    offset = utf8_error.start
    if text is not None and _looks_chinese(text):
        return text, "gb18030"
    raise ContentError(
        path,
        line_of(data, offset),
        f"第 {offset} 字节（0x{data[offset]:02x}）不是有效的 UTF-8。"
        "请用编辑器打开该行，改正乱码后另存为 UTF-8。",
    )


def _looks_chinese(text: str) -> bool:
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return han >= max(1, len(text.strip()) // 10)


# Characters that print as nothing: web pages and PDF exports scatter them
# through text. Left in, a byline 吴\u200b涛 is no byline and a township
# 王店镇\u200b is not 王店镇, and the editor looking at either sees nothing wrong.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_ANY_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def without_invisible(text: str) -> str:
    # translate looks every character up in a dict; almost no line has one
    # to remove, and a regex search says so at C speed (every header line of
    # every item is read through here, by the build and by invoke new)
    return text.translate(INVISIBLE) if _ANY_INVISIBLE.search(text) else text


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_utf8(path: str | Path) -> str:
    """The text of a content file, which must be UTF-8 (a BOM and CRLF are fine)."""
    return utf8_text(Path(path).read_bytes(), path)


def utf8_text(data: bytes, path: str | Path) -> str:
    """``data`` of the file at ``path`` as text; anything but UTF-8 is refused with advice."""
    text, encoding = decode(data, path)
    if encoding != "utf-8":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as e:
            offset = e.start
        raise ContentError(
            str(path),
            line_of(data, offset),
            f"文件是 GB18030/GBK 编码（第 {offset} 字节起不是 UTF-8），本站只读 UTF-8。"
            + CONVERT_HINT.format(path=path),
        )
    text = normalise_newlines(text)
    control = _CONTROL.search(text)
    if control:
        # XML 1.0 cannot carry them at all: the feeds' writer stopped the
        # build with an English traceback naming no file.
        at = control.start()
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        code = ord(control.group())
        raise ContentError(
            str(path),
            line,
            f"第 {line} 行第 {column} 个字符是控制字符 U+{code:04X}{_CONTROL_NAMES.get(code, '')}，"
            "编辑器里多半看不见，网页和订阅（Atom）里都不能有。请删去它（要换行就另起一行）。",
        )
    return text


# What XML 1.0 refuses (tab, newline and carriage return aside; NUL is refused
# before decoding), and where the two an editor meets come from.
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_NAMES = {0x0B: "（垂直制表符，Word 里的手动换行）", 0x0C: "（换页符，PDF 导出的分页）"}
