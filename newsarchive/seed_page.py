"""The seed page's text as material: its body paragraphs, sentences and short clauses.

The page is text extracted from print: paragraphs are separated by blank
lines, but a paragraph that ran across a column break is cut in two blocks
mid-sentence ("线上平台订单" / "量突破 1000 万美元；"). Titles, bylines and
photo captions are blocks of their own. This module rejoins the cut
paragraphs and keeps only body text, so that whatever is built from it reads
like the page did.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

SEED_PAGE = Path(__file__).resolve().parent.parent / "sources" / "pages" / "000_27b9736ab03bda84.txt"

# A block that ends on one of these ends where the printed paragraph ended.
_TERMINAL = tuple("。！？…）”")
# A title or byline never holds these; a paragraph cut mid-sentence usually does.
_IN_SENTENCE = re.compile(r"[，、；]")
# Titles and bylines are short; a cut paragraph without a comma is still longer
# than most of them (干窑镇自推进“窑乡有礼”新时代).
_SHORT_BLOCK = 15
# Shorter joined blocks are titles, bylines or photo captions, not body text.
_MIN_PARAGRAPH = 40
_SENTENCE = re.compile(r"[^。！？]+(?:[。！？]+[”’」』）]*|$)")
_CLAUSE_SPLIT = re.compile(r"[，；：。！？、（）]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Clauses that open with a preposition or a pronoun, or report speech, lean on
# the rest of their sentence and make no headline (为独居老人, 你也可以联系我).
_NOT_A_HEADLINE = re.compile(r"^(?:为|在|除|你|我|他|她|据|通过|面对|以|对|从|将|把|被|和|与|及|等)|说$|等$")


def _is_cut(block: str) -> bool:
    return not block.endswith(_TERMINAL) and (
        bool(_IN_SENTENCE.search(block)) or len(block) >= _SHORT_BLOCK
    )


def _balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count("‘") == text.count("’") and text.count(
        "（"
    ) == text.count("）")


@lru_cache(maxsize=4)
def paragraphs(path: Path = SEED_PAGE) -> tuple[str, ...]:
    """Body paragraphs of the page, in page order, cut paragraphs rejoined."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if b.strip()]
    joined: list[str] = []
    carry = ""
    for block in blocks:
        text = carry + block
        if _is_cut(text):
            carry = text
            continue
        carry = ""
        joined.append(text)
    if carry:
        joined.append(carry)
    return tuple(p for p in joined if len(p) >= _MIN_PARAGRAPH and "。" in p and not p.endswith("提供）"))


@lru_cache(maxsize=4)
def sentences(path: Path = SEED_PAGE) -> tuple[str, ...]:
    """Whole sentences (split after 。！？ and any closing quote), quotes balanced."""
    found: list[str] = []
    for paragraph in paragraphs(path):
        for sentence in _SENTENCE.findall(paragraph):
            sentence = sentence.strip()
            # A sentence cut out of a longer quotation would open a quote it never closes.
            if sentence.endswith(("。", "！", "？", "”", "……")) and _balanced(sentence):
                found.append(sentence)
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=4)
def clauses(path: Path = SEED_PAGE, shortest: int = 5, longest: int = 12) -> tuple[str, ...]:
    """Short Han clauses (5 to 12 characters) for headlines: 全力抓项目扩投资, 畅通服务群众“最后一公里”."""
    found: list[str] = []
    for sentence in sentences(path):
        for clause in _CLAUSE_SPLIT.split(sentence):
            clause = clause.strip(" ……")
            if (
                shortest <= len(clause) <= longest
                and len(_HAN.findall(clause)) >= len(clause) - 2
                and " " not in clause
                and not _NOT_A_HEADLINE.search(clause)
                and _balanced(clause)
            ):
                found.append(clause)
    return tuple(dict.fromkeys(found))
