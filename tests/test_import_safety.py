"""Safe to run twice, never half-written, nothing lost: the importer and content/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, item_files
from small_pages import DATE, article, import_text, write_page

from newsarchive.importer import writer
from newsarchive.importer.run import ImportFailed, import_pages

PAGE = article("王店：服务百姓“零距离”", "去年底，秀洲区王店镇组建网格小分队。\n\n开通网格热线。", "朱敏 张凌翊") + article(
    "天凝：侨企安心谋发展", "近日，在嘉善县天凝镇，工人忙着安装设备。"
)


def snapshot(folder):
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_second_run_skips_what_the_first_wrote(tmp_path):
    first = import_text(tmp_path, PAGE, dry_run=False)
    assert [p.action for p in first.plans] == ["new", "new"]
    before = snapshot(tmp_path / "content")

    second = import_text(tmp_path, PAGE, dry_run=False)
    assert [(p.action, p.identical) for p in second.plans] == [("same", True), ("same", True)]
    assert second.written == []
    assert snapshot(tmp_path / "content") == before


def test_an_edited_text_is_kept_unless_forced(tmp_path):
    import_text(tmp_path, PAGE, dry_run=False)
    (path,) = [p for p in item_files(tmp_path / "content") if "wang-dian" in p.name]
    edited = path.read_text(encoding="utf-8").replace("开通网格热线。", "开通 124 个网格热线。")
    path.write_text(edited, encoding="utf-8")

    again = import_text(tmp_path, PAGE, dry_run=False)
    assert [p.action for p in again.plans] == ["edited", "same"]
    assert path.read_text(encoding="utf-8") == edited

    forced = import_text(tmp_path, PAGE, dry_run=False, force=True)
    assert [p.action for p in forced.plans] == ["overwrite", "same"]
    assert "开通网格热线。" in path.read_text(encoding="utf-8")


def test_an_editors_metadata_correction_is_kept(tmp_path):
    """Same title, date and text: the item is already there, whatever its Tags say."""
    import_text(tmp_path, PAGE, dry_run=False)
    (path,) = [p for p in item_files(tmp_path / "content") if "tian-ning" in p.name]
    corrected = path.read_text(encoding="utf-8").replace("Tags: ", "Tags: 外资, ")
    path.write_text(corrected, encoding="utf-8")

    again = import_text(tmp_path, PAGE, dry_run=False)
    plan = next(p for p in again.plans if p.path == path)
    assert (plan.action, plan.identical) == ("same", False)
    assert path.read_text(encoding="utf-8") == corrected


def test_an_item_moved_to_another_file_is_still_recognised(tmp_path):
    import_text(tmp_path, PAGE, dry_run=False)
    (path,) = [p for p in item_files(tmp_path / "content") if "tian-ning" in p.name]
    moved = path.with_name("tianning-qiaoqi.md")
    path.rename(moved)
    again = import_text(tmp_path, PAGE, dry_run=False)
    assert [p.action for p in again.plans] == ["same", "same"]
    assert not path.exists()


def test_two_items_of_a_page_with_one_url_stop_the_import(tmp_path):
    page = article("张会来了", "海宁市迎来新春。") + article("章惠来了", "海宁市迎来元宵。")
    with pytest.raises(ImportFailed) as failed:
        import_text(tmp_path, page, dry_run=False)
    (problem,) = failed.value.problems
    assert problem.line == 6 and "page.txt:1" in problem.message and "“张会来了”" in problem.message
    assert not (tmp_path / "content").exists()


def test_one_story_printed_twice_is_called_a_duplicate_not_a_url_clash(tmp_path):
    story = article("王店：服务百姓“零距离”", "去年底，秀洲区王店镇组建网格小分队。", "朱敏")
    with pytest.raises(ImportFailed) as failed:
        import_text(tmp_path, story + story, dry_run=False)
    (problem,) = failed.value.problems
    assert "同一篇稿件出现了两次" in problem.message and "删去其中一处" in problem.message
    assert "改动其中一个标题" not in problem.message
    assert not (tmp_path / "content").exists()


def test_a_date_in_the_future_is_pointed_out_before_anything_is_written(tmp_path):
    later = import_text(tmp_path, PAGE, dry_run=True, date="2099-01-05")
    assert any("--date 2099-01-05 在未来" in n and "草稿" in n for n in later.notices)
    assert not any("在未来" in n for n in import_text(tmp_path, PAGE, dry_run=True).notices)


def test_another_story_at_the_path_is_never_overwritten(tmp_path):
    import_text(tmp_path, article("张会来了", "海宁市迎来新春。"), dry_run=False)
    (path,) = item_files(tmp_path / "content")
    before = path.read_bytes()
    for force in (False, True):
        with pytest.raises(ImportFailed) as failed:
            import_text(tmp_path, article("章惠来了", "海宁市迎来元宵。"), dry_run=False, force=force)
        assert "另一篇稿件“张会来了”" in failed.value.problems[0].message
        assert path.read_bytes() == before


def test_another_photo_at_the_path_is_never_taken_for_a_retitled_one(tmp_path):
    # a story retitled after import is known at its URL by its date and text; photos
    # have no text, so one photo is never the other under a new title
    import_text(tmp_path, "张会来了（图片由海宁市提供）\n", dry_run=False)
    (path,) = item_files(tmp_path / "content")
    before = path.read_bytes()
    with pytest.raises(ImportFailed) as failed:
        import_text(tmp_path, "章惠来了（图片由海宁市提供）\n", dry_run=False)
    assert "另一篇稿件“张会来了”" in failed.value.problems[0].message
    assert path.read_bytes() == before


def test_another_story_with_the_url_in_a_file_of_another_name_is_never_doubled(tmp_path):
    # the item keeps its URL by its Slug field wherever its file lies: the
    # importer wrote the second story beside it, said 新建, and the build stopped
    import_text(tmp_path, article("张会来了", "海宁市迎来新春。"), dry_run=False)
    (path,) = item_files(tmp_path / "content")
    path.rename(path.with_name("zhanghui.md"))
    before = snapshot(tmp_path / "content")
    with pytest.raises(ImportFailed) as failed:
        import_text(tmp_path, article("章惠来了", "海宁市迎来元宵。"), dry_run=False)
    (problem,) = failed.value.problems
    assert "page.txt" in problem.path and problem.line == 1
    assert "zhanghui.md 里的已有稿件“张会来了”（2023-02-01）的网址就是 /2023/02/zhang-hui-lai-le/" in problem.message
    assert snapshot(tmp_path / "content") == before


def test_another_story_in_a_linked_folder_is_found_and_named(tmp_path):
    """A year kept on another disk and linked into content/ holds its stories as any other folder."""
    import_text(tmp_path, article("张会来了", "海宁市迎来新春。"), dry_run=False)
    (tmp_path / "content" / "2023").rename(tmp_path / "2023")
    (tmp_path / "content" / "2023").symlink_to(tmp_path / "2023", target_is_directory=True)
    again = import_text(tmp_path, article("张会来了", "海宁市迎来新春。"), dry_run=True)
    assert [p.action for p in again.plans] == ["same"]
    with pytest.raises(ImportFailed) as failed:
        import_text(tmp_path, article("章惠来了", "海宁市迎来元宵。"), dry_run=False, force=True)
    assert "另一篇稿件“张会来了”" in failed.value.problems[0].message


def test_existing_items_read_a_text_only_when_asked():
    """The importer and invoke new read every header; a text is read for the few stories compared.

    Holding every text made invoke new take 265 MB at 50,000 items (58 MB without).
    """
    from conftest import CONTENT

    from newsarchive.existing_items import existing_items

    items = existing_items(CONTENT)
    assert [i.path for i in items] == item_files(CONTENT)
    assert items and not any("text" in vars(i) or "body" in vars(i) for i in items)
    for item in items:
        text = item.path.read_text(encoding="utf-8")
        assert item.text == text
        assert text.rstrip("\n").endswith(item.body) and "Title:" not in item.body
    assert any(item.body for item in items)


def test_a_bad_page_in_a_folder_stops_the_whole_run_before_writing(tmp_path):
    pages = tmp_path / "pages"
    write_page(pages, PAGE, "01.txt")
    write_page(pages, "报头\n\n" + PAGE, "02.txt")
    with pytest.raises(ImportFailed) as failed:
        import_pages(pages, DATE, dest=tmp_path / "content")
    (problem,) = failed.value.problems
    assert problem.path.endswith("02.txt") and problem.line == 1
    assert not (tmp_path / "content").exists()


def test_a_failed_write_leaves_no_file_and_no_temporary(tmp_path):
    outcome = import_text(tmp_path, PAGE)
    dest = tmp_path / "content"
    good, other = outcome.plans
    # The second item's folder cannot be made: a file is in the way.
    (tmp_path / "blocked").write_text("not a folder", encoding="utf-8")
    other.path = tmp_path / "blocked" / "01" / other.path.name
    with pytest.raises(OSError):
        writer.write([good, other])
    assert not good.path.exists()
    assert [p for p in dest.rglob("*") if p.is_file()] == []


def test_a_dry_run_writes_nothing(tmp_path):
    outcome = import_text(tmp_path, PAGE, dry_run=True)
    assert [p.action for p in outcome.plans] == ["new", "new"]
    assert not (tmp_path / "content").exists()


# --- encodings and options ------------------------------------------------------


def test_a_gb18030_page_is_converted_with_a_notice(tmp_path):
    page = write_page(tmp_path / "pages", PAGE, encoding="gb18030")
    outcome = import_pages(page, DATE, dest=tmp_path / "content")
    (notice,) = outcome.notices
    assert "GB18030" in notice and "page.txt" in notice
    titles = sorted(p.read_text(encoding="utf-8").splitlines()[0] for p in item_files(tmp_path / "content"))
    assert titles == ["Title: 天凝：侨企安心谋发展", "Title: 王店：服务百姓“零距离”"]


def test_bytes_that_are_no_known_encoding_are_refused_with_their_line(tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(PAGE.encode("utf-8") + b"\nabc \xff\xfe\xfa\xfb def\n")
    with pytest.raises(ImportFailed) as failed:
        import_pages(page, DATE, dest=tmp_path / "content")
    (problem,) = failed.value.problems
    assert problem.line == PAGE.count("\n") + 2 and "UTF-8" in problem.message


def test_an_item_naming_no_place_needs_the_editors_county(tmp_path):
    page = article("新春走基层", "党员干部走进社区，为群众送上春联。")
    with pytest.raises(ImportFailed) as failed:
        import_text(tmp_path, page)
    assert failed.value.problems[0].line == 1 and "--county" in failed.value.problems[0].message
    item = import_text(tmp_path, page, county="海宁市").items[0]
    assert item.fields["category"] == "海宁市"
    assert any("--county" in n.message for n in item.notes)


@pytest.mark.parametrize(
    "options, says",
    [({"date": "2023-02-30"}, "只有 28 天"), ({"date": "明天"}, "看不懂"), ({"county": "王店镇"}, "不是县级行政区"),
     ({"county": "王店镇"}, "--county 秀洲区（稿件里的乡镇会从正文中找出）")],
)
def test_bad_options_are_explained(tmp_path, options, says):
    with pytest.raises(ImportFailed) as failed:
        import_text(tmp_path, PAGE, **options)
    assert says in str(failed.value)


def test_the_source_field_names_the_page_and_the_editors_words(tmp_path):
    item = import_text(tmp_path, PAGE, source="嘉兴日报 2023-02-01 第 5 版").items[0]
    assert item.fields["source"] == "版面文本 page。嘉兴日报 2023-02-01 第 5 版"


# --- the command ------------------------------------------------------------------


def invoke(*args, cwd=ROOT, task="import-page"):
    return subprocess.run(
        [sys.executable, "-m", "invoke", task, *args], check=False, cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_the_command_on_a_folder_shows_progress_and_a_summary(tmp_path):
    pages = tmp_path / "pages"
    write_page(pages, PAGE, "01.txt")
    write_page(pages, article("南湖争当特色小镇培育“优秀生”", "南湖区东栅街道获评先进集体。"), "02.txt")
    dest = tmp_path / "content"

    dry = invoke(str(pages), "--date", DATE, "--dest", str(dest), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "王店：服务百姓“零距离”" in dry.stdout and "东栅街道" in dry.stdout
    assert "2/2" in dry.stdout and "没有写入任何文件" in dry.stdout
    assert not dest.exists()

    run = invoke(str(pages), "--date", DATE, "--dest", str(dest))
    assert run.returncode == 0, run.stderr
    assert "2 个版面，3 篇稿件，0 张图片" in run.stdout and "新建 3 篇" in run.stdout
    assert len(item_files(dest)) == 3

    again = invoke(str(pages), "--date", DATE, "--dest", str(dest), task="import")  # the short name
    assert again.returncode == 0, again.stderr
    assert "新建 0 篇，已有跳过 3 篇" in again.stdout


def test_the_command_fails_with_the_reason_and_status_1(tmp_path):
    page = write_page(tmp_path, "\n")
    result = invoke(str(page), "--date", DATE, "--dest", str(tmp_path / "content"))
    assert result.returncode == 1
    assert "导入已停止" in result.stdout and "page.txt" in result.stdout


def without_root_override(args: list[str]) -> list[str]:
    """``args`` run so that file permissions hold, as for an editor's own account: root reads and writes anything."""
    if os.geteuid() != 0:
        return args
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: file permissions cannot be made to hold")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *args]


def test_the_command_on_an_unreadable_page_or_into_an_unwritable_folder_says_so(tmp_path):
    page = write_page(tmp_path, PAGE)
    page.chmod(0)
    command = [sys.executable, "-m", "invoke", "import-page", "--date", DATE]
    unreadable = subprocess.run(without_root_override([*command, str(page), "--dest", str(tmp_path / "content")]),
                                cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert unreadable.returncode == 1, unreadable.stderr
    assert "page.txt: 读不出这个文件（Permission denied）。请检查文件的权限" in unreadable.stdout
    assert "Traceback" not in unreadable.stderr
    page.chmod(0o644)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    unwritable = subprocess.run(without_root_override([*command, str(page), "--dest", str(locked)]),
                                cwd=ROOT, capture_output=True, text=True, timeout=300)
    locked.chmod(0o755)
    assert unwritable.returncode == 1, unwritable.stderr
    assert "导入已停止" in unwritable.stdout and "无法写入（Permission denied）。请检查 --dest 文件夹的权限" in unwritable.stdout
    assert "Traceback" not in unwritable.stderr
    assert list(locked.rglob("*")) == []


def test_the_command_on_an_empty_page_says_the_page_is_empty(tmp_path):
    page = write_page(tmp_path, " \n\n")
    result = invoke(str(page), "--date", DATE, "--dest", str(tmp_path / "content"), "--dry-run")
    assert result.returncode == 1
    assert "page.txt: 版面文件是空的，里面没有文字。请从原版面重新导出文字，或不要导入这个文件。" in result.stdout
    assert "Title" not in result.stdout  # the words for an empty item file: 请写入元数据（Title、Date……）和正文


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_the_command_into_a_file_instead_of_a_folder_says_so(tmp_path, dry_run):
    page = write_page(tmp_path, PAGE)
    (tmp_path / "content").write_text("x", encoding="utf-8")
    result = invoke(str(page), "--date", DATE, "--dest", str(tmp_path / "content"), *dry_run)
    assert result.returncode == 1
    assert f"--dest: {tmp_path / 'content'} 是一个文件，不是文件夹。" in result.stdout  # was a NotADirectoryError traceback
    assert "Traceback" not in result.stderr


def test_the_command_without_a_date_says_so_in_chinese(tmp_path):
    # invoke's own words were “'import-page' did not receive required positional arguments: 'date'”
    page = write_page(tmp_path, PAGE)
    result = invoke(str(page), "--dest", str(tmp_path / "content"))
    assert result.returncode == 1
    assert "没有给出稿件日期" in result.stdout and "--date 2023-01-31" in result.stdout
    assert not (tmp_path / "content").exists()
