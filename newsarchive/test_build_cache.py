"""build_cache: what a build saves is what the next build loads."""

from __future__ import annotations

from newsarchive import build_cache


def test_entries_written_a_chunk_at_a_time_load_back_whole(tmp_path):
    """Keys and values share objects across chunks (a kind tag, a repeated string), as the Markdown cache's do."""
    path = tmp_path / "cache.pickle"
    tag = "html"
    entries = [((tag, f"key{i}"), ("same text", i, b"x" * i)) for i in range(7)]
    build_cache.save_entries(path, "v1", iter(entries), chunk=2)
    assert build_cache.load_entries(path, "v1") == dict(entries)
    assert build_cache.load_entries(path, "v2") is None  # another stamp: as good as no cache
