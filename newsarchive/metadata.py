"""The content model: the metadata header of an item and how it is read.

An item file is a header of ``Key: value`` lines, a blank line, then the body
in Markdown. Editors type on Chinese keyboards, so a full-width colon after a
key and full-width list separators (，、；) are read as the ASCII ones, which
Pelican's own reader would silently ignore.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
import unicodedata
from dataclasses import dataclass, field

from newsarchive.importer.bylines import byline_names
from newsarchive.problems import ContentError
from newsarchive.source_text import without_invisible

# key -> what the field holds, for messages and for `invoke new`.
FIELDS = {
    "title": "标题（图片新闻写图片说明）",
    "kicker": "引题：印在标题上方的短句，如 新春走基层",
    "date": "发表日期，如 2023-01-31",
    "modified": "修改日期",
    "authors": "作者，多人用逗号或顿号分隔",
    "category": "县级行政区全称，如 海宁市",
    "townships": "乡镇（街道）全称，如 马桥街道、袁花镇",
    "tags": "主题，如 招商引资、基层治理",
    "slug": "网址中的拼音名，省略时由标题生成",
    "type": "article（稿件，默认）或 photo（图片新闻）",
    "credit": "图片来源，如 图片由澉浦镇提供",
    "source": "出处，如 版面文件名、刊期是否为估计",
    "summary": "摘要",
    "status": "published（默认）、draft 或 hidden",
}
# Spellings Pelican or habit suggests, read as the field they obviously mean.
ALIASES = {"author": "authors", "tag": "tags", "township": "townships", "county": "category"}
# Keys as Chinese editors label them, for the advice only: the header's keys stay English.
CHINESE_LABELS = {
    "标题": "title", "题目": "title", "日期": "date", "时间": "date", "修改日期": "modified",
    "作者": "authors", "署名": "authors", "记者": "authors", "县": "category", "县区": "category",
    "区县": "category", "县市区": "category", "分类": "category", "乡镇": "townships", "街道": "townships",
    "乡镇街道": "townships", "主题": "tags", "标签": "tags", "关键词": "tags", "网址": "slug", "类型": "type",
    "图片来源": "credit", "摄影": "credit", "出处": "source", "来源": "source", "摘要": "summary", "状态": "status",
}
REQUIRED = ("title", "date", "category")
ITEM_TYPES = ("article", "photo")
# Pelican's own: with any other value it leaves the item out, saying so only
# in an English log line, and the build passes. skip is Pelican's "not an item".
STATUSES = ("published", "draft", "hidden", "skip")
# Status as an editor writes it in Chinese, for the advice to a 状态： line.
STATUS_WORDS = {
    "草稿": "draft", "隐藏": "hidden", "发布": "published", "已发布": "published",
    **{status: status for status in STATUSES},
}
# Type as an editor writes it in Chinese, for the advice to a 类型： line.
TYPE_WORDS = {
    "图片新闻": "photo", "图片": "photo", "摄影": "photo", "照片": "photo",
    "文章": "article", "稿件": "article", "新闻": "article",
    **{item_type: item_type for item_type in ITEM_TYPES},
}
# Fields whose value, too, must be English: a Chinese key's advice names the
# English value (“Status: 草稿” or “Type: 图片新闻” is refused in its turn),
# or, for a word it does not know, the values there are.
VALUE_WORDS = {
    "status": (STATUS_WORDS, "存为草稿请写“Status: draft”，隐藏请写“Status: hidden”；要发布，就删去这一行（不写即发布）。"),
    "type": (TYPE_WORDS, "图片新闻请写“Type: photo”（还要有 Credit 一行，写图片来源）；稿件请写“Type: article”，或删去这一行（不写即稿件）。"),
}

_KEY_LINE = re.compile(r"^(?P<key>[^\s:：]{1,40})\s*[:：]\s*(?P<value>.*)$")
# What a key can be spelt with (Pelican's own, save_as, have underscores).
_KEY_WORD = re.compile(r"[A-Za-z_]+")
_KEY_WITHOUT_COLON = re.compile(r"^(?P<key>[A-Za-zＡ-Ｚａ-ｚ]+)\s+(?P<value>\S.*)$")
_LIST_SEPARATORS = re.compile(r"\s*[,;，；、]\s*")
_HAN_NAMES = re.compile(r"^[\u3400-\u9fff·]+(?:[ \t\u3000]+[\u3400-\u9fff·]+)+$")
_BRACKETED = re.compile(r"[（(【\[](?P<inside>[^（()）【】\[\]]*)[）)】\]]")
_AND_OTHERS = re.compile(r"(?<=\S)\s*等人?\s*$")
_NO_HEADER = "文件开头没有元数据。每篇稿件以“Title: 标题”“Date: 2023-01-31”等行开始，空一行后再写正文。"
_DATE = re.compile(
    r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?$"
)


@dataclass
class Header:
    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1


def parse(text: str, path: str) -> tuple[Header, list[tuple[int, str]]]:
    """Split ``text`` into header and body; also return warnings as (line, message).

    Raises ContentError when the header cannot be read at all, so that no
    field is silently dropped into the body.
    """
    lines = text.split("\n")
    header = Header()
    warnings: list[tuple[int, str]] = []

    seen: dict[int, str] = {}

    def shown(i: int) -> str:
        # A zero-width character in 王店镇\u200b makes it another name, and the
        # editor reading “不在名录中” sees nothing wrong with it: the header
        # is read as it looks.
        if i not in seen:
            seen[i] = without_invisible(lines[i]).strip()
        return seen[i]

    start = 0
    while start < len(lines) and not shown(start):
        start += 1
    i = start
    while i < len(lines) and shown(i):
        number = i + 1
        match = _KEY_LINE.match(shown(i))
        if not match:
            if i == start and shown(i) in ("---", "+++"):
                closing = next((n + 1 for n in range(i + 1, len(lines)) if shown(n) == shown(i)), None)
                raise ContentError(
                    path,
                    number,
                    f"元数据用“{shown(i)}”包了起来（Jekyll、Hugo 的写法），本站不认。"
                    f"请删去第 {number} 行" + (f"和第 {closing} 行" if closing else "") + f"的“{shown(i)}”，"
                    "让文件直接以“Title: 标题”这样的行开始，元数据之后空一行再写正文。",
                )
            unsaid = _KEY_WITHOUT_COLON.match(shown(i))
            known = unicodedata.normalize("NFKC", unsaid["key"]).lower() if unsaid else ""
            if ALIASES.get(known, known) in FIELDS:
                # “文件开头没有元数据”, or “空一行”, for a line that is all there but its colon
                raise ContentError(path, number, f"“{unsaid['key']}”后面少了冒号，请写成“{unsaid['key']}: {unsaid['value']}”。")
            if i == start:
                raise ContentError(path, number, _NO_HEADER)
            raise ContentError(
                path,
                number,
                f"元数据区的这一行不是“键: 值”的格式：{lines[i].strip()[:30]!r}。"
                "元数据和正文之间要空一行；如果它是正文，请在它前面加一个空行。",
            )
        key = unicodedata.normalize("NFKC", match["key"]).lower()
        # one string per key for the whole archive, not per item: Pelican keeps them all (2 MB at 5,000 items)
        key = sys.intern(ALIASES.get(key, key))
        value = match["value"].strip()
        if key not in FIELDS and (not _KEY_WORD.fullmatch(key) or value.startswith("//")):
            # Not a misspelt key but a line no key can be: the first paragraph
            # under a header with no blank line after it (近日，记者获悉：……,
            # 9:30，活动开始。, a link https://……), or a key written in Chinese
            # (作者：朱敏). Ignored with a warning, its text was lost from a
            # build that passed.
            english = CHINESE_LABELS.get(key)
            if i == start and not english:
                # the file's first line (近日，记者从袁花镇获悉：……): blank lines above it
                # are skipped, so “add a blank line before it” could not help
                raise ContentError(path, number, _NO_HEADER)
            if english in VALUE_WORDS:
                advice = "键和值都要用英文：" + value_advice(english, value)
            elif english:
                advice = f"键要用英文：请写“{english.capitalize()}: {value}”。"
            else:
                advice = (
                    "如果它是正文，请在它前面加一个空行（元数据和正文之间要空一行）；"
                    "如果是元数据，键要用英文，如 Title、Date、Authors、Category、Townships。"
                )
            if english and i != start:
                advice += "如果这一行其实是正文，请在它前面加一个空行（元数据和正文之间要空一行）。"
            raise ContentError(path, number, f"“{match['key']}”不是元数据的键，这一行没有读进稿件。{advice}")
        if key not in FIELDS:
            close = difflib.get_close_matches(key, list(FIELDS), n=1, cutoff=0.6)
            hint = f"是不是“{close[0].capitalize()}”？" if close else f"认识的键有：{', '.join(k.capitalize() for k in FIELDS)}。"
            warnings.append((number, f"不认识的元数据键“{match['key']}”，已忽略。{hint}"))
        elif key in header.values:
            raise ContentError(
                path,
                number,
                f"“{key.capitalize()}”写了两次（第 {header.lines[key]} 行和第 {number} 行）。请只保留一行。",
            )
        else:
            header.values[key] = value
            header.lines[key] = number
        i += 1
    header.body_line = i + 2
    header.body = "\n".join(lines[i + 1 :]).strip("\n")
    return header, warnings


def value_advice(key: str, value: str) -> str:
    """What to write for a Status or Type ``value`` the build does not take: the line for a word it knows (草稿), else the values there are."""
    words, choices = VALUE_WORDS[key]
    said = words.get(value_word(value))
    if not said:
        return choices
    advice = f"请写“{key.capitalize()}: {said}”。"
    if said == "photo":
        advice += "图片新闻还要有 Credit 一行（图片来源，如“Credit: 图片由澉浦镇提供”），没写的话请补上。"
    return advice


def value_word(value: str) -> str:
    """A value as a word is compared: ｄｒａｆｔ and Draft are draft."""
    return unicodedata.normalize("NFKC", value).strip().lower()


def status_of(values: dict[str, str]) -> str:
    """The header's Status as Pelican compares it ("" when there is none): ｄｒａｆｔ and Draft are draft."""
    return value_word(values.get("status", ""))


def split_list(value: str) -> list[str]:
    """A list field's items: separators may be ASCII or full-width (，、；).

    Han names separated only by spaces (钟逸格 徐洁, as bylines print them)
    are separate names too; Latin names keep their spaces.
    """
    value = value.strip()
    if not value:
        return []
    if _HAN_NAMES.match(value) and not _LIST_SEPARATORS.search(value):
        parts = value.split()
    else:
        parts = _LIST_SEPARATORS.split(value)
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


def author_names(value: str) -> list[str]:
    """The people an Authors value names.

    An editor copies the printed byline (融媒体记者 朱敏 通讯员 张凌翊, 记者 朱敏 摄,
    文/图 朱敏, 记者朱敏) and means the people: read as the importer reads a
    byline, so the role words and credit marks it knows are not authors of
    their own. What is no byline (a Latin name, five names, a name of one
    character) is kept as written.
    """
    # 记者 朱敏 等, 朱敏、张凌翊等: “and others” closes a byline, and was an author 等 (or 张凌翊等)
    value = _AND_OTHERS.sub("", unbracketed(value))
    whole = byline_names(value)
    if whole is not None:
        # the whole line first: 摄 or 文/图 standing alone is a mark only beside a name
        return list(dict.fromkeys(whole))
    names = []
    for part in split_list(value):
        found = byline_names(unbracketed(part))
        # [] is a role word alone (本报记者), None no byline at all (Zhu Min): kept
        names.extend([part] if found is None else found)
    return list(dict.fromkeys(names))


def unbracketed(value: str) -> str:
    """（记者 郑丽华 通讯员 金晓）, as a byline printed at an article's end reads: its brackets hold the byline."""
    value = value.strip()
    found = _BRACKETED.fullmatch(value)
    return found["inside"].strip() if found else value


def left_out_of(value: str, names: list[str]) -> list[str]:
    """What of an Authors value is not among ``names``: 记者 朱敏 摄 → 记者, 摄; 记者朱敏 → 记者."""
    rest = value
    for name in sorted(names, key=len, reverse=True):
        rest = rest.replace(name, " ")
    # brackets apart: 本报讯（记者 朱敏） leaves 本报讯 and 记者, not “本报讯（记者” and “）”
    words = (w.strip("/:：") for w in re.split(r"[\s,;，；、（）()【】\[\]]+", rest))
    return list(dict.fromkeys(w for w in words if w))


def parse_date(value: str, path: str, line: int | None) -> dt.datetime:
    text = unicodedata.normalize("NFKC", value).strip()
    match = _DATE.match(text)
    if not match:
        raise ContentError(
            path, line, f"日期“{value}”看不懂。请写成 2023-01-31，或带时间 2023-01-31 08:30。"
        )
    parts = {k: int(v) for k, v in match.groupdict().items() if v is not None}
    # The day first, then the time, each with its own advice: datetime()
    # says neither which is wrong, and an hour of 25 is not a short month.
    try:
        day = dt.date(parts["y"], parts["m"], parts["d"])
    except ValueError:
        if 1 <= parts["m"] <= 12:
            next_month = dt.date(parts["y"] + parts["m"] // 12, parts["m"] % 12 + 1, 1)
            days = (next_month - dt.timedelta(days=1)).day
            reason = f"{parts['y']}年{parts['m']}月只有 {days} 天"
        else:
            reason = "月份应在 1 到 12 之间"
        raise ContentError(path, line, f"日期“{value}”不存在：{reason}。请核对原稿日期。") from None
    clock = {"小时": (parts.get("H", 0), 23), "分钟": (parts.get("M", 0), 59), "秒": (parts.get("S", 0), 59)}
    wrong = [f"{name}应在 0 到 {top} 之间（写的是 {number}）" for name, (number, top) in clock.items() if number > top]
    if wrong:
        raise ContentError(
            path, line,
            f"日期“{value}”中的时间不存在：{'，'.join(wrong)}。请核对原稿时间，按 24 小时制写，如 2023-01-31 08:30。",
        )
    return dt.datetime.combine(day, dt.time(*(number for number, _top in clock.values())))
