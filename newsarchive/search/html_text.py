"""The strings of an item's HTML that BeautifulSoup's get_text("\\n") joins, read straight off lxml's parser.

BeautifulSoup builds a tree of Python objects first (0.84 s for 5,000
items, against 0.17 s here): a fifth of the search worker's time while
Pelican reads, and the job waits for that work. This listens to
the same parser (lxml's HTML parser, fed the same way, with the same
recovery) and keeps only what get_text keeps: each run of text between two
tags, comments or the like is one string; text inside script, style,
template, rt and rp is left out, as BeautifulSoup files it under string
types of its own. test_html_text.py holds the two to the same result.
"""

from __future__ import annotations

import threading

from lxml import etree

_NOT_TEXT = frozenset({"script", "style", "template", "rt", "rp"})


class _Strings:
    """A parser target collecting the strings in document order."""

    def __init__(self):
        self.strings: list[str] = []
        self._data: list[str] = []
        self._hidden: list[str] = []  # open tags whose text is left out, innermost last

    def _flush(self) -> None:
        # a run of text ends at any other event, as BeautifulSoup's endData
        if self._data:
            if not self._hidden:
                self.strings.append("".join(self._data))
            self._data = []

    def start(self, tag, attrib):
        self._flush()
        if tag in _NOT_TEXT:
            self._hidden.append(tag)

    def end(self, tag):
        self._flush()
        if self._hidden and self._hidden[-1] == tag:
            self._hidden.pop()

    def data(self, text):
        self._data.append(text)

    def comment(self, text):
        self._flush()

    def pi(self, target, data=None):
        self._flush()

    def doctype(self, *args):
        self._flush()

    def close(self) -> list[str]:
        self._flush()
        found, self.strings, self._hidden = self.strings, [], []
        return found


# One parser a thread, fed item after item: making a parser with a target
# costs more than reading a short item (lxml inspects the target's methods
# each time), 0.17 against 0.08 s for 5,000 items.
_parsers = threading.local()


def strings(html: str) -> list[str]:
    """The text strings of ``html`` in document order (a leading byte order mark dropped, as BeautifulSoup does)."""
    html = html.removeprefix("\ufeff")
    if not html:
        return []
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = etree.HTMLParser(target=_Strings(), recover=True)
    try:
        parser.feed(html)
        return parser.close()
    except BaseException:
        _parsers.parser = None  # stopped inside a document: the next one gets a fresh parser
        raise
