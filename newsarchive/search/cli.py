"""`invoke search "<query>"`: search the built site's index from the command line.

    python -m newsarchive.search "开门红 海宁" --json --site output --limit 10

Prints the items in the order the search page shows them: a JSON array with
--json (url, title, date, score, county, townships, type), else a table.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import asdict
from pathlib import Path

from .engine import search
from .store import NoIndex, open_site_index


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="invoke search", description="在构建好的网站索引里搜索新闻。")
    parser.add_argument("query", help="搜索词，多个词用空格分开")
    parser.add_argument("--site", default="output", help="构建好的网站文件夹（默认 output/）")
    parser.add_argument("--limit", type=int, default=None, help="最多列出几条（默认全部）")
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


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        ix = open_site_index(Path(args.site))
    except NoIndex as e:
        print(e, file=sys.stderr)
        return 2
    filters = {f: getattr(args, f) for f in ("county", "township", "topic", "year") if getattr(args, f)}
    try:
        hits, total = search(ix, args.query, filters, args.limit)
    finally:
        ix.close()
    if args.json:
        print(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=1))
    else:
        print(table(hits, total))
    return 0
