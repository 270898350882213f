"""The search index built by the search_index plugin, on real builds: contents, increments, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT, build_site, item_files, write_item
from whoosh import index as whoosh_index

from newsarchive import build_cache
from newsarchive.search.engine import search
from newsarchive.search.store import INDEX_DIR, load_summary

SEED_URLS = {f"2023/01/{p.stem}/" for p in item_files()}


def cli(site: Path, *args: str) -> list[dict]:
    """`invoke search` as an editor runs it, through the JSON output."""
    result = subprocess.run(
        ["invoke", "search", *args, "--json", "--site", str(site)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def urls(site: Path, query: str, **filters) -> list[str]:
    ix = whoosh_index.open_dir(str(site / INDEX_DIR))
    try:
        return [h.url for h in search(ix, query, filters)[0]]
    finally:
        ix.close()


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_seed_item_is_indexed_with_its_fields(seed_site):
    ix = whoosh_index.open_dir(str(seed_site.output / INDEX_DIR))
    with ix.searcher() as s:
        stored = {d["url"]: d for d in s.all_stored_fields()}
    assert set(stored) == SEED_URLS
    haining = stored["2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/"]
    assert haining["title"] == "海宁全力冲刺“开门红”"
    assert haining["county"] == "海宁市" and haining["township"] == "马桥街道,袁花镇"
    assert haining["authors"] == ["张会"] and haining["type"] == "article" and haining["year"] == "2023"
    assert "晶科能源" in haining["text"] and "<p>" not in haining["text"]
    photo = stored["2023/01/hai-yan-xian-gan-pu-zhen-ji-yi-li-de-ji-pu-nian-wei-wen-hua/"]
    assert photo["type"] == "photo" and photo["credit"] == "图片由澉浦镇提供"


def test_cli_prints_json_results_in_rank_order(seed_site):
    hits = cli(seed_site.output, "开门红")
    assert hits[0]["url"] == "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/"
    assert all({"url", "title", "score", "date"} <= set(h) for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert len(cli(seed_site.output, "开门红", "--limit", "1")) == 1


def test_cli_prints_a_table_without_json(seed_site):
    result = subprocess.run(["invoke", "search", "澉浦", "--site", str(seed_site.output)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert "海盐县澉浦镇“记忆里的激浦年味”文化节" in result.stdout
    assert "2023/01/hai-yan-xian-gan-pu-zhen-ji-yi-li-de-ji-pu-nian-wei-wen-hua/" in result.stdout
    assert "共 1 条" in result.stdout


def run_cli(site: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["invoke", "search", *args, "--site", str(site)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


def test_cli_refuses_a_filter_that_can_never_match_and_says_what_to_write(seed_site):
    county = run_cli(seed_site.output, "服务", "--county", "海宁", "--json")
    assert county.returncode != 0 and county.stdout == ""  # no "[]" to be read as "no results"
    assert "--county：“海宁”不是嘉兴市的县级行政区。是不是“海宁市”？" in county.stderr
    nowhere = run_cli(seed_site.output, "服务", "--county", "不存在县")
    assert nowhere.returncode != 0 and "没有找到" not in nowhere.stdout
    assert "“不存在县”" in nowhere.stderr and "海宁市" in nowhere.stderr
    township = run_cli(seed_site.output, "服务", "--township", "王店")
    assert township.returncode != 0
    assert "--township：“王店”不在嘉兴市乡镇名录中。是不是“王店镇”（秀洲区）？" in township.stderr
    year = run_cli(seed_site.output, "服务", "--year", "abc")
    assert year.returncode != 0 and "--year：“abc”不是年份" in year.stderr and "档案里有的年份：2023。" in year.stderr
    topic = run_cli(seed_site.output, "服务", "--topic", "服务")
    assert topic.returncode != 0 and "--topic：档案里没有主题为“服务”的报道。" in topic.stderr
    assert "“为民服务”" in topic.stderr and "招商引资" in topic.stderr  # a close one, and the archive's list


def test_cli_suggests_a_township_of_the_county_asked_for(seed_site):
    result = run_cli(seed_site.output, "服务", "--county", "海宁市", "--township", "峡石镇")
    assert result.returncode != 0
    assert "--township：“峡石镇”不在嘉兴市乡镇名录中。是不是“硖石街道”（海宁市）？" in result.stderr


def test_cli_reports_every_bad_filter_at_once(seed_site):
    both = run_cli(seed_site.output, "服务", "--county", "王店镇", "--year", "2019")
    assert both.returncode != 0
    assert "请用 --township 王店镇" in both.stderr and "档案里没有 2019 年的报道" in both.stderr


def test_cli_refuses_a_township_of_another_county(seed_site):
    apart = run_cli(seed_site.output, "服务", "--county", "海宁市", "--township", "王店镇")
    assert apart.returncode == 2 and apart.stdout == ""
    assert "--township：“王店镇”属于秀洲区，不属于海宁市" in apart.stderr and "--county 秀洲区" in apart.stderr


def test_cli_a_real_filter_without_results_is_not_an_error(seed_site):
    table = run_cli(seed_site.output, "服务", "--township", "王江泾镇")
    assert (table.returncode, table.stdout.strip(), table.stderr) == (0, "没有找到匹配的报道。", "")
    assert [h["county"] for h in cli(seed_site.output, "服务", "--county", "嘉善县", "--year", "２０２３")] == ["嘉善县", "嘉善县"]


def test_cli_reads_filters_pasted_with_a_zero_width_character_as_they_look(seed_site):
    # Pasted from a web page, 海宁市 carries an unseen U+200B: the CLI said
    # “海宁市”不是嘉兴市的县级行政区。是不是“海宁市”？, nothing to change in sight
    # (invoke new and the importer already read such names as they look)
    pasted = cli(seed_site.output, "开门红", "--county", "海宁市\u200b", "--township", "\ufeff袁花镇", "--topic", "招商引资\u2060")
    assert [h["url"] for h in pasted] == urls(seed_site.output, "开门红", county="海宁市", township="袁花镇", topic="招商引资")
    assert pasted


@pytest.mark.parametrize("query", ["", "  ", "，、"])
def test_cli_refuses_a_query_with_no_word_to_search(seed_site, query):
    # 没有找到匹配的报道 (or [] with --json) read as an answer about the archive
    result = run_cli(seed_site.output, query, "--json")
    assert result.returncode == 2 and result.stdout == ""
    assert "没有要找的词" in result.stderr and 'invoke search "开门红 海宁"' in result.stderr, result.stderr


def test_cli_searches_a_query_that_starts_with_a_minus(seed_site):
    # invoke reads a bare -海宁 as its own flags: --query= is the way to write it
    result = run_cli(seed_site.output, "--query=-海宁", "--json")
    assert result.returncode == 0, result.stderr
    assert [h["url"] for h in json.loads(result.stdout)] == urls(seed_site.output, "海宁")


def test_cli_refuses_a_limit_that_is_not_a_count(seed_site):
    for limit in ("0", "-1", "十"):
        result = subprocess.run([sys.executable, "-m", "newsarchive.search", "服务", "--limit", limit, "--site", str(seed_site.output)],
                                cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 2 and result.stdout == "", limit  # not 没有找到, not one result short
        assert f"“{limit}”不是正整数" in result.stderr and "--limit 10" in result.stderr
    for limit in ("-1", "0", "十"):  # through invoke too: 0 listed every result, 十 gave a ValueError traceback
        refused = run_cli(seed_site.output, "服务", "--limit", limit)
        assert refused.returncode == 2 and refused.stdout == "", limit
        assert f"“{limit}”不是正整数" in refused.stderr and "Traceback" not in refused.stderr, refused.stderr


def test_cli_explains_a_missing_index(tmp_path):
    result = subprocess.run([sys.executable, "-m", "newsarchive.search", "海宁", "--site", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert "没有搜索索引" in result.stderr and "invoke build" in result.stderr


def test_a_no_op_rebuild_leaves_every_search_file_byte_identical(content_copy, tmp_path):
    out = tmp_path / "output"
    assert build_site(content_copy, out).returncode == 0
    before = {**tree(out / "search"), **{f"index/{k}": v for k, v in tree(out / INDEX_DIR).items()}}
    assert build_site(content_copy, out).returncode == 0
    after = {**tree(out / "search"), **{f"index/{k}": v for k, v in tree(out / INDEX_DIR).items()}}
    assert after == before
    # only the manifest (not named by its content) is written again; the
    # rest, never written to after it is made, is shared with the last build
    assert os.stat(out / "search" / "manifest.json.gz").st_nlink == 1


def test_the_index_is_build_state_beside_the_site_not_in_it(seed_site):
    assert (seed_site.output / ".build" / "search-index").is_dir()
    assert not [p for p in (seed_site.output / "search").rglob("*") if "whoosh" in p.name or p.suffix == ".seg"]


def test_a_rebuild_never_writes_into_the_files_of_the_live_site(content_copy, tmp_path):
    # unchanged files of the last build are hard links in the new one: hold
    # links of our own to all of them, change an item, and check their bytes
    out = tmp_path / "output"
    assert build_site(content_copy, out).returncode == 0
    held = tmp_path / "held"
    held.mkdir()
    kept = {}
    for i, path in enumerate(p for p in out.rglob("*") if p.is_file()):
        os.link(path, held / str(i))
        kept[held / str(i)] = path.read_bytes()
    path = content_copy / "2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li.md"
    path.write_text(path.read_text(encoding="utf-8").replace("零距离", "零距离，老墙门议事会"), encoding="utf-8")
    assert build_site(content_copy, out).returncode == 0
    assert urls(out, "老墙门议事会") == ["2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li/"]
    assert all(p.read_bytes() == data for p, data in kept.items())


def test_ignore_cache_indexes_everything_from_scratch(content_copy, tmp_path):
    # invoke rebuild: pelican --ignore-cache, which sets LOAD_CONTENT_CACHE false
    out = tmp_path / "output"
    assert build_site(content_copy, out).returncode == 0
    path = content_copy / "2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li.md"
    path.write_text(path.read_text(encoding="utf-8").replace("零距离", "零距离！"), encoding="utf-8")
    assert build_site(content_copy, out, LOAD_CONTENT_CACHE=False).returncode == 0
    [(_, count, deleted)] = _segments(out)  # one new segment, not the old one plus the edit
    assert (count, deleted) == (11, 0)
    cold = build_site(content_copy, tmp_path / "cold" / "output")
    assert tree(out / "search") == tree(cold.output / "search")


def test_two_cold_builds_write_identical_search_files(tmp_path):
    a, b = tmp_path / "a" / "output", tmp_path / "b" / "output"
    content = ROOT / "content"
    assert build_site(content, a).returncode == 0
    assert build_site(content, b).returncode == 0
    assert tree(a / "search") == tree(b / "search")


def _segments(site: Path):
    ix = whoosh_index.open_dir(str(site / INDEX_DIR))
    try:
        return [(seg.segment_id(), seg.doc_count_all(), seg.deleted_count()) for seg in ix._segments()]
    finally:
        ix.close()


def test_an_edit_re_indexes_only_that_item(content_copy, tmp_path):
    out = tmp_path / "output"
    assert build_site(content_copy, out).returncode == 0
    [(first_segment, eleven, _)] = _segments(out)
    assert eleven == 11
    old_files = {p.name: p.read_bytes() for p in (out / INDEX_DIR).iterdir() if first_segment in p.name}

    path = content_copy / "2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li.md"
    path.write_text(path.read_text(encoding="utf-8").replace("零距离", "零距离，老墙门议事会"), encoding="utf-8")
    assert build_site(content_copy, out).returncode == 0

    segments = {sid: (n, deleted) for sid, n, deleted in _segments(out)}
    assert segments[first_segment] == (11, 1)  # the old copy of the edited item is deleted, the rest untouched
    assert sorted(n for sid, (n, _) in segments.items() if sid != first_segment) == [1]
    for name, data in old_files.items():
        assert (out / INDEX_DIR / name).read_bytes() == data
    assert urls(out, "老墙门议事会") == ["2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li/"]


def test_a_deleted_item_leaves_the_index_and_the_export(content_copy, tmp_path):
    out = tmp_path / "output"
    assert build_site(content_copy, out).returncode == 0
    assert urls(out, "吉森林业") == ["2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/"]
    (content_copy / "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong.md").unlink()
    assert build_site(content_copy, out).returncode == 0
    assert urls(out, "吉森林业") == []
    ix = whoosh_index.open_dir(str(out / INDEX_DIR))
    assert ix.doc_count() == 10
    ix.close()


def test_new_analysis_rules_re_index_everything(content_copy, tmp_path):
    out = tmp_path / "output"
    assert build_site(content_copy, out).returncode == 0
    path = content_copy / "2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li.md"
    path.write_text(path.read_text(encoding="utf-8").replace("零距离", "零距离！"), encoding="utf-8")
    assert build_site(content_copy, out).returncode == 0
    assert len(_segments(out)) == 2  # the edit went into a segment of its own
    # as if the previous build had been made by another version of the analyzer
    (out / INDEX_DIR / "ENGINE_VERSION").write_text("0000000000000000\n")
    assert build_site(content_copy, out).returncode == 0
    [(_, count, deleted)] = _segments(out)
    assert (count, deleted) == (11, 0)
    assert (out / INDEX_DIR / "ENGINE_VERSION").read_text() != "0000000000000000\n"


def test_a_damaged_previous_index_is_rebuilt_not_fatal(content_copy, tmp_path):
    out = tmp_path / "output"
    assert build_site(content_copy, out).returncode == 0
    for toc in (out / INDEX_DIR).glob("_MAIN_*.toc"):
        toc.write_bytes(b"not an index")
    result = build_site(content_copy, out)
    assert result.returncode == 0, result.log
    assert urls(out, "开门红")[0] == "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/"


def test_an_item_added_later_is_found(content_copy, tmp_path):
    out = tmp_path / "output"
    assert build_site(content_copy, out).returncode == 0
    write_item(content_copy, "2023/02/xin-wen.md", title="长安镇举办新春游园会", date="2023-02-02",
               category="海宁市", townships="长安镇", slug="chang-an-zhen-you-yuan-hui", body="游园会上，“猜灯谜”摊位前排起长队。")
    assert build_site(content_copy, out).returncode == 0
    assert urls(out, "猜灯谜摊位") == ["2023/02/chang-an-zhen-you-yuan-hui/"]
    assert urls(out, "游园会", county="海宁市", township="长安镇") == ["2023/02/chang-an-zhen-you-yuan-hui/"]
    assert urls(out, "游园会", county="嘉善县") == []


def test_an_edit_reverted_and_made_again_builds(content_copy, tmp_path):
    # equal builds name Whoosh segments alike; the same change on a later
    # index must still get a segment name of its own
    out = tmp_path / "output"
    path = content_copy / "2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li.md"
    original = path.read_text(encoding="utf-8")
    edited = original.replace("零距离", "零距离，老墙门议事会")
    for text in (original, edited, original, edited):
        path.write_text(text, encoding="utf-8")
        result = build_site(content_copy, out)
        assert result.returncode == 0, result.log
    assert urls(out, "老墙门议事会") == ["2023/01/wang-dian-fu-wu-bai-xing-ling-ju-li/"]


def test_the_build_says_how_long_it_waited_for_the_search_job(tmp_path):
    beside = build_site(CONTENT, tmp_path / "beside", verbose=True)
    inline = build_site(CONTENT, tmp_path / "inline", verbose=True, SEARCH_INDEX_PROCESS=False)
    assert beside.returncode == 0 and inline.returncode == 0, beside.log + inline.log
    waited = load_summary(build_cache.beside(beside.output))
    assert 0 <= waited["waited_s"] < 60 and f"the build waited {waited['waited_s']:.2f} s" in beside.log
    # run inline, in Pelican's own process, the build waited for the whole job
    whole = load_summary(build_cache.beside(inline.output))
    assert whole["waited_s"] == whole["seconds"] > 0
    assert urls(inline.output, "红石榴") == urls(beside.output, "红石榴") != []


@pytest.mark.parametrize("query", ["海宁，开门红", "海宁、开门红", "海宁,开门红"])
def test_keywords_typed_with_chinese_punctuation_between_them_are_words(seed_site, query):
    # 海宁 and 开门红 are not adjacent in any item: read as one phrase, these found nothing
    found = [hit["url"] for hit in cli(seed_site.output, query)]
    assert found == [hit["url"] for hit in cli(seed_site.output, "海宁 开门红")]
    assert "2023/01/hai-ning-quan-li-chong-ci-kai-men-hong/" in found
