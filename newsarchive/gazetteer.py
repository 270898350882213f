"""The official names of Jiaxing's counties and townships, and advice when a name is wrong.

Everything that needs a place name (the township taxonomy, the importer, the
slugs of county and township pages) asks this module, so a typo is caught the
same way everywhere.
"""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "jiaxing-divisions.csv"

# Longest first, so that 街道 is stripped before a hypothetical 道.
SUFFIXES = ("街道", "镇", "乡", "市", "区", "县")


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # "city", "county" or "township"
    county: str  # the county-level division it belongs to ("" for the city)
    slug: str

    @property
    def short(self) -> str:
        """The name as news text often writes it: 王店 for 王店镇, 海宁 for 海宁市."""
        return strip_suffix(self.name)


def strip_suffix(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class Mend:
    """What to do about a misplaced name, in the words of where it was written.

    The same mistake (a township given as the county, a township of another
    county) is mended in an item's header by editing Category and
    Townships, but on a command line by changing an option: advice must
    name what the editor actually typed. Fields are str.format templates
    over {name} (the name written), {county} (in county_is_township, the
    county the township belongs to; in township_elsewhere, the county the
    editor gave) and {home} (where that township belongs).
    """

    county_is_township: str
    township_is_county: str
    township_elsewhere: str


IN_HEADER = Mend(
    county_is_township="Category 应写它所属的“{county}”，并把“{name}”写进 Townships。",
    township_is_county="请把它写在 Category，Townships 只写乡镇和街道。",
    township_elsewhere="请把 Category 改为“{home}”，或删去这个乡镇。",
)
# invoke new and invoke import-page (which has --county alone: it finds townships in the text)
IN_ITEM_OPTIONS = Mend(
    county_is_township="请写它所属的县级行政区：--county {county}，“{name}”写进 --townships。",
    township_is_county="请把它写在 --county，--townships 只写乡镇和街道。",
    township_elsewhere="请把 --county 改为“{home}”，或去掉这个乡镇。",
)
IN_IMPORT_OPTIONS = Mend(
    county_is_township="请写它所属的县级行政区：--county {county}（稿件里的乡镇会从正文中找出）。",
    township_is_county=IN_ITEM_OPTIONS.township_is_county,
    township_elsewhere=IN_ITEM_OPTIONS.township_elsewhere,
)
# invoke search's filters: a filter that cannot match is a search for nothing
IN_SEARCH_FILTERS = Mend(
    county_is_township="要看这个乡镇的报道，请用 --township {name}（它属于{county}）。",
    township_is_county="请用 --county {name}。",
    township_elsewhere="两个条件放在一起找不到任何报道：去掉 --county，或者写 --county {home}。",
)


class Gazetteer:
    def __init__(self, divisions: list[Division]):
        self.divisions = divisions
        self.city = next(d for d in divisions if d.level == "city")
        self.counties = {d.name: d for d in divisions if d.level == "county"}
        self.townships = {d.name: d for d in divisions if d.level == "township"}

    @classmethod
    def from_csv(cls, path: Path = DATA_FILE) -> "Gazetteer":
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        return cls(
            [
                Division(r["code"], r["name"], r["level"], r["county"], r["slug"])
                for r in rows
            ]
        )

    def townships_of(self, county: str) -> list[Division]:
        """Townships of a county, in the order of their statistical codes."""
        return [t for t in self.townships.values() if t.county == county]

    def county_problem(self, name: str, mend: Mend = IN_HEADER) -> str | None:
        """None if ``name`` is a county of Jiaxing, else advice on what to write, in ``mend``'s words."""
        if name in self.counties:
            return None
        if name in self.townships:
            county = self.townships[name].county
            return f"“{name}”是乡镇（街道），不是县级行政区。" + mend.county_is_township.format(name=name, county=county)
        return f"“{name}”不是嘉兴市的县级行政区。{self.did_you_mean(name, self.counties)}"

    def township_problem(self, name: str, county: str | None, mend: Mend = IN_HEADER) -> str | None:
        """None if ``name`` is a township of ``county``, else advice on what to write, in ``mend``'s words."""
        known = self.townships.get(name)
        if known is None:
            if name in self.counties:
                return f"“{name}”是县级行政区，不是乡镇（街道）。" + mend.township_is_county.format(name=name)
            near = county if county in self.counties else None
            return f"“{name}”不在嘉兴市乡镇名录中。{self.did_you_mean(name, self.townships, near)}"
        if county and county in self.counties and known.county != county:
            return f"“{name}”属于{known.county}，不属于{county}。" + mend.township_elsewhere.format(
                name=name, county=county, home=known.county)
        return None

    def suggestions(self, name: str, pool: dict[str, Division], county: str | None = None) -> list[str]:
        """Closest official names: a short form's full name first, then look-alikes.

        With ``county`` (the county the editor wrote beside the name), a
        look-alike in that county is offered before any other, and when there
        is one, look-alikes elsewhere are left out: the editor more likely
        mistyped one of its own townships than one of another county that
        happens to share more characters (峡石镇 in 海宁市 is 硖石街道, not
        桐乡市's 石门镇). A name that is exactly another township's short
        form is still offered, after them: it may be the county that is wrong.
        """
        exact = [full for full, d in pool.items() if name == d.short]
        if county:
            own = {full: d for full, d in pool.items() if d.county == county}
            mine = [full for full in exact if full in own]
            near = mine + [full for full in self._look_alikes_in(name, own) if full not in mine]
            if near:
                return (near + [full for full in exact if full not in near])[:3]
        found = exact + [full for full, d in pool.items() if full not in exact and (name in full or d.short in name)]
        found += [
            m
            for m in difflib.get_close_matches(name, list(pool), n=3, cutoff=0.5)
            if m not in found
        ]
        return found[:3]

    @staticmethod
    def _look_alikes_in(name: str, pool: dict[str, Division]) -> list[str]:
        # Names proper, without 镇/街道: two 街道 of one county are half alike by
        # their suffix alone. Among a dozen names, one character in common is
        # a real hint; among all 72 it would be noise.
        found = [full for full, d in pool.items() if name in full or d.short in name]
        by_short = {d.short: full for full, d in pool.items()}
        found += [
            by_short[m]
            for m in difflib.get_close_matches(strip_suffix(name), list(by_short), n=3, cutoff=0.5)
            if by_short[m] not in found
        ]
        return found

    def did_you_mean(self, name: str, pool: dict[str, Division], county: str | None = None) -> str:
        """The sentence that follows “not in the gazetteer”: the closest names, or where the list is."""
        close = self.suggestions(name, pool, county)
        if close:
            options = "、".join(
                f"“{c}”" + (f"（{pool[c].county}）" if pool[c].level == "township" else "")
                for c in close
            )
            return f"是不是{options}？请写名录中的全称。"
        if pool is self.counties:  # seven names: all of them say more than where the list is
            return f"嘉兴市的县级行政区有：{'、'.join(self.counties)}。"
        return "请写名录中的全称（newsarchive/data/jiaxing-divisions.csv）。"


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    return Gazetteer.from_csv()
