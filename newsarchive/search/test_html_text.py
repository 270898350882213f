"""html_text reads the same text out of an item's HTML as BeautifulSoup's get_text, which it replaced.

The reference is the code it replaced, run beside it: the shipped articles
and generated ones rendered as Pelican renders them, HTML with the corners
(comments, ruby annotations, scripts, unclosed tags, entities), and
generated tag soup.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive import corpus
from newsarchive.search import html_text
from newsarchive.search.documents import body_text, paragraphs
from pelicanconf import MARKDOWN

CONTENT = Path(__file__).resolve().parents[2] / "content"


def with_beautifulsoup(html: str) -> str:
    """documents.body_text as it was, on BeautifulSoup."""
    if not html.strip():
        return ""
    return paragraphs(BeautifulSoup(html, "lxml").get_text("\n"))


def rendered(body: str) -> str:
    return markdown.Markdown(**MARKDOWN).convert(body)  # as Pelican's reader does, with the site's settings


def test_the_shipped_and_generated_articles_read_the_same():
    bodies = [path.read_text(encoding="utf-8").partition("\n\n")[2] for path in sorted(CONTENT.rglob("*.md"))]
    bodies += [text.partition("\n\n")[2] for _, text in corpus.items(300, seed=3)]
    assert len(bodies) > 300
    for body in bodies:
        html = rendered(body)
        assert body_text(html) == with_beautifulsoup(html), html[:200]


CORNERS = [
    "<p>a<!--c-->b</p>",  # a comment ends a string: two lines, not "ab"
    "<p>一<![CDATA[二]]>三<?pi x?>四</p>",
    "<ruby>漢<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>字",
    "<rt>注<b>音</b></rt>后",
    "<script>if (a<b) {}</script>正文<style>p{}</style>",
    "<template><p>模板</p></template>之后",
    "<rt>没有结束<p>段落",
    "<div><rt>x</div>y",
    "前面的字<p>段落</p>尾巴",
    "<pre>  空格\n\n 保留 </pre><textarea> 文本 </textarea>",
    "&amp;&lt;&#x4e2d;&nbsp;&#12288;全角空格",
    "\ufeff<p>字节序标记</p>",
    "<p>a</b>b</i>c",
    "<table><tr><td>甲<td>乙</table>",
    "<svg><style>x</style><text>图</text></svg><math><mi>x</mi></math>",
    "<!DOCTYPE html><p>d</p>",
    "<p>一<br>二<hr>三</p>",
    "<p>\r\n</p>",
    "",
    "   ",
]


@pytest.mark.parametrize("html", CORNERS)
def test_corners_read_the_same(html):
    assert body_text(html) == with_beautifulsoup(html)


def test_what_is_left_out():
    assert html_text.strings("<p>一<!--注-->二<script>x</script>三<rt>四</rt>五</p>") == ["一", "二", "三", "五"]


SOUP = st.lists(
    st.one_of(
        st.sampled_from([
            "<p>", "</p>", "<b>", "</b>", "<rt>", "</rt>", "<rp>", "</rp>", "<script>", "</script>", "<style>",
            "</style>", "<template>", "</template>", "<pre>", "</pre>", "<!--", "-->", "<![CDATA[", "]]>", "<?x ",
            "?>", "<br>", "<td>", "<table>", "&amp;", "&nbsp;", "&#", "<", ">", "\n", " ", "\u3000", "\ufeff",
        ]),
        st.text(alphabet="海宁开门红“”，。 abc<>&;/!-", max_size=6),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(SOUP)
def test_generated_tag_soup_reads_the_same(html):
    assert body_text(html) == with_beautifulsoup(html)


def test_one_item_leaves_nothing_for_the_next():
    """The parser is reused from item to item: an item ending inside left-out text, or failing, changes nothing after it."""
    assert html_text.strings("<p>一<script>x") == ["一"]
    assert html_text.strings("<p>二<rt>注") == ["二"]
    assert html_text.strings("<p>三</p>") == ["三"]
    with pytest.raises(UnicodeEncodeError):
        html_text.strings("<p>四\udcff五")
    assert html_text.strings("<p>六</p>") == ["六"]
