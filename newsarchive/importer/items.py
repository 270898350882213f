"""A page's items as the content model's fields: what the importer would write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive import slugs
from newsarchive.importer import places as place_finder
from newsarchive.importer import topics
from newsarchive.importer.blocks import blocks
from newsarchive.importer.layout import Note, PageItem, split_page
from newsarchive.importer.places import Segment
from newsarchive.new_item import item_path
from newsarchive.problems import ContentError, Problem, display_path


@dataclass
class ImportedItem:
    page: Path
    line: int  # the title's line on the page
    kind: str
    fields: dict[str, str]
    body: str
    paragraphs: int
    relative_path: Path  # YYYY/MM/<slug>.md under the destination
    notes: list[Note] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)  # places of other counties

    @property
    def title(self) -> str:
        return self.fields["title"]

    @property
    def where(self) -> str:
        return f"{display_path(self.page)}:{self.line}"


def source_field(page: Path, source: str) -> str:
    """“版面文本 <page>”, then what the editor said about the page (paper, date…)."""
    base = f"版面文本 {page.stem}"
    source = source.strip()
    if not source:
        return base
    return base + ("" if source[0] in "。，,;；（(" else "。") + source


def page_items(
    text: str,
    page: Path,
    date: dt.date,
    source: str = "",
    county: str = "",
    finder: place_finder.PlaceFinder | None = None,
) -> tuple[list[ImportedItem], list[Problem]]:
    """The items of one page, and the problems that stop it from being imported.

    ``county`` is the editor's fallback for items that name no place of
    Jiaxing at all; places found in the text always win over it.
    """
    finder = finder or place_finder.PlaceFinder()
    found = split_page(blocks(text), str(page))
    items, problems = [], []
    for item in found:
        try:
            items.append(_imported(item, page, date, source, county, finder))
        except ContentError as e:
            problems.append(e.problem)
    return items, problems


def _imported(item: PageItem, page: Path, date: dt.date, source: str, county: str, finder) -> ImportedItem:
    segments = [Segment(item.title, item.line, in_title=True)]
    if item.kicker:
        segments.append(Segment(item.kicker, item.kicker_line))
    if item.credit:
        segments.append(Segment(item.credit, item.line))
    segments += [Segment(p.text, p.line) for p in item.paragraphs]
    places = finder.find(segments)
    notes = list(item.notes) + places.notes
    if places.county is None:
        if not county:
            raise ContentError(
                str(page),
                item.line,
                f"“{item.title}”没有提到嘉兴的任何县（市、区）或乡镇，无法确定 Category。"
                "请核对原稿；确实没有地名时，用 --county 指定这一版稿件的县级行政区（如 --county 海宁市），再重新导入。",
            )
        notes.append(Note(item.line, f"稿件里没有找到地名，Category 用了 --county 指定的“{county}”。"))
    suggestion = topics.suggest(item.title, item.body)
    if not suggestion.from_vocabulary and suggestion.topics:
        notes.append(
            Note(
                item.line,
                f"主题表里没有合适的主题，按关键词建议了“{'、'.join(suggestion.topics)}”。"
                "请确认，或把合适的主题加进 newsarchive/data/topics.csv。",
            )
        )
    slug = slugs.slugify(item.title)
    fields = {
        "title": item.title,
        "date": date.isoformat(),
        "authors": ", ".join(item.authors),
        "category": places.county or county,
        "townships": ", ".join(places.townships),
        "tags": ", ".join(suggestion.topics),
        "slug": slug,
        "source": source_field(page, source),
    }
    if item.kicker:
        fields["kicker"] = item.kicker
    if item.kind == "photo":
        fields["type"] = "photo"
        fields["credit"] = item.credit
    return ImportedItem(
        page=page,
        line=item.line,
        kind=item.kind,
        fields=fields,
        body=item.body,
        paragraphs=len(item.paragraphs),
        relative_path=item_path(Path(), date, slug),
        notes=sorted(notes, key=lambda n: n.line),
        elsewhere=places.elsewhere,
    )
