"""The shipped content is the seed page, faithfully: nothing dropped, nothing invented."""

from __future__ import annotations

import re

from conftest import CONTENT, SEED, item_files, read_item, seed_text, split_names

from newsarchive import gazetteer

SENTENCE_END = "。！？…”’）"


def seed_blocks() -> list[str]:
    return [b.strip() for b in seed_text().split("\n\n") if b.strip()]


def items_in_page_order():
    text = seed_text()
    items = []
    for path in item_files():
        fields, body = read_item(path)
        items.append((text.index(fields["title"]), path, fields, body))
    return [i[1:] for i in sorted(items, key=lambda i: i[0])]


def test_seed_copy_matches_shared_original():
    shared = CONTENT.parent.parent / "shared" / "seed" / SEED.name
    if shared.exists():  # only on a developer machine with the shared material
        assert shared.read_bytes() == SEED.read_bytes()


def test_eight_articles_and_three_photos():
    kinds = [read_item(p)[0].get("type", "article") for p in item_files()]
    assert kinds.count("article") == 8
    assert kinds.count("photo") == 3


def test_all_text_of_the_page_is_in_the_items_in_page_order():
    """Titles, bylines, bodies and photo credits, joined in page order, are the page.

    White space is the only thing allowed to differ (line breaks between
    blocks); every other character must be there exactly once.
    """
    pieces = []
    for _path, fields, body in items_in_page_order():
        pieces.append(fields["title"])
        if fields.get("type") == "photo":
            pieces.append(f"（{fields['credit']}）")
        else:
            pieces.append("".join(split_names(fields["authors"])))
            pieces.append(body)
    strip = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    assert strip("".join(pieces)) == strip(seed_text())


def test_paragraphs_are_seed_blocks_or_rejoined_column_breaks():
    blocks = seed_blocks()
    joined_any = 0
    for path, fields, body in items_in_page_order():
        for paragraph in body.split("\n\n") if body else []:
            # The paragraph must be one block, or consecutive blocks that the
            # page's columns broke mid-sentence, joined with nothing between.
            start = next(i for i, b in enumerate(blocks) if paragraph.startswith(b))
            rebuilt, i = blocks[start], start
            while rebuilt != paragraph:
                assert rebuilt[-1] not in SENTENCE_END, f"{path.name}: joined a finished paragraph"
                i += 1
                rebuilt += blocks[i]
                assert len(rebuilt) <= len(paragraph), f"{path.name}: {paragraph[:20]}… is not from the seed"
            joined_any += i - start
            assert paragraph[-1] in SENTENCE_END, f"{path.name}: paragraph still broken: …{paragraph[-10:]}"
    assert joined_any == 12  # the column breaks of the seed page, e.g. 线上平台订单 + 量突破


def test_bylines_become_authors():
    blocks = seed_blocks()
    for path, fields, _body in items_in_page_order():
        if fields.get("type") == "photo":
            assert "authors" not in fields
            continue
        byline = blocks[blocks.index(fields["title"]) + 1]
        assert split_names(fields["authors"]) == byline.split(), path.name


def test_metadata_is_valid_and_dated_as_an_estimate():
    places = gazetteer.load()
    for path in item_files():
        fields, _ = read_item(path)
        assert fields["date"] == "2023-01-31"
        assert "估计" in fields["source"], "the date must be marked as an editorial estimate"
        assert fields["category"] in places.counties
        for township in split_names(fields.get("townships", "")):
            assert places.townships[township].county == fields["category"], path.name
        assert split_names(fields["tags"]), f"{path.name} has no topics"
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", fields["slug"])
        assert path.relative_to(CONTENT).as_posix() == f"2023/01/{fields['slug']}.md"


def test_photo_credits_come_from_the_caption_line():
    text = seed_text()
    for path in item_files():
        fields, body = read_item(path)
        if fields.get("type") == "photo":
            assert body == ""
            assert f"{fields['title']}（{fields['credit']}）" in text
