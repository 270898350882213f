"""ASCII URL slugs for Chinese names and titles, spelled in pinyin.

One hyphen-separated syllable per Han character (长安镇 → chang-an-zhen), ASCII
letters and digits kept as words (11GW → 11gw).

Readings come from pypinyin's dictionaries, as two tables made from them by
data/make_pinyin_phrases.py. A character alone takes its usual reading from
data/pinyin-chars.txt (pypinyin's character table); a polyphone is read from
the phrase it sits in, found by longest match in data/pinyin-phrases.tsv:
the phrases of pypinyin plus pypinyin-dict's large list whose reading
differs from their characters' usual one (海盐支行 → zhi-hang, not zhi-xing).
The gazetteer's curated readings go on top, so a title naming 长水街道 is
spelled chang-shui like the township's own page. Tables, not pypinyin
itself, because every build needs slugs: pypinyin with its large phrase
list costs 1.5 s and 280 MB, the tables 0.1 s and a few MB
(test_slugs.py checks the two agree).
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from array import array
from functools import lru_cache
from pathlib import Path

from newsarchive import gazetteer

MAX_LENGTH = 60
CHARS_FILE = Path(__file__).parent / "data" / "pinyin-chars.txt"
PHRASES_FILE = Path(__file__).parent / "data" / "pinyin-phrases.tsv"
_ASCII_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _phrases() -> tuple[dict[str, str], int]:
    """phrase → its reading as one space-separated string (split only on a match:
    21,000 lists of syllables would cost every build several MB)."""
    table: dict[str, str] = {}
    with open(PHRASES_FILE, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            phrase, _, reading = line.rstrip("\n").partition("\t")
            table[phrase] = reading
    for division in gazetteer.load().divisions:
        syllables = division.slug.split("-")
        if len(syllables) == len(division.name):
            table[division.name] = " ".join(syllables)
            if len(division.short) >= 2:
                table[division.short] = " ".join(syllables[: len(division.short)])
    return table, max(map(len, table))


@lru_cache(maxsize=1)
def _chars() -> tuple[list[int], list[array], list[str]]:
    """Run starts, per run an array of syllable numbers (0: no reading), the syllables."""
    starts, runs, syllables, number = [], [], [""], {"-": 0}
    with open(CHARS_FILE, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            start, *readings = line.split()
            for reading in readings:
                if reading not in number:
                    number[reading] = len(syllables)
                    syllables.append(reading)
            starts.append(int(start, 16))
            runs.append(array("H", (number[r] for r in readings)))
    return starts, runs, syllables


def _char(ch: str) -> str | None:
    """The usual reading of a Han character, None for anything else."""
    starts, runs, syllables = _chars()
    code = ord(ch)
    i = bisect.bisect_right(starts, code) - 1
    if i < 0 or code - starts[i] >= len(runs[i]):
        return None
    return syllables[runs[i][code - starts[i]]] or None


def _is_han(ch: str) -> bool:
    return _char(ch) is not None


def words(text: str) -> list[str]:
    """The slug's words: pinyin syllables and lower-case ASCII runs, in order."""
    text = unicodedata.normalize("NFKC", text).lower()
    phrases, longest = _phrases()
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if _is_han(text[i]):
            for length in range(min(longest, n - i), 1, -1):
                reading = phrases.get(text[i : i + length])
                if reading:
                    out.extend(reading.split(" "))
                    i += length
                    break
            else:
                reading = _char(text[i])
                if reading:
                    out.append(reading)
                i += 1
        else:
            j = i
            while j < n and not _is_han(text[j]):
                j += 1
            out.extend(_ASCII_WORD.findall(text[i:j]))
            i = j
    return out


@lru_cache(maxsize=65536)
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


def slug_problem(value: str) -> str | None:
    """What is wrong with a slug an editor wrote (Slug: or --slug), None if nothing.

    A slug is what slugify would make of it: lower-case ASCII words joined by
    hyphens, so no ../, no space and nothing a host might spell differently.
    """
    if value == slugify(value):
        return None
    return f"Slug“{value}”只能用小写字母、数字和连字符，例如“{slugify(_without_tones(value))}”。"


def _without_tones(value: str) -> str:
    """Pinyin typed with its tone marks (wáng-diàn, lǚ-you) as a slug spells it: wang-dian, lv-you.

    For the advice only: slugify drops the marked letters (w-ngdi-n), and a
    title's slug must not change.
    """
    decomposed = unicodedata.normalize("NFD", value).replace("u\u0308", "v").replace("U\u0308", "V")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def free_slug(slug: str, taken: set[str]) -> str:
    """``slug`` with the first number suffix (-2, -3, …) not in ``taken``, itself a valid slug."""
    n = 2
    while True:
        suffix = f"-{n}"
        base = slug
        # Cut whole words, so the suggestion passes slug_problem as it is.
        while len(base) + len(suffix) > MAX_LENGTH and "-" in base:
            base = base.rsplit("-", 1)[0]
        candidate = base[: MAX_LENGTH - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        n += 1
