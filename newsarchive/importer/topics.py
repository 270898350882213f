"""Topics (Tags) suggested for an item, from the project's topic vocabulary.

The vocabulary, ``newsarchive/data/topics.csv``, lists each topic with the
words that signal it; editors extend it as the archive grows, so topic pages
gather items instead of splintering into near-synonyms. An item gets the
topics whose keywords it uses most (a word in the title counts three times).
Where no keyword of the vocabulary occurs, jieba's TF-IDF keyword extraction
names the item's salient words: those that belong to a topic of the
vocabulary suggest it, and otherwise the best two are offered as new topics,
with a note so the editor decides whether they join the vocabulary.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsarchive import gazetteer

VOCABULARY = Path(__file__).resolve().parent.parent / "data" / "topics.csv"
MAX_TOPICS = 4
MIN_SCORE = 2  # two mentions in the body, or one in the title
TITLE_WEIGHT = 3
NEW_TOPICS = 2
_KEYWORD_SEPARATORS = re.compile(r"[、,，;；|]")
# Parts of speech jieba tags as nouns and verbal nouns: topics are things.
_NOUNS = ("n", "nz", "vn", "nt", "nl", "ng")


@dataclass(frozen=True)
class Topic:
    name: str
    keywords: tuple[str, ...]


@dataclass
class Suggestion:
    topics: list[str]
    from_vocabulary: bool


@lru_cache(maxsize=4)
def vocabulary(path: Path = VOCABULARY) -> tuple[Topic, ...]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    topics = []
    for row in rows:
        words = tuple(w.strip() for w in _KEYWORD_SEPARATORS.split(row["keywords"]) if w.strip())
        topics.append(Topic(row["topic"].strip(), words or (row["topic"].strip(),)))
    return tuple(topics)


def suggest(title: str, body: str, topics: tuple[Topic, ...] | None = None) -> Suggestion:
    topics = vocabulary() if topics is None else topics
    found = by_keywords(title, body, topics)
    if found:
        return Suggestion(found, True)
    keywords = extracted_keywords(f"{title}\n{body}")
    found = [t.name for t in topics if any(k == t.name or k in t.keywords for k in keywords)]
    if found:
        return Suggestion(found[:MAX_TOPICS], True)
    return Suggestion(keywords[:NEW_TOPICS], False)


def by_keywords(title: str, body: str, topics: tuple[Topic, ...]) -> list[str]:
    """Topics whose keywords the item uses at least MIN_SCORE times, most used first."""
    scores: Counter[str] = Counter()
    for topic in topics:
        for word in topic.keywords:
            scores[topic.name] += title.count(word) * TITLE_WEIGHT + body.count(word)
    order = {t.name: i for i, t in enumerate(topics)}
    ranked = sorted((name for name, s in scores.items() if s >= MIN_SCORE), key=lambda n: (-scores[n], order[n]))
    return ranked[:MAX_TOPICS]


def extracted_keywords(text: str, count: int = 8) -> list[str]:
    """jieba's TF-IDF keywords of ``text``, without place names and single characters."""
    analyse = _jieba_analyse()
    places = _place_names()
    return [
        word
        for word in analyse.extract_tags(text, topK=count * 2, allowPOS=_NOUNS)
        if len(word) >= 2 and word not in places
    ][:count]


@lru_cache(maxsize=1)
def _jieba_analyse():
    # Imported on first use: loading jieba's dictionary takes a second or two,
    # which an import whose topics all come from the vocabulary never pays.
    import jieba  # noqa: PLC0415
    import jieba.analyse  # noqa: PLC0415

    jieba.setLogLevel(60)
    return jieba.analyse


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    places = gazetteer.load()
    names = set()
    for division in places.divisions:
        names |= {division.name, division.short}
    return frozenset(names | {"嘉兴", "浙江", "浙江省"})
