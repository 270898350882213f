"""The benchmark harness on a small archive: every step really runs and is reported truthfully.

Speed itself is not asserted here (that is what `invoke bench` and the
README's table are for); these tests check that the numbers come from real
builds of the right content and that the README shows the committed JSON.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import urllib.request

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from bench import report
from bench.run import EDIT_MARK

REQUIRED = (
    "articles", "plain_pelican_s", "full_build_s", "noop_rebuild_s", "edit_rebuild_s", "add_rebuild_s",
    "ratio_full", "ratio_noop", "ratio_edit", "peak_rss_mb_plain", "peak_rss_mb_full", "index_build_s",
    "pagefind_index_s", "search_cold_bytes_median", "pagefind_cold_bytes_median", "search_ms_median",
    "pagefind_ms_median",
)


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    results = tmp_path_factory.mktemp("bench") / "small.json"
    cmd = [sys.executable, "-m", "invoke", "bench", "--articles", "40", "--results", str(results)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(results.read_text(encoding="utf-8")), proc.stdout


def page(url_path: str) -> BeautifulSoup:
    path = ROOT / "bench" / "work" / "run-40" / "site" / url_path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_every_required_field_is_reported(small_run):
    out, stdout = small_run
    assert set(REQUIRED) <= set(out)
    assert out["articles"] == 40
    for step in ("plain", "cold", "noop", "edit", "add", "pagefind"):
        assert out["steps"][step]["seconds"] > 0 and out["steps"][step]["peak_rss_mb"] > 10
    assert out["ratio_full"] == pytest.approx(out["full_build_s"] / out["plain_pelican_s"], rel=1e-2)
    # The printed table is the one the README would show.
    assert report.render(out) in stdout


def test_edit_and_add_steps_reach_the_published_site(small_run):
    out, _ = small_run
    [edited_file] = out["edited"]
    edited = page(edited_file.removesuffix(".md"))
    assert EDIT_MARK in edited.select_one(".item-body p").get_text()
    [added_file] = out["added"]
    added = ROOT / "bench" / "work" / "run-40" / "content" / added_file
    title = next(line for line in added.read_text(encoding="utf-8").splitlines() if line.startswith("Title: "))
    assert page(added_file.removesuffix(".md")).h1.get_text(strip=True) == title.removeprefix("Title: ")


def test_a_series_of_edits_reaches_the_site_and_each_build_reports_its_search_job(small_run):
    out, _ = small_run
    edited = out["series_edited"]
    assert len(edited) == len(set(edited)) == out["series_edits"] == len(out["samples"]["series"])
    for name in edited:
        assert EDIT_MARK in page(name.removesuffix(".md")).select_one(".item-body p").get_text()
    jobs = [sample["search_job_s"] for sample in out["samples"]["series"]]
    assert all(0 < job < sample["seconds"] for job, sample in zip(jobs, out["samples"]["series"], strict=True))
    assert out["series_reindex_s_max"] == max(jobs)
    # and how long each build, its pages written, still waited for its job
    waits = [sample["search_wait_s"] for sample in out["samples"]["series"]]
    assert all(0 <= wait < sample["seconds"] for wait, sample in zip(waits, out["samples"]["series"], strict=True))
    assert out["series_reindex_wait_s_max"] == max(waits)
    assert 0 < out["edit_reindex_s"] < out["edit_rebuild_s"] and 0 < out["add_reindex_s"] < out["add_rebuild_s"]
    assert out["reindex_target"]["value"] == max(out["edit_reindex_s"], out["add_reindex_s"], max(jobs))


def test_pagefind_is_searched_in_chromium(small_run):
    out, _ = small_run
    rows = out["search"]["queries"]
    assert len(rows) >= 10
    found = {row["query"]: row["pagefind"] for row in rows}
    # 开门红 occurs in generated bodies (seed sentences); Pagefind finds and shows it.
    assert found["开门红"]["shown"] > 0 and found["开门红"]["bytes"] > 10_000
    assert out["pagefind_cold_bytes_median"] > 10_000 and out["pagefind_ms_median"] > 0
    assert found["开门红"]["shown"] == {row["query"]: row["pagefind_bare"] for row in rows}["开门红"]["shown"]


def test_pagefind_is_timed_on_the_sites_own_search_page(small_run):
    # Both engines on the same page, layout and fonts, only the script differs.
    ours, peer = page("search"), page("pagefind-bench")
    assert peer.select_one("header.site-header") is not None and peer.select_one("#search-q") is not None
    assert [a["href"] for a in peer.select(".site-nav a")] == [a["href"] for a in ours.select(".site-nav a")]
    assert [link["href"] for link in peer.select('link[rel="stylesheet"]')] == \
        [link["href"] for link in ours.select('link[rel="stylesheet"]')] != []
    # our index's manifest (search_page.py) is ours alone
    assert ours.select_one("#search-manifest").string and peer.select_one("#search-manifest") is None
    assert not any("search.js" in (script.get("src") or "") for script in peer.select("script"))
    assert "pagefind.js" in peer.select_one('script[type="module"]').string
    assert peer.select_one("#results") is not None and peer.select_one("#search-results") is None


def test_readme_table_is_the_committed_results():
    results = ROOT / "bench" / "results" / "latest.json"
    out = json.loads(results.read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert report.readme_block(out) in readme


def test_the_bench_host_gzips_text_and_counts_every_byte_it_sends(tmp_path):
    from bench.static_server import StaticServer

    text = json.dumps({"title": "嘉兴乡镇新闻" * 500}, ensure_ascii=False).encode()
    (tmp_path / "a.json").write_bytes(text)
    packed = gzip.compress(text, mtime=0)
    (tmp_path / "b.json.gz").write_bytes(packed)
    with StaticServer(tmp_path) as host:
        assert host.take_bytes_sent() == 0
        with urllib.request.urlopen(urllib.request.Request(host.url + "a.json", headers={"Accept-Encoding": "gzip"})) as r:
            body, head = r.read(), str(r.headers)
        assert r.headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == text and len(body) < len(text) // 10
        sent = host.take_bytes_sent()
        assert len(body) + len(head) < sent < len(body) + len(head) + 100  # the status line, and nothing else
        with urllib.request.urlopen(urllib.request.Request(host.url + "b.json.gz", headers={"Accept-Encoding": "gzip"})) as r:
            assert r.read() == packed and r.headers["Content-Encoding"] is None  # already compressed: as it is
        assert host.take_bytes_sent() > len(packed)
        assert host.take_bytes_sent() == 0


def test_a_run_deletes_nothing_between_its_builds_and_keeps_its_last_round(tmp_path):
    """Each round's cold builds get new folders; what the run set aside is deleted after the last build.

    On ext4 without a journal (this machine), files created within a minute
    of a large deletion are slow to make (bench/cleanup.py): deleting the
    last round's site just before a cold build charged that build for it.
    """
    work = ROOT / "bench" / "work"
    run_dir = work / "run-30"
    results = tmp_path / "results.json"
    command = [sys.executable, "-m", "invoke", "bench", "--articles", "30", "--rounds", "2", "--skip-search",
               "--steps", "plain,cold,noop,edit,add", "--results", str(results)]
    for _ in range(2):  # the second run sets the first aside, and deletes it with its own first round
        proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "plain-1" in proc.stdout and "cold-2" in proc.stdout and "noop-2" in proc.stdout
    # the last round's folders, under the names later steps use; nothing of round 1, nothing set aside
    assert {"site", "plain", "content", "logs"} <= {p.name for p in run_dir.iterdir()}
    assert not (run_dir / "round-1").exists()
    assert not (work / ".trash").exists()
    assert (run_dir / "site" / "search" / "index.html").is_file()
    # deleted after every build of the run was measured and logged, and more than one site's worth
    deleted_at, count = (work / ".deleted-at").read_text(encoding="utf-8").splitlines()[-1].split()
    assert float(deleted_at) >= max(log.stat().st_mtime for log in (run_dir / "logs").iterdir())
    one_site = sum(len(dirs) + len(files) for _, dirs, files in os.walk(run_dir / "site"))
    assert int(count) > 2 * one_site  # round 1's site and plain site, and the first run's folders
    # Round 1's rebuilds replaced their sites, which the archive deletes in the
    # background after the build has been timed: round 2's plain Pelican
    # started only once that deletion was over, not beside it.
    logs = run_dir / "logs"
    round_1_done = (logs / "add-1.log").stat().st_mtime
    plain_log = logs / "plain-2.log"
    plain_started = plain_log.stat().st_mtime - json.loads(plain_log.read_text(encoding="utf-8").splitlines()[-1])["seconds"]
    noted = [float(line.split()[0]) for line in (work / ".deleted-at").read_text(encoding="utf-8").splitlines()]
    assert any(round_1_done < at < plain_started for at in noted), (round_1_done, plain_started, noted)
    # each round edits an article of its own, though the add before it shifted the list
    edited = json.loads(results.read_text(encoding="utf-8"))["edited"]
    assert len(edited) == len(set(edited)) == 2


# A parent holding 200 MB forks a child that sleeps before it execs (as
# Popen's child does between its fork and its exec, only longer): the child's
# resident set is the parent's pages. With ``own`` MB written by the child
# after the fork, those are its own and must count.
_FORKING = """
import os, sys, time
big = bytearray(200 << 20)
big[::4096] = b"x" * len(big[::4096])
pid = os.fork()
if pid == 0:
    own = bytearray(int(sys.argv[1]) << 20)
    own[::4096] = b"y" * len(own[::4096])
    time.sleep(1.5)
    os._exit(0)
os.waitpid(pid, 0)
"""


@pytest.mark.parametrize("own_mb", [0, 120])
def test_peak_memory_counts_a_forked_childs_shared_pages_once(own_mb):
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "measure.py"), "--", sys.executable, "-c", _FORKING,
                           str(own_mb)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    peak = json.loads(proc.stdout.splitlines()[-1])["peak_rss_mb"]
    assert 200 + own_mb <= peak < 200 + own_mb + 40, peak


def test_an_index_build_time_below_zero_is_not_measured_not_met():
    """In a disturbed run the cold build without search took longer than the one with it (12.8 against
    10.8 s): the difference, -2 s, is no index build time, and the table must not call the target met."""
    from bench.report import summary

    steps = {"plain": {"seconds": 15.3, "cpu_seconds": 15.3, "peak_rss_mb": 85},
             "nosearch": {"seconds": 12.77, "cpu_seconds": 12.8, "peak_rss_mb": 112},
             "cold": {"seconds": 10.82, "cpu_seconds": 17.7, "peak_rss_mb": 233},
             "pagefind": {"seconds": 9.0, "cpu_seconds": 12.6, "peak_rss_mb": 1440}}
    flat = summary({"steps": steps})
    assert flat["index_build_s"] is None and flat["ratio_index_build"] is None
    assert "disturbed" in flat["index_build_method"]
    target = next(t for t in flat["targets"] if t["target"] == "index build time ≤ Pagefind")
    assert target["met"] is None  # the table's verdict: “not measured”
    steps["nosearch"]["seconds"] = 7.3
    assert summary({"steps": steps})["index_build_s"] == 3.52
