"""The static export is the Whoosh index: same terms, documents, positions; small named files."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from whoosh import index as whoosh_index

from newsarchive.search import reader
from newsarchive.search.schema import SEARCH_FIELDS
from newsarchive.search.store import INDEX_DIR


def load(path: Path):
    return json.loads(gzip.decompress(path.read_bytes()))


def decode(flat: list[int]) -> dict[int, tuple[int, list[int]]]:
    out, doc, i = {}, 0, 0
    while i < len(flat):
        doc += flat[i]
        length, count = flat[i + 1], flat[i + 2]
        positions, p = [], 0
        for delta in flat[i + 3:i + 3 + count]:
            p += delta
            positions.append(p)
        out[doc] = (length, positions)
        i += 3 + count
    return out


def exported_terms(site: Path, manifest: dict) -> dict[str, list]:
    """Every key's lists as the browser resolves them (reader.terms checks each key's shard against its hash)."""
    return reader.terms(site)


def load_records(site: Path, manifest: dict) -> dict[int, dict]:
    """doc id → display record, with its first piece of text as "p": one file per item, named by its week's hash."""
    files, width, size = manifest["records"]["files"], manifest["hash"], manifest["records"]["size"]
    records = {}
    for path in (site / "search" / "r").iterdir():
        doc, week = path.name.removesuffix(".json.gz").split("-")
        assert files[int(doc) // size * width:][:width] == week, f"{path.name} is not named by its week's hash"
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        first, _, record = text.rpartition("\n")
        records[int(doc)] = {**json.loads(record), "p": first}
    return records


def test_exported_postings_equal_the_whoosh_index(seed_site):
    site = seed_site.output
    manifest = load(site / "search" / "manifest.json.gz")
    terms = exported_terms(site, manifest)
    records = load_records(site, manifest)
    doc_of_url = {r["u"]: i for i, r in records.items()}

    ix = whoosh_index.open_dir(str(site / INDEX_DIR))
    with ix.searcher() as s:
        reader = s.reader()
        stored = {docnum: d for docnum, d in reader.iter_docs()}
        assert manifest["docs"] == len(stored) == len(records)
        seen = 0
        for fi, field in enumerate(SEARCH_FIELDS):
            for term in reader.field_terms(field):
                m = reader.postings(field, term)
                expected = {}
                while m.is_active():
                    d = stored[m.id()]
                    expected[doc_of_url[d["url"]]] = (d["lengths"][fi], m.value_as("positions"))
                    m.next()
                if len(term) == 1 and "\u3400" <= term <= "\u9fff":
                    continue  # a character alone is stored only at the end of a run: see below
                assert decode(terms[term][fi]) == expected, (field, term)
                seen += 1
        # a character: wherever a stored term starts with it
        for fi, field in enumerate(SEARCH_FIELDS):
            for char in [k for k in terms if len(k) == 1 and "\u4e00" <= k <= "\u9fff"]:
                expected = {}
                for term in reader.expand_prefix(field, char):
                    term = term.decode() if isinstance(term, bytes) else term
                    if not ("\u3400" <= term[0] <= "\u9fff"):
                        continue
                    m = reader.postings(field, term)
                    while m.is_active():
                        d = stored[m.id()]
                        length, positions = expected.get(doc_of_url[d["url"]], (d["lengths"][fi], []))
                        expected[doc_of_url[d["url"]]] = (length, sorted(positions + m.value_as("positions")))
                        m.next()
                assert decode(terms[char][fi]) == expected, (field, char)
    ix.close()
    word_terms = [k for k in terms if not k.startswith("#")]
    assert seen + len([k for k in word_terms if len(k) == 1]) >= len(word_terms)  # nothing the index lacks
    assert terms["#county:海宁市"] == [doc_of_url["2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/"]]


def test_doc_ids_follow_the_tie_break_order(seed_site):
    manifest = load(seed_site.output / "search" / "manifest.json.gz")
    records = load_records(seed_site.output, manifest)
    keys = [(records[i]["d"], records[i]["u"]) for i in sorted(records)]
    # all seed items share a date: then by URL
    assert keys == sorted(keys, key=lambda k: (-int(k[0].replace("-", "")), k[1]))


def test_file_names_are_hashes_of_their_content(seed_site):
    import hashlib

    from newsarchive.search.records import dumps

    search = seed_site.output / "search"
    manifest = load(search / "manifest.json.gz")
    weeks: dict[int, list] = {}
    for doc, record in sorted(load_records(seed_site.output, manifest).items()):
        record.pop("p")
        weeks.setdefault(doc // manifest["records"]["size"], []).append(record)
    width = manifest["hash"]
    for week, records in weeks.items():
        # an item's file is named by its week: the hash of the week's records, which name every piece of their texts
        assert hashlib.sha256(dumps(records)).hexdigest()[:width] == manifest["records"]["files"][week * width:][:width]
    for path in search.rglob("*.gz"):
        if path.name == "manifest.json.gz" or path.parent.name == "r":
            continue
        name = path.name.split(".")[0]
        digest = hashlib.sha256(gzip.decompress(path.read_bytes())).hexdigest()
        slotted = re.fullmatch(r"(\d+)-([0-9a-f]{8})", name)
        if slotted:  # listed in the manifest by slot
            assert digest[:8] == slotted.group(2)
        else:
            assert re.fullmatch(r"[0-9a-f]{16}", name) and digest[:16] == name


def test_text_pieces_keep_positions(seed_site):
    from whoosh import index as whoosh_index

    from newsarchive.analysis.fast import postings
    from newsarchive.search.records import text_pieces

    ix = whoosh_index.open_dir(str(seed_site.output / INDEX_DIR))
    with ix.searcher() as s:
        texts = [d["text"] for d in s.all_stored_fields() if d["text"]]
    ix.close()
    texts.append("\n".join(texts))  # the page's articles are one piece each; together, several
    assert len(text_pieces(texts[-1])) > 2
    for text in texts:
        pieces = text_pieces(text)
        assert "".join(p for _, p in pieces) == text
        whole = {(t, p) for t, ps in postings(text).items() for p in ps}
        shifted = {(t, start + p) for start, piece in pieces for t, ps in postings(piece).items() for p in ps}
        # every term of every piece is where the whole text has it; only bigrams across a cut are missing
        assert shifted <= whole
        assert {(t, p) for t, p in whole if len(t) == 1} <= shifted


def test_each_item_file_brings_the_first_piece_of_its_text(long_item_site):
    # Checked against the index's stored text and the analyzer, not against
    # the exporter's own cutting: the pieces, first one included, give back
    # the whole text; each ends a sentence; a piece's first position is the
    # count of positions before it.
    from newsarchive.analysis.fast import position_count
    from newsarchive.search.records import PIECE_CHARS, name_of

    site = long_item_site.output
    records = load_records(site, load(site / "search" / "manifest.json.gz"))
    ix = whoosh_index.open_dir(str(site / INDEX_DIR))
    with ix.searcher() as s:
        texts = {d["url"]: d["text"] for d in s.all_stored_fields()}
    ix.close()
    pieces_on_their_own = {p.name.split(".")[0] for p in (site / "search" / "t").glob("*.txt.gz")}
    assert len(records) == len(texts)
    long_items = 0
    for record in records.values():
        text = texts[record["u"]]
        if not text:
            assert record["p"] == "" and not record.get("x")
            continue
        later = [gzip.decompress((site / "search" / "t" / f"{name}.txt.gz").read_bytes()).decode("utf-8")
                 for _, name in record["x"][1:]]
        pieces = [record["p"], *later]
        assert "".join(pieces) == text
        assert all(piece and len(piece) >= PIECE_CHARS and piece[-1] in "。！？；\n" for piece in pieces[:-1])
        assert [start for start, _ in record["x"]] == [position_count("".join(pieces[:i])) for i in range(len(pieces))]
        # named like the others, so the week's name changes with it, but it has no file of its own
        assert record["x"][0][1] == name_of(record["p"].encode("utf-8")) not in pieces_on_their_own
        assert {name for _, name in record["x"][1:]} <= pieces_on_their_own
        long_items += len(pieces) > 1
    assert long_items, "the site has an item longer than one piece"