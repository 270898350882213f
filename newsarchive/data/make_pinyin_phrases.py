"""Regenerate the pinyin tables newsarchive.slugs reads: pinyin-chars.txt and pinyin-phrases.tsv.

Run as its own process (it loads pypinyin's full phrase dictionaries):
    python newsarchive/data/make_pinyin_phrases.py

pinyin-chars.txt is pypinyin's character table reduced to what a slug needs:
each character's usual reading without tones, one line per run of
consecutive code points ("4e00 yi ding kao …", "-" for a code point without
one). Builds read it into arrays of syllable numbers (a few hundred KB)
instead of importing pypinyin's 42,000-entry dictionary (7 MB).

pinyin-phrases.tsv: the phrases whose reading is not their characters' usual one.

Why a table: pypinyin with the large phrase list of pypinyin-dict reads news
text well (支行 → zhi hang, not zhi xing) but costs 1.5 s and 280 MB in every
build. Only about 21,000 of its 412,000 phrases read differently from their
characters' default readings; those are all a slug needs, so they are kept
here (500 KB) and newsarchive.slugs reads them with pypinyin's character
dictionary alone (PYPINYIN_NO_PHRASES), in 0.1 s and 16 MB.
"""

import os
import sys
from pathlib import Path

if os.environ.get("PYPINYIN_NO_PHRASES"):
    sys.exit("Unset PYPINYIN_NO_PHRASES: this script needs pypinyin's full phrase dictionary.")

import pypinyin  # noqa: E402
from importlib.metadata import version  # noqa: E402
from pypinyin import Style, lazy_pinyin  # noqa: E402
from pypinyin.constants import PHRASES_DICT  # noqa: E402
from pypinyin_dict.phrase_pinyin_data import large_pinyin  # noqa: E402

TARGET = Path(__file__).with_name("pinyin-phrases.tsv")
CHARS = Path(__file__).with_name("pinyin-chars.txt")


def char_reading(ch: str) -> str:
    reading = lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")
    return reading[0] if reading else ""


def write_chars() -> None:
    from pypinyin.constants import PINYIN_DICT  # noqa: PLC0415

    readings = {cp: char_reading(chr(cp)) for cp in sorted(PINYIN_DICT)}
    lines, run = [], []
    for cp in sorted(readings):
        if run and cp != run[-1][0] + 1:
            if cp - run[-1][0] <= 16:  # bridge small gaps, "-" for the missing
                run += [(missing, "-") for missing in range(run[-1][0] + 1, cp)]
            else:
                lines.append(f"{run[0][0]:x} " + " ".join(r or "-" for _, r in run))
                run = []
        run.append((cp, readings[cp]))
    lines.append(f"{run[0][0]:x} " + " ".join(r or "-" for _, r in run))
    CHARS.write_text("# usual pinyin of each code point, from pypinyin's character table; made by make_pinyin_phrases.py\n"
                     + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(readings)} characters in {len(lines)} runs → {CHARS}")


def main() -> None:
    write_chars()
    large_pinyin.load()
    rows = []
    for phrase in sorted(PHRASES_DICT):
        if len(phrase) < 2:
            continue
        reading = lazy_pinyin(phrase, style=Style.NORMAL, errors="ignore")
        if len(reading) == len(phrase) and reading != [char_reading(c) for c in phrase]:
            rows.append(f"{phrase}\t{' '.join(reading)}")
    header = (
        f"# phrases whose pinyin differs from their characters' default readings; "
        f"pypinyin {pypinyin.__version__}, pypinyin-dict {version('pypinyin-dict')} large_pinyin; "
        f"made by make_pinyin_phrases.py\n"
    )
    TARGET.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} phrases → {TARGET}")


if __name__ == "__main__":
    main()
