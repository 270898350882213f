"""Fuzzing the importer (issue 6): it loses no characters and invents none.

The text of the items it writes, joined, equals the page text minus
layout-only white space and the structural lines it moved to metadata
(titles, bylines, photo credits). Pages are generated with the layout noise
print exports have: column breaks mid-sentence, full-width indentation,
runs of blank lines, CRLF, captions floating between paragraphs.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from conftest import item_files, read_item, split_names
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsarchive.importer.layout import SENTENCE_END
from newsarchive.importer.run import ImportFailed, import_pages
from newsarchive.slugs import slugify

# Common characters, without those of byline role words (记者, 通讯员, 实习生,
# 摄影) and without 、 (a byline separator): those are structure, not text.
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情最立代想已通并提直题党程展五果料象革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处"
SENTENCE_ENDINGS = ["。", "！", "？", "……", "。”"]
COUNTY = "海宁市"  # the editor's fallback: generated text seldom names a place


def han(low: int, high: int):
    return st.text(alphabet=HAN, min_size=low, max_size=high)


@st.composite
def sentences(draw) -> str:
    clauses = draw(st.lists(han(2, 14), min_size=1, max_size=4))
    number = draw(st.sampled_from(["", " 300 ", " 2.48 ", "11GW "]))
    return number.join(clauses[:1]) + "".join("，" + c for c in clauses[1:]) + draw(st.sampled_from(SENTENCE_ENDINGS))


@st.composite
def paragraphs(draw) -> str:
    return "".join(draw(st.lists(sentences(), min_size=1, max_size=3)))


titles = st.builds(
    lambda head, colon, tail, quoted: head + ("：" if colon else "") + tail + (f"“{quoted}”" if quoted else ""),
    han(3, 8),
    st.booleans(),
    han(2, 8),
    st.one_of(st.just(""), han(2, 4)),
)
names = st.lists(han(2, 3), min_size=1, max_size=4)


@dataclass
class Article:
    title: str
    names: list[str]
    paragraphs: list[str]


@dataclass
class Photo:
    caption: str
    credit: str


@st.composite
def pages(draw):
    """(page text, the items on it, the non-structural blocks in page order)."""
    heads = draw(st.lists(titles, min_size=1, max_size=5, unique_by=slugify))
    items = []
    for head in heads:
        if draw(st.integers(0, 3)) == 0:
            stop = draw(st.sampled_from(["", "。"]))
            items.append(Photo(head + stop, f"图片由{draw(han(2, 6))}提供"))
        else:
            items.append(Article(head, draw(names), draw(st.lists(paragraphs(), min_size=1, max_size=4))))
    blocks: list[str] = []
    body_blocks: list[str] = []
    for item in items:
        if isinstance(item, Photo):
            blocks.append(f"{item.caption}（{item.credit}）")
            continue
        blocks += [item.title, draw(st.sampled_from([" ", "\u3000", "  "])).join(item.names)]
        for paragraph in item.paragraphs:
            pieces = draw(column_break(paragraph))
            blocks += pieces
            body_blocks += pieces
    indent = draw(st.sampled_from(["", "\u3000\u3000", "  "]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = ""
    for block in blocks:
        text += indent + block + draw(st.sampled_from(["", " ", "\u3000"]))
        text += newline * draw(st.integers(1, 4))
    return text, items, body_blocks


# A column break comes at the end of a column, so the first half holds at
# least the paragraph's first printed line (the seed's shortest is 14
# characters: 盛威安防在天凝投资办企业，一); the second half may be short.
COLUMN_LINE = 8


@st.composite
def column_break(draw, paragraph: str) -> list[str]:
    """The paragraph, or its two halves when a column broke it mid-sentence."""
    cuts = [
        k
        for k in range(COLUMN_LINE, len(paragraph))
        if paragraph[:k].strip()[-1] not in SENTENCE_END and paragraph[k:].strip()
    ]
    if not cuts or not draw(st.booleans()):
        return [paragraph]
    k = draw(st.sampled_from(cuts))
    return [paragraph[:k], paragraph[k:]]


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def imported(text: str, folder: Path):
    page = folder / "page.txt"
    page.write_bytes(text.encode("utf-8"))
    dest = folder / "content"
    import_pages(page, "2023-02-01", dest=dest, county=COUNTY)
    return {fields["title"]: (fields, body) for fields, body in map(read_item, item_files(dest))}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_the_written_items_hold_the_page_text_minus_structure(generated):
    text, items, body_blocks = generated
    with tempfile.TemporaryDirectory() as folder:
        written = imported(text, Path(folder))

    assert sorted(written) == sorted(i.title if isinstance(i, Article) else i.caption for i in items)
    bodies_in_page_order = []
    for item in items:
        fields, body = written[item.title if isinstance(item, Article) else item.caption]
        if isinstance(item, Photo):
            assert (fields["type"], fields["credit"], body) == ("photo", item.credit, "")
            continue
        assert split_names(fields["authors"]) == item.names
        assert [no_space(p) for p in body.split("\n\n")] == [no_space(p) for p in item.paragraphs]
        bodies_in_page_order.append(body)
    # The property, literally: page minus structure == the bodies, joined.
    assert no_space("".join(body_blocks)) == no_space("".join(bodies_in_page_order))


# Arbitrary lines: the importer either refuses the page, naming a line, or
# writes items that hold every character of it.
noise_lines = st.one_of(
    han(1, 30),
    st.builds(lambda a, b: a + "，" + b + "。", han(1, 10), han(0, 10)),
    st.builds(" ".join, st.lists(han(2, 4), min_size=1, max_size=5)),
    st.builds(lambda a, b: f"{a}（图片由{b}提供）", han(0, 12), han(1, 4)),
    st.builds(lambda a: f"{a}(记 摄)", han(1, 8)),
    st.sampled_from(["", "\u3000", "……", "”", "2023 年", "AAAA 级"]),
)


def structure_normalised(text: str) -> Counter:
    # The credit's brackets may be ASCII on the page; the item writes （）.
    return Counter(no_space(text).replace("(", "（").replace(")", "）"))


# Half the pages open with a title and byline, so that the noise after them
# is imported, not only refused.
noise_pages = st.builds(
    lambda opening, noise: opening + noise,
    st.one_of(st.just([]), st.builds(lambda t, n: [t, " ".join(n)], titles, names)),
    st.lists(noise_lines, min_size=0, max_size=25),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(noise_pages)
def test_any_page_is_refused_with_a_line_or_imported_without_loss(lines):
    text = "\n".join(lines)
    with tempfile.TemporaryDirectory() as folder:
        try:
            written = imported(text, Path(folder))
        except ImportFailed as failed:
            for problem in failed.problems:
                assert problem.path.endswith("page.txt")
                assert problem.line is None or 1 <= problem.line <= len(lines)
                assert re.search(r"[\u4e00-\u9fff]", problem.message)
            return
    pieces = []
    for fields, body in written.values():
        # a kicker (引题) over the title is printed text the item keeps, in its own field
        pieces += [fields.get("kicker", ""), fields["title"]]
        if fields.get("type") == "photo":
            pieces.append(f"（{fields['credit']}）")
        else:
            pieces += split_names(fields.get("authors", "")) + [body]
    assert structure_normalised("".join(pieces)) == structure_normalised(text)
