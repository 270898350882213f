"""Where a build's time goes: `invoke bench-profile --articles 5000` (or `python -m bench.profile`).

Profiles the archive's cold build and then its no-op rebuild with
pyinstrument (statistical, so the build runs at nearly full speed) and writes
into bench/work/profile-<N>/, for each: a call tree (<step>.txt), the top
functions by own and by cumulative time (<step>-top.txt, from pstats) and the
session to reopen (`python -m pyinstrument --load <step>.pyisession -r html`).
The search plugin normally indexes in a second process, which a profiler of
the build process does not see; here it runs inline (SEARCH_INDEX_PROCESS
false), so its cost shows in the same tree as the pages'.
"""

from __future__ import annotations

import argparse
import io
import json
import pstats
import shutil
import subprocess
import sys
from pathlib import Path

from bench.run import ARCHIVE_SETTINGS, WORK, corpus_folder, source_tree

# Coarser than pyinstrument's 1 ms default: a minute-long build would
# otherwise spend noticeable time and memory on its own samples.
INTERVAL = "0.005"


def write_top(stats: Path, dest: Path, count: int = 30) -> None:
    # pyinstrument's pstats carry sampled times, not call counts (ncalls reads -1).
    buffer = io.StringIO()
    table = pstats.Stats(str(stats), stream=buffer)
    table.sort_stats("tottime").print_stats(count)
    table.sort_stats("cumulative").print_stats(count)
    dest.write_text(buffer.getvalue(), encoding="utf-8")


def profile(articles: int, seed: int = 0, commit: str | None = None) -> Path:
    folder = WORK / f"profile-{articles}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    tree, revision = source_tree(commit, folder / "tree")
    content = folder / "content"
    shutil.copytree(corpus_folder(articles, seed), content)
    (folder / "commit.txt").write_text(revision + "\n", encoding="utf-8")
    for step in ("cold", "noop"):
        session = folder / f"{step}.pyisession"
        build = [
            "-m", "pelican", str(content), "-s", ARCHIVE_SETTINGS, "-o", str(folder / "site"),
            "-e", f"CACHE_PATH={json.dumps(str(folder / 'cache'))}", "SEARCH_INDEX_PROCESS=false",
        ]
        profiler = [sys.executable, "-m", "pyinstrument", "-i", INTERVAL, "-r", "pyisession", "-o", str(session)]
        subprocess.run(profiler + build, cwd=tree, check=True, capture_output=True)
        load = [sys.executable, "-m", "pyinstrument", "--load", str(session), "--no-color", "--unicode"]
        subprocess.run(load + ["-r", "text", "-o", str(folder / f"{step}.txt")], check=True)
        stats = folder / f"{step}.pstats"
        subprocess.run(load + ["-r", "pstats", "-o", str(stats)], check=True)
        write_top(stats, folder / f"{step}-top.txt")
        print(f"{step}: {folder / f'{step}.txt'}  {folder / f'{step}-top.txt'}")
    return folder


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--commit", help="profile an export of this commit instead of the work tree")
    args = parser.parse_args(argv)
    profile(args.articles, args.seed, args.commit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
