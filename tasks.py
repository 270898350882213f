"""Tasks for editors and hosts: `invoke --list` shows them all.

The build tasks are thin wrappers over `python -m pelican -s <settings>`,
which builds the whole site (plugins included) by itself; they run it as
`python -m newsarchive.pelican_run`, the same command with an answer to a
Ctrl-C that comes before the build has begun.
"""

import os
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from invoke import task
from invoke.exceptions import ParseError
from invoke.parser.parser import ParseMachine

from newsarchive.devloop import archive_port

ROOT = Path(__file__).resolve().parent
PY = shlex.quote(sys.executable)
CONFIG = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "deploy_path": "output",
    "host": os.environ.get("ARCHIVE_HOST", "127.0.0.1"),
    "port": archive_port(),
    # Where `invoke publish` copies the site: a local folder or an rsync
    # destination such as user@host:/var/www/archive/ (set ARCHIVE_PUBLISH_TARGET).
    "publish_target": os.environ.get("ARCHIVE_PUBLISH_TARGET", ""),
}


# What to type when a task's required argument is left out. invoke answers
# `invoke new` alone with “'new' did not receive required positional
# arguments: 'title'”, in English and without saying how to give one; its
# parser stops there, before the task runs, so the task cannot say it itself.
MISSING_ARGUMENTS = {
    "new": "invoke new：没有给出标题，没有写入任何文件。请把标题写在 new 后面（加上引号），如 "
    'invoke new "长安镇举办新春游园会" --county 海宁市 --townships 长安镇。',
    "search": "invoke search：没有给出搜索词。请把要找的词写在 search 后面，多个词用空格分开并加上引号，如 "
    'invoke search "开门红 海宁"。',
    "import-page": "invoke import-page：没有给出版面文件，没有写入任何文件。请把版面文本文件（.txt）"
    "或装着多个版面的文件夹写在 import-page 后面，如 "
    "invoke import-page sources/pages/000_27b9736ab03bda84.txt --date 2023-01-31 --dry-run。",
    "gen-corpus": "invoke gen-corpus：要写出多少篇（--articles）、写到哪个空文件夹（--dest）都要给出，如 "
    "invoke gen-corpus --articles 5000 --dest bench/work/corpus。",
}
_complete_context = ParseMachine.complete_context


def _complete_context_in_chinese(machine: ParseMachine) -> None:
    context = machine.context
    if context is not None and context.name in MISSING_ARGUMENTS and context.missing_positional_args:
        # `invoke gen-corpus --help`: --help went to --articles, --dest is still missing
        _help_if_asked(context.name, *(str(a.value) for a in context.positional_args if a.value is not None))
        # invoke prints a ParseError's text and exits with status 1
        raise ParseError(MISSING_ARGUMENTS[context.name], context)
    _complete_context(machine)


ParseMachine.complete_context = _complete_context_in_chinese
_see_value = ParseMachine.see_value


def _see_value_in_chinese(machine: ParseMachine, value: str) -> None:
    # A flag whose default is a number (--seed 0, --rounds 1) is cast by invoke
    # as it is read: --seed x ended in a ValueError traceback.
    try:
        _see_value(machine, value)
    except ValueError:
        flag = "--" + machine.flag.name.replace("_", "-")
        raise ParseError(f"{flag}：“{value}”不是整数。请写数字，如 {flag} {machine.flag.default}。", machine.context) from None


ParseMachine.see_value = _see_value_in_chinese

# A word left over once the task has what it takes: most often a title or a
# query of several words typed without quotes (invoke search 开门红 海宁),
# or pages a shell glob expanded. invoke said “No idea what '海宁' is!”.
STRAY_WORDS = {
    "new": '“{word}”多出来了，稿件没有创建：标题里有空格时，整个标题要加上引号，如 invoke new "{given} {word}"。',
    "search": '“{word}”多出来了：多个搜索词要一起写在引号里，如 invoke search "{given} {word}"。',
    "import-page": "“{word}”多出来了，没有写入任何文件：一次导入一个版面文件，或一个装着多个版面的文件夹"
    "（多个版面请放进同一个文件夹，写那个文件夹）。",
}
_handle = ParseMachine.handle


def _handle_in_chinese(machine: ParseMachine, token: str) -> None:
    try:
        _handle(machine, token)
    except ParseError as e:
        context = machine.context
        ambiguous = str(e).endswith("is ambiguous when given after an optional-value flag")
        if ambiguous and context is not None and context.name == "new" and machine.flag is not None:
            # invoke new --photo 标题 … (--photo, new's one optional-value flag): the credit or
            # the title? invoke said “'标题' is ambiguous when given after an optional-value flag”
            flag = "--" + machine.flag.name.replace("_", "-")
            if not context.missing_positional_args:
                # the title is there: the word is a task's name (invoke new "标题" --photo build), which
                # the advice below, to write the title right after new, does not answer
                raise ParseError(
                    f"invoke {context.name}：分不清“{token}”是 {flag} 的值（图片来源），还是接着要运行的任务 invoke {token}。"
                    f'要接着运行它，请在 {flag} 和 {token} 之间写别的选项，如 invoke {context.name} "标题" {flag} --county 海宁市 {token}；'
                    f"是图片来源，请写全，如 {flag} 图片由澉浦镇提供。", context) from None
            raise ParseError(
                f"invoke {context.name}：分不清“{token}”是不是 {flag} 的值。请把标题写在 {context.name} 紧后面（加上引号），"
                f'如 invoke {context.name} "袁花镇新春游园会现场" {flag} 图片由澉浦镇提供 --county 海宁市'
                f"（还不知道图片来源就只写 {flag}）。", context) from None
        if str(e) != f"No idea what {token!r} is!":
            raise
        if context is None or context.name is None:  # before any task's name: invoke's own context
            if token.startswith("-"):
                # invoke --lsit, or a task's option before its name: it is no task
                message = (f"invoke 没有 {token} 这个选项。任务的选项写在任务名后面，如 invoke search \"开门红\" --json；"
                           "invoke --help 列出 invoke 自己的选项，invoke --list 列出全部任务。")
            else:
                message = f"没有“{token}”这个任务。invoke --list 列出全部任务。"
        elif token.startswith("-"):
            message = f"invoke {context.name}：没有 {token} 这个选项。invoke --help {context.name} 列出它的全部选项。"
        elif context.name in STRAY_WORDS:
            given = context.positional_args[0].value
            message = f"invoke {context.name}：" + STRAY_WORDS[context.name].format(word=token, given=given)
        else:
            message = f"没有“{token}”这个任务。invoke --list 列出全部任务。"
        raise ParseError(message, context) from None


ParseMachine.handle = _handle_in_chinese
_complete_flag = ParseMachine.complete_flag


def _complete_flag_in_chinese(machine: ParseMachine) -> None:
    # an option given without its value (invoke new "标题" --county): invoke said
    # “Flag <Argument: county (c)> needed value and was not given one!”
    flag = machine.flag
    if flag is not None and flag.takes_value and flag.raw_value is None and not flag.optional:
        task = f"invoke {machine.context.name}：" if machine.context is not None and machine.context.name else ""
        name = "--" + flag.name.replace("_", "-")
        about = f"{name}：{flag.help.rstrip('。')}。" if flag.help else ""
        raise ParseError(f"{task}{name} 后面没有写值。请把值写在 {name} 后面。{about}", machine.context)
    _complete_flag(machine)


ParseMachine.complete_flag = _complete_flag_in_chinese


def pelican(c, settings, *args):
    # Pelican's command, but for a Ctrl-C before the build begins (newsarchive/pelican_run.py)
    with c.cd(str(ROOT)):
        c.run(" ".join([PY, "-m", "newsarchive.pelican_run", "-s", settings, *args]), pty=False)


@task
def build(c):
    """构建网站到 output/（开发设置 pelicanconf.py）。Build the site into output/ with the development settings."""
    pelican(c, CONFIG["settings_base"])


@task
def rebuild(c):
    """不用任何缓存，从头构建到 output/。Build from scratch, ignoring every cache."""
    pelican(c, CONFIG["settings_base"], "--ignore-cache")


@task
def regenerate(c):
    """每次保存（content/、theme/ 或设置文件）后自动重新构建，不启动服务器；Ctrl-C 停止。Rebuild on every save, without a server."""
    # Pelican's own --autoreload, but going on after a content error (newsarchive/devloop.py).
    with c.cd(str(ROOT)):
        c.run(" ".join([PY, "-m", "newsarchive.devloop", "-s", CONFIG["settings_base"]]), pty=False)


def _port_free_or_exit(task_name: str) -> None:
    from newsarchive.devloop import port_taken  # noqa: PLC0415

    message = port_taken(CONFIG["host"], CONFIG["port"], task_name)
    if message:
        sys.exit(message)


@task
def serve(c):
    """在 http://127.0.0.1:8000/ 上提供 output/ 里的网站（ARCHIVE_HOST、ARCHIVE_PORT 可改）。Serve output/."""
    from newsarchive.devloop import feeds_built_for, has_site, served_address  # noqa: PLC0415
    from newsarchive.linkcheck import built_for  # noqa: PLC0415

    _port_free_or_exit("serve")
    if not has_site(ROOT / CONFIG["deploy_path"]):
        # Pelican serves the missing folder anyway: every page a 404, and one English warning per request.
        sys.exit(f"{CONFIG['deploy_path']}/ 里还没有构建好的网站，没有启动。请先构建：invoke build serve，"
                 "或用 invoke reserve（构建后启动）、invoke livereload（构建、启动，保存后自动重建）。")
    # The pages link relatively and work on any port; the feeds name the
    # address they were built for (pelicanconf.py), which a reader subscribes to.
    served = served_address(CONFIG["host"], CONFIG["port"]) + "/"
    built = feeds_built_for(ROOT / CONFIG["deploy_path"])
    site = built_for(ROOT / CONFIG["deploy_path"])
    if site is not None and site + "/" != served:
        # A build for the host (invoke preview): every page links there, and
        # its policy ('self') refuses the host's stylesheet and search script
        # here; the feeds are the least of it, and a development build
        # (invoke reserve) is no look at what will be published.
        print(f"提醒：{CONFIG['deploy_path']}/ 是为 {site}/ 构建的发布版（invoke preview）：页面的链接、样式、搜索和订阅"
              f"都指向那里，在 {served} 打开没有样式，搜索不能用，点链接就到了那里。"
              f"要在这里看发布版，请用这次的地址构建：ARCHIVE_SITEURL={served.rstrip('/')} invoke preview serve；"
              "要看开发版：invoke reserve。", file=sys.stderr, flush=True)
    elif built and built != served:
        again = " ".join([*([f"ARCHIVE_HOST={CONFIG['host']}"] if CONFIG["host"] != "127.0.0.1" else []),
                          f"ARCHIVE_PORT={CONFIG['port']}", "invoke reserve"])
        print(f"提醒：{CONFIG['deploy_path']}/ 里的订阅（Atom）是为 {built} 构建的，订阅里的链接都指向那里，"
              f"不是这次的 {served}。要在这里订阅，请用这次的地址重新构建并启动：{again}", file=sys.stderr, flush=True)
    pelican(c, CONFIG["settings_base"], "--listen", "--bind", CONFIG["host"], "--port", str(CONFIG["port"]))


@task
def reserve(c):
    """先构建，再提供网站（同 invoke build serve）。Build, then serve."""
    _port_free_or_exit("reserve")
    build(c)
    serve(c)


@task
def livereload(c):
    """构建并提供网站，每次保存后自动重新构建并刷新浏览器；Ctrl-C 停止。Serve, rebuild on every save, reload the browser."""
    from newsarchive.devloop import WAITING, has_site, livereload_server  # noqa: PLC0415

    _port_free_or_exit("livereload")
    output = ROOT / CONFIG["deploy_path"]

    def rebuild():
        # Not c.run: invoke takes a Ctrl-C and only passes it on, so one that
        # came as a build was ending (its status then 0) was lost, and
        # livereload served on. The build, in this process group, hears the
        # Ctrl-C too and stops as it must; livereload stops once it has.
        # A content error is the editor's to fix while the loop goes on: the
        # build has printed it (file, line, what to do), and an exception
        # here would only add livereload's traceback below it.
        build = subprocess.Popen([sys.executable, "-m", "newsarchive.pelican_run", "-s", CONFIG["settings_base"]], cwd=ROOT)
        interrupted = False
        while True:
            try:
                status = build.wait()
                break
            except KeyboardInterrupt:
                interrupted = True
        if interrupted or status in (128 + signal.SIGINT, 128 + signal.SIGTERM, -signal.SIGINT, -signal.SIGTERM):
            raise KeyboardInterrupt
        if not status:
            print(WAITING.format(published=CONFIG["deploy_path"]), flush=True)
        elif has_site(output):
            print("网站没有更新，浏览器里仍是上次构建成功的网站。按上面的提示改好并保存，会自动重新构建。", file=sys.stderr, flush=True)
        else:
            # A broken file at the first build: no last good site to show, and
            # the server's 404 page carries no livereload script to reload it.
            print(f"网站没有构建成功，{CONFIG['deploy_path']}/ 里还没有网站，浏览器里打开会是 404。"
                  "按上面的提示改好并保存，会自动重新构建；构建成功后请刷新一次浏览器。", file=sys.stderr, flush=True)

    # The watcher counts as saved what changed after it was made: made first,
    # it sees a save during the first build, which otherwise was never built.
    server = livereload_server(CONFIG["port"])
    # every file of content/, as regenerate watches it: a new item saved as .markdown, and a picture
    # an item shows (![现场](现场.jpg)), put there after the build said it was missing, were not
    # seen until another file changed
    for pattern in ("content/**/*", "theme/**/*", "plugins/**/*.py", "newsarchive/**/*", "*.py"):
        # livereload reads a pattern from the folder it runs in, and invoke
        # finds tasks.py from any folder below: run from content/2023/01/,
        # nothing was watched and no save was built
        server.watch(str(ROOT / pattern), rebuild)
    try:
        rebuild()
        print(f"Serving on http://{CONFIG['host']}:{CONFIG['port']}/")
        server.serve(host=CONFIG["host"], port=CONFIG["port"], root=str(ROOT / CONFIG["deploy_path"]))
    except KeyboardInterrupt:
        # A Ctrl-C during the first build, before the server (which takes the
        # later ones itself): livereload stops the same way, saying so.
        pass
    print(f"已停止。{CONFIG['deploy_path']}/ " + ("是最后一次构建成功的网站。" if has_site(output) else "里还没有构建成功的网站。"),
          file=sys.stderr)


@task
def preview(c):
    """用发布设置（publishconf.py，须设 ARCHIVE_SITEURL）构建到 output/，不上传；在本机看：ARCHIVE_SITEURL=http://127.0.0.1:8000 invoke preview serve。Build with the publishing settings, no upload."""
    pelican(c, CONFIG["settings_publish"])


def _help_if_asked(name: str, *positional: str) -> None:
    """Answer --help given after a task's name.

    invoke hands it to the task's first missing positional argument (a
    title, a page's path) instead of showing the task's help, as
    `invoke --help NAME` does.
    """
    if any(value in ("-h", "--help") for value in positional):
        sys.exit(subprocess.call([sys.executable, "-m", "invoke", "--help", name], cwd=ROOT))


# How `invoke publish` copies output/ to the host. --delay-updates: files are
# swapped in at the end, so readers never see a half-copied site. Deletions
# (pages of removed items, search files renamed by their content) wait for
# that swap too: plain --delete removes them as the transfer starts, and for
# as long as the upload takes the live pages link to them and the live
# search page asks for them. .build/ is build state, not site. The site has
# no other hidden file at its root, so one in the target is the host's own
# (an .htaccess naming the not-found page, .well-known/): protected (P), not
# deleted.
RSYNC = ["rsync", "-rlt", "--checksum", "--delete-delay", "--delay-updates", "--exclude=/.build/", "--filter=P /.*"]


@task(help={"target": "发布目标：本机文件夹或 rsync 目标，如 user@host:/var/www/archive/（默认 $ARCHIVE_PUBLISH_TARGET）"})
def publish(c, target=""):
    """用发布设置构建（须设 ARCHIVE_SITEURL），再用 rsync 把 output/ 复制到发布目标。Build for publishing and copy output/ to the host."""
    target = target or CONFIG["publish_target"]
    if not target:
        sys.exit(
            "没有给出发布目标，网站没有构建也没有上传。请用 --target 指定，"
            "如 invoke publish --target user@host:/var/www/archive/（rsync 目标，也可以是本机的文件夹），"
            "或者设置环境变量 ARCHIVE_PUBLISH_TARGET。"
        )
    # Asked before building: otherwise the host waits for a whole build to
    # read bash's "rsync: command not found".
    if shutil.which(RSYNC[0]) is None:
        sys.exit(
            "没有找到 rsync，网站没有构建也没有上传：invoke publish 用 rsync 把 output/ 复制到发布目标"
            "（本机文件夹也一样）。请先安装它，如 apt-get install rsync。"
        )
    # invoke only passes a Ctrl-C on to the build. One that comes as the new
    # site is swapped in leaves the build done (status 0: output/ is whole);
    # it was the host's stop all the same, and rsync uploaded.
    stopped = []
    handler = signal.getsignal(signal.SIGINT)

    def ctrl_c(signum, frame):
        stopped.append(signum)
        handler(signum, frame)  # Python's KeyboardInterrupt, which invoke passes on

    if callable(handler):  # not ignored, as in a job started with `&` from a script
        signal.signal(signal.SIGINT, ctrl_c)
    try:
        preview(c)
    finally:
        signal.signal(signal.SIGINT, handler)
    if stopped:
        print(f"已中断（Ctrl-C），没有上传：{target} 上的网站没有改动。{CONFIG['deploy_path']}/ 里是这次构建好的发布版；"
              "要上传，请重新运行 invoke publish。", file=sys.stderr)
        sys.exit(128 + signal.SIGINT)
    upload = c.run(shlex.join([*RSYNC, str(ROOT / CONFIG["deploy_path"]) + "/", target]), warn=True)
    if upload.failed:
        # rsync's own last words are English (“rsync error: error in file IO (code 11)”)
        print(f"上传没有完成：rsync 出错（退出码 {upload.exited}，原因见上面 rsync 的提示，如目标文件夹的上一级不存在、"
              f"连不上主机）。{target} 上的网站可能没有更新，或只更新了一部分。{CONFIG['deploy_path']}/ 里是这次构建好的发布版；"
              "改好后重新运行 invoke publish 即可（只传有变化的文件）。", file=sys.stderr)
        sys.exit(upload.exited)


@task(
    help={
        "title": "标题，写在 new 后面，加上引号",
        "county": "县级行政区全称，如 海宁市",
        "townships": "乡镇（街道）全称，逗号或顿号分隔",
        "authors": "作者，逗号或顿号分隔；照署名抄来的“记者”“摄”等会略去",
        "tags": "主题，逗号或顿号分隔",
        "date": "发表日期 YYYY-MM-DD（默认现在）",
        "photo": "图片新闻：写图片来源，如 图片由澉浦镇提供（只写 --photo 时先写“图片由……提供”，待填）",
        "content": "写到哪个 content 文件夹（默认 content/）",
        "slug": "网址中的拼音名（默认由标题生成），只能用小写字母、数字和连字符",
    },
    # --photo alone is a photo item whose credit is still to be written: as a
    # flag with a required value it ended in invoke's English "needed value" error
    optional=["photo"],
)
# county defaults to "" so that leaving it out is answered in Chinese with the
# list to choose from, not by invoke's “did not receive required positional arguments”.
def new(c, title, county="", townships="", authors="", tags="", date="", photo=None, content="", slug=""):
    """新建一篇稿件（草稿）：invoke new "标题" --county 海宁市 --townships 马桥街道。Write a draft skeleton for a new item."""
    from newsarchive.new_item import new_item  # noqa: PLC0415
    from newsarchive.problems import ContentError  # noqa: PLC0415

    _help_if_asked("new", title, county)
    if photo is True:
        photo = ""
    if content and not os.path.isdir(content):
        # a file was a NotADirectoryError traceback; a mistyped folder got the
        # item, where no build would ever read it
        sys.exit(f"--content：没有这个文件夹：{os.path.abspath(content)}，稿件没有创建。请检查路径；不写 --content 就写进 content/。")
    try:
        path = new_item(
            title, county, townships, authors, tags, date or None, photo,
            content=Path(content) if content else ROOT / "content", slug=slug or None,
        )
    except ContentError as e:
        sys.exit(str(e))
    except OSError as e:
        sys.exit(f"invoke new：无法写入 {e.filename}（{e.strerror}），稿件没有创建。请检查文件夹的权限和磁盘空间。")
    print(f"已创建 {os.path.relpath(path)}（草稿）。写好正文后删掉 “Status: draft” 一行即可发布。")


@task(
    help={
        "query": "搜索词，多个词用空格分开（以 - 开头时写成 --query=-5℃）",
        "json": "输出 JSON 数组（url、title、date、score……），不输出表格",
        "site": "要搜索的已构建网站文件夹（默认 output/）",
        "limit": "最多列出几条（正整数，默认全部）",
        "county": "只看这个县（市、区）",
        "township": "只看这个乡镇（街道）",
        "topic": "只看这个主题",
        "year": "只看这一年",
    }
)
# limit is text, handed to the CLI as typed: it refuses 0, -1 or 十 in Chinese
# (an int default had invoke print a ValueError traceback for 十, and take 0 for “all”).
def search(c, query, json=False, site="", limit="", county="", township="", topic="", year=""):
    """搜索已构建的网站，次序与搜索页相同：invoke search "开门红 海宁"。Search the built site, in the search page's order."""
    _help_if_asked("search", query)
    sys.path.insert(0, str(ROOT))
    from newsarchive.search.cli import main  # noqa: PLC0415

    args = ["--site", site or str(ROOT / CONFIG["deploy_path"])]
    if json:
        args.append("--json")
    if limit != "":
        args += ["--limit", limit]
    for name, value in (("county", county), ("township", township), ("topic", topic), ("year", year)):
        if value:
            args += [f"--{name}", value]
    # after "--": a query that starts with "-" (-5℃) is the query, not an option
    code = main([*args, "--", query])
    if code:
        sys.exit(code)


@task(
    help={
        "site": "已构建的网站文件夹（默认 output/）",
        "siteurl": "构建时的网站地址，如 /archive 或 https://example.org/archive"
        "（默认从页面的 canonical 链接读出；页面没有时按 pelicanconf.py）",
    }
)
def check_links(c, site="", siteurl=None):
    """检查已构建网站的每个内部链接、图片、脚本和样式表都能打开。Check every internal link and asset of a built site."""
    from newsarchive.linkcheck import built_for, check_links as run  # noqa: PLC0415

    folder = Path(site) if site else ROOT / CONFIG["deploy_path"]
    if folder.is_file():
        sys.exit(f"--site：{folder} 是一个文件，不是文件夹：请用 --site 指定构建好的网站文件夹，如 --site output。")
    if not folder.is_dir():
        sys.exit(f"{folder} 不存在：请先构建（invoke build），或用 --site 指定构建好的文件夹。")
    if next(folder.rglob("*.html"), None) is None:
        sys.exit(f"{folder} 里没有一个 HTML 页面，不像构建好的网站：请先构建（invoke build），或用 --site 指定构建好的文件夹。")
    given = siteurl is not None
    found = built_for(folder)
    if not given:
        if found is not None:
            siteurl = found
        else:
            from pelican.settings import read_settings  # noqa: PLC0415

            siteurl = read_settings(str(ROOT / CONFIG["settings_base"]))["SITEURL"]
    checked, broken = run(folder, siteurl)
    for link in broken:
        print(f"坏链接 {link}")
    if broken:
        sys.exit(f"{len(broken)} 个链接指向不存在的文件（共检查 {checked} 个）。")
    if not checked:
        # Links to an address other than the one checked for look like another
        # site's and are skipped: a check of none of them proves nothing.
        address = siteurl or "本站（相对网址或以 / 开头的网址）"
        if given and found is not None and found != siteurl:
            advice = (
                f"这些页面是为 {found or '根路径 /'} 构建的（见页面的 canonical 链接）："
                f"去掉 --siteurl，或写 --siteurl {shlex.quote(found)}。"
            )
        else:
            advice = (
                f"请用 --siteurl 写出构建时的网站地址（发布时的 ARCHIVE_SITEURL），如 "
                f"invoke check-links --site {shlex.quote(str(folder))} --siteurl https://news.example.org/archive。"
            )
        sys.exit(f"链接检查没有完成：{folder} 的页面里没有一个链接指向 {address}，一个也没有检查。{advice}")
    print(f"链接检查通过：{checked} 个内部链接和资源都能打开{f'（网站地址 {siteurl}）' if siteurl else ''}。")


@task(help={"content": "要检查的 content 文件夹（默认 content/）"})
def check(c, content=""):
    """像构建一样检查每个稿件文件，但不构建。Check every content file as a build would, without building."""
    if content:
        # from where the editor typed it, not from the project root chdir'd to below
        content = os.path.abspath(content)
        if not os.path.isdir(content):
            # Pelican's answer was an English ValueError under a traceback
            sys.exit(f"--content：没有这个文件夹：{content}。请检查路径；不写 --content 就检查 content/。")
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from newsarchive.check import check as run_check  # noqa: PLC0415
    from newsarchive.problems import BuildFailed  # noqa: PLC0415

    try:
        report, generators = run_check(CONFIG["settings_base"], content or None)
    except BuildFailed as e:
        # the build's own words were “构建已停止……（已发布的 output/ 未改动）”: nothing was built
        sys.exit("\n".join([f"内容检查没有通过：{len(e.problems)} 处内容需要修改（只检查，没有构建）。",
                            *(f"  {p}" for p in e.problems)]))
    items = len(generators[0].articles)
    drafts = len(generators[0].drafts)
    print(f"内容检查通过：{items} 篇已发布，{drafts} 篇草稿，{len(report.warnings)} 条提醒。")


@task(
    help={
        "articles": "生成多少篇稿件（正整数）",
        "dest": "写到哪个空文件夹（不存在就新建），稿件写成 YYYY/MM/<slug>.md，如 content/ 里一样",
        "seed": "随机种子：篇数和种子相同，生成的文件逐字节相同（默认 0）",
    }
)
def gen_corpus(c, articles, dest, seed=0):
    """生成基准测试用的合成档案：invoke gen-corpus --articles 5000 --dest bench/work/corpus。Write a synthetic archive."""
    from newsarchive.corpus import generate  # noqa: PLC0415

    _help_if_asked("gen-corpus", articles, dest)
    try:
        count = int(articles)
    except ValueError:
        count = 0
    if count < 1:
        # int("abc") was a traceback; 0 or -5 wrote an empty corpus and said 已生成 0 篇
        sys.exit(f"--articles：“{articles}”不是正整数。请写要生成的稿件篇数，如 --articles 5000。")
    if Path(dest).exists() and not Path(dest).is_dir():
        sys.exit(f"--dest：{dest} 是一个文件，不是文件夹。请写一个空文件夹（不存在的会新建），如 --dest bench/work/corpus。")
    try:
        paths = generate(count, Path(dest), seed=int(seed))
    except FileExistsError as e:
        sys.exit(str(e))
    except OSError as e:
        sys.exit(f"--dest：没能写进 {dest}（{e.strerror}：{e.filename}）。请换一个能写的空文件夹。")
    print(f"已生成 {len(paths)} 篇稿件于 {dest}（种子 {seed}）。")


# `invoke import` too: the name the developers' guide and pelican-quickstart-minded editors reach for
@task(
    aliases=["import"],
    help={
        "path": "版面文本文件（.txt），或装着多个版面的文件夹",
        "date": "稿件日期 YYYY-MM-DD（版面上没有印日期，必须给）",
        "source": "出处补充，写进 Source，如 “嘉兴日报 2023-01-31 第 5 版”",
        "dest": "写到哪个 content 文件夹（默认 content/）",
        "dry-run": "只列出将要导入的稿件，不写文件",
        "force": "用版面文本覆盖已被改动过的同一篇稿件",
        "county": "稿件里找不到任何地名时用的县级行政区，如 海宁市",
    }
)
# date defaults to "" so that leaving it out is explained by the importer, in
# Chinese, not by invoke's “did not receive required positional arguments”.
def import_page(c, path, date="", source="", dest="", dry_run=False, force=False, county=""):
    """把版面文本导入为稿件：invoke import-page sources/pages/x.txt --date 2023-01-31 --dry-run。Turn a page's text into items."""
    from newsarchive.importer.run import main  # noqa: PLC0415

    _help_if_asked("import-page", path)
    status = main(path, date, source, dest or str(ROOT / "content"), dry_run, force, county)
    if status:
        sys.exit(status)


@task(
    help={
        "articles": "生成的档案有多少篇（默认 5000）",
        "seed": "生成档案的随机种子（默认 0）",
        "skip_search": "不跑 chromium 里的搜索那一步",
        "steps": "只跑这些步骤，逗号分隔：plain,nosearch,cold,noop,edit,add,series,pagefind,search",
        "results": "结果（JSON）写到哪里（默认 bench/results/latest.json）",
        "commit": "构建这个提交的导出（如 HEAD），而不是工作区的现状",
        "rounds": "构建步骤重复几轮，报告中位数（默认 1）",
    }
)
def bench(c, articles=5000, seed=0, skip_search=False, steps="", results="", commit="", rounds=1):
    """基准测试：构建、重建和搜索，与原版 Pelican 和 Pagefind 比较（见 README）。Builds and search against Pelican and Pagefind."""
    from bench.run import main  # noqa: PLC0415

    argv = ["--articles", str(articles), "--seed", str(seed)]
    argv += ["--skip-search"] if skip_search else []
    argv += ["--steps", steps] if steps else []
    argv += ["--results", results] if results else []
    argv += ["--commit", commit] if commit else []
    argv += ["--rounds", str(rounds)]
    sys.exit(main(argv))


@task(help={"articles": "生成的档案有多少篇（默认 5000）", "commit": "剖析这个提交的导出（如 HEAD），而不是工作区的现状"})
def bench_profile(c, articles=5000, commit=""):
    """用 pyinstrument 剖析冷构建和无改动重建，写到 bench/work/profile-<N>/。Profile the builds with pyinstrument."""
    from bench.profile import main  # noqa: PLC0415

    sys.exit(main(["--articles", str(articles)] + (["--commit", commit] if commit else [])))
