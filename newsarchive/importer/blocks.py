"""A page's text as blocks: its non-blank lines, stripped, with their line numbers.

Text extracted from print marks paragraphs with blank lines, but column
breaks, hard wraps and indentation put line breaks and spaces where the
printed page had none. Every non-blank line is therefore one block and the
layout rules decide which blocks belong together; the white space dropped
here (blank lines, indentation, trailing spaces) is layout only, and so are
the zero-width characters, which print as nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsarchive.source_text import normalise_newlines, without_invisible

# A BOM and the zero-width characters are not white space to str.strip(),
# so they are removed by name; the ideographic space (U+3000) that Chinese
# texts indent paragraphs with is.


@dataclass(frozen=True)
class Block:
    text: str
    line: int  # 1-based line number in the page file


def blocks(text: str) -> list[Block]:
    """The non-blank lines of ``text``, stripped of layout white space, in order."""
    text = without_invisible(normalise_newlines(text))
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            found.append(Block(stripped, number))
    return found
