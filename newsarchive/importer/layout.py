"""The page walk: ``split_page`` applies the layout rules to a page's lines, in order.

The rules are small functions named after what they recognise, learned from
the seed page and tested on pages written for the tests, one module each:

- ``paragraphs``: where a sentence ends; a paragraph that does not end one
  was broken by a column, and its halves are joined.
- ``bylines``: names, roles, credit marks, the dateline 本报讯, marks □■.
- ``captions``: photo captions and their credits.
- ``titles``: titles, titles over two lines, subtitles (副题), kickers (引题).

What needs the lines around a line is decided here: a short block followed by
a credit on a line of its own is one photo; a caption over two lines
(``_wrapped_caption``) is one photo when nothing under it could continue its
first line as text.

The splitter keeps every printed word: a block is a title, a byline, a
caption or (part of) a paragraph, and paragraphs broken by columns are
joined with nothing between (Chinese has no spaces between words). Only
print's decoration goes (the □ before a byline), and the dateline 本报讯
taken from a byline line opens the text with a space after it, as when the
page prints it there. Where a
rule had to choose (a headline-like line without byline, a title after an
unfinished paragraph), the item carries a note for the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsarchive.importer.blocks import Block
# The tests read the rules through this module, as before they had modules of
# their own (layout.byline_names, layout.photo_caption, layout.SENTENCE_END).
from newsarchive.importer.bylines import (
    byline_names,
    continues_byline,
    dateline,
    is_byline,
    loosened,
    near_byline,
    unmarked,
)
from newsarchive.importer.captions import CAPTION_MAX_CHARS, bracketed, caption_with_credit, credit_broken_off, lone_credit, photo_caption, photo_credit, photographers_end
from newsarchive.importer.paragraphs import CLOSING, continues_previous, ends_sentence, joiner
from newsarchive.importer.paragraphs import SENTENCE_END  # noqa: F401
from newsarchive.importer.titles import (
    BYLINED_TITLE_MIN_CHARS,
    CONTINUATION_START,
    is_kicker,
    is_kicker_over_split_title,
    is_split_title,
    is_subheading,
    is_subtitled_title,
    is_title,
    looks_like_title,
    reads_like_headline,
)
from newsarchive.problems import ContentError


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
    # A subheading (小标题): a paragraph of its own, though it ends no sentence.
    heading: bool = False
    # A headline-like line's article may be signed at its end: that byline, and its line.
    signed_below: tuple[Block, str] | None = None

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
    # 引题, the short line printed over the title (新春走基层), and its line
    kicker: str = ""
    kicker_line: int = 0
    paragraphs: list[Paragraph] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    # The dateline taken from the byline lines, waiting for the first paragraph.
    lead: Paragraph | None = None

    @property
    def body(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


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
    # the kicker (引题) over the title at the next line, and whether the two may be one title over two lines
    kicker: tuple[Block, bool] | None = None
    # an editor's note (编者按) printed over the next title: that article's first paragraph
    foreword: list[Block] = []
    foreword_over = True  # over the title (which article it is for is a guess), or under it
    blocks = list(blocks)  # an editor's note under a title is taken out of the walk
    # 图片新闻 over a photo: the column's name, the photo's kicker; and where that photo will be
    photo_label: tuple[Block, int] | None = None
    i = 0
    while i < len(blocks):
        photo_label = _give_photo_label(items, photo_label)
        block = blocks[i]
        following = _at(blocks, i + 1)
        after = _at(blocks, i + 2)
        if (_PHOTO_LABEL.match(block.text) and following is not None
                and _photo_at(blocks, i + 1, _CAPTION_LABEL.match(block.text) is not None)):
            # it was read as the caption's first line: 图片新闻1月29日，嘉善县……
            photo_label = (block, len(items))
            i += 1
            continue
        # 图说 / 【看图说话】 right above: the next lines are a caption, even over text
        labelled = (photo_label is not None and i > 0 and blocks[i - 1] is photo_label[0]
                    and _CAPTION_LABEL.match(photo_label[0].text) is not None)
        wrapped = _wrapped_caption(blocks, i, labelled)
        if wrapped is not None:
            i = _take_wrapped_caption(items, article, blocks, i, *wrapped, label=photo_label[0] if labelled else None)
            continue
        caption = photo_caption(block.text)
        paired = caption is None and _paired_caption(blocks, i, labelled)
        if paired:
            # 嘉善县大云镇新年充满民俗文氛围 / （图片由大云镇提供）: one caption printed over two lines
            caption = caption_with_credit(block.text, following.text)
            i += 1
        if caption is not None:
            # A photo sits beside the text, not inside it: the article around
            # it goes on, even mid-sentence, after the caption.
            items.append(PageItem("photo", caption[0], block.line, credit=caption[1]))
            if paired:
                _note_caption_over_its_credit(items[-1], block, following, article)
            elif not bracketed(block.text):
                _note_unbracketed_credit(items[-1], block, article)
        elif _JUMPED_FROM.match(block.text):
            # （上接第1版）: the rest of an article begun on another page, which has no title
            # here: in the article above it was another story's end, without a word,
            # even after a paragraph a column broke off (checked before that joins it)
            raise ContentError(path, block.line, _jumped_from_message(blocks, i))
        elif article is not None and article.paragraphs and _unfinished(article.paragraphs[-1]):
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
                elif _near_byline_below(blocks, i):
                    _note_near_byline(article, block, following)
                _add_block(article, block)
        elif (end := _foreword_end(blocks, i, several=article is None or bool(article.paragraphs))) is not None:
            # 编者按：…… / 南湖：志愿服务暖人心 / 许颖佳: it introduces the article under it,
            # not the one above, which it ended up in without a word
            foreword, foreword_over = blocks[i:end], True
            i = end
            continue
        elif _column_at(blocks, i, article):
            # 短讯 / 本报讯 近日，……（记者 吴涛） / 本报讯 ……: short news without titles
            # of their own; the column was the text of the article above, or no article
            above, article = article, PageItem("article", block.text, block.line)
            items.append(article)
            _note_column(article, blocks, i, above)
        elif (article is None or article.paragraphs) and _kicker_at(blocks, i):
            # 新春走基层 / 暖心小队做居民“勤务员” / 钟逸格 徐洁: the title on the next line gets it.
            # _kicker_at saw that line start an article, and nothing between here and
            # there changes what the walk reads it as (no unfinished paragraph, no caption,
            # and a title over its byline or subtitle is no kicker itself).
            kicker = (block, is_split_title(block, following, after), _kicker_over_split_title(blocks, i))
        elif _foreword_under_title(blocks, i):
            # 南湖：志愿服务暖人心 / 编者按：…… / 记者 许颖佳: the editor's note printed between
            # the title and its byline opens the text; the title was run into it, the byline text
            foreword, foreword_over = [following], False
            blocks = blocks[: i + 1] + blocks[i + 2 :]
            continue
        elif (subtitled := is_subtitled_title(block, following, after)) or (titled := _titled(blocks, i)) or (
            # Only after a finished paragraph: at the top of the page the first
            # line is as likely the masthead (嘉兴日报 第5版), and right under a
            # byline it is the text's first line.
            # A kicker taken over it says as much: it is no masthead.
            (kicker is not None or article is not None and article.paragraphs) and is_split_title(block, following, after)
        ):
            split = not subtitled and not titled
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
            above, article = article, PageItem("article", title, block.line, authors=byline_names(byline.text) or [])
            if above is not None and photo_credit(byline.text):
                _note_photographers_byline(article, byline, above)
            if split:
                # the first line may as well be a kicker (引题) the length rule gave to the title
                maybe_kicker = (f"如果第一行“{block.text}”其实是引题（印在主标题上方的短句），请在导入后把 Title 改成"
                                f"“{following.text}”，并加一行“Kicker: {block.text}”。"
                                if looks_like_title(block.text) and kicker is None else "")
                article.notes.append(Note(block.line, f"标题印成了两行（第 {block.line} 行和第 {following.line} 行），"
                                                      f"已连成“{title}”。请核对。{maybe_kicker}"))
            if kicker is not None:
                _give_kicker(article, kicker[0], kicker[1], above, over_split=kicker[2])
                kicker = None
            if subtitled:
                article.notes.append(Note(following.line, f"“{following.text}”是副题，已接在标题后面，连成“{title}”。"
                                                          "副题和主标题一样印在标题位置，写进标题才不丢；如果只要主标题，请在原稿中删去这一行，再重新导入。"))
            items.append(article)
            if foreword:
                _give_foreword(article, foreword, above, foreword_over)
                foreword = []
            _keep_dateline(article, byline)
            # 本报记者 朱敏 / 通讯员 张凌翊: a byline printed over two lines
            while i + 1 < len(blocks) and continues_byline(blocks[i + 1].text):
                i += 1
                article.authors += [n for n in byline_names(blocks[i].text) if n not in article.authors]
                _keep_dateline(article, blocks[i])
            _note_names_under_byline(article, blocks[i], _at(blocks, i + 1))
        elif article is None:
            raise ContentError(path, block.line, _orphan_text_message(block, following, after, blocks, i))
        else:
            if _near_byline_below(blocks, i):
                _note_near_byline(article, block, following)
            _add_block(article, block)
            if article.paragraphs[-1].lines == [block.line] and reads_like_headline(block.text):
                article.paragraphs[-1].signed_below = _closing_byline(blocks, i)
        i += 1
    _give_photo_label(items, photo_label)
    for item in items:
        if item.lead is not None:  # a dateline with no text after it stays, as its own paragraph
            item.paragraphs.insert(0, item.lead)
            item.lead = None
    if article is not None:
        _note_unfinished_end(article)
    return items


# 编者按：……, 【编者按】……, 编者的话: what the desk prints over an article or a series.
# not 编者按照读者来信……, a sentence of the text whose subject is the editor
_FOREWORD = re.compile(r"^[【\[［(（]?(?:编者按(?!照)|编者的话)[】\]］)）]?")


def _foreword_end(blocks: list[Block], i: int, several: bool = False) -> int | None:
    """An editor's note (编者按) at ``i`` over the start of an article: the index after it.

    Its halves a column broke go with it; an editor's note under a title is the
    text of that article already, as any paragraph. It may have ``several``
    paragraphs (编者按：新春伊始，……。 / 即日起，本报推出……。), up to _FOREWORD_MAX_LINES
    lines, at the top of the page or after an article's text, where none of them
    could be the article above's: an editor's note opens an article, it never
    comes back after one has begun."""
    if not _FOREWORD.match(blocks[i].text):
        return None
    end, text = i + 1, blocks[i].text
    # not past the start of an article, even after a line the column broke: the
    # note would take that article's title, byline and text along with it
    while (end < len(blocks) and photo_caption(blocks[end].text) is None
           and not _starts_article(blocks, end) and not _kicker_at(blocks, end)
           and (continues_previous(text) or several and end - i < _FOREWORD_MAX_LINES
                and not _JUMPED_FROM.match(blocks[end].text))):
        text = blocks[end].text
        end += 1
    # one that ends unfinished would run on into the article's first paragraph
    if end < len(blocks) and not continues_previous(text) and (_starts_article(blocks, end) or _kicker_at(blocks, end)):
        return end
    return None


# An editor's note is a few sentences: more lines at the top of a page are text
# whose title is missing, which the import stops at as before.
_FOREWORD_MAX_LINES = 4


def _foreword_under_title(blocks: list[Block], i: int) -> bool:
    """A title, an editor's note (编者按) of one paragraph, the byline."""
    block, note, byline = blocks[i], _at(blocks, i + 1), _at(blocks, i + 2)
    return (byline is not None and _FOREWORD.match(note.text) is not None and ends_sentence(note.text)
            and is_title(block, byline))


def _give_foreword(article: PageItem, foreword: list[Block], above: PageItem | None, over: bool = True) -> None:
    for block in foreword:
        _add_block(article, block)
    if not over:
        return
    first = foreword[0]
    excerpt = _excerpt(first.text)
    other = (f"如果它其实是上一篇《{above.title}》的，请在导入后把它移回那篇稿件，并从这篇删去；"
             if above is not None else "")
    lines = f"（第 {first.line}–{foreword[-1].line} 行）" if len(foreword) > 1 else ""
    article.notes.append(Note(first.line, f"“{excerpt}”{lines}印在标题“{article.title}”上面，已当作这篇稿件正文的开头。"
                                          f"请核对。{other}如果它是整个栏目或整版的编者按，请决定放在哪一篇。"))


# Jump lines: （下转第2版） where an article leaves the page, （上接第1版） where its rest goes on.
_PAGE_NUMBER = r"第?\s*[0-9０-９一二三四五六七八九十]{1,3}\s*版"
_JUMPED_FROM = re.compile(rf"^[（(]?(?:上接|紧接|接|续)\s*{_PAGE_NUMBER}[）)]?$")
_JUMPS_TO = re.compile(rf"[（(]?(?:下转|转至|转见|转)\s*{_PAGE_NUMBER}[）)]?$")


def _jumped_from_message(blocks: list[Block], i: int) -> str:
    end = _text_end(blocks, i)
    block = blocks[i]
    lines = sorted({blocks[i + 1].line, blocks[end - 1].line}) if end > i + 1 else []
    rest = f"第 {'–'.join(map(str, lines))} 行" if lines else "下面的文字"
    return (f"“{block.text}”：{rest}是从别的版面转来的下半篇稿件，这个版面上没有它的标题，不能单独导入。"
            "请把这几行移到那篇稿件所在版面的版面文本里、印着“（下转第…版）”的地方"
            "（删去两处转版标记），并从这个版面删去它们，再重新导入。")


# A column of short news printed without titles, under its name: 短讯, 【简讯】.
_COLUMN = re.compile(r"^[【\[［]?(?:短讯|简讯|快讯|新闻速递|一句话新闻|新闻简报|本地简讯|信息快递)[】\]］]?$")


def _column_at(blocks: list[Block], i: int, article: PageItem | None) -> bool:
    """A column's name at ``i`` over text (not over a title and byline), where an item may begin."""
    return (_COLUMN.match(blocks[i].text) is not None
            and (article is None or not article.paragraphs or not _unfinished(article.paragraphs[-1]))
            and not _starts_item(blocks, i + 1) and not is_byline(blocks[i + 1].text))


def _note_column(article: PageItem, blocks: list[Block], i: int, above: PageItem | None) -> None:
    end = _text_end(blocks, i, also=lambda at: _column_at(blocks, at, None))
    lines = sorted({blocks[i + 1].line, blocks[end - 1].line})
    other = (f"它不是上一篇《{above.title}》的正文。" if above is not None else "")
    article.notes.append(Note(blocks[i].line, f"“{article.title}”是栏目名，下面第 {'–'.join(map(str, lines))} 行的短讯没有各自的标题，"
                                              f"已一起导入成一篇稿件“{article.title}”，每条一段，署名照印留在各条末尾，Authors 空着。{other}"
                                              "要分成几篇的，请在原稿中给每条加上标题和下一行的署名，再重新导入。"))


# The name of a column of photos printed over one: 图片新闻, 【看图说话】.
_PHOTO_LABEL = re.compile(r"^[【\[［]?(?:图片新闻|新闻图片|图片报道|摄影报道|看图说话|图说|镜头)[】\]］]?$")


# 图说, 【看图说话】 ("the picture says") name the caption under them, which a title-like
# line over its photographer's credit then is, even over text. 图片新闻, 摄影报道 name a
# column whose item may as well be a photo story: a title, 本报记者 朱敏 摄, its text.
_CAPTION_LABEL = re.compile(r"^[【\[［]?(?:看图说话|图说)[】\]］]?$")


def _photo_at(blocks: list[Block], i: int, labelled: bool) -> bool:
    return (_wrapped_caption(blocks, i, labelled) is not None or photo_caption(blocks[i].text) is not None
            or _paired_caption(blocks, i, labelled))


def _give_photo_label(items: list[PageItem], label: tuple[Block, int] | None) -> tuple[Block, int] | None:
    """The photo label to the photo the walk has made of the lines under it; the label, while it has not."""
    if label is None or len(items) <= label[1]:
        return label
    block, at = label
    photo = items[at]
    if block.text.strip("【】[]［］") in ("图片新闻", "新闻图片"):
        # the page shows a photo item as 图片新闻 already (its Type): a kicker would say it twice
        kept = "网页上图片新闻本来就标着“图片新闻”，所以没有另写"
    else:
        photo.kicker, photo.kicker_line = block.text, block.line
        kept = "已写进这张图片的 Kicker（网页上显示在标题上方）"
    photo.notes.append(Note(block.line, f"“{block.text}”印在图片说明“{photo.title}”上面，是栏目名，不算说明的一部分，"
                                        f"{kept}。请核对。"))
    return None


def _paired_caption(blocks: list[Block], i: int, labelled: bool = False) -> bool:
    """The line at ``i`` is a caption whose credit is printed on the line under it
    (``labelled``: a photo label over the line says it is a caption)."""
    block, following = blocks[i], _at(blocks, i + 1)
    return (following is not None and _credit_under(block, following)
            # even between the halves of a broken paragraph (a photo floats there, its
            # caption then its credit): the line over a credit is its caption, and the
            # editor is told where it goes back if it was the paragraph's rest
            and _may_be_caption(block)
            # 朱敏 摄 under a title is its byline (a photo story's), unless no text follows
            and (labelled or not is_title(block, following) or not _text_below(blocks, i + 2)))


def _starts_article(blocks: list[Block], i: int) -> bool:
    """The walk reads the line at ``i`` as a title (with its subtitle) over its byline."""
    block, following, after = blocks[i], _at(blocks, i + 1), _at(blocks, i + 2)
    return (_wrapped_caption(blocks, i) is None and photo_caption(block.text) is None
            and not _paired_caption(blocks, i)
            and (is_subtitled_title(block, following, after) or _titled(blocks, i)))


def _kicker_at(blocks: list[Block], i: int) -> bool:
    """A kicker (引题) at ``i``, over a line the walk reads as a title, or as a title's first line."""
    return ((is_kicker(blocks[i], _at(blocks, i + 1), _at(blocks, i + 2), _at(blocks, i + 3))
             and _starts_article(blocks, i + 1)) or _kicker_over_split_title(blocks, i)
            # 新春走基层 / 南湖：…… / 编者按：…… / 记者 许颖佳: the walk takes the editor's
            # note out from under the title (_foreword_under_title) when it gets there
            or (i + 1 < len(blocks) and _foreword_under_title(blocks, i + 1)
                and _kicker_at(blocks[: i + 2] + blocks[i + 3 :], i)))


def _kicker_over_split_title(blocks: list[Block], i: int) -> bool:
    """新春走基层 / 海宁全力冲刺 / “开门红” / 张会, where the walk reads the next two lines as
    one title: not a kicker itself, a caption, or a title over its own byline."""
    return (is_kicker_over_split_title(blocks[i], _at(blocks, i + 1), _at(blocks, i + 2), _at(blocks, i + 3))
            and _wrapped_caption(blocks, i + 1) is None and photo_caption(blocks[i + 1].text) is None
            and not _paired_caption(blocks, i + 1) and not _kicker_at(blocks, i + 1))


def _give_kicker(article: PageItem, kicker: Block, split: bool, above: PageItem | None, over_split: bool = False) -> None:
    article.kicker, article.kicker_line = kicker.text, kicker.line
    if over_split:
        other = (f"如果它其实是标题的第一行（标题印成了三行），请在原稿中把第 {kicker.line} 行和标题的两行连成一行，再重新导入。"
                 + (f"如果它其实是上一篇《{above.title}》的最后一行，请在导入后把它移回那篇稿件的末尾，并删去这篇稿件的 Kicker 一行。"
                    if above is not None else ""))
    elif split:
        other = f"如果它其实是标题的第一行（标题印成了两行），请在原稿中把第 {kicker.line} 行和第 {article.line} 行连成一行，再重新导入。"
    elif above is not None:
        other = (f"如果它其实是上一篇《{above.title}》的最后一行，请在导入后把它移回那篇稿件的末尾，"
                 "并删去这篇稿件的 Kicker 一行。")
    else:
        other = ""
    if above is None:
        other += "如果它是报头、版次等版面文字，请在原稿中删去这一行，再重新导入。"
    article.notes.append(Note(kicker.line, f"“{kicker.text}”印在标题“{article.title}”上面，已当作引题写进 Kicker"
                                           f"（网页上显示在标题上方），标题是“{article.title}”。请核对。{other}"))


def _credit_under(caption: Block, line: Block) -> bool:
    """The line under a caption is its credit, or the rest of a credit the column broke
    off at a space (…氛围 朱敏 / 摄, …（本报记者 / 陆明 摄））."""
    return lone_credit(line.text) or credit_broken_off(caption.text, line.text) is not None


def _may_be_caption(block: Block) -> bool:
    """A line may be (part of) a caption: not a paragraph too long for one, nor a credit itself.

    After a paragraph a column broke as well: a photo floats there as anywhere, and
    where the line may as well be the paragraph's rest, the editor is told."""
    return len(block.text) <= CAPTION_MAX_CHARS and not lone_credit(block.text)


def _titled(blocks: list[Block], i: int) -> bool:
    """The line at ``i`` is a title over its byline, unless that “byline” is bare names
    opening a title printed over two lines (（完） / 联动 / 监督护航经济发展 / 郑丽华):
    联动 reads as a name, but the line above would be an article with no text, and
    the title under it would lose its first half."""
    following = _at(blocks, i + 1)
    if not is_title(blocks[i], following):
        return False
    if _signed_at_the_end(blocks[i].text) and continues_byline(following.text):
        # 本报记者 张会 / 实习生 李想 under the text: a byline over two lines, no title over
        # its byline (an article with no text, titled with a name)
        return False
    return continues_byline(following.text) or not is_split_title(following, _at(blocks, i + 2), _at(blocks, i + 3))


def _near_byline_below(blocks: list[Block], i: int) -> bool:
    """A title-like line over names written as no byline is (钟逸格，徐洁), with text under
    them: a closing credit （记者 张三 通讯员 李四） is followed by the next item."""
    block, following = blocks[i], _at(blocks, i + 1)
    return (following is not None and looks_like_title(block.text, BYLINED_TITLE_MIN_CHARS)
            and near_byline(following.text) and not _starts_item(blocks, i + 2))


def _text_below(blocks: list[Block], i: int) -> bool:
    """Whether text of an item above could follow at ``i``, photos passed over:
    a photo printed under a byline does not end its article."""
    while i < len(blocks) and photo_caption(blocks[i].text) is not None:
        i += 1
    return not _starts_item(blocks, i)


def _excerpt(text: str) -> str:
    """A line as a note quotes it: its first 20 characters."""
    return text if len(text) <= 20 else text[:20] + "…"


def _text_end(blocks: list[Block], i: int, also=None) -> int:
    """Where the text under the line at ``i`` ends: the next block that starts an item (or ``also`` says so), or the page's end."""
    end = i + 1
    while end < len(blocks) and not _starts_item(blocks, end) and not (also and also(end)):
        end += 1
    return end


def _starts_item(blocks: list[Block], i: int) -> bool:
    """Nothing at ``i`` could be the text of an item above: the page ends, or another item begins."""
    block, following = _at(blocks, i), _at(blocks, i + 1)
    return (block is None or photo_caption(block.text) is not None or _titled(blocks, i)
            or is_split_title(block, following, _at(blocks, i + 2)) or _kicker_at(blocks, i)
            or is_subtitled_title(block, following, _at(blocks, i + 2))
            or (following is not None and _credit_under(block, following)))


def _wrapped_caption(blocks: list[Block], i: int, labelled: bool = False) -> tuple[tuple[str, str], int] | None:
    """嘉善县大云镇新年充满 / 民俗文氛围（图片由大云镇提供）, or the credit on a third
    line: ((the rest of the caption, the credit), the index after the credit),
    when the line at ``i`` may be the caption's first half: short and unfinished
    (after a paragraph a column broke too: _take_wrapped_caption keeps it text
    when text follows, and tells the editor). ``labelled``: a photo label (图说) is
    printed over the line, which says it opens a caption."""
    first, second = blocks[i], _at(blocks, i + 1)
    if (second is None or _ends_sentence_or_bracket(first.text) or first.text[0] in CONTINUATION_START
            or photo_caption(first.text) is not None or continues_byline(first.text)
            or not _may_be_caption(first)):
        return None
    caption, end = photo_caption(second.text), i + 2
    if caption is None:
        third = _at(blocks, i + 2)
        if third is None or not _credit_under(second, third) or not _may_be_caption(second):
            return None
        if photo_credit(third.text) and _text_below(blocks, i + 3) and not labelled:
            # 王店：服务百姓 / “零距离” / 朱敏 摄 / text: a title over two lines and its photographer
            return None
        caption = caption_with_credit(second.text, third.text)
        end = i + 3
    if len(caption[0]) > CAPTION_MAX_CHARS:
        return None
    return caption, end


_QUOTES = "”’」』"


def _ends_sentence_or_bracket(text: str) -> bool:
    """Whether a line ends a sentence (好！”) or a bracket (（完）); a closing quote alone
    ends neither: a caption's first line may stop there (海盐县澉浦镇“记忆里的激浦年味” / 文化节……)."""
    return ends_sentence(text.rstrip(_QUOTES) or text)


def _take_wrapped_caption(items: list[PageItem], article: PageItem | None, blocks: list[Block], i: int,
                          caption: tuple[str, str], end: int, label: Block | None = None) -> int:
    """The photo of a caption printed over two lines, and where to go on."""
    first, second = blocks[i], blocks[i + 1]
    lines = "、".join(str(b.line) for b in blocks[i:end])
    if label is not None:
        # 图说 over the first line: it opens the caption, whatever is under the photo
        text = first.text + joiner(first.text, caption[0]) + caption[0]
        items.append(PageItem("photo", text, first.line, credit=caption[1]))
        items[-1].notes.append(Note(first.line, f"图片说明印成了多行（第 {lines} 行），上面印着图片栏目名“{label.text}”，"
                                                f"已连成一张图片：“{text}”（{caption[1]}）。请核对。"))
        return end
    if _starts_item(blocks, end) or article is None:
        # the page ends or another item begins: the first line is no paragraph
        # a photo broke, for nothing below could be the rest of it
        text = first.text + joiner(first.text, caption[0]) + caption[0]
        items.append(PageItem("photo", text, first.line, credit=caption[1]))
        # after an article, the first line may as well be its last (咨询电话：…)
        maybe_text = (f"如果第 {first.line} 行“{first.text}”其实是上一篇《{article.title}》的最后一行，"
                      "请在导入后把它移回那篇稿件的末尾，并从这篇图片新闻的标题中删去。" if article is not None else "")
        items[-1].notes.append(Note(first.line, f"图片说明印成了多行（第 {lines} 行），已连成一张图片：“{text}”（{caption[1]}）。"
                                                f"请核对。{maybe_text}"))
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
        _note_caption_over_its_credit(items[-1], second, blocks[i + 2])
    return end


def _note_photographers_byline(article: PageItem, byline: Block, above: PageItem) -> None:
    """海盐县澉浦镇……文化节 / 朱敏 摄 / text: a photo story, or a photo floating in the
    article above with its credit on a line of its own, and the text under it that article's."""
    credit = unmarked(byline.text)
    article.notes.append(
        Note(
            article.line,
            f"“{article.title}”下一行是“{byline.text}”，已当作一篇图片稿件的标题和摄影署名，下面的文字都归了它。"
            f"如果它其实是夹在上一篇《{above.title}》中间的一张图片，下面的文字还是那篇的，"
            f"请在原稿中把这两行连成一行并给来源加上括号（“{article.title}（{credit}）”），再重新导入。",
        )
    )


def _note_unbracketed_credit(photo: PageItem, line: Block, article: PageItem | None) -> None:
    above = (f"如果它其实是上一篇《{article.title}》的最后一段，请在导入后把它移回那篇稿件的末尾，并删去这篇图片新闻的文件。"
             if article is not None else "")
    photo.notes.append(Note(line.line, f"第 {line.line} 行末尾的“{photo.credit}”没有括号，已当作图片来源，"
                                       f"这一行成了图片新闻“{photo.title}”。请核对。{above}"))


def _note_caption_over_its_credit(photo: PageItem, caption: Block, credit: Block, article: PageItem | None = None) -> None:
    broken = ""
    if article is not None and article.paragraphs and _unfinished(article.paragraphs[-1]):
        last = article.paragraphs[-1]
        broken = (f"它夹在《{article.title}》一段没有结束的正文（第 {last.lines[-1]} 行…{last.text[-10:]}）后面，"
                  f"那段正文已接着图片下面的文字。如果第 {caption.line} 行其实是那段正文的一部分，"
                  f"请在导入后把它放回“…{last.text[-10:]}”的后面，并删去这篇图片新闻的文件。")
    photo.notes.append(Note(caption.line, f"图片说明和来源印成了两行（第 {caption.line} 行和第 {credit.line} 行），"
                                          f"已当作一张图片：“{photo.title}”（{photo.credit}）。请核对。{broken}"))


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
    if jump := _JUMPS_TO.search(block.text):
        article.notes.append(Note(block.line, f"“{jump.group()}”：“{article.title}”转到别的版面继续，后半篇不在这个版面上。"
                                              "请把那个版面上“（上接…版）”下面的文字接到原稿这里（删去两处转版标记），再重新导入；"
                                              "或导入后在稿件末尾补上。"))
    if _FOREWORD.match(block.text) and article.paragraphs:
        article.notes.append(Note(block.line, f"“{_excerpt(block.text)}”是编者按，却印在《{article.title}》的正文后面，已当作这篇的正文。"
                                              "编者按印在它介绍的稿件前面：如果它是下一篇的，请在导入后把它（连同后面属于它的几段）移到那篇正文的开头。"))
    if _PHOTO_LABEL.match(block.text):
        article.notes.append(Note(block.line, f"“{block.text}”像图片栏目名，但下面没有认得出的图片说明（以“（图片由……提供）”“朱敏 摄”等来源结尾），"
                                              f"已当作《{article.title}》的正文。如果下面是图片说明，请在原稿中给说明补上来源，再重新导入。"))
    if article.lead is not None:
        # run in as print sets it: 本报讯 晶科能源……, 本报讯（记者 张会）晶科能源……
        lead, article.lead = article.lead, None
        space = "" if lead.text[-1] in CLOSING or block.text[0] in "（(" else " "
        article.paragraphs.append(Paragraph(lead.text + space + block.text, lead.lines + [block.line]))
        _note_photographers_end(article, block)
        return
    last = article.paragraphs[-1] if article.paragraphs else None
    if last is not None and last.heading and continues_previous(last.text):  # a quoted line (“……”) ends as it is
        article.notes.append(
            Note(
                last.line,
                f"“{last.text}”像小标题，已单独成段，没有和第 {block.line} 行连成一段。"
                f"如果它其实是被分栏打断的一段正文的开头，请在原稿中把它和第 {block.line} 行连成一行，再重新导入。",
            )
        )
    if last is not None and _unfinished(last):
        if len(last.lines) == 1 and reads_like_headline(last.text) and not near_byline(block.text) and not last.told:
            article.notes.append(
                Note(
                    last.line,
                    f"“{last.text}”像标题，但下一行不是署名，已当作被分栏打断的段落，"
                    f"与第 {block.line} 行连成一段。如果它其实是另一篇稿件的标题，"
                    f"请在原稿中它的下一行补上署名，再重新导入。{_moving_closing_byline(last.signed_below)}",
                )
            )
        last.text += joiner(last.text, block.text) + block.text
        last.lines.append(block.line)
    else:
        # only a line that opens a paragraph may be a subheading: one that goes on
        # with a broken paragraph's words is that paragraph's (and the heading's text)
        article.paragraphs.append(Paragraph(block.text, [block.line], heading=is_subheading(block.text)))
    _note_photographers_end(article, block)


def _unfinished(paragraph: Paragraph) -> bool:
    """A paragraph a column broke, whose rest is the next line's: not a subheading,
    nor one signed by its photographer (……拉家常。 朱敏 摄), which ends there."""
    return (not paragraph.heading and continues_previous(paragraph.text) and not photographers_end(paragraph.text)
            and not (len(paragraph.lines) == 1 and _signed_at_the_end(paragraph.text)))


def _note_photographers_end(article: PageItem, block: Block) -> None:
    """……拉家常。 朱敏 摄, too long for a caption: the article's paragraph, ended by the credit.
    The next line is not joined to it (it was, and a title there went into it with its article)."""
    last = article.paragraphs[-1]
    if last.lines == [block.line] and _signed_at_the_end(block.text):
        # the line under it is not its rest: it went on as 通讯员 李四嘉善：……, the next article in it
        photo = (f"它也可能是上面一张图片的来源（说明超过 {CAPTION_MAX_CHARS} 字，没有当作图片）：是的话，请在原稿中把它加上括号接到说明那一行的末尾"
                 f"（“……（{unmarked(block.text)}）”），再重新导入。" if photo_credit(block.text) else "")
        article.notes.append(Note(block.line, f"“{block.text}”像署名，印在《{article.title}》的正文后面，已单独成段留在这篇的正文末尾。"
                                              f"如果它是署名，请在原稿中把它移到它那篇稿件标题的下一行，再重新导入。{photo}"))
        return
    credit = photographers_end(last.text)
    if not credit:
        return
    article.notes.append(Note(block.line, f"第 {block.line} 行以摄影署名“{credit}”结尾，这一段到此结束，已当作《{article.title}》的正文，"
                                          f"下一行另起一段，不接进这一段。如果它其实是一张图片的说明（说明超过 {CAPTION_MAX_CHARS} 字才没有当作图片），"
                                          f"请在原稿中给来源加上括号（“（{credit}）”），再重新导入。"))


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
            f"（如“{loosened(byline.text)}”），已当作“{article.title}”的正文接在后面。"
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
    if not article.paragraphs or not _unfinished(article.paragraphs[-1]):
        return
    last = article.paragraphs[-1]
    article.notes.append(
        Note(
            last.lines[-1],
            f"“{article.title}”的最后一段在版面末尾没有以句末标点结束（…{last.text[-10:]}）。"
            "可能转到了其他版面，或漏了文字；请对照原版面核对。",
        )
    )


# （记者 郑丽华 通讯员 金晓） closing an article's text: its byline, printed at the end.
_CLOSING_BYLINE = re.compile(r"[（(](?P<byline>[^（）()]+)[）)]$")


def _closing_byline(blocks: list[Block], i: int) -> tuple[Block, str] | None:
    """The byline in brackets ending the text under a title-like line at ``i``, before the next item."""
    end = _text_end(blocks, i)
    if end == i + 1:
        return None
    last = blocks[end - 1]
    if _signed_at_the_end(last.text):
        return last, unmarked(last.text)  # 通讯员 李四 on a line of its own
    found = _CLOSING_BYLINE.search(last.text)
    # only one with a role (记者, 通讯员) says whose: （吴涛） may be a place or a note
    if found is None or not continues_byline(found["byline"]) or not byline_names(found["byline"]):
        return None
    return last, found["byline"].strip()


def _signed_at_the_end(text: str) -> bool:
    """通讯员 李四, 记者 张三 通讯员 李四: a byline with its role standing apart and its
    names, on a line of its own under text; no prose sets a space there."""
    return continues_byline(text) and bool(byline_names(text)) and photographers_end(text) == ""


def _moving_closing_byline(signed: tuple[Block, str] | None) -> str:
    if signed is None:
        return ""
    block, byline = signed
    if block.text == byline or unmarked(block.text) == byline:
        return (f"这篇的署名印在了文末（第 {block.line} 行“{byline}”）：是这样的话，请在原稿中把这一行"
                "移到标题的下一行。")
    return (f"这篇的署名印在了文末（第 {block.line} 行“（{byline}）”）：是这样的话，请在原稿中把“{byline}”"
            "（不带括号）移到标题的下一行。")


def _orphan_text_message(block: Block, following: Block | None, after: Block | None = None, blocks: list[Block] | None = None, i: int = 0) -> str:
    excerpt = _excerpt(block.text)
    # 本报记者 张会 over text at the top of a page: a byline whose title is missing, not a title
    if following is not None and looks_like_title(block.text) and not _signed_at_the_end(block.text):
        # 奋进新征程 建功新时代 / 海宁全力冲刺“开门红” / 张会: no shorter than the title, so no kicker by rule
        kicker = (f"如果它是印在标题上方的引题，请在原稿中删去这一行，导入后在“{following.text}”的稿件文件里加一行“Kicker: {block.text}”；"
                  if is_title(following, after) else "")
        return (
            f"“{excerpt}”像是标题，但下一行（第 {following.line} 行）不是署名。"
            "署名是一到四个人名，用空格分开，如“钟逸格 徐洁”。"
            f"{_moving_closing_byline(_closing_byline(blocks, i) if blocks else None)}"
            "请在原稿中标题的下一行补上署名（不知道作者时写“本报记者”）；"
            "如果标题印成了两行，请把它们连成一行；"
            f"{kicker}"
            "如果它是报头、版次等版面文字，请从原稿中删去。然后重新导入。"
        )
    return (
        f"“{excerpt}”前面没有稿件标题，不知道它属于哪篇稿件。"
        "每篇稿件以一行标题开始，下一行是署名（如“钟逸格 徐洁”）；图片说明以“（图片由……提供）”结尾。"
        "如果这是版面上的报头、版次等文字，请从原稿中删去；否则请补上标题和署名，再重新导入。"
    )
