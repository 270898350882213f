"""Titles: the line that starts an article.

- ``looks_like_title`` / ``is_title``: a short line that does not end a
  sentence, *followed by a byline*. Without the byline it is a paragraph
  broken by a column (干窑镇自推进“窑乡有礼”新时代 on the seed page).
- ``CONTINUATION_START``: a line opening with ，。！？” continues a sentence
  and is never a title.
- ``is_subtitled_title``: a title, then a line opening with a dash (the
  subtitle, 副题: ——记海宁……), then the byline; the subtitle is part of the
  title, joined as printed (主题——副题), anywhere on the page.
- ``is_split_title``: a title printed over two lines, then the byline.
- ``is_kicker``: a short line over a title (引题: 新春走基层 / 暖心小队做居民“勤务员”
  / 钟逸格 徐洁) is not part of the title; where it could as well be the first
  line of a title over two lines (``is_split_title``), the shorter line is the kicker.
- ``is_subheading``: a subheading (小标题) or a box's label inside an article
  (一、订单饱满开工早, 审批提速 项目早落地, 记者手记): a paragraph of its own,
  though it ends no sentence.
- ``reads_like_headline``: a short line without commas (a colon after a place
  is a headline's: 平湖：外贸企业“抢单”忙) that, standing alone, reads like a
  headline; joining it to the next paragraph deserves a note.
"""

from __future__ import annotations

import re

from newsarchive.importer.blocks import Block
from newsarchive.importer.bylines import continues_byline, is_byline
from newsarchive.importer.captions import photo_caption
from newsarchive.importer.paragraphs import CLOSING, STATEMENT_END

# A title may hold a colon (王店：服务百姓“零距离”) but never ends with one.
MID_SENTENCE_END = "，、；：,;:"
# ...and never opens with punctuation that closes or continues a sentence:
# such a line is the second half of a paragraph a column broke.
CONTINUATION_START = "，、；：。！？…”’）》,;:!?)"
TITLE_MAX_CHARS = 40
# Shorter lines are fragments a column left behind (“一”, “方面”), not headlines.
TITLE_MIN_CHARS = 4
# ...unless a byline follows: a fragment is not followed by a line of names,
# and papers do print three-character headlines (开门红).
BYLINED_TITLE_MIN_CHARS = 2
# Stricter: a line this short without commas, standing alone, reads like a
# headline, so joining it to the next paragraph deserves a word to the editor.
HEADLINE_MAX_CHARS = 24


def looks_like_title(text: str, least: int = TITLE_MIN_CHARS) -> bool:
    return (
        least <= len(text) <= TITLE_MAX_CHARS
        and text[0] not in CONTINUATION_START
        and "。" not in text
        and text[-1] not in MID_SENTENCE_END
        and not text.endswith(("…", "。"))
        and photo_caption(text) is None
        # a title never opens with a dash: a subtitle does (below), and so do a
        # list's items (——这是第一条 / ——这是第二条 is no title over two lines)
        and _SUBTITLE_DASH.match(text) is None
        # a line in brackets is an article's end mark or a note to the reader
        # ((完), （责任编辑：王五）), never a title: over a column's name, which
        # reads as a name (短讯), it became an article “（完）” by 短讯
        and not (text[0] in "（(" and text[-1] in "）)")
    )


def is_title(block: Block, following: Block | None) -> bool:
    """A title is a short unfinished line followed by a byline.

    It may end in an ellipsis (联动监督护航经济发展…), which looks_like_title
    refuses because paragraphs end so: the seed's (……开展送医送药 750 次……)
    are longer than a title and followed by text. A byline under the line
    settles it, as it does for a title ending in ？ or ！.
    """
    if following is None or not is_byline(following.text):
        return False
    text = block.text
    if text.endswith("…") and len(text) <= TITLE_MAX_CHARS:
        text = text.rstrip("…")
    return looks_like_title(text, BYLINED_TITLE_MIN_CHARS)


# A subtitle (副题) opens with a dash: ——记海宁……, ―― or ── in text converted from GBK.
_SUBTITLE_DASH = re.compile(r"(?:——|――|──|－－|--|—|―)[^—―─－\-]")


def is_subtitled_title(block: Block, following: Block | None, after: Block | None) -> bool:
    """海宁全力冲刺“开门红” / ——记海宁…… / 张会: a title, its subtitle, its byline.

    Papers print the subtitle (副题) under the title, opening with a dash; a
    masthead (嘉兴日报 第5版) is never followed by one, so at the top of the
    page too the three lines are an article.
    """
    return (
        following is not None
        and _SUBTITLE_DASH.match(following.text) is not None
        and len(following.text) <= TITLE_MAX_CHARS
        and "。" not in following.text
        and is_title(block, after)
    )


def is_split_title(block: Block, following: Block | None, after: Block | None) -> bool:
    """A title printed over two lines: two title-like lines, then the byline.

    The second line is no byline itself (“零距离” is not a name), else the
    first line is a title of its own; the first holds no comma, as the
    start of a sentence broken by a column would (今年，海宁……), and ends
    no sentence, as the last paragraph of the article above may
    (“真是太感谢你们了！” over the next title and its byline).
    """
    return (
        following is not None
        and after is not None
        and looks_like_title(block.text, BYLINED_TITLE_MIN_CHARS)
        and not any(ch in block.text for ch in "，、；,;")
        and block.text.rstrip(CLOSING)[-1:] not in STATEMENT_END
        # （完）, （责任编辑：王五）, （图片由……提供）: the end of what is above, no half of a title
        and block.text[-1] not in "）)"
        and looks_like_title(following.text, 1)
        # 朱敏 摄 is the credit of the caption above, 记者 朱敏 a byline: no half of a title
        and not continues_byline(block.text)
        and len(block.text) + len(following.text) <= TITLE_MAX_CHARS
        and not is_byline(following.text)
        and is_byline(after.text)
    )


_PAIRS = ("“”", "‘’", "（）", "()", "《》", "「」", "『』")


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in _PAIRS)


def is_kicker(block: Block, following: Block | None, after: Block | None, beyond: Block | None) -> bool:
    """新春走基层 / 暖心小队做居民“勤务员” / 钟逸格 徐洁: a kicker (引题) over a title.

    Papers print the kicker, a short phrase in smaller type, over the title
    (主题), and it is neither the title nor text: joined to the title it made
    a title nobody printed (新春走基层暖心小队做居民“勤务员”). The line above a
    title (with its byline, or its subtitle and byline) is the kicker when it
    could be no title over two lines: it opens with a dash (——嘉善县大云镇见闻),
    the two lines are too long for one title, or a subtitle follows; or, when
    it could be, it is the shorter line, whole (“” balanced), as print sets a
    kicker over a larger title, while a title over two lines fills its first
    line (海宁全力冲刺 / “开门红”, 天凝：侨企 / 安心谋发展). A line of three
    characters or less (联动 / 监督护航经济发展) is a title's first half.
    """
    if following is None or not (is_title(following, after) or is_subtitled_title(following, after, beyond)):
        return False
    if is_byline(following.text):
        # 海宁全力冲刺 / 开门红 / 张会: a title over its byline (and names opening the text), as ever
        return False
    if not _reads_as_kicker(block.text):
        return False
    return (_SUBTITLE_DASH.match(block.text) is not None or not is_split_title(block, following, after)
            or len(block.text) < len(following.text))


def _reads_as_kicker(text: str) -> bool:
    """A short phrase, whole, that may be printed over a title: no sentence, end mark or caption."""
    if (len(text) > TITLE_MAX_CHARS or "。" in text or any(ch in text for ch in "，、；,;")
            # an article's last line (好！”), its end mark (（完）) or a caption: no kicker
            or text.rstrip(CLOSING)[-1:] in STATEMENT_END or text[-1] in "）)" or text[0] in CONTINUATION_START
            or photo_caption(text) is not None or continues_byline(text)):
        return False
    return _SUBTITLE_DASH.match(text) is not None or (looks_like_title(text) and _balanced(text))


def is_kicker_over_split_title(block: Block, first: Block | None, second: Block | None, byline: Block | None) -> bool:
    """新春走基层 / 海宁全力冲刺 / “开门红” / 张会: a kicker over a title printed over two lines.

    The title's two lines are read as ``is_split_title`` reads them; the line over
    them could join them only as a title over three lines, which print sets far
    less often than a kicker (the editor is told either way)."""
    return (first is not None and not is_byline(first.text) and _reads_as_kicker(block.text)
            and is_split_title(first, second, byline))


# 平湖：外贸企业“抢单”忙, 王店：服务百姓“零距离”: a short place (or topic) and a
# colon open many headlines; a sentence's colon comes after more words, or before
# a quote (他说：“今年……).
_HEADLINE_COLON = re.compile(r"^[\u3400-\u9fff]{2,6}：(?![“‘「])")


def reads_like_headline(text: str) -> bool:
    return (
        len(text) <= HEADLINE_MAX_CHARS
        and looks_like_title(text)
        and not any(ch in _HEADLINE_COLON.sub("", text, count=1) for ch in MID_SENTENCE_END)
    )


# 小标题 inside an article, which end no sentence and were run into the paragraph
# under them (一、订单饱满开工早春节前，……). Only what marks itself: a numbered
# heading (一、 （一） 1. ), two short phrases set apart by a space, as print sets a
# subheading (审批提速 项目早落地), or a box's label; a column's fragment has
# neither (干窑镇自推进“窑乡有礼”新时代 on the seed page is text).
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、(?![一二三四五六七八九十])|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?!\d))\S")
_PHRASES = re.compile(r"^[\u3400-\u9fff“”‘’]{2,12}[ \u3000]+[\u3400-\u9fff“”‘’]{2,12}$")
_BOX_LABEL = re.compile(r"^[【\[［]?(?:编者按|编者的话|记者手记|编后|编后语|记者观察|短评|相关链接|链接|延伸阅读|小贴士|背景链接)[】\]］]?$")
SUBHEADING_MAX_CHARS = 20


def is_subheading(text: str) -> bool:
    if _BOX_LABEL.match(text):
        return True
    return (len(text) <= SUBHEADING_MAX_CHARS and looks_like_title(text, BYLINED_TITLE_MIN_CHARS)
            and not any(ch in text for ch in "，,；;：:") and _balanced(text) and not is_byline(text)
            and bool(_NUMBERED.match(text) or _PHRASES.match(text)))
