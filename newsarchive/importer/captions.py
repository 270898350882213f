"""Photo captions and their credits.

- ``photo_caption``: a block ending in a credit such as （图片由澉浦镇提供）
  or, after a space, 朱敏 摄.
- ``photo_credit``: a credit without brackets is a photographer's byline
  (朱敏 摄, 本报记者 朱敏 摄, 图/朱敏, 摄影：朱敏).
- ``lone_credit``: such a credit on a line of its own, broken off the caption
  above it.

A short block followed by a lone credit, and a caption printed over two lines,
are put together by the page walk in ``layout``, which sees the lines around
them: a caption over two lines is one photo when nothing under it could
continue its first line as text.
"""

from __future__ import annotations

import re

from newsarchive.importer.bylines import byline_names, is_byline, unmarked
from newsarchive.importer.paragraphs import STATEMENT_END

# The seed's captions are 21 to 30 characters; a longer line above a lone
# credit is more likely the last paragraph of an article, and stays text.
CAPTION_MAX_CHARS = 40
# A photographer's credit mark, standing apart or beside a slash or colon:
# 朱敏 摄, 摄影：朱敏, 文/图 朱敏, 朱敏/图; not the 图 of the name 图雅.
# (the slash may be full-width: 张凌翊／摄, 文／图 朱敏)
_PHOTO_MARK = re.compile(r"(?:^|[\s/／])(?:摄影|摄|图片|图)(?:$|[\s/／：:])")
# 文/图 朱敏, 朱敏/文: the byline of one who wrote the text too, an article's.
_WRITER_MARK = re.compile(r"(?:^|[\s/／])(?:文字|文)(?:$|[\s/／：:])")
# （图片由澉浦镇提供）, （记者 张三 摄）, （澉浦镇供图）, （资料图片）, and the credit word
# first: （摄影 张三）, （图/张三）, （摄影：张三）. 图 needs its slash or colon:
# （图为游园会现场） is a caption's own words.
_CREDIT = re.compile(
    r"[（(](?P<credit>图片由[^（）()]+?提供|[^（）()]{0,20}?摄|[^（）()]{0,20}?供图|资料图片?"
    r"|(?:摄影|图片|图)\s*[/／:：]\s*[^（）()\s][^（）()]{0,19}|摄影\s+[^（）()]{2,20})[）)]$"
)


def photo_caption(text: str) -> tuple[str, str] | None:
    """(caption, credit) of a photo caption line, or None.

    The credit is given without its brackets, as the content model's Credit
    field holds it; a sentence-final 。 before it stays with the caption.
    Many papers print it without brackets, after a space: ……送“福”。 朱敏 摄.
    """
    match = _CREDIT.search(text)
    if not match:
        return _unbracketed_caption(text)
    if match.start() == 0:
        return None
    caption = text[: match.start()].rstrip()
    return caption, match["credit"].strip()


def photo_credit(text: str) -> bool:
    """朱敏 摄, 本报记者 朱敏 摄, 图/朱敏, 摄影：朱敏: who took the picture, without brackets.

    Not 文/图 朱敏: who wrote the text and took its pictures signs an article.
    """
    return (bool(byline_names(text)) and _PHOTO_MARK.search(text) is not None
            and _WRITER_MARK.search(text) is None)


def bracketed(text: str) -> bool:
    """Whether a caption line's credit is in brackets, as print sets a caption's (not 朱敏 摄)."""
    return _CREDIT.search(text) is not None


def photographers_end(text: str) -> str:
    """……陪老人拉家常。 朱敏 摄: the photographer's credit a paragraph too long for
    a caption ends with (it is signed there, and ends there), or ""."""
    # a credit is a few names and marks: only the line's end need be read
    found = _unbracketed_caption(text[-CREDIT_MAX_CHARS:], None) if len(text) > CREDIT_MAX_CHARS else _unbracketed_caption(text, None)
    return found[1] if found is not None else ""


# 本报记者 朱敏 张凌翊 摄影: the longest credit a line ends with.
CREDIT_MAX_CHARS = 30


def _unbracketed_caption(text: str, most: int | None = CAPTION_MAX_CHARS) -> tuple[str, str] | None:
    """……送“福”。 朱敏 摄: the credit is what follows a space (or the caption's
    。 when a name comes first: ……送“福”。朱敏 摄), the longest such end that is a photographer's byline; not one that
    follows a figure or a Latin word (“……1000 余人参加 朱敏 摄”: 余人参加
    would read as a name), and not a whole line that is a byline (记者 朱敏 摄).
    A caption is short (CAPTION_MAX_CHARS): a paragraph ending 。 记者 朱敏 摄
    is an article's last, its photographer named after it."""
    if _PHOTO_MARK.search(text) is None or is_byline(text):
        return None
    for start in range(1, len(text)):
        before = text[start - 1]
        if text[start].isspace() or not (before.isspace() or before in STATEMENT_END):
            continue
        caption = text[:start].rstrip()
        if most is not None and len(caption) > most:
            return None  # the shortest caption this line could give is already too long
        if caption[-1].isascii() and caption[-1].isalnum():
            continue
        if photo_credit(text[start:]):
            return caption, unmarked(text[start:])
    return None


def lone_credit(text: str) -> bool:
    """（图片由大云镇提供） or 朱敏 摄 on a line of its own: the caption above it was broken off."""
    match = _CREDIT.search(text)
    return match is not None and match.start() == 0 or photo_credit(text)


def caption_with_credit(caption: str, credit_line: str) -> tuple[str, str] | None:
    """A caption and the lone credit printed on the line under it, as photo_caption gives them."""
    if (broken := credit_broken_off(caption, credit_line)) is not None:
        return broken
    if photo_credit(credit_line):  # 朱敏 摄: no brackets to join on
        return caption, unmarked(credit_line)
    return photo_caption(caption + credit_line)


# 摄, 摄影 on a line of its own: the end of a credit whose names the line above ends with.
_BARE_MARK = re.compile(r"^(?:摄影|摄)$")


def credit_broken_off(caption: str, line: str) -> tuple[str, str] | None:
    """A caption line the column broke at a space inside its credit, as photo_caption
    reads the whole line: …氛围 朱敏 / 摄, …送年货。 本报记者 / 朱敏 摄,
    …表演。（本报记者 / 陆明 摄）. The space print set there is the break's."""
    caption = caption.rstrip()
    if not caption or not line:
        return None
    found = None
    if _BARE_MARK.match(line) or (photo_credit(line) and _role_only(caption)):
        # the names, or the role, before the break are the credit's: 朱敏 / 摄, 本报记者 / 朱敏 摄
        found = _unbracketed_caption(caption + " " + line)
        if found is not None and _BARE_MARK.match(line) is None and byline_names(caption[len(found[0]):].strip()) != []:
            return None  # more than the role went to the credit: 乌镇 观看 / 陆明 摄
    elif line[-1] in "）)" and "（" not in line and "(" not in line:
        opened = max(caption.rfind("（"), caption.rfind("("))
        if opened < 0 or ")" in caption[opened:] or "）" in caption[opened:]:
            return None
        # （本报记者 / 陆明 摄）: a space at the break between words of the credit;
        # （图片由大云 / 镇提供）: none inside a word
        inside = caption[opened + 1 :]
        space = " " if inside and byline_names(inside.split()[-1] if inside.split() else inside) is not None else ""
        found = photo_caption(caption + space + line)
    if found is None or len(found[0]) >= len(caption):
        return None  # the credit does not start before the break: not broken inside it
    return found


def _role_only(text: str) -> bool:
    """…送年货。 本报记者: a line ending, after a space, with a byline's role and no name,
    which the credit under it goes on."""
    words = text.split()
    return len(words) > 1 and byline_names(words[-1]) == []
