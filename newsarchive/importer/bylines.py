"""Bylines: who wrote the article, who took the pictures, and the dateline.

- ``byline_names``: a byline is one to four Han personal names of two to four
  characters, separated by spaces or 、, optionally with role words (记者,
  首席记者, 通讯员) and credit marks (文/图, 朱敏/文, 摄) that are not names.
  Marks papers print before or between the names (□ 记者 张三, ■ 本报记者 朱敏)
  are decoration, not text (``BYLINE_MARKS``, dropped by ``unmarked``).
- ``continues_byline``: a second line that carries such a word continues the
  byline; bare names under a byline could be the first words of the text.
- ``dateline``: the dateline 本报讯 (or 本报讯（记者 张会）) in a byline line
  is text: it opens the body (本报讯（记者 张会） 通讯员 李四: the bracket
  opens it, and 李四 is an author as 张会 is).
- ``near_byline``: names written as no byline is (钟逸格，徐洁, （钟逸格 徐洁）),
  which the rules cannot take but the editor should see.
"""

from __future__ import annotations

import re

# Any 记者 or 通讯员 (首席记者, 全媒体记者, 特约通讯员…) is a role, not a name,
# and so is the dateline 本报讯 that some pages print on the byline's line
# (with the county it was sent from, as city papers print a county's news:
# 本报海宁讯, 本报嘉善讯, which stopped the import as no byline).
# The dateline is printed text, not byline: it opens the article (本报讯 晶科能源……,
# 本报讯（记者 张会）晶科能源……). A byline line that carries it, or a line of
# its own under the byline, gives it to the body, run into the first paragraph.
_DATELINE_WORD = r"本报(?:[\u3400-\u9fff]{2,4}?)?讯(?!员)"  # not 本报特约通讯员
_ROLE = re.compile(rf"(?:{_DATELINE_WORD})?[\u3400-\u9fff]{{0,4}}?(?:记者|通讯员)|{_DATELINE_WORD}|实习生|摄影")
# 本报讯（记者 张会）: the bracket is the byline, the whole is the printed opening.
# A byline may follow on the same line (本报讯（记者 张会） 通讯员 李四): its
# names are authors too, and only the dateline opens the text.
_BRACKETED_DATELINE = re.compile(rf"{_DATELINE_WORD}\s*[（(](?P<byline>[^（）()]+)[）)](?P<rest>.*)")
# Who wrote, who took the pictures: 文/图 朱敏, 文/朱敏 图/张凌翊, 朱敏/文, 朱敏 摄,
# 记者 朱敏 报道. A mark stands alone or beside a slash: 文静 and 图雅 are names.
_MARK = "(?:文字|文|图片|图|摄影|摄|报道)"
# The slash is as often the full-width one (文／图 朱敏, 张凌翊／摄) in Chinese text.
_CREDIT_MARK = re.compile(rf"^{_MARK}(?:[/／]{_MARK})*(?:[/／]|$)|[/／]{_MARK}(?:[/／]{_MARK})*$")
MAX_AUTHORS = 4

_NAME = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff·]{1,3}")
# Papers mark the byline with a square or circle (□ 记者 张三, ■ 本报记者 朱敏,
# ◎ 张三): print's decoration, not text, between or before the names.
BYLINE_MARKS = "□■◎●○◆◇▲△★☆"
_BYLINE_SEPARATORS = re.compile(rf"[\s、{BYLINE_MARKS}]+")
# Print pads a two-character name to the width of three (记者 周　洁, 陆 明): one
# name, not two of one character each, which no byline has; not a credit mark
# (文/图 陆明, 陆 摄).
_PADDED_NAME = re.compile(rf"(?:(?<=^)|(?<=[\s{BYLINE_MARKS}]))(?![文图摄])([\u3400-\u9fff])[ \u3000]+(?![文图摄])([\u3400-\u9fff])(?=$|[\s/／{BYLINE_MARKS}])")


def _byline(text: str) -> tuple[list[str], bool] | None:
    """(names, whether a role standing apart or a credit mark says it is a byline), or None."""
    bracketed = _BRACKETED_DATELINE.fullmatch(unmarked(text))
    if bracketed:
        # （嘉兴）, （张会） may be a place or a name: only a role or credit says
        # whose names they are. Either way the line is the dateline, a byline
        # line without names, as 本报讯 alone is: kept whole to open the text.
        found = _byline(bracketed["byline"])
        names = found[0] if found is not None and found[1] else []
        if not bracketed["rest"].strip():
            return names, True
        more = _byline(bracketed["rest"].strip())
        # what follows the bracket (after a space or not: print sets none
        # after a full-width bracket) must say it is a byline, with a role
        # standing apart or a credit mark: 本报讯（记者 张会）晶科能源 opens the text
        if more is None or not more[1] or len(names) + len(more[0]) > MAX_AUTHORS:
            return None
        return names + more[0], True
    tokens = [t for t in _BYLINE_SEPARATORS.split(_PADDED_NAME.sub(r"\1\2", text)) if t]
    if not tokens:
        return None
    names = []
    role = said = False
    for token in tokens:
        found = _ROLE.match(token)
        if found:
            role = True
            rest = token[found.end() :]
            token = rest.lstrip("：:")  # 记者张三, 记者：张三 are the reporter 张三
            # Only a role standing apart (通讯员 张凌翊, 通讯员：张凌翊) says “byline” by
            # itself: glued to what follows it may open the text (记者从王店镇 / 获悉，…).
            said = said or not rest or token != rest
        while token and (mark := _CREDIT_MARK.search(token)):
            said = True
            token = token[: mark.start()] + token[mark.end() :]
        if not token:
            continue
        if not _NAME.fullmatch(token):
            return None
        names.append(token)
    if len(names) > MAX_AUTHORS or not (names or role):
        return None
    return names, said


def byline_names(text: str) -> list[str] | None:
    """The author names of a byline, or None if ``text`` is not a byline.

    A byline holding only role words (本报记者) is a byline without names.
    """
    found = _byline(text)
    return None if found is None else found[0]


def is_byline(text: str) -> bool:
    return byline_names(text) is not None


def dateline(text: str) -> str:
    """What a byline line keeps for the body: 本报讯（记者 张会） whole, as
    printed (without a byline after it on the line, whose names go to the
    authors); 本报讯 of 本报讯 记者 张会 (the names go to the authors); else nothing."""
    text = unmarked(text)
    if bracketed := _BRACKETED_DATELINE.fullmatch(text):
        return text[: bracketed.start("rest")]
    found = re.match(_DATELINE_WORD, text)
    return found.group() if found else ""


def unmarked(text: str) -> str:
    """The line without the marks and spaces print sets before a byline: □ 记者 张三 → 记者 张三."""
    return text.lstrip(BYLINE_MARKS + " \u3000")


def near_byline(text: str) -> bool:
    """钟逸格，徐洁 or （钟逸格 徐洁）: names written as no byline is, which the
    rule cannot take (近日，王店镇 reads the same), but the editor should see."""
    loose = loosened(text)
    return loose != text and is_byline(loose)


def loosened(text: str) -> str:
    """钟逸格，徐洁 or （钟逸格 徐洁） written as a byline is: 钟逸格 徐洁."""
    return re.sub(r"[，,；;]", " ", text).strip("（）() ")


def continues_byline(text: str) -> bool:
    """A second byline line says so (通讯员 张凌翊, 摄影 李四): bare names
    under a byline could as well be the first words of the text."""
    found = _byline(text)
    return found is not None and found[1]
