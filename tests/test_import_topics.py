"""Topics suggested from the project's vocabulary, with jieba where it has no word."""

from __future__ import annotations

from small_pages import article, import_text, only_item

from newsarchive.importer import topics


def tags_of(tmp_path, title, body):
    item = only_item(import_text(tmp_path, article(title, body)))
    return [t for t in item.fields["tags"].split(", ") if t], [n.message for n in item.notes]


def test_the_vocabulary_is_a_csv_of_topics_and_keywords():
    vocabulary = topics.vocabulary()
    names = [t.name for t in vocabulary]
    assert len(names) == len(set(names)) >= 30
    assert all(t.keywords for t in vocabulary)
    assert "纪检监察" in names and "纪委" in next(t for t in vocabulary if t.name == "纪检监察").keywords


def test_keywords_used_twice_suggest_their_topic(tmp_path):
    tags, _ = tags_of(tmp_path, "王店镇开展走访", "王店镇纪委联合监委开展监督。群众很满意。")
    assert tags == ["纪检监察"]


def test_a_keyword_used_once_in_the_body_is_not_enough(tmp_path):
    tags, _ = tags_of(tmp_path, "王店镇开展走访", "王店镇纪委开展走访，给群众拜年，又开展走访。")
    assert "纪检监察" not in tags


def test_a_keyword_in_the_title_is_enough_and_ranks_first(tmp_path):
    tags, _ = tags_of(tmp_path, "王店镇开展疫情防控", "王店镇党员上门走访，党员送医送药，诉求件件有回音，党员带头。")
    assert tags[0] == "疫情防控"


def test_at_most_four_topics(tmp_path):
    body = "纪委监委、银行支行、税费退税、侨企侨商、外资美元、春节新春都在这里。" * 2
    tags, _ = tags_of(tmp_path, "平湖市综合新闻", body)
    assert len(tags) == 4


def test_jieba_keywords_map_to_a_topic_of_the_vocabulary(tmp_path):
    """No keyword counts twice, but 学校 is the salient word: it belongs to 教育."""
    title, body = "海宁市新建一所学校", "新建的学校今年九月开学，可容纳两千名孩子就读。"
    assert topics.by_keywords(title, body, topics.vocabulary()) != []  # title weight already suffices
    title, body = "海宁市新添好去处", "新建的学校今年九月开学，可容纳两千名孩子就读。"
    assert topics.by_keywords(title, body, topics.vocabulary()) == []
    assert "学校" in topics.extracted_keywords(title + body)
    tags, notes = tags_of(tmp_path, title, body)
    assert tags == ["教育"]
    assert not any("主题表" in n for n in notes)


def test_without_a_matching_topic_jieba_offers_new_ones_with_a_note(tmp_path):
    tags, notes = tags_of(tmp_path, "海宁市举办围棋比赛", "百余名棋手在棋院对弈，围棋爱好者观战。")
    assert 1 <= len(tags) <= 2 and any("围棋" in t for t in tags)
    assert not any(t in ("海宁", "海宁市") for t in tags)  # place names are not topics
    assert any("主题表里没有合适的主题" in n and "topics.csv" in n for n in notes)
