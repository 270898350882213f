"""The search index's fields, and the version that forces a full re-index when the rules change."""

from __future__ import annotations

import hashlib
from pathlib import Path

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from newsarchive.analysis import ANALYZER

from .formats import VarintPositions

# Searched fields and their weight in the score: a word in the title counts
# three times what it counts in the body; places, authors, topics and the
# photo credit in between.
FIELD_BOOSTS = {"title": 3.0, "meta": 2.0, "body": 1.0}
SEARCH_FIELDS = tuple(FIELD_BOOSTS)
# Facets a search can be narrowed by, as the page and the CLI name them.
FACETS = ("county", "township", "topic", "year")


def _text(stored: bool = False) -> TEXT:
    field = TEXT(analyzer=ANALYZER, phrase=True, stored=stored)
    field.format = VarintPositions(field_boost=field.format.field_boost)
    return field


def make_schema() -> Schema:
    return Schema(
        url=ID(stored=True, unique=True),
        fingerprint=STORED(),
        title=_text(stored=True),
        body=_text(),
        meta=_text(stored=True),
        county=ID(stored=True),
        township=KEYWORD(stored=True, commas=True),
        topic=KEYWORD(stored=True, commas=True),
        year=ID(stored=True),
        date=STORED(),
        type=ID(stored=True),
        authors=STORED(),
        credit=STORED(),
        text=STORED(),
        lengths=STORED(),
    )


SCHEMA = make_schema()

_RULES = Path(__file__).resolve().parent.parent / "analysis"


def _engine_version() -> str:
    """A hash of everything that decides what is in the index: analyzer, fold table, schema, text extraction.

    Any change to them makes every stored fingerprint stale, and the indexer
    starts a new index instead of mixing terms made by two sets of rules.
    """
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    made = [here / name for name in ("schema.py", "formats.py", "documents.py", "html_text.py")]
    for path in sorted(_RULES.glob("*.py")) + [_RULES / "fold.json", *made]:
        if path.name.startswith("test_") or path.name == "make_fold_table.py":
            continue
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


ENGINE_VERSION = _engine_version()
