"""The synthetic archive: reproducible to the byte, valid for a real build, shaped as promised."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, build_site, item_files, read_item, split_names

from newsarchive import gazetteer
from newsarchive.corpus import generate

TERMINAL = "。！？”…"


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def gen_corpus(articles: int, dest: Path, seed: int, hash_seed: str) -> None:
    """`invoke gen-corpus` as a user runs it, with Python's string hashing seeded as given."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    cmd = [sys.executable, "-m", "invoke", "gen-corpus", "--articles", str(articles), "--dest", str(dest), "--seed", str(seed)]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[tuple[dict[str, str], str]]:
    folder = tmp_path_factory.mktemp("corpus")
    generate(1000, folder, seed=0)
    return [read_item(path) for path in sorted(folder.rglob("*.md"))]


def test_same_articles_and_seed_give_byte_identical_files(tmp_path):
    gen_corpus(200, tmp_path / "a", seed=7, hash_seed="1")
    gen_corpus(200, tmp_path / "b", seed=7, hash_seed="2")
    gen_corpus(200, tmp_path / "c", seed=8, hash_seed="1")
    assert len(list((tmp_path / "a").rglob("*.md"))) == 200
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    assert tree_digest(tmp_path / "a") != tree_digest(tmp_path / "c")


def test_refuses_to_mix_into_a_folder_that_has_items(tmp_path):
    generate(3, tmp_path, seed=1)
    with pytest.raises(FileExistsError):
        generate(3, tmp_path, seed=2)


def run_gen_corpus(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", "gen-corpus", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize(
    "articles,seed,says",
    [
        ("abc", "0", "--articles：“abc”不是正整数。请写要生成的稿件篇数，如 --articles 5000。"),  # was a ValueError traceback
        ("0", "0", "--articles：“0”不是正整数"),  # was 已生成 0 篇, status 0
        ("-5", "0", "--articles：“-5”不是正整数"),
        ("3", "x", "--seed：“x”不是整数。请写数字，如 --seed 0。"),  # invoke's own int cast, a traceback
    ],
)
def test_invoke_gen_corpus_refuses_a_bad_number_in_chinese_and_writes_nothing(tmp_path, articles, seed, says):
    result = run_gen_corpus("--articles", articles, "--dest", str(tmp_path / "corpus"), "--seed", seed)
    assert result.returncode == 1
    assert says in result.stderr
    assert "Traceback" not in result.stderr and "已生成" not in result.stdout
    assert not (tmp_path / "corpus").exists()


def test_invoke_gen_corpus_into_a_file_or_a_folder_with_items_says_so_in_chinese(tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    into_file = run_gen_corpus("--articles", "3", "--dest", str(tmp_path / "a-file"))
    assert into_file.returncode == 1
    assert f"--dest：{tmp_path / 'a-file'} 是一个文件，不是文件夹。" in into_file.stderr  # was NotADirectoryError
    assert "Traceback" not in into_file.stderr
    generate(3, tmp_path / "corpus", seed=1)
    again = run_gen_corpus("--articles", "3", "--dest", str(tmp_path / "corpus"))
    assert again.returncode == 1
    assert f"{tmp_path / 'corpus'} 里已经有稿件（.md），没有生成" in again.stderr  # was English only
    assert len(list((tmp_path / "corpus").rglob("*.md"))) == 3


def test_a_generated_archive_builds_with_the_real_settings(tmp_path):
    content = tmp_path / "content"
    generate(300, content, seed=3)
    site = build_site(content, tmp_path / "output")
    assert site.returncode == 0, site.log
    assert "提醒" not in site.log  # every item where content_guard expects it (content/YYYY/MM/)
    for path in item_files(content):
        fields, _ = read_item(path)
        page = site.page(f"{path.parent.parent.name}/{path.parent.name}/{fields['slug']}/")
        # Photo items show their caption as the page's h1.
        assert page.h1.get_text(strip=True) == fields["title"]


def test_one_item_in_twenty_is_a_photo_with_credit_and_no_body(corpus):
    photos = [(fields, body) for fields, body in corpus if fields.get("type") == "photo"]
    assert 0.03 <= len(photos) / len(corpus) <= 0.07
    for fields, body in photos:
        assert fields["credit"].startswith("图片由") and body == ""
    for fields, body in corpus:
        if fields.get("type") != "photo":
            assert len(body.split("\n\n")) in range(3, 9)


def test_dates_spread_over_twenty_years(corpus):
    days = [dt.datetime.strptime(fields["date"], "%Y-%m-%d %H:%M") for fields, _ in corpus]
    per_year = Counter(day.year for day in days)
    assert sorted(per_year) == list(range(2005, 2025))
    # Uniform over 20 years: about 50 items a year out of 1000, none empty or crowded.
    assert min(per_year.values()) >= 25 and max(per_year.values()) <= 80
    assert len({day.month for day in days}) == 12


def test_places_are_real_and_townships_belong_to_their_county(corpus):
    places = gazetteer.load()
    counties = Counter()
    for fields, _ in corpus:
        assert fields["category"] in places.counties
        counties[fields["category"]] += 1
        townships = split_names(fields.get("townships", ""))
        assert len(townships) <= 2
        for name in townships:
            assert places.townships[name].county == fields["category"]
    assert set(counties) == set(places.counties)


def test_bylines_topics_and_urls(corpus):
    authors = Counter()
    for fields, _ in corpus:
        if fields.get("type") != "photo":
            names = split_names(fields["authors"])
            assert 1 <= len(names) <= 2
            authors.update(names)
        assert 1 <= len(split_names(fields["tags"])) <= 3
    # Both of a pair whose pages once collided (author/记者1/page/2 vs author/记者12).
    assert authors["记者1"] and authors["记者12"]
    urls = [(fields["date"][:7], fields["slug"]) for fields, _ in corpus]
    assert len(set(urls)) == len(urls)
    stories = [(fields["title"], fields["date"][:10]) for fields, _ in corpus]
    assert len(set(stories)) == len(stories)
    assert len({fields["title"] for fields, _ in corpus}) >= 0.9 * len(corpus)


def test_bodies_are_sentences_of_the_seed_items(corpus):
    """Each paragraph is whole sentences of the seed items' paragraphs, which were rejoined by hand."""
    seed_paragraphs = [p for path in item_files(CONTENT) if "2023/01" in path.as_posix() for p in read_item(path)[1].split("\n\n")]

    def from_seed(piece: str) -> bool:
        return any(piece in paragraph for paragraph in seed_paragraphs)

    def whole_sentences(text: str) -> bool:
        # Split where a seed sentence ends: every piece must come from one seed paragraph.
        can_end = [True] + [False] * len(text)
        for end in range(1, len(text) + 1):
            if text[end - 1] in TERMINAL:
                can_end[end] = any(can_end[start] and from_seed(text[start:end]) for start in range(end))
        return can_end[-1]

    paragraphs = [p for _, body in corpus[:150] for p in body.split("\n\n") if body]
    assert paragraphs
    for paragraph in paragraphs:
        assert whole_sentences(paragraph), paragraph
