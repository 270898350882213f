"""The page cache freezes each item's URL and output path once per build; they must be Pelican's own."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT, build_site
from pelican.contents import Article
from pelican.settings import read_settings

sys.path.insert(0, str(ROOT / "plugins"))
from page_cache import _url_and_save_as  # noqa: E402


@pytest.fixture(scope="module")
def settings():
    return read_settings(str(ROOT / "pelicanconf.py"))


@pytest.mark.parametrize("status", ["published", "hidden", "draft"])
@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_frozen_url_and_path_are_pelicans_own(settings, status, lang):
    """A draft has its own URL (drafts/…), a translation its own (…-en); a published item the archive's."""
    metadata = {"title": "王店：服务百姓“零距离”", "slug": "wang-dian-fu-wu", "status": status, "lang": lang,
                "date": __import__("datetime").datetime(2023, 1, 31)}
    item = Article("<p>正文</p>", metadata=metadata, settings=settings, source_path=str(ROOT / "content" / "x.md"))
    assert _url_and_save_as(item) == (item.url, item.save_as)


def test_a_draft_may_share_its_slug_with_a_published_item(content_copy, tmp_path):
    """The draft is written under drafts/, not reported as a URL clash with the published item."""
    published = next(p for p in sorted(content_copy.rglob("*.md")) if "Type: photo" not in p.read_text(encoding="utf-8"))
    text = published.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    lines = [line for line in head.splitlines() if not line.startswith("Slug:")]
    lines = [line + "（修改稿）" if line.startswith("Title:") else line for line in lines]  # not a duplicate story
    draft = published.with_name(published.stem + "-draft.md")
    draft.write_text("\n".join([*lines, f"Slug: {published.stem}", "Status: draft"]) + "\n\n" + body, encoding="utf-8")
    build = build_site(content_copy, tmp_path / "output")
    assert build.returncode == 0, build.log
    assert list((tmp_path / "output" / "drafts").rglob("*.html")), "the draft page is written under drafts/"
