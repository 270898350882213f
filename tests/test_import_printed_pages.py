"""Pages laid out as Jiaxing's county papers print them, beyond the seed's layout:
photos first, subheadings, boxes, bylines at the end, jump lines. Each is
imported for real and the Markdown written is what the editor gets."""

from __future__ import annotations

from conftest import item_files, read_item
from small_pages import import_text

# A title with a place and a colon, its byline printed at the end of its text,
# under an article whose paragraph ended: the rules cannot see a title there.
BYLINE_AT_THE_END = """王店：服务百姓“零距离”

朱敏 张凌翊

去年底，秀洲区王店镇组建 124 支网格小分队，帮助群众排忧解难。

平湖：外贸企业“抢单”忙

２０２３年１月３１日，平湖市独山港镇一家外贸企业的车间里，工人们正在加紧生产出口订单。

据了解，平湖市今年将组织企业参加境外展会２０场以上，帮助企业拓市场、抢订单。（记者 郑丽华 通讯员 金晓）

平湖市独山港镇一家外贸企业车间内，工人在赶制订单。金晓/摄
"""


def written(tmp_path, text):
    """{title: (fields, body)} of the files a real import of ``text`` writes, and the outcome."""
    outcome = import_text(tmp_path, text, dry_run=False)
    files = {}
    for path in item_files(tmp_path / "content"):
        fields, body = read_item(path)
        files[fields["title"]] = (fields, body)
    return files, outcome


def notes_at(outcome, line):
    return [n.message for i in outcome.items for n in i.notes if n.line == line]


def test_a_title_with_a_colon_run_into_the_article_above_is_pointed_out(tmp_path):
    """平湖：外贸企业“抢单”忙 (its byline printed at the end) went into 王店's text
    with its whole article and no word: a colon kept it from reading as a headline."""
    files, outcome = written(tmp_path, BYLINE_AT_THE_END)
    fields, body = files["王店：服务百姓“零距离”"]
    assert body.split("\n\n")[1].startswith("平湖：外贸企业“抢单”忙２０２３年１月３１日")
    (note,) = [m for m in notes_at(outcome, 7) if "像标题" in m]
    assert "平湖：外贸企业“抢单”忙" in note and "补上署名" in note
    assert files["平湖市独山港镇一家外贸企业车间内，工人在赶制订单。"][0]["credit"] == "金晓/摄"
