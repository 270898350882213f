"""RunTokenizer: split text into runs of Han characters and words of other scripts.

A Whoosh tokenizer. Each token is a whole run; HanNGramFilter cuts Han runs
into the terms that are indexed. Runs are found on folded characters (so a
full-width bracket is a bracket and ３．０ a number) but tokens keep the
original characters and their offsets, for FoldFilter and highlighting.

Token attributes besides Whoosh's: ``han`` (a Han run or a word) and
``offsets`` (the offset in the original text of each character of
``text``; transparent quotation marks are not in ``text``).
"""

from __future__ import annotations

from whoosh.analysis import Token, Tokenizer

from .chars import TRANSPARENT, is_digit, is_han, is_word
from .fold import table


class RunToken(Token):
    __slots__ = ("han", "offsets")


class RunTokenizer(Tokenizer):
    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, mode="", **kwargs):
        get = table().get
        folded = [get(c, c) for c in value]
        t = RunToken(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, (han, start, end, offsets) in enumerate(runs(folded)):
            t.text = "".join(value[i] for i in offsets)
            t.han = han
            t.offsets = [start_char + i for i in offsets]
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = t.text
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            yield t


def runs(folded: list[str]):
    """(is_han, start, end, offsets of the kept characters) for each run of ``folded``."""
    i, n = 0, len(folded)
    while i < n:
        c = folded[i]
        if is_han(c):
            offsets, j = [], i
            while j < n:
                if is_han(folded[j]):
                    offsets.append(j)
                    j += 1
                    continue
                if folded[j] in TRANSPARENT:
                    k = j
                    while k < n and folded[k] in TRANSPARENT:
                        k += 1
                    if k < n and is_han(folded[k]):
                        j = k
                        continue
                break
            yield True, i, offsets[-1] + 1, offsets
            i = j
        elif is_word(c):
            j = i + 1
            while j < n:
                f = folded[j]
                if is_word(f) and not is_han(f):
                    j += 1
                elif f == "." and is_digit(folded[j - 1]) and j + 1 < n and is_digit(folded[j + 1]):
                    j += 1  # 3.0, 15.23: a decimal point inside a number
                else:
                    break
            yield False, i, j, list(range(i, j))
            i = j
        else:
            i += 1
