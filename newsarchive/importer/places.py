"""Which county and townships an item is about, found in its text with the gazetteer.

News writes places in full (王店镇, 海宁市) and short (王店, 海宁). Every name
and short form of the gazetteer is looked for, longest first at each
position, so 西塘桥 is 西塘桥街道 and never 西塘镇 plus a stray 桥, and 乌镇 is
the short form of 乌镇镇. Then the traps, each a named rule:

- ``ordinary_word``: short forms that are everyday words (建设, 新城, 城南,
  大桥, 长安, 石门, 七星…) count only right after their county's name
  (桐乡石门, 海宁市长安), never alone.
- ``nanhu``: a bare 南湖 is the district, weakly, never 南湖街道 (that needs
  its full name); 嘉兴南湖 and 南湖红船 are the lake and count for nothing.
- ``needs_county_context``: a full name that also occurs inside ordinary
  words (于城镇 in 用于城镇化) counts only if its county is named too.

The county is decided by the weight of the evidence: a full township name
weighs most, then a county's full name, a township's short form, a county's
short form; a township weighs for its county, and the title counts four
times.
Townships of other counties are reported as notes, not silently kept or
dropped, and so is a "county + …镇/街道" the gazetteer does not know.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from newsarchive import gazetteer
from newsarchive.gazetteer import Division
from newsarchive.importer.layout import Note

WEIGHT_FULL_TOWNSHIP = 4
WEIGHT_FULL_COUNTY = 3
WEIGHT_SHORT_TOWNSHIP = 2
WEIGHT_SHORT_COUNTY = 1
# A place in the title says what the item is about: it outweighs any one
# mention in the body.
TITLE_FACTOR = 4

# Short forms that are also everyday Chinese words or parts of them.
ORDINARY_WORDS = frozenset(
    "建设 解放 新兴 新城 城南 长水 七星 大桥 长安 石门 梧桐 高桥 河山 大麻 "
    "惠民 望海 凤鸣 百步 于城 新丰 高照 通元".split()
)
# Full names that are also a run of ordinary characters: 用于城镇化.
NEEDS_COUNTY_CONTEXT = frozenset({"于城镇"})
# Phrases in which a place name means a landmark, not the division.
LANDMARKS = ("嘉兴南湖", "南湖红船", "南湖湖心岛", "南湖畔", "南湖边", "南湖上", "南湖景区")
NANHU = "南湖"
# "…镇" that are kinds of town, not names: 特色小镇, 古镇.
GENERIC_TOWNS = ("小镇", "古镇", "老镇", "新镇", "城镇", "乡镇", "集镇", "名镇", "重镇", "强镇", "村镇", "镇街道")


@dataclass(frozen=True)
class Mention:
    division: Division
    written: str
    line: int
    full: bool
    in_title: bool

    @property
    def county(self) -> str:
        return self.division.county if self.division.level == "township" else self.division.name

    @property
    def weight(self) -> int:
        if self.division.level == "township":
            base = WEIGHT_FULL_TOWNSHIP if self.full else WEIGHT_SHORT_TOWNSHIP
        else:
            base = WEIGHT_FULL_COUNTY if self.full else WEIGHT_SHORT_COUNTY
        return base * (TITLE_FACTOR if self.in_title else 1)


@dataclass
class Places:
    county: str | None
    townships: list[str]
    mentions: list[Mention] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def elsewhere(self) -> list[str]:
        """Places named in the item that are not in its county, in text order."""
        return list(dict.fromkeys(m.division.name for m in self.mentions if m.county != self.county))


@dataclass(frozen=True)
class Segment:
    """A piece of an item's text and the page line it starts on."""

    text: str
    line: int
    in_title: bool = False


class PlaceFinder:
    def __init__(self, places: gazetteer.Gazetteer | None = None):
        self.places = places or gazetteer.load()
        self.names: dict[str, tuple[Division, bool]] = {}
        for division in list(self.places.counties.values()) + list(self.places.townships.values()):
            self.names[division.name] = (division, True)
        for division in list(self.places.counties.values()) + list(self.places.townships.values()):
            short = division.short
            # 南湖 is the short form of both 南湖区 and 南湖街道; the county is
            # listed first and keeps it (see the nanhu rule).
            if short != division.name and short not in self.names:
                self.names[short] = (division, False)
        self.longest = max(len(n) for n in self.names)
        county_names = sorted(
            {d.name for d in self.places.counties.values()} | {d.short for d in self.places.counties.values()},
            key=len,
            reverse=True,
        )
        self._county_prefixed = re.compile(
            "(?P<county>" + "|".join(county_names) + r")(?P<name>[\u4e00-\u9fff]{1,4}?(?:街道|镇|乡))"
        )

    # --- finding --------------------------------------------------------

    def mentions(self, segment: Segment) -> list[Mention]:
        text = segment.text
        found = []
        i = 0
        while i < len(text):
            match = self._longest_name_at(text, i)
            if match is None:
                i += 1
                continue
            division, full = self.names[match]
            if self._counts(text, i, match, division, full):
                found.append(Mention(division, match, segment.line, full, segment.in_title))
            i += len(match)
        return found

    def _longest_name_at(self, text: str, i: int) -> str | None:
        for length in range(min(self.longest, len(text) - i), 1, -1):
            if text[i : i + length] in self.names:
                return text[i : i + length]
        return None

    def _counts(self, text: str, i: int, written: str, division: Division, full: bool) -> bool:
        if not full and written in ORDINARY_WORDS:
            return ordinary_word(text, i, division, self.places)
        if written == NANHU:
            return nanhu(text, i)
        return True

    def unknown_townships(self, segment: Segment) -> list[Note]:
        """"County + …镇/街道/乡" names that the gazetteer does not know."""
        notes = []
        for match in self._county_prefixed.finditer(segment.text):
            name = match["name"]
            if name.endswith(GENERIC_TOWNS) or name in self.names or self._is_known_prefix(match):
                continue
            county = match["county"]
            county = county if county in self.places.counties else self._county_of_short(county)
            advice = self.places.township_problem(name, county)
            notes.append(
                Note(
                    segment.line,
                    f"“{match.group(0)}”：{advice}导入时没有把它写进 Townships；"
                    "如果它是撤并前的旧名，请写现在的乡镇（街道）。",
                )
            )
        return notes

    def _is_known_prefix(self, match: re.Match) -> bool:
        # 桐乡市乌镇镇 is found lazily as 乌镇 + 镇, 海宁市马桥街道 as 马桥 + 街道:
        # a known name or short form at the start is not an unknown place.
        name = match["name"]
        return any(name.startswith(n) for n in self.names if len(n) >= 2 and self.names[n][0].level == "township")

    def _county_of_short(self, short: str) -> str:
        return next(d.name for d in self.places.counties.values() if d.short == short)

    # --- deciding ---------------------------------------------------------

    def find(self, segments: list[Segment]) -> Places:
        mentions = [m for s in segments for m in self.mentions(s)]
        notes = [n for s in segments for n in self.unknown_townships(s)]
        mentions = needs_county_context(mentions)
        if not mentions:
            return Places(None, [], [], notes)
        score: dict[str, int] = defaultdict(int)
        first: dict[str, int] = {}
        for order, mention in enumerate(mentions):
            score[mention.county] += mention.weight
            first.setdefault(mention.county, order)
        county = max(score, key=lambda c: (score[c], -first[c]))
        townships = list(
            dict.fromkeys(m.division.name for m in mentions if m.division.level == "township" and m.county == county)
        )
        others = {}
        for mention in mentions:
            if mention.county != county:
                others.setdefault(mention.division.name, mention)
        if others:
            listed = "、".join(
                f"{name}（{m.county}，第 {m.line} 行）" if m.division.level == "township" else f"{name}（第 {m.line} 行）"
                for name, m in others.items()
            )
            notes.append(
                Note(
                    min(m.line for m in others.values()),
                    f"也提到了{county}以外的地方：{listed}。Category 按提到最多、最具体的定为{county}；"
                    "如果稿件其实写的是别处，请改 Category 和 Townships。",
                )
            )
        return Places(county, townships, mentions, notes)


# --- the trap rules, named -------------------------------------------------


def ordinary_word(text: str, i: int, division: Division, places: gazetteer.Gazetteer) -> bool:
    """An everyday-word short form counts only right after its county: 桐乡石门."""
    if division.level != "township":
        return False
    county = places.counties[division.county]
    before = text[:i]
    return before.endswith((county.name, county.short))


def nanhu(text: str, i: int) -> bool:
    """A bare 南湖 is the district unless it is the lake (嘉兴南湖, 南湖红船…)."""
    for phrase in LANDMARKS:
        start = i - phrase.index(NANHU)
        if start >= 0 and text[start : start + len(phrase)] == phrase:
            return False
    return True


def needs_county_context(mentions: list[Mention]) -> list[Mention]:
    """Drop full names such as 于城镇 unless their county is named in the item too."""
    counties = {m.county for m in mentions if m.written not in NEEDS_COUNTY_CONTEXT}
    return [m for m in mentions if m.written not in NEEDS_COUNTY_CONTEXT or m.county in counties]
