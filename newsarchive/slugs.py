"""ASCII URL slugs for Chinese names and titles, spelled in pinyin.

One hyphen-separated syllable per Han character (长安镇 → chang-an-zhen), ASCII
letters and digits kept as words (11GW → 11gw). Polyphones are read from
phrase dictionaries: pypinyin's own is too small for news text (it spells
海盐支行 as zhi-xing), so pypinyin-dict's large phrase list is loaded, and the
gazetteer's curated readings go on top, so that a title naming 长水街道 is
spelled chang-shui, like the township's own page.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from functools import lru_cache

from pypinyin import Style, lazy_pinyin, load_phrases_dict
from pypinyin_dict.phrase_pinyin_data import large_pinyin

from newsarchive import gazetteer

MAX_LENGTH = 60
_ASCII_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _load_dictionaries() -> None:
    # Loaded on first use, not on import: it takes a second and a half, which
    # commands that never make a slug should not pay.
    large_pinyin.load()
    phrases = {}
    for division in gazetteer.load().divisions:
        syllables = division.slug.split("-")
        if len(syllables) != len(division.name):
            continue
        phrases[division.name] = [[s] for s in syllables]
        short = division.short
        if len(short) >= 2:
            phrases[short] = [[s] for s in syllables[: len(short)]]
    load_phrases_dict(phrases, style="default")


def words(text: str) -> list[str]:
    """The slug's words: pinyin syllables and lower-case ASCII runs, in order."""
    _load_dictionaries()
    text = unicodedata.normalize("NFKC", text).lower()
    out: list[str] = []
    for piece in lazy_pinyin(text, style=Style.NORMAL, errors="default", v_to_u=False):
        out.extend(_ASCII_WORD.findall(piece))
    return out


def slugify(text: str, max_length: int = MAX_LENGTH) -> str:
    """A stable ASCII slug; long titles are cut at a word boundary.

    Text with nothing spellable (only emoji, say) gets a short hash, so the
    slug is never empty and never depends on the file it came from.
    """
    slug = ""
    for word in words(text):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length and slug:
            break
        slug = candidate[:max_length]
    if not slug:
        slug = "item-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return slug


def disambiguate(names: list[str]) -> dict[str, str]:
    """Slugs for a set of names (authors, topics) that must not share a URL.

    Homophones such as 张会 and 章惠 both spell zhang-hui; each of them then
    gets a short suffix derived from its own characters, so its URL does not
    depend on the order files are read in.
    """
    plain: dict[str, list[str]] = {}
    for name in dict.fromkeys(names):
        plain.setdefault(slugify(name), []).append(name)
    result = {}
    for slug, group in plain.items():
        if len(group) == 1:
            result[group[0]] = slug
        else:
            for name in group:
                digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:4]
                result[name] = f"{slug}-{digest}"
    return result
