"""Positions whose last step is 46 (the byte ".") read back as positions, not as a pickle."""

from __future__ import annotations

from whoosh.filedb.filestore import FileStorage

from newsarchive.search.engine import search
from newsarchive.search.schema import SCHEMA


def test_a_position_step_of_46_reads_back(tmp_path):
    # 开门 at 0 and at 46: the encoded value ends in 0x2E, which whoosh-ng 5.4's
    # own Positions format takes for an old pickle
    body = "开门" + "一" * 44 + "开门"
    ix = FileStorage(str(tmp_path)).create_index(SCHEMA)
    w = ix.writer()
    w.add_document(url="a/", fingerprint="", title="标题", body=body, meta="", county="", township="", topic="",
                   year="2023", date="2023-01-31T00:00:00", type="article", authors=[], credit="", text=body,
                   lengths=[2, 0, len(body)])
    w.commit()
    with ix.searcher() as s:
        m = s.reader().postings("body", "开门")
        assert m.value_as("positions") == [0, 46]
    assert [h.url for h in search(ix, "开门")[0]] == ["a/"]
