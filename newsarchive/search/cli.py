"""`invoke search "<query>"`: search the built site's index from the command line.

    python -m newsarchive.search "开门红 海宁" --json --site output --limit 10

Prints the items in the order the search page shows them: a JSON array with
--json (url, title, date, score, county, townships, type), else a table.
A filter that can never match (a county or township not in the gazetteer, a
topic or year the archive does not have), or a query with no word to
search, is an error with advice, exit status 2, not an empty result.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import unicodedata
from dataclasses import asdict
from pathlib import Path

from newsarchive import gazetteer
from newsarchive.analysis import query_words
from newsarchive.source_text import without_invisible

from .engine import facet_docs, search
from .store import NoIndex, open_site_index


def _limit(text: str) -> int:
    # --limit 0 printed 没有找到匹配的报道 and --limit -1 dropped the last
    # result without a word: both read as an answer about the archive
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"“{text}”不是正整数。请写要列出的条数，如 --limit 10；不写则列出全部")
    return value


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="invoke search", description="在构建好的网站索引里搜索新闻。")
    parser.add_argument("query", help="搜索词，多个词用空格分开；以 - 开头的搜索词放在最后的 -- 之后：--site output -- -5℃")
    parser.add_argument("--site", default="output", help="构建好的网站文件夹（默认 output/）")
    parser.add_argument("--limit", type=_limit, default=None, help="最多列出几条（默认全部）")
    parser.add_argument("--json", action="store_true", help="输出 JSON 数组")
    for facet, label in (("county", "县（市、区）"), ("township", "乡镇（街道）"), ("topic", "主题"), ("year", "年份")):
        parser.add_argument(f"--{facet}", default="", help=f"只看这个{label}")
    return parser.parse_args(argv)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, width: int) -> str:
    out, used = "", 0
    for c in text:
        w = _width(c)
        if used + w > width - 1:
            return out + "…"
        out, used = out + c, used + w
    return out


def table(hits, total) -> str:
    if not hits:
        return "没有找到匹配的报道。"
    lines = []
    for i, h in enumerate(hits, 1):
        title = _cut(h.title, 40)
        place = "·".join([h.county, *h.townships])
        lines.append(f"{i:>3}. {h.score:8.3f}  {h.date}  {title}{' ' * (40 - _width(title))}  {place}\n       {h.url}")
    shown = f"（显示前 {len(hits)} 条）" if len(hits) < total else ""
    lines.append(f"共 {total} 条{shown}。")
    return "\n".join(lines)


def _archive_values(reader, facet: str) -> list[str]:
    """The values of a facet the archive's items have, most items first."""
    counts: dict[str, int] = {}
    for stored in reader.all_stored_fields():  # live items only, unlike the term list
        for value in filter(None, stored[facet].split(",")):
            counts[value] = counts.get(value, 0) + 1
    return sorted(counts, key=lambda v: (-counts[v], v))


def _in_archive(reader, facet: str, value: str) -> bool:
    return any(not reader.is_deleted(d) for d in facet_docs(reader, facet, value))


def filter_problems(ix, filters: dict[str, str]) -> list[str]:
    """What is wrong with each filter, as advice; empty when every filter can match.

    Places are checked against the gazetteer, so a real county the archive has
    nothing from is a search without results, not a mistake. Topics and years
    have no list but the archive itself.
    """
    places = gazetteer.load()
    problems = []
    county, township = filters.get("county"), filters.get("township")
    if county and (problem := places.county_problem(county, gazetteer.IN_SEARCH_FILTERS)):
        problems.append(f"--county：{problem}")
    if township and (problem := places.township_problem(township, county, gazetteer.IN_SEARCH_FILTERS)):
        problems.append(f"--township：{problem}")
    topic, year = filters.get("topic"), filters.get("year")
    with ix.searcher() as searcher:
        reader = searcher.reader()
        if topic and not _in_archive(reader, "topic", topic):
            topics = _archive_values(reader, "topic")
            close = [t for t in topics if topic in t or t in topic]
            close += [t for t in difflib.get_close_matches(topic, topics, n=3, cutoff=0.5) if t not in close]
            hint = f"是不是{'、'.join(f'“{t}”' for t in close[:3])}？" if close else ""
            problems.append(
                f"--topic：档案里没有主题为“{topic}”的报道。{hint}"
                f"档案里的主题有：{'、'.join(topics) or '（还没有）'}。"
            )
        if year and not _in_archive(reader, "year", year):
            years = sorted(_archive_values(reader, "year"))
            listed = "、".join(years) or "（还没有）"
            if year.isascii() and year.isdigit() and len(year) == 4:
                problems.append(f"--year：档案里没有 {year} 年的报道。档案里有的年份：{listed}。")
            else:
                problems.append(
                    f"--year：“{year}”不是年份，请写四位数字，如 --year {years[-1] if years else 2023}。"
                    f"档案里有的年份：{listed}。"
                )
    return problems


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        ix = open_site_index(Path(args.site))
    except NoIndex as e:
        print(e, file=sys.stderr)
        return 2
    # read as they look: pasted from a web page, 海宁市 may carry a zero-width
    # character, and “海宁市”不是县级行政区。是不是“海宁市”？ shows nothing to change
    given = {f: without_invisible(getattr(args, f)).strip() for f in ("county", "township", "topic", "year")}
    filters = {f: value for f, value in given.items() if value}
    if "year" in filters:
        # ２０２３ is how a Chinese input method types 2023, not another year
        filters["year"] = unicodedata.normalize("NFKC", filters["year"])
    try:
        problems = filter_problems(ix, filters)
        if not query_words(args.query):
            # a search for nothing, as a filter that cannot match is: its [] would read as "no results"
            shown = f"搜索词“{args.query}”里" if args.query.strip() else "搜索词是空的，"
            problems.insert(0, f"{shown}没有要找的词。请写要找的词，多个词用空格分开，如 invoke search \"开门红 海宁\"。")
        if problems:
            # on stderr and nothing on stdout: with --json an empty list would read as "no results"
            print("\n".join(problems), file=sys.stderr)
            return 2
        hits, total = search(ix, args.query, filters, args.limit)
    finally:
        ix.close()
    if args.json:
        print(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=1))
    else:
        print(table(hits, total))
    return 0
