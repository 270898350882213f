"""The search job on its own: an updated export reads as the cold export, however the change falls.

The plugin hands the job plain item fields; here they come from the
generated corpus (newsarchive.corpus) without a Pelican build around them,
so a few hundred items and many changes run in seconds. Real builds of the
same (edits, additions, deletions, date changes) are in test_incremental.py.
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import json
import shutil
import zlib
from pathlib import Path

import pytest
from export_view import patched_terms, readers_view, same_state, tree, unnamed_files

from newsarchive import corpus
from newsarchive.analysis import query_words
from newsarchive.search import build, docids, gzpieces, packs, postlists, reader, store, update
from newsarchive.search.engine import search
from newsarchive.search.items import SOURCE, handed_back, is_stub, packed
from newsarchive.search.prepare import CarriedOver, Preparations, ReadItems

ITEMS = 700


def item_fields(text: str, relative: Path) -> dict:
    head, _, body = text.partition("\n\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines())
    split = [v.strip() for v in meta.get("Townships", "").split(",") if v.strip()]
    return {
        "url": f"{relative.parent.as_posix()}/{relative.stem}/",
        "title": meta["Title"],
        "html": "".join(f"<p>{p}</p>\n" for p in body.strip().split("\n\n") if p),
        "date": meta["Date"].replace(" ", "T") + ":00",
        "authors": [a.strip() for a in meta.get("Authors", "").split(",") if a.strip()],
        "county": meta["Category"],
        "townships": split,
        "topics": [t.strip() for t in meta.get("Tags", "").split(",") if t.strip()],
        "type": meta.get("Type", "article"),
        "credit": meta.get("Credit", ""),
    }


@pytest.fixture(scope="module")
def items():
    return [item_fields(text, relative) for relative, text in corpus.items(ITEMS + 1, seed=3)]


@pytest.fixture(scope="module")
def previous(items, tmp_path_factory):
    site = tmp_path_factory.mktemp("previous") / "site"
    summary = build.run(str(site), None, items[:ITEMS])
    assert not summary["incremental"]
    return site


def edit(item: dict, words: str = "老墙门议事会") -> None:
    assert "</p>" in item["html"], "photo items have no body to edit"
    item["html"] = item["html"].replace("</p>", f"{words}。</p>", 1)


def article(xs: list[dict], i: int) -> dict:
    """The first item at or after ``i`` that has a body."""
    return next(x for x in xs[i:] if "</p>" in x["html"])


CHANGES = {
    "nothing": lambda xs: None,
    "edit": lambda xs: edit(article(xs, ITEMS // 2)),
    "edit at the start": lambda xs: edit(article(xs, 0)),
    "add": lambda xs: xs.append(xs.pop(ITEMS)),
    "delete": lambda xs: xs.pop(123),
    "new date": lambda xs: xs[40].update(date="2013-03-03T09:00:00"),
    "new title": lambda xs: xs[77].update(title=xs[77]["title"] + "（更正）"),
    "new township": lambda xs: xs[90].update(townships=[]),
    "several at once": lambda xs: (edit(article(xs, 5)), edit(article(xs, 600), "乡村振兴"), xs.pop(300),
                                   xs[10].update(date="2020-02-02T08:00:00")),
}


@pytest.mark.parametrize("carried", [False, True], ids=["linked by the job", "linked while reading"])
@pytest.mark.parametrize("change", CHANGES)
def test_an_updated_export_is_the_cold_export(items, previous, tmp_path, change, carried):
    changed = copy.deepcopy(items)
    CHANGES[change](changed)
    changed = changed[:ITEMS + 1] if change == "add" else changed[:ITEMS]
    early = CarriedOver(tmp_path / "updated", previous) if carried else None
    updated = build.run(str(tmp_path / "updated"), str(previous), changed, early=early)
    cold = build.run(str(tmp_path / "cold"), None, changed)
    assert updated["incremental"] and not cold["incremental"]
    assert readers_view(tmp_path / "updated") == readers_view(tmp_path / "cold")
    assert same_state(store.load_state(tmp_path / "updated"), store.load_state(tmp_path / "cold"))
    if change == "nothing":
        assert tree(tmp_path / "updated" / "search") == tree(tmp_path / "cold" / "search")
    else:  # the item's terms with long lists are patched in their shard entries, not written again
        assert patched_terms(tmp_path / "updated")
        assert not patched_terms(tmp_path / "cold")
    if change not in ("several at once", "nothing"):  # one item's terms, week and facets; the rest is linked
        # a deleted item's long lists are written again at once (test_a_deleted_item_leaves_no_entry_in_any_file)
        share = 2 if change == "delete" else 4
        assert updated["files_written"] < cold["files_written"] / share < updated["files_linked"]


@pytest.mark.parametrize("carried", [False, True], ids=["folded by the job", "folded while reading"])
def test_patches_are_folded_into_their_files_and_stay_small(items, previous, tmp_path, carried):
    """Update after update: each reads as the cold export, and no patch outgrows its term's limit."""
    changed = copy.deepcopy(items[:ITEMS])
    site, folded, folded_early = previous, 0, 0
    for k in range(14):
        edit(article(changed, (k * 53) % (ITEMS - 20)), "乡村振兴" if k % 2 else "老墙门议事会")
        if k == 9:
            changed.pop(200)
        before = store.load_state(site)["heavy"]
        target = tmp_path / f"update-{k}"
        early = CarriedOver(target, site) if carried else None
        summary = build.run(str(target), str(site), changed, early=early)
        assert summary["incremental"]
        folded_early += summary["folded_early"]
        state = store.load_state(target)
        folded += sum(1 for t, meta in state["heavy"].items()
                      if "patch" in before.get(t, {}) and "patch" not in meta)
        for term, meta in state["heavy"].items():
            assert update.patch_size(meta) <= update.fold_limit(term)
        assert unnamed_files(target) == [], "a file left behind would go only with the next build"
        if k % 3 == 1:  # a later fold could hide a wrong export in between
            build.run(str(tmp_path / f"cold-{k}"), None, changed)
            assert readers_view(target) == readers_view(tmp_path / f"cold-{k}")
        site = target
    build.run(str(tmp_path / "cold"), None, changed)
    assert readers_view(site) == readers_view(tmp_path / "cold")
    assert folded, "patches that outgrew their limit were folded into new files"
    assert bool(folded_early) == carried, "with the previous export carried over, folds are done while reading"
    # a folded file is the one a cold export writes: its entry count and blocks are right. Its closing
    # piece keeps the pack pointer it had (packs.py: an update writes no pack), so its name and the
    # closing piece's size may differ from the cold export's.
    cold_heavy = store.load_state(tmp_path / "cold")["heavy"]
    first = store.load_state(previous)["heavy"]
    refolded = [t for t, meta in store.load_state(site)["heavy"].items()
                if "patch" not in meta and t in cold_heavy and meta["file"] != first.get(t, {}).get("file")]
    assert refolded
    def lists_part(meta):
        return {k: v for k, v in meta.items() if k not in ("file", "pack", "tail")}

    for term in refolded:
        assert lists_part(store.load_state(site)["heavy"][term]) == lists_part(cold_heavy[term])


def _merging_early(changed: list[dict], previous: Path, tmp_path: Path) -> Path:
    """A build from ``previous`` after updates of ``changed``, whose index the early step (CarriedOver) merges."""
    source = previous
    for k in range(16):
        probe = tmp_path / f"probe-{k}"
        early = CarriedOver(probe, source)
        if _segments(probe) != _segments(source):
            return source
        edit(article(changed, (60 + 41 * k) % (ITEMS - 20)), "乡村振兴" if k % 2 else "老墙门议事会")
        build.run(str(probe), str(source), changed, early=early)
        source = probe
    raise AssertionError("no update left the index with small segments to merge")


@pytest.mark.parametrize("reason", ["--ignore-cache", "damaged manifest"])
def test_an_export_made_from_scratch_after_early_carry_over_is_the_cold_export(items, previous, tmp_path, reason):
    """The previous export and index were linked in (and the index merged) while Pelican read, but the job
    exports from scratch after all: nothing linked for the update that is not made may stay, and every file,
    of the export and of the index, is the cold build's."""
    changed = copy.deepcopy(items[:ITEMS])
    source = _merging_early(changed, previous, tmp_path)
    edit(article(changed, 321))
    if reason == "damaged manifest":
        shutil.copytree(source, tmp_path / "damaged")
        source = tmp_path / "damaged"
        (source / "search" / "manifest.json.gz").write_bytes(b"not gzip")
    site = tmp_path / "site"
    early = CarriedOver(site, source)
    assert early.present, "the previous export's files were linked in while reading"
    assert _segments(site) != _segments(source), "and its index merged"
    summary = build.run(str(site), str(source), changed, from_scratch=reason == "--ignore-cache", early=early)
    assert not summary["incremental"]
    build.run(str(tmp_path / "cold"), None, changed)
    assert tree(site / "search") == tree(tmp_path / "cold" / "search")
    assert tree(site / store.INDEX_DIR) == tree(tmp_path / "cold" / store.INDEX_DIR)
    assert same_state(store.load_state(site), store.load_state(tmp_path / "cold"))


def test_a_rebuild_with_nothing_changed_folds_nothing(items, previous, tmp_path):
    """Patches past their limit wait for a build that changes something: a no-op rebuild writes no byte."""
    changed = copy.deepcopy(items[:ITEMS])
    site = previous
    for k in range(6):
        edit(article(changed, 100 + 37 * k), "乡村振兴")
        build.run(str(tmp_path / f"update-{k}"), str(site), changed, early=CarriedOver(tmp_path / f"update-{k}", site))
        site = tmp_path / f"update-{k}"
    due = [t for t, meta in store.load_state(site)["heavy"].items() if update.patch_size(meta) > update.patch_limit(t)]
    assert due, "some patches are past their limit, waiting to be folded"
    again = tmp_path / "again"
    early = CarriedOver(again, site)
    assert early.folded, "they were folded while reading"
    summary = build.run(str(again), str(site), changed, early=early)
    assert summary["incremental"] and summary["files_written"] == 0 and summary["folded_early"] == 0
    assert tree(again / "search") == tree(site / "search")
    assert store.load_state(again) == store.load_state(site)


def _entries(flat: list[int]) -> dict[int, list[int]]:
    out, doc, i = {}, 0, 0
    while i < len(flat):
        doc += flat[i]
        out[doc] = flat[i + 1:i + 3 + flat[i + 2]]
        i += 3 + flat[i + 2]
    return out


def test_a_deleted_item_leaves_no_entry_in_any_file(items, previous, tmp_path):
    """A patch would hide a deleted item from searches, but its file would still hold the item's words."""
    changed = copy.deepcopy(items[:ITEMS])
    gone = article(changed, 250)
    gone_id = store.load_state(previous)["docs"][gone["url"]][1]
    changed.remove(gone)
    site = tmp_path / "updated"
    build.run(str(site), str(previous), changed, early=CarriedOver(site, previous))
    build.run(str(tmp_path / "cold"), None, changed)
    assert readers_view(site) == readers_view(tmp_path / "cold")
    cold_terms = reader.terms(tmp_path / "cold")
    checked = 0
    for key, value in reader.raw_entries(site).items():
        if key.startswith("#") or not (isinstance(value, str) or reader.is_patched(value)):
            continue
        in_file, _ = reader.long_list(site, value)
        for f, flat in enumerate(in_file):  # as stored, before any patch: the id is another item's or none
            assert _entries(flat).get(gone_id) == _entries(cold_terms[key][f]).get(gone_id), key
            checked += 1
    assert checked > 100
    assert gone["url"] in pack_urls(previous), "the item was in a pack"
    assert gone["url"] not in pack_urls(site), "no pack holds the deleted item's text"


def test_a_pack_holds_the_first_page_a_query_of_its_term_alone_shows(previous):
    """Each long list's pack (packs.py, ranked in numpy) is the engine's first page for its term, in order."""
    ix = store.open_site_index(previous)
    url_of = {v[1]: url for url, v in store.load_state(previous)["docs"].items()}
    long_lists = sorted((term, value) for term, value in reader.raw_entries(previous).items()
                        if (isinstance(value, str) or reader.is_patched(value)) and query_words(term) == [[(term, 0)]])
    checked = 0
    for term, value in long_lists[::5]:  # a fifth of them: each search takes the engine a few ms
        _, pointer = reader.long_list(previous, value)
        hits, _ = search(ix, term, limit=packs.PAGE)
        assert [url_of[doc] for doc in pointer[1]] == [hit.url for hit in hits], term
        checked += 1
    assert checked > 50


def pack_urls(site: Path) -> list[str]:
    """The URL of every item a pack of the export holds (packs.py), stale members too."""
    return [json.loads(gzip.decompress(member).decode().rpartition("\n")[2])["u"] for member in _pack_members(site)]


def test_an_edited_items_old_record_is_in_no_pack(items, previous, tmp_path):
    """A pack is never written again by an update: the long lists that named one holding the item now name none."""
    changed = copy.deepcopy(items[:ITEMS])
    in_packs = pack_urls(previous)
    target = max((x for x in changed if "</p>" in x["html"]), key=lambda x: in_packs.count(x["url"]))
    old_file = _record_file(previous, target["url"]).read_bytes()
    edit(target, "老墙门议事会")
    site = tmp_path / "updated"
    assert build.run(str(site), str(previous), changed, early=CarriedOver(site, previous))["incremental"]
    assert old_file in _pack_members(previous)
    assert old_file not in _pack_members(site)
    assert _record_file(site, target["url"]).read_bytes() != old_file
    # the other packs stay, and what a reader gets from them is each item's file now
    assert (site / "search" / "k").is_dir() and any((site / "search" / "k").iterdir())
    build.run(str(tmp_path / "cold"), None, changed)
    assert readers_view(site) == readers_view(tmp_path / "cold")


@pytest.mark.parametrize("carried", [False, True], ids=["linked by the job", "linked while reading"])
def test_a_renamed_item_of_a_pack_leaves_no_list_file_behind(items, previous, tmp_path, carried):
    """A title changed without a Slug gives an item a new URL: the old item is gone, the new one added with the
    same doc id and words. The long lists holding it are written again at once (a gone item's entries leave
    every file: _patch_heavy) and come out byte for byte as the previous build's files; then those whose pack
    holds it lose their pointer (_drop_packs). The file the pointer was in must go like any other replaced one."""
    changed = copy.deepcopy(items[:ITEMS])
    in_packs = pack_urls(previous)
    target = max((x for x in changed if "</p>" in x["html"]), key=lambda x: in_packs.count(x["url"]))
    old_url, old_id = target["url"], store.load_state(previous)["docs"][target["url"]][1]
    target["title"] += "（更正）"
    target["url"] = old_url.rstrip("/") + "-geng-zheng/"
    site = tmp_path / "updated"
    summary = build.run(str(site), str(previous), changed, early=CarriedOver(site, previous) if carried else None)
    assert summary["incremental"] and summary["added"] == summary["removed"] == 1
    assert store.load_state(site)["docs"][target["url"]][1] == old_id, "the same doc id: its lists are as they were"
    assert unnamed_files(site) == []
    assert old_url in pack_urls(previous) and old_url not in pack_urls(site)
    build.run(str(tmp_path / "cold"), None, changed)
    assert readers_view(site) == readers_view(tmp_path / "cold")


def _pack_members(site: Path) -> list[bytes]:
    """Every record file in the export's packs, as each pack holds it."""
    return [m for path in (site / "search" / "k").iterdir() for m in packs.members(path.read_bytes())]


def test_a_long_list_emptied_by_an_update_goes_from_the_export(items, tmp_path):
    """A term whose only item is deleted is gone, as in a cold export, not a patch that empties its list."""
    lone = dict(copy.deepcopy(article(items, 0)), url="2023/01/lone-word/", html="<p>" + "zqxvk " * 1500 + "</p>")
    first = tmp_path / "first"
    build.run(str(first), None, [*items[:200], lone])
    assert "zqxvk" in store.load_state(first)["heavy"], "the word has a long list of its own"
    site = tmp_path / "updated"
    build.run(str(site), str(first), items[:200], early=CarriedOver(site, first))
    assert "zqxvk" not in reader.raw_entries(site)
    assert "zqxvk" not in store.load_state(site)["heavy"]


def test_a_patch_applies_as_the_cold_list():
    """reader.patched (and engine.js, the same steps) against Change.apply on decoded entries."""
    base = [[(d, [40, 1, d % 9]) for d in range(0, 300, 4)], [], [(d, [90, 2, 1, 3]) for d in range(1, 300, 5)]]
    change = update.Change()
    change.removed[0] |= {8, 12}
    change.added[0].update({12: [41, 1, 2], 13: [41, 1, 0]})
    change.removed[2] |= {6, 296}
    later = update.Change()
    later.removed[0] |= {13, 100}
    later.added[1][7] = [3, 1, 0]
    both = change.then(later)
    assert both.removed[0] == {8, 12, 100} and both.added[0] == {12: [41, 1, 2]}
    text = json.loads(both.patch_text("0123456789abcdef"))
    assert text[0] == "@0123456789abcdef"
    flat = [json.loads(b"[" + postlists.encode(entries) + b"]") for entries in base]
    want = [json.loads(b"[" + postlists.encode(both.apply(f, entries)) + b"]") for f, entries in enumerate(base)]
    assert reader.patched(flat, text[1], text[2]) == want


def test_an_update_finds_the_new_words_and_loses_the_old(items, previous, tmp_path):
    changed = copy.deepcopy(items[:ITEMS])
    edit(article(changed, 200), "独一无二的新词语")
    site = tmp_path / "site"
    build.run(str(site), str(previous), changed)
    ix = store.open_site_index(site)
    try:
        assert [h.url for h in search(ix, "独一无二的新词语")[0]] == [article(changed, 200)["url"]]
    finally:
        ix.close()


def _segments(site: Path) -> list[str]:
    ix = store.open_site_index(site)
    try:
        return [seg.segment_id() for seg in ix._segments()]
    finally:
        ix.close()


def _found(site: Path, queries: list[str]) -> list[list[str]]:
    ix = store.open_site_index(site)
    try:
        return [[h.url for h in search(ix, q)[0]] for q in queries]
    finally:
        ix.close()


def test_small_segments_are_merged_while_reading_and_the_job_only_adds_its_own(items, previous, tmp_path):
    """Whoosh merges small segments at a commit now and then (0.3–0.6 s of that job); here the copy linked in
    while Pelican reads is merged instead, the job's commit adds one segment and merges nothing, searches
    find what a cold index finds, and a build with nothing changed keeps the previous index byte for byte."""
    changed = copy.deepcopy(items[:ITEMS])
    site, merged_early = previous, 0
    queries = ["老墙门议事会", "乡村振兴", "海宁", "开门红"]
    for k in range(8):
        edit(article(changed, 60 + 41 * k), "乡村振兴" if k % 2 else "老墙门议事会")
        target = tmp_path / f"update-{k}"
        before = _segments(site)
        early = CarriedOver(target, site)
        assert early.index_ready
        after_early = _segments(target)
        if after_early != before:
            merged_early += 1
            assert len(before) >= 5 and len(after_early) < len(before)
        build.run(str(target), str(site), changed, early=early)
        # the job's commit: the segments it found, plus its own
        assert _segments(target)[:-1] == after_early
        site = target
    assert merged_early, "some build found five segments or more and merged them while reading"
    build.run(str(tmp_path / "cold"), None, changed)
    assert _found(site, queries) == _found(tmp_path / "cold", queries)
    assert all(_found(site, queries))

    # a build with nothing changed, where the early merge has work to do
    site = _merging_early(changed, site, tmp_path)
    again = tmp_path / "again"
    early = CarriedOver(again, site)
    assert _segments(again) != _segments(site), "merged while reading"
    summary = build.run(str(again), str(site), changed, early=early)
    assert summary["incremental"] and summary["updated"] == 0
    assert tree(again / store.INDEX_DIR) == tree(site / store.INDEX_DIR)


def test_unchanged_files_are_linked_and_the_previous_build_is_never_written(items, previous, tmp_path):
    before = tree(previous)
    changed = copy.deepcopy(items[:ITEMS])
    edit(article(changed, 300))
    site = tmp_path / "site"
    summary = build.run(str(site), str(previous), changed)
    assert summary["files_linked"] > 2 * summary["files_written"]
    assert tree(previous) == before
    shared = [p for p in (site / "search").rglob("*.gz") if p.stat().st_nlink > 1]
    assert shared, "unchanged export files are hard links to the previous build's"


def _record_file(site: Path, url: str) -> Path:
    """The item's record file in a built export: r/<its doc id>-<its week's name>.json.gz."""
    return reader.record_file(site, reader.manifest(site), store.load_state(site)["docs"][url][1])


def test_an_item_moved_by_a_newcomer_in_its_week_keeps_its_record_file(items, previous, tmp_path):
    """An item added ahead of others of its week moves each to the next id; their files are the same bytes, linked."""
    changed = copy.deepcopy(items[:ITEMS])
    _, ids = docids.assign(changed)
    # two items of one week, the second right behind the first in the tie order
    by_id = sorted(changed, key=lambda item: ids[item["url"]])
    ahead, behind = next((a, b) for a, b in zip(by_id, by_id[1:], strict=False)
                         if ids[b["url"]] == ids[a["url"]] + 1 and docids.week(a["date"]) == docids.week(b["date"]))
    newcomer = {**copy.deepcopy(ahead), "url": ahead["url"].rstrip("/") + "-0/", "title": "新到的一篇"}
    newcomer["html"] = "<p>新到的一篇，同一周里排在它们前面。</p>"
    changed.append(newcomer)
    updated = build.run(str(tmp_path / "updated"), str(previous), changed)
    cold = build.run(str(tmp_path / "cold"), None, changed)
    assert updated["incremental"]
    assert readers_view(tmp_path / "updated") == readers_view(tmp_path / "cold")
    _, new_ids = docids.assign(changed)
    assert new_ids[behind["url"]] == ids[behind["url"]] + 1, "the newcomer comes before it in the tie order"
    old_file, new_file = _record_file(previous, behind["url"]), _record_file(tmp_path / "updated", behind["url"])
    assert old_file.name != new_file.name
    assert new_file.samefile(old_file), "its record file is the last build's, under its new name"


def test_from_scratch_ignores_the_previous_build(items, previous, tmp_path):
    summary = build.run(str(tmp_path / "site"), str(previous), items[:ITEMS], from_scratch=True)
    assert not summary["incremental"]
    assert tree(tmp_path / "site" / "search") == tree(previous / "search")


def test_long_lists_are_gzip_files_of_several_pieces(previous):
    state = store.load_state(previous)
    multi = [meta for meta in state["heavy"].values() if len(meta["blocks"]) > 3]
    assert multi, "the corpus has lists long enough to be cut"
    for meta in multi[:20]:
        data = (previous / "search" / "w" / f"{meta['file']}.json.gz").read_bytes()
        raw = gzip.decompress(data)
        assert json.loads(raw) and hashlib.sha256(raw).hexdigest()[:16] == meta["file"]
        sizes = [row[6] for row in meta["blocks"]] + [meta["tail"][1]]
        pieces = gzpieces.split(data, sizes)
        # each piece inflates on its own to exactly its block's text
        offsets = [0]
        for row in meta["blocks"]:
            offsets.append(offsets[-1] + row[5])
        for piece, row, start in zip(pieces, meta["blocks"], offsets, strict=False):
            assert zlib.decompressobj(-15).decompress(piece) == raw[start:start + row[5]]


def test_splice_equals_encoding_the_changed_entries():
    entries = [(d, [100 + d, 2, d % 7, 3]) for d in range(10, 400, 3)]
    for previous, new_previous in ((0, 0), (5, 7)):
        text = postlists.encode(entries, previous)
        removed = {52, 199, 397}
        added = {53: [9, 1, 4], 60: [1, 1, 0], 500: [3, 1, 1]}
        want = sorted([e for e in entries if e[0] not in removed] + list(added.items()))
        got, first, last, count = postlists.splice(text, previous, new_previous, removed, added, len(entries),
                                                   entries[-1][0])
        assert got == postlists.encode(want, new_previous)
        assert (first, last, count) == (want[0][0], want[-1][0], len(want))


def test_doc_ids_follow_the_tie_break_order_and_stay_put_outside_a_week(items):
    grid, ids = docids.assign(items[:ITEMS])
    order = docids.tie_order(items[:ITEMS])
    assert [ids[i["url"]] for i in order] == sorted(ids.values())
    newcomer = items[ITEMS]
    grid2, ids2 = docids.assign(items[:ITEMS + 1])
    assert grid2 == grid
    week = docids.week(newcomer["date"])
    moved = [u for u in ids if ids[u] != ids2[u]]
    assert all(docids.week(next(i["date"] for i in items if i["url"] == u)) == week for u in moved)


def read_early(item: dict) -> dict:
    """What the plugin hands over as an item is read (items.read_fields): no URL yet, its source file."""
    return {**{k: v for k, v in item.items() if k != "url"}, SOURCE: f"content/{item['url'].strip('/')}.md"}


def handed_back_all(final: list[dict], read: list[dict]) -> list[dict]:
    """The job's items as the plugin makes them once every item is read (items.handed_back)."""
    by_source = {r[SOURCE]: r for r in read}
    return [handed_back(item, f"content/{item['url'].strip('/')}.md", by_source) for item in final]


def test_work_prepared_while_reading_gives_the_cold_export(items, tmp_path):
    """The plugin hands items over as they are read; what the job then finds may differ from what was prepared."""
    final = copy.deepcopy(items[:ITEMS])
    read = [read_early(item) for item in items[:ITEMS + 1]]  # the last one never reaches the build (a draft, say)
    edit(article(final, 10), "后来改过的句子")  # changed by a plugin after it was read
    final[30]["title"] += "（更正）"  # metadata too
    del read[50:70]  # read after the last hand-over: the job does these itself

    handed = handed_back_all(final, read)
    assert sum(is_stub(item) for item in handed) == ITEMS - 20 - 2
    assert all("html" in item for item in handed if not is_stub(item))
    site = tmp_path / "prepared"
    work = Preparations(site)
    work.add(read)
    summary = build.run(str(site), None, handed, early=work)
    cold = build.run(str(tmp_path / "cold"), None, final)

    assert summary["prepared"] == ITEMS - 20 - 2
    assert tree(site / "search") == tree(tmp_path / "cold" / "search")  # a cold export: no patches
    assert store.load_state(site) == store.load_state(tmp_path / "cold")
    assert readers_view(site) == readers_view(tmp_path / "cold")


def test_items_that_came_back_as_read_need_the_work_done_while_reading(items, tmp_path):
    """A stub stands for work done in this folder; without it the job stops instead of indexing nothing."""
    read = [read_early(item) for item in items[:50]]
    handed = handed_back_all(items[:50], read)
    elsewhere = Preparations(tmp_path / "elsewhere")
    elsewhere.add(read)
    with pytest.raises(ValueError, match="came back as read"):
        build.run(str(tmp_path / "site"), None, handed, early=elsewhere)
    lost = Preparations(tmp_path / "site2")
    lost.add(read[1:])  # a batch that never arrived
    with pytest.raises(ValueError, match=read[0][SOURCE]):
        build.run(str(tmp_path / "site2"), None, handed, early=lost)


def test_a_rebuild_takes_the_items_it_read_for_the_stubs_it_gets_back(items, previous, tmp_path):
    """A rebuild hands items over as read too (prepare.ReadItems), and the job gets stubs back: an item edited
    before it was read comes back as a stub and is indexed again all the same; one a plugin changed after it
    was read comes back whole; the update reads as a cold export of the final items."""
    first = tmp_path / "first"
    shutil.copytree(previous, first)
    final = copy.deepcopy(items[:ITEMS])
    edit(article(final, ITEMS // 2), "后来改过的句子")  # edited in its file: read as it is now
    read = [read_early(item) for item in final]
    edit(article(final, 40), "插件改过的句子")  # changed after it was read
    handed = handed_back_all(final, read)
    assert sum(not is_stub(item) for item in handed) == 1

    site = tmp_path / "updated"
    taken = ReadItems(site)
    taken.add(packed(read))  # as the worker gets them: HTML as UTF-8 bytes
    summary = build.run(str(site), str(first), handed, early=CarriedOver(site, first), read=taken)
    build.run(str(tmp_path / "cold"), None, final)

    assert summary["incremental"] and summary["updated"] == 2 and summary["added"] == summary["removed"] == 0
    assert readers_view(site) == readers_view(tmp_path / "cold")
    assert _found(site, ["后来改过的句子", "插件改过的句子"]) == _found(tmp_path / "cold", ["后来改过的句子", "插件改过的句子"])
    assert all(_found(site, ["后来改过的句子", "插件改过的句子"]))


def test_a_rebuild_that_changed_too_much_exports_the_items_it_read_from_scratch(items, previous, tmp_path):
    """Past the share an update handles, the job exports from scratch: the stubs' items, HTML as read, make it."""
    final = copy.deepcopy(items[:ITEMS])
    for i in range(0, ITEMS, 3):
        final[i]["title"] += "（修订）"
    read = [read_early(item) for item in final]
    handed = handed_back_all(final, read)
    assert all(is_stub(item) for item in handed)
    site = tmp_path / "updated"
    taken = ReadItems(site)
    taken.add(packed(read))
    summary = build.run(str(site), str(previous), handed, read=taken)
    build.run(str(tmp_path / "cold"), None, final)
    assert not summary["incremental"]
    assert tree(site / "search") == tree(tmp_path / "cold" / "search")
    assert store.load_state(site) == store.load_state(tmp_path / "cold")


def test_a_rebuilds_stub_without_its_item_read_stops_the_job(items, previous, tmp_path):
    read = [read_early(item) for item in items[:ITEMS]]
    handed = handed_back_all(items[:ITEMS], read)
    lost = ReadItems(tmp_path / "site")
    lost.add(packed(read[1:]))  # a batch that never arrived
    with pytest.raises(ValueError, match=read[0][SOURCE]):
        build.run(str(tmp_path / "site"), str(previous), handed, read=lost)
    elsewhere = ReadItems(tmp_path / "elsewhere")
    elsewhere.add(packed(read))
    with pytest.raises(ValueError, match="came back as read"):
        build.run(str(tmp_path / "site2"), str(previous), handed, read=elsewhere)


def test_a_cold_export_made_on_the_spare_core_is_the_one_made_in_line(items, previous, tmp_path, monkeypatch):
    """The previous export's files were compressed and written on the spare core's thread (spare_core.py)."""
    from newsarchive.search import spare_core

    monkeypatch.setattr(spare_core, "BUDGET_BYTES", 0)  # every file made by the job's own thread
    build.run(str(tmp_path / "site"), None, items[:ITEMS])
    assert tree(tmp_path / "site" / "search") == tree(previous / "search")
    assert store.load_state(tmp_path / "site") == store.load_state(previous)


def test_work_prepared_for_another_folder_is_not_used(items, previous, tmp_path):
    work = Preparations(tmp_path / "elsewhere")
    work.add([read_early(item) for item in items[:50]])
    summary = build.run(str(tmp_path / "site"), None, items[:ITEMS], early=work)
    assert summary["prepared"] == 0
    assert tree(tmp_path / "site" / "search") == tree(previous / "search")


def test_a_body_tokenized_piece_by_piece_is_the_body_tokenized_whole(items):
    """prepare.py counts each text piece's positions from the runs of the piece; no run may cross a piece."""
    from newsarchive.analysis.fast import position_count
    from newsarchive.search import bulk, records
    from newsarchive.search.documents import body_text

    texts = [body_text(item["html"]) for item in items[:200]]
    texts.append("第一句。\n2023.1版本３．５ＧＷ！“红石榴”宣讲队；" * 150)  # numbers and quotes at the cuts
    for text in texts:
        pieces = records.split_pieces(text)
        assert len(pieces) > 1 or len(text) < 2 * records.PIECE_CHARS
        whole, cut = bulk.tokenize((text,)), bulk.tokenize(tuple(pieces))
        assert (cut.runs, cut.run_lengths, cut.words) == (whole.runs, whole.run_lengths, whole.words)
        assert cut.sizes == [position_count(piece) for piece in pieces]
        assert sum(cut.sizes) == whole.sizes[0]


def test_files_linked_for_an_update_that_is_not_made_are_dropped(items, previous, tmp_path):
    """Too many changes for an update: the export is made from scratch, with nothing left of the carry-over."""
    changed = copy.deepcopy(items[:ITEMS])
    for item in changed[::10]:
        if "</p>" in item["html"]:
            edit(item)
    early = CarriedOver(tmp_path / "site", previous)
    assert early.present, "the previous export's files are linked in"
    summary = build.run(str(tmp_path / "site"), str(previous), changed, early=early)
    cold = build.run(str(tmp_path / "cold"), None, changed)
    assert not summary["incremental"] and not cold["incremental"]
    assert tree(tmp_path / "site" / "search") == tree(tmp_path / "cold" / "search")


def test_the_job_starts_from_the_shards_read_while_pelican_read(items, previous, tmp_path):
    # The previous build's shards are read early (prepare.CarriedOver); the
    # job must not need them on disk again, and must read as a cold export.
    first = tmp_path / "first"
    shutil.copytree(previous, first)
    changed = copy.deepcopy(items[:ITEMS])
    edit(article(changed, ITEMS // 2))
    early = CarriedOver(tmp_path / "updated", first)
    assert early.shards is not None and len(early.shards.loaded) == early.shards.n
    for name in reader.shard_names(reader.manifest(first)):
        (first / "search" / "w" / f"{name}.json.gz").unlink()
    updated = build.run(str(tmp_path / "updated"), str(first), changed, early=early)
    assert updated["incremental"] and early.shards is None  # used once, then let go
    build.run(str(tmp_path / "cold"), None, changed)
    assert readers_view(tmp_path / "updated") == readers_view(tmp_path / "cold")
