"""Small pages written for the importer's tests, imported the way an editor would."""

from __future__ import annotations

from pathlib import Path

from newsarchive.importer.run import Outcome, import_pages

DATE = "2023-02-01"


def article(title: str, body: str, byline: str = "张三") -> str:
    """A page with one article: title, byline, body, blank lines between, as print exports it."""
    return f"{title}\n\n{byline}\n\n{body}\n"


def write_page(folder: Path, text: str, name: str = "page.txt", encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def import_text(tmp_path: Path, text: str, dry_run: bool = True, **options) -> Outcome:
    """Import ``text`` as a page file into tmp_path/content; a dry run unless told."""
    page = write_page(tmp_path / "pages", text)
    return import_pages(page, options.pop("date", DATE), dest=tmp_path / "content", dry_run=dry_run, **options)


def only_item(outcome: Outcome):
    assert len(outcome.items) == 1, [i.title for i in outcome.items]
    return outcome.items[0]


def places_of(tmp_path: Path, title: str, body: str) -> tuple[str, list[str], list[str]]:
    """(county, townships, notes) the importer finds for a one-article page."""
    item = only_item(import_text(tmp_path, article(title, body)))
    townships = [t for t in item.fields["townships"].split(", ") if t]
    return item.fields["category"], townships, [n.message for n in item.notes]
