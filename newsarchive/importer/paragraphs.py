"""Paragraphs a column broke: where a sentence ends, and how the halves join.

- ``ends_sentence``: a block ending in 。！？…”’） finishes its paragraph;
  any other block was broken by a column and ``continues_previous``.
- ``joiner``: the halves of a broken paragraph are joined with nothing
  between (Chinese has no spaces between words), except two Latin words.

The punctuation sets here are shared by the other rules (bylines, captions,
titles) and by the page walk in ``layout``.
"""

from __future__ import annotations

# What ends a statement, and the closing marks that may follow it (好！”).
STATEMENT_END = "。！？!?…"
CLOSING = "”’）)」』"
SENTENCE_END = STATEMENT_END + CLOSING


def ends_sentence(text: str) -> bool:
    return bool(text) and text[-1] in SENTENCE_END


def continues_previous(previous: str) -> bool:
    """A paragraph that does not end a sentence was broken by a column."""
    return not ends_sentence(previous)


def joiner(left: str, right: str) -> str:
    """What goes between the halves of a broken paragraph: nothing, except
    between two Latin words, which the break would otherwise glue together."""
    if left[-1:].isascii() and left[-1:].isalpha() and right[:1].isascii() and right[:1].isalpha():
        return " "
    return ""
