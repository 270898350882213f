"""The layout rules of a printed page, and the splitter that applies them.

Each rule is a small function named after what it recognises, learned from
the seed page and tested on pages written for the tests:

- ``ends_sentence``: a block ending in 。！？…”’） finishes its paragraph;
  any other block was broken by a column and ``continues_previous``.
- ``byline_names``: a byline is one to four Han personal names of two to four
  characters, separated by spaces or 、, optionally with role words (记者,
  首席记者, 通讯员) and credit marks (文/图, 朱敏/文, 摄) that are not names;
  a second line that carries such a word continues the byline. The dateline
  本报讯 in a byline line is text: it opens the body (``dateline``).
- ``photo_caption``: a block ending in a credit such as （图片由澉浦镇提供）
  or, after a space, 朱敏 摄; or a short block followed by such a credit on a
  line of its own. A caption over two lines (``_wrapped_caption``) is one
  photo when nothing under it could continue its first line as text.
- ``looks_like_title`` / ``is_title``: a short line that does not end a
  sentence, *followed by a byline*. Without the byline it is a paragraph
  broken by a column (干窑镇自推进“窑乡有礼”新时代 on the seed page).

- ``is_subtitled_title``: a title, then a line opening with a dash (the
  subtitle, 副题: ——记海宁……), then the byline; the subtitle is part of the
  title, joined as printed (主题——副题), anywhere on the page.

- ``CONTINUATION_START``: a line opening with ，。！？” continues a sentence
  and is never a title.

The splitter never drops or adds a character: a block is a title, a byline,
a caption or (part of) a paragraph, and paragraphs broken by columns are
joined with nothing between (Chinese has no spaces between words). Where a
rule had to choose (a headline-like line without byline, a title after an
unfinished paragraph), the item carries a note for the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsarchive.importer.blocks import Block
from newsarchive.problems import ContentError

SENTENCE_END = "。！？!?…”’）)」』"
# What ends a statement, and the closing marks that may follow it (好！”).
STATEMENT_END = "。！？!?…"
CLOSING = "”’）)」』"
# A title may hold a colon (王店：服务百姓“零距离”) but never ends with one.
MID_SENTENCE_END = "，、；：,;:"
# ...and never opens with punctuation that closes or continues a sentence:
# such a line is the second half of a paragraph a column broke.
CONTINUATION_START = "，、；：。！？…”’）》,;:!?)"
TITLE_MAX_CHARS = 40
# The seed's captions are 21 to 30 characters; a longer line above a lone
# credit is more likely the last paragraph of an article, and stays text.
CAPTION_MAX_CHARS = 40
# Shorter lines are fragments a column left behind (“一”, “方面”), not headlines.
TITLE_MIN_CHARS = 4
# ...unless a byline follows: a fragment is not followed by a line of names,
# and papers do print three-character headlines (开门红).
BYLINED_TITLE_MIN_CHARS = 2
# Stricter: a line this short without commas, standing alone, reads like a
# headline, so joining it to the next paragraph deserves a word to the editor.
HEADLINE_MAX_CHARS = 24
# Any 记者 or 通讯员 (首席记者, 全媒体记者, 特约通讯员…) is a role, not a name,
# and so is the dateline 本报讯 that some pages print on the byline's line.
_ROLE = re.compile(r"(?:本报讯)?[\u3400-\u9fff]{0,4}?(?:记者|通讯员)|本报讯|实习生|摄影")
# The dateline is printed text, not byline: it opens the article (本报讯 晶科能源……,
# 本报讯（记者 张会）晶科能源……). A byline line that carries it, or a line of
# its own under the byline, gives it to the body, run into the first paragraph.
DATELINE = "本报讯"
# 本报讯（记者 张会）: the bracket is the byline, the whole is the printed opening.
_BRACKETED_DATELINE = re.compile(r"本报讯\s*[（(](?P<byline>[^（）()]+)[）)]")
# Who wrote, who took the pictures: 文/图 朱敏, 文/朱敏 图/张凌翊, 朱敏/文, 朱敏 摄,
# 记者 朱敏 报道. A mark stands alone or beside a slash: 文静 and 图雅 are names.
_MARK = "(?:文字|文|图片|图|摄影|摄|报道)"
_CREDIT_MARK = re.compile(rf"^{_MARK}(?:/{_MARK})*(?:/|$)|/{_MARK}(?:/{_MARK})*$")
MAX_AUTHORS = 4

_NAME = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff·]{1,3}")
# Papers mark the byline with a square or circle (□ 记者 张三, ■ 本报记者 朱敏,
# ◎ 张三): print's decoration, not text, between or before the names.
BYLINE_MARKS = "□■◎●○◆◇▲△★☆"
_BYLINE_SEPARATORS = re.compile(rf"[\s、{BYLINE_MARKS}]+")
# A photographer's credit mark, standing apart or beside a slash or colon:
# 朱敏 摄, 摄影：朱敏, 文/图 朱敏, 朱敏/图; not the 图 of the name 图雅.
_PHOTO_MARK = re.compile(r"(?:^|[\s/])(?:摄影|摄|图片|图)(?:$|[\s/：:])")
# （图片由澉浦镇提供）, （记者 张三 摄）, （澉浦镇供图）, （资料图片）, and the credit word
# first: （摄影 张三）, （图/张三）, （摄影：张三）. 图 needs its slash or colon:
# （图为游园会现场） is a caption's own words.
_CREDIT = re.compile(
    r"[（(](?P<credit>图片由[^（）()]+?提供|[^（）()]{0,20}?摄|[^（）()]{0,20}?供图|资料图片?"
    r"|(?:摄影|图片|图)\s*[/／:：]\s*[^（）()\s][^（）()]{0,19}|摄影\s+[^（）()]{2,20})[）)]$"
)


@dataclass(frozen=True)
class Note:
    """Something the editor should look at; not an error, the item is imported."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"第 {self.line} 行：{self.message}"


@dataclass
class Paragraph:
    text: str
    lines: list[int]
    # The editor was already told why this line is text: no second note on joining it.
    told: bool = False

    @property
    def line(self) -> int:
        return self.lines[0]


@dataclass
class PageItem:
    """One article or photo caption found on a page."""

    kind: str  # "article" or "photo"
    title: str
    line: int
    authors: list[str] = field(default_factory=list)
    credit: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    # The dateline taken from the byline lines, waiting for the first paragraph.
    lead: Paragraph | None = None

    @property
    def body(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


# --- the rules ------------------------------------------------------------


def ends_sentence(text: str) -> bool:
    return bool(text) and text[-1] in SENTENCE_END


def continues_previous(previous: str) -> bool:
    """A paragraph that does not end a sentence was broken by a column."""
    return not ends_sentence(previous)


def joiner(left: str, right: str) -> str:
    """What goes between the halves of a broken paragraph: nothing, except
    between two Latin words, which the break would otherwise glue together."""
    if left[-1:].isascii() and left[-1:].isalpha() and right[:1].isascii() and right[:1].isalpha():
        return " "
    return ""


def _byline(text: str) -> tuple[list[str], bool] | None:
    """(names, whether a role standing apart or a credit mark says it is a byline), or None."""
    bracketed = _BRACKETED_DATELINE.fullmatch(_unmarked(text))
    if bracketed:
        # （嘉兴）, （张会） may be a place or a name: only a role or credit says
        # whose names they are. Either way the line is the dateline, a byline
        # line without names, as 本报讯 alone is: kept whole to open the text.
        found = _byline(bracketed["byline"])
        return found if found is not None and found[1] else ([], True)
    tokens = [t for t in _BYLINE_SEPARATORS.split(text) if t]
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
    printed; 本报讯 of 本报讯 记者 张会 (the names go to the authors); else nothing."""
    text = _unmarked(text)
    if _BRACKETED_DATELINE.fullmatch(text):
        return text
    return DATELINE if text.startswith(DATELINE) else ""


def _unmarked(text: str) -> str:
    return text.lstrip(BYLINE_MARKS + " \u3000")


def near_byline(text: str) -> bool:
    """钟逸格，徐洁 or （钟逸格 徐洁）: names written as no byline is, which the
    rule cannot take (近日，王店镇 reads the same), but the editor should see."""
    loose = _loosened(text)
    return loose != text and is_byline(loose)


def _loosened(text: str) -> str:
    return re.sub(r"[，,；;]", " ", text).strip("（）() ")


def continues_byline(text: str) -> bool:
    """A second byline line says so (通讯员 张凌翊, 摄影 李四): bare names
    under a byline could as well be the first words of the text."""
    found = _byline(text)
    return found is not None and found[1]


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
    """朱敏 摄, 本报记者 朱敏 摄, 图/朱敏, 摄影：朱敏: who took the picture, without brackets."""
    found = _byline(text)
    return found is not None and bool(found[0]) and _PHOTO_MARK.search(text) is not None


def _unbracketed_caption(text: str) -> tuple[str, str] | None:
    """……送“福”。 朱敏 摄: the credit is what follows a space (or the caption's
    。), the longest such end that is a photographer's byline; not one that
    follows a figure or a Latin word (“……1000 余人参加 朱敏 摄”: 余人参加
    would read as a name), and not a whole line that is a byline (记者 朱敏 摄)."""
    if _PHOTO_MARK.search(text) is None or is_byline(text):
        return None
    for start in range(1, len(text)):
        before = text[start - 1]
        if text[start].isspace() or not (before.isspace() or before in STATEMENT_END):
            continue
        caption = text[:start].rstrip()
        if caption[-1].isascii() and caption[-1].isalnum():
            continue
        if photo_credit(text[start:]):
            return caption, _unmarked(text[start:])
    return None


def lone_credit(text: str) -> bool:
    """（图片由大云镇提供） or 朱敏 摄 on a line of its own: the caption above it was broken off."""
    match = _CREDIT.search(text)
    return match is not None and match.start() == 0 or photo_credit(text)


def looks_like_title(text: str, least: int = TITLE_MIN_CHARS) -> bool:
    return (
        least <= len(text) <= TITLE_MAX_CHARS
        and text[0] not in CONTINUATION_START
        and "。" not in text
        and text[-1] not in MID_SENTENCE_END
        and not text.endswith(("…", "。"))
        and photo_caption(text) is None
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


def reads_like_headline(text: str) -> bool:
    return (
        len(text) <= HEADLINE_MAX_CHARS
        and looks_like_title(text)
        and not any(ch in text for ch in MID_SENTENCE_END)
    )


# --- the splitter ---------------------------------------------------------


def split_page(blocks: list[Block], path: str) -> list[PageItem]:
    """The page's items in page order; raises ContentError for text with no title.

    The rules apply in this order: a caption is taken out wherever it is; a
    block after an unfinished paragraph continues it, even one that looks
    like a title (columns break far more often than articles end unfinished,
    and the editor is told); then a title with its byline starts an article;
    anything else is a paragraph of the open article.
    """
    if not blocks:
        raise ContentError(path, None, "版面文件里没有文字（只有空行或空格）。请检查是否导出了正确的文件。")
    items: list[PageItem] = []
    article: PageItem | None = None
    i = 0
    while i < len(blocks):
        block = blocks[i]
        following = _at(blocks, i + 1)
        after = _at(blocks, i + 2)
        wrapped = _wrapped_caption(blocks, i, article)
        if wrapped is not None:
            i = _take_wrapped_caption(items, article, blocks, i, *wrapped)
            continue
        caption = photo_caption(block.text)
        paired = (caption is None and following is not None and lone_credit(following.text)
                  and _may_be_caption(block, article)
                  # 朱敏 摄 under a title is its byline (a photo story's), unless no text follows
                  and (not is_title(block, following) or _starts_item(blocks, i + 2)))
        if paired:
            # 嘉善县大云镇新年充满民俗文氛围 / （图片由大云镇提供）: one caption printed over two lines
            if photo_credit(following.text):
                caption = (block.text, _unmarked(following.text))
            else:
                caption = photo_caption(block.text + following.text)
            i += 1
        if caption is not None:
            # A photo sits beside the text, not inside it: the article around
            # it goes on, even mid-sentence, after the caption.
            items.append(PageItem("photo", caption[0], block.line, credit=caption[1]))
            if paired:
                items[-1].notes.append(Note(block.line, f"图片说明和来源印成了两行（第 {block.line} 行和第 {following.line} 行），"
                                                        f"已当作一张图片：“{caption[0]}”（{caption[1]}）。请核对。"))
        elif article is not None and article.paragraphs and continues_previous(article.paragraphs[-1].text):
            if is_subtitled_title(block, following, after):
                # one word for title and subtitle, at the title, and both go on the text
                _note_title_taken_as_continuation(article, block, after, subtitle=following)
                _add_block(article, block)
                _add_block(article, following)
                article.paragraphs[-1].told = True
                i += 1
            else:
                if is_title(block, following):
                    _note_title_taken_as_continuation(article, block, following)
                _add_block(article, block)
        elif (subtitled := is_subtitled_title(block, following, after)) or is_title(block, following) or (
            # Only after a finished paragraph: at the top of the page the first
            # line is as likely the masthead (嘉兴日报 第5版), and right under a
            # byline it is the text's first line.
            article is not None and article.paragraphs and is_split_title(block, following, after)
        ):
            split = not subtitled and not is_title(block, following)
            if subtitled:
                # the subtitle keeps the dash it is printed with: 主题——副题
                title, byline = block.text + following.text, after
                i += 2  # the subtitle, the byline
            elif split:
                title, byline = block.text + joiner(block.text, following.text) + following.text, after
                i += 2  # the title's second line, the byline
            else:
                title, byline = block.text, following
                i += 1  # the byline
            article = PageItem("article", title, block.line, authors=byline_names(byline.text) or [])
            if split:
                article.notes.append(Note(block.line, f"标题印成了两行（第 {block.line} 行和第 {following.line} 行），已连成“{title}”。请核对。"))
            if subtitled:
                article.notes.append(Note(following.line, f"“{following.text}”是副题，已接在标题后面，连成“{title}”。"
                                                          "副题和主标题一样印在标题位置，写进标题才不丢；如果只要主标题，请在原稿中删去这一行，再重新导入。"))
            items.append(article)
            _keep_dateline(article, byline)
            # 本报记者 朱敏 / 通讯员 张凌翊: a byline printed over two lines
            while i + 1 < len(blocks) and continues_byline(blocks[i + 1].text):
                i += 1
                article.authors += [n for n in byline_names(blocks[i].text) if n not in article.authors]
                _keep_dateline(article, blocks[i])
            _note_names_under_byline(article, blocks[i], _at(blocks, i + 1))
        elif article is None:
            raise ContentError(path, block.line, _orphan_text_message(block, following))
        else:
            if following is not None and looks_like_title(block.text, BYLINED_TITLE_MIN_CHARS) and near_byline(following.text):
                _note_near_byline(article, block, following)
            _add_block(article, block)
        i += 1
    for item in items:
        if item.lead is not None:  # a dateline with no text after it stays, as its own paragraph
            item.paragraphs.insert(0, item.lead)
            item.lead = None
    if article is not None:
        _note_unfinished_end(article)
    return items


def _may_be_caption(block: Block, article: PageItem | None) -> bool:
    """The line above a lone credit is its caption, unless it is text: the
    rest of a paragraph a column broke, or a paragraph too long for a caption."""
    if article is not None and article.paragraphs and continues_previous(article.paragraphs[-1].text):
        return False
    return len(block.text) <= CAPTION_MAX_CHARS and not lone_credit(block.text)


def _starts_item(blocks: list[Block], i: int) -> bool:
    """Nothing at ``i`` could be the text of an item above: the page ends, or another item begins."""
    block, following = _at(blocks, i), _at(blocks, i + 1)
    return (block is None or photo_caption(block.text) is not None or is_title(block, following)
            or is_split_title(block, following, _at(blocks, i + 2))
            or is_subtitled_title(block, following, _at(blocks, i + 2))
            or (following is not None and lone_credit(following.text)))


def _wrapped_caption(blocks: list[Block], i: int, article: PageItem | None) -> tuple[tuple[str, str], int] | None:
    """嘉善县大云镇新年充满 / 民俗文氛围（图片由大云镇提供）, or the credit on a third
    line: ((the rest of the caption, the credit), the index after the credit),
    when the line at ``i`` may be the caption's first half: short, unfinished,
    not the rest of a paragraph a column broke."""
    first, second = blocks[i], _at(blocks, i + 1)
    if (second is None or ends_sentence(first.text) or first.text[0] in CONTINUATION_START
            or photo_caption(first.text) is not None or continues_byline(first.text)
            or not _may_be_caption(first, article)):
        return None
    caption, end = photo_caption(second.text), i + 2
    if caption is None:
        third = _at(blocks, i + 2)
        if third is None or not lone_credit(third.text) or not _may_be_caption(second, None):
            return None
        if photo_credit(third.text):
            # 王店：服务百姓 / “零距离” / 朱敏 摄 / text: a title over two lines and its photographer
            if not _starts_item(blocks, i + 3):
                return None
            caption = (second.text, _unmarked(third.text))
        else:
            caption = photo_caption(second.text + third.text)
        end = i + 3
    if len(caption[0]) > CAPTION_MAX_CHARS:
        return None
    return caption, end


def _take_wrapped_caption(items: list[PageItem], article: PageItem | None, blocks: list[Block], i: int,
                          caption: tuple[str, str], end: int) -> int:
    """The photo of a caption printed over two lines, and where to go on."""
    first, second = blocks[i], blocks[i + 1]
    lines = "、".join(str(b.line) for b in blocks[i:end])
    if _starts_item(blocks, end) or article is None:
        # the page ends or another item begins: the first line is no paragraph
        # a photo broke, for nothing below could be the rest of it
        text = first.text + joiner(first.text, caption[0]) + caption[0]
        items.append(PageItem("photo", text, first.line, credit=caption[1]))
        items[-1].notes.append(Note(first.line, f"图片说明印成了多行（第 {lines} 行），已连成一张图片：“{text}”（{caption[1]}）。请核对。"))
        return end
    # The text under the photo may be the rest of the first line's paragraph
    # (columns break around photos), or a paragraph of its own: the line stays
    # text, as columns break more often, and the editor decides.
    _add_block(article, first)
    paragraph = article.paragraphs[-1]
    paragraph.told = True
    after = blocks[end]
    article.notes.append(
        Note(
            first.line,
            f"“{first.text}”下面是图片说明“{caption[0]}”（第 {second.line} 行），它可能是图片说明的第一行，"
            f"也可能是被图片隔开的一段正文；已当作正文，与图片下面的第 {after.line} 行连成一段。"
            f"如果它是图片说明的一部分，请在原稿中把它和第 {second.line} 行连成一行，再重新导入。",
        )
    )
    items.append(PageItem("photo", caption[0], second.line, credit=caption[1]))
    if end - i == 3:
        items[-1].notes.append(Note(second.line, f"图片说明和来源印成了两行（第 {second.line} 行和第 {blocks[i + 2].line} 行），"
                                                 f"已当作一张图片：“{caption[0]}”（{caption[1]}）。请核对。"))
    return end


def _at(blocks: list[Block], i: int) -> Block | None:
    return blocks[i] if i < len(blocks) else None


def _keep_dateline(article: PageItem, byline: Block) -> None:
    text = dateline(byline.text)
    if not text:
        return
    if article.lead is None:
        article.lead = Paragraph(text, [byline.line])
    else:
        article.lead.text += " " + text
        article.lead.lines.append(byline.line)


def _add_block(article: PageItem, block: Block) -> None:
    if article.lead is not None:
        # run in as print sets it: 本报讯 晶科能源……, 本报讯（记者 张会）晶科能源……
        lead, article.lead = article.lead, None
        space = "" if lead.text[-1] in CLOSING or block.text[0] in "（(" else " "
        article.paragraphs.append(Paragraph(lead.text + space + block.text, lead.lines + [block.line]))
        return
    last = article.paragraphs[-1] if article.paragraphs else None
    if last is not None and continues_previous(last.text):
        if len(last.lines) == 1 and reads_like_headline(last.text) and not near_byline(block.text) and not last.told:
            article.notes.append(
                Note(
                    last.line,
                    f"“{last.text}”像标题，但下一行不是署名，已当作被分栏打断的段落，"
                    f"与第 {block.line} 行连成一段。如果它其实是另一篇稿件的标题，"
                    "请在原稿中它的下一行补上署名，再重新导入。",
                )
            )
        last.text += joiner(last.text, block.text) + block.text
        last.lines.append(block.line)
    else:
        article.paragraphs.append(Paragraph(block.text, [block.line]))


def _note_names_under_byline(article: PageItem, byline: Block, first: Block | None) -> None:
    """Bare names after the byline: the byline may have been the title's second line (海宁全力冲刺 / 开门红 / 张会)."""
    if first is None or not byline_names(first.text):
        return
    article.notes.append(
        Note(
            first.line,
            f"“{first.text}”像署名，但第 {byline.line} 行“{byline.text}”已当作署名，“{first.text}”当作了正文的开头。"
            f"如果标题印成了两行（“{article.title}”和“{byline.text}”），请在原稿中把它们连成一行；"
            f"如果“{first.text}”是署名的第二行，请在它前面写上“通讯员”等词。然后重新导入。",
        )
    )


def _note_near_byline(article: PageItem, block: Block, byline: Block) -> None:
    article.notes.append(
        Note(
            block.line,
            f"“{block.text}”和下一行“{byline.text}”像标题和署名，但署名里的人名要用空格或顿号分开、不加括号"
            f"（如“{_loosened(byline.text)}”），已当作“{article.title}”的正文接在后面。"
            "如果这里其实是一篇新稿件，请在原稿中这样改好署名，再重新导入。",
        )
    )


def _note_title_taken_as_continuation(article: PageItem, block: Block, byline: Block, subtitle: Block | None = None) -> None:
    last = article.paragraphs[-1]
    looks = (f"“{block.text}”和下一行“{byline.text}”像标题和署名" if subtitle is None else
             f"“{block.text}”、下一行“{subtitle.text}”和第 {byline.line} 行“{byline.text}”像标题、副题和署名")
    article.notes.append(
        Note(
            block.line,
            f"{looks}，但上一段（第 {last.lines[-1]} 行）"
            f"没有以句末标点结束（…{last.text[-10:]}），已当作被分栏打断的段落接在后面。"
            "如果这里其实是一篇新稿件，请在原稿中给上一段补上结尾（如“（转第 2 版）”），再重新导入。",
        )
    )


def _note_unfinished_end(article: PageItem) -> None:
    if not article.paragraphs or ends_sentence(article.paragraphs[-1].text):
        return
    last = article.paragraphs[-1]
    article.notes.append(
        Note(
            last.lines[-1],
            f"“{article.title}”的最后一段在版面末尾没有以句末标点结束（…{last.text[-10:]}）。"
            "可能转到了其他版面，或漏了文字；请对照原版面核对。",
        )
    )


def _orphan_text_message(block: Block, following: Block | None) -> str:
    excerpt = block.text if len(block.text) <= 20 else block.text[:20] + "…"
    if following is not None and looks_like_title(block.text):
        return (
            f"“{excerpt}”像是标题，但下一行（第 {following.line} 行）不是署名。"
            "署名是一到四个人名，用空格分开，如“钟逸格 徐洁”。"
            "请在原稿中标题的下一行补上署名（不知道作者时写“本报记者”）；"
            "如果标题印成了两行，请把它们连成一行；"
            "如果它是报头、版次等版面文字，请从原稿中删去。然后重新导入。"
        )
    return (
        f"“{excerpt}”前面没有稿件标题，不知道它属于哪篇稿件。"
        "每篇稿件以一行标题开始，下一行是署名（如“钟逸格 徐洁”）；图片说明以“（图片由……提供）”结尾。"
        "如果这是版面上的报头、版次等文字，请从原稿中删去；否则请补上标题和署名，再重新导入。"
    )
