"""What kind of character a (folded) character is, by rules the browser client repeats verbatim."""

from __future__ import annotations

import unicodedata

# CJK Unified Ideographs and their extensions, the compatibility ideographs
# and 〇: the characters of Chinese words, indexed as unigrams and bigrams.
HAN_RANGES = (
    (0x3007, 0x3007),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2FA1F),
    (0x30000, 0x323AF),
)

# Inside a run of Han characters these are skipped, so that “红石榴”宣讲队
# is the run 红石榴宣讲队 and 无‘魏’不至 is 无魏不至. Elsewhere they separate.
# Full-width forms such as （ are folded to ( before this test.
TRANSPARENT = frozenset("\"'`“”‘’「」『』《》〈〉()[]{}【】〔〕〖〗〘〙〚〛‹›«»")


def is_han(c: str) -> bool:
    code = ord(c)
    return any(lo <= code <= hi for lo, hi in HAN_RANGES)


def is_word(c: str) -> bool:
    """Letters and digits of other scripts: Latin words, numbers, 11gw (JS: /[\\p{L}\\p{N}]/u)."""
    return unicodedata.category(c)[0] in "LN"


def is_digit(c: str) -> bool:
    return "0" <= c <= "9"
