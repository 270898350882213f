"""The archive-scale benchmark: `invoke bench --articles 5000` (or `python -m bench.run`).

One run, one machine, one corpus, in this order so that every ratio compares
builds made minutes apart under the same load:

1. plain Pelican 4.12 on the same content (bench/plain_pelicanconf.py): the peer;
2. the archive without its search plugin, cold (only to price the search index);
3. the archive, cold: empty cache folder, empty output;
4. the archive again, nothing changed;
5. after one paragraph of one article is edited;
6. after one article is added;
7. a series of one-article edits, one build each, as an editor's day goes
   (each build's search job time too: issue 3's re-index time);
8. Pagefind extended indexing the archive's output;
9. cold-cache search in chromium, our search page and Pagefind's JS API
   (on the site as the series left it, patched long lists and all).

Each build runs as `python -m pelican ...` inside a fresh bench/measure.py
process, which reports its wall time and peak resident memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import runpy
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import cleanup, report  # noqa: E402
from newsarchive import build_cache, corpus, seed_page  # noqa: E402
from newsarchive.search import store  # noqa: E402

WORK = ROOT / "bench" / "work"
TRASH = WORK / ".trash"
DELETED_STAMP = WORK / ".deleted-at"
RESULTS = ROOT / "bench" / "results" / "latest.json"
PLAIN_SETTINGS = str(ROOT / "bench" / "plain_pelicanconf.py")
ARCHIVE_SETTINGS = "pelicanconf.py"
EDIT_MARK = "（编者注：此段已于重印时更正。）"
STEPS = ("plain", "nosearch", "cold", "noop", "edit", "add", "series", "pagefind", "search")
SERIES_EDITS = 10


class BenchError(RuntimeError):
    pass


def measured(name: str, command: list[str], logs: Path, cwd: Path = ROOT) -> dict:
    """Run ``command`` in a fresh measuring process: {seconds, cpu_seconds, system_seconds, peak_rss_mb, …}."""
    wrapper = [sys.executable, str(ROOT / "bench" / "measure.py"), "--", *command]
    proc = subprocess.run(wrapper, cwd=cwd, capture_output=True, text=True)
    log = logs / f"{name}.log"
    log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
    try:
        stats = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise BenchError(f"{name}: the measuring process failed; see {log}") from None
    if stats["returncode"] != 0:
        raise BenchError(f"{name}: exit code {stats['returncode']}; see {log}")
    # Pelican logs a plugin that fails to import and builds on without it:
    # that build would be timed as the archive while it is not.
    if "Cannot load plugin" in proc.stdout + proc.stderr:
        raise BenchError(f"{name}: a plugin failed to load; see {log}")
    print(f"  {name:<11} {stats['seconds']:8.2f} s  {stats['cpu_seconds']:8.2f} s CPU ({stats['system_seconds']:.2f} s system)"
          f"  {stats['peak_rss_mb']:7.0f} MB", flush=True)
    return {key: round(stats[key], 3) for key in ("seconds", "cpu_seconds", "system_seconds", "peak_rss_mb",
                                                 "max_process_rss_mb")}


def pelican(content: Path, settings: str, output: Path, cache: Path, **overrides) -> list[str]:
    command = [sys.executable, "-m", "pelican", str(content), "-s", settings, "-o", str(output)]
    overrides = {"CACHE_PATH": str(cache), **overrides}
    return command + ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]


def generator_digest() -> str:
    """The generator's code and what it reads: a corpus another version made is not this one's."""
    package = Path(corpus.__file__).resolve().parent
    h = hashlib.sha256()
    # the package's top-level modules (the generator and all it imports, and a few more), not a list to keep
    for path in sorted([*package.glob("*.py"), *(package / "data").glob("*.*"), seed_page.SEED_PAGE]):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:8]


def corpus_folder(articles: int, seed: int) -> Path:
    """The generated corpus, made once per (articles, seed, generator): generation is byte-reproducible."""
    folder = WORK / "corpus" / f"{articles}-seed{seed}-{generator_digest()}"
    if not folder.is_dir():
        partial = folder.with_name(folder.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        corpus.generate(articles, partial, seed=seed)
        partial.rename(folder)
    return folder


def edit_one_article(content: Path) -> Path:
    """Change the first paragraph of an article in the middle of the archive, one no earlier step edited.

    Not the nth after the middle: an article added since shifts the list, and
    the same one would be edited twice.
    """
    articles = [p for p in sorted(content.rglob("*.md")) if "\nType: photo\n" not in p.read_text(encoding="utf-8")]
    middle = len(articles) // 2
    path = next(p for p in articles[middle:] + articles[:middle] if EDIT_MARK not in p.read_text(encoding="utf-8"))
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    first, _, rest = body.partition("\n\n")
    path.write_text(f"{head}\n\n{first}{EDIT_MARK}\n\n{rest}", encoding="utf-8")
    return path


def add_one_article(content: Path, articles: int, seed: int) -> Path:
    """The item the generator would write next: valid, and unique among the others by construction."""
    *_, (relative, text) = corpus.items(articles + 1, seed)
    path = content / relative
    if path.exists():
        raise BenchError(f"{path} exists: the content folder is not the generated corpus")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def source_tree(commit: str | None, dest: Path) -> tuple[Path, str]:
    """The project tree to build and its commit: the work tree as it is, or an export of ``commit``.

    Others edit the shared work tree while a benchmark runs; an export
    measures exactly one commit, whatever is half-done beside it.
    """
    head = subprocess.run(["git", "rev-parse", commit or "HEAD"], cwd=ROOT, capture_output=True, text=True)
    revision = head.stdout.strip() or "unknown"
    if not commit:
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True)
        return ROOT, revision + ("+uncommitted changes" if dirty.stdout.strip() else "")
    tree = dest
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", revision], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree, revision


def search_plugins(tree: Path) -> tuple[list[str], list[str]]:
    """(PLUGINS of pelicanconf.py, the same without the search plugin)."""
    plugins = list(runpy.run_path(str(tree / ARCHIVE_SETTINGS))["PLUGINS"])
    return plugins, [p for p in plugins if "search" not in p]


def folder_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1048576, 2)


def machine() -> dict:
    import pelican as pelican_package  # noqa: PLC0415

    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")), "")
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_gb, 1),
        "python": platform.python_version(),
        "pelican": pelican_package.__version__,
        "system": platform.platform(),
    }


def pagefind_executable() -> Path:
    from pagefind_bin_extended import get_executable  # noqa: PLC0415

    return get_executable()


def run(
    articles: int = 5000, seed: int = 0, steps=STEPS, results: Path = RESULTS, commit: str | None = None, rounds: int = 1
) -> dict:
    steps = tuple(steps)
    run_dir = WORK / f"run-{articles}"
    # Nothing is deleted until the measuring is over (bench/cleanup.py).
    cleanup.wait_until_reusable(DELETED_STAMP)
    cleanup.set_aside(run_dir, TRASH)
    logs = run_dir / "logs"
    logs.mkdir(parents=True)
    tree, revision = source_tree(commit, run_dir / "tree")
    print(f"corpus: {articles} items, seed {seed}", flush=True)
    content = run_dir / "content"
    shutil.copytree(corpus_folder(articles, seed), content)
    site = run_dir / "site"
    cache = run_dir / "cache"
    out: dict = {
        "articles": articles,
        "seed": seed,
        "date": dt.date.today().isoformat(),
        "commit": revision,
        "machine": machine(),
        "steps": {},
        "notes": [],
    }
    samples: dict[str, list[dict]] = {}
    plugins, without_search = search_plugins(tree)
    if "nosearch" in steps and plugins == without_search:
        out["notes"].append("index_build_s: no search plugin in PLUGINS of pelicanconf.py")

    def own(folder: Path) -> Path:
        """A cold build's folder: each round's its own; the last round's where later steps look for it."""
        if round_ == rounds:
            return folder
        # atomic_publish puts a build's cache and staging folders beside it: they go along
        (run_dir / f"round-{round_}").mkdir(exist_ok=True)
        return run_dir / f"round-{round_}" / folder.name

    def build(step, settings, output, cache_dir, cwd=tree, fresh=False, **overrides):
        if fresh:
            if output.exists() or cache_dir.exists():
                raise BenchError(f"{output} or {cache_dir} exists: a cold build needs new folders")
        name = f"{step}-{round_}" if rounds > 1 or step == "series" else step
        sample = measured(name, pelican(content, settings, output, cache_dir, **overrides), logs, cwd)
        job = store.load_summary(build_cache.beside(output)) if settings == ARCHIVE_SETTINGS else None
        if job is not None and "PLUGINS" not in overrides:
            sample["search_job_s"] = round(job["seconds"], 3)
            sample["search_wait_s"] = round(job["waited_s"], 3)
        samples.setdefault(step, []).append(sample)

    # Rounds interleave the steps, so each round's builds run minutes apart
    # under the same load from the rest of the machine; medians per step.
    for round_ in range(1, rounds + 1):
        if rounds > 1:
            print(f"round {round_} of {rounds}", flush=True)
        if round_ > 1:
            # the last round's rebuilds left their replaced sites to delete in the background
            cleanup.wait_for_replaced_site(run_dir / f"round-{round_ - 1}" / site.name, DELETED_STAMP)
        round_site, round_cache = own(site), own(cache)
        if "plain" in steps:
            build("plain", PLAIN_SETTINGS, own(run_dir / "plain"), own(run_dir / "cache-plain"), cwd=ROOT, fresh=True)
        if "nosearch" in steps and plugins != without_search:
            build("nosearch", ARCHIVE_SETTINGS, own(run_dir / "nosearch"), own(run_dir / "cache-nosearch"), fresh=True,
                  PLUGINS=without_search)
        if "cold" in steps:
            build("cold", ARCHIVE_SETTINGS, round_site, round_cache, fresh=True)
        if "noop" in steps:
            build("noop", ARCHIVE_SETTINGS, round_site, round_cache)
        if "edit" in steps:
            edited = edit_one_article(content)
            out.setdefault("edited", []).append(edited.relative_to(content).as_posix())
            build("edit", ARCHIVE_SETTINGS, round_site, round_cache)
        if "add" in steps:
            added = add_one_article(content, articles + round_ - 1, seed)
            out.setdefault("added", []).append(added.relative_to(content).as_posix())
            build("add", ARCHIVE_SETTINGS, round_site, round_cache)
    if "series" in steps:
        # Successive edits of different articles on the same site: each
        # update leaves patches that later ones build on (search/update.py),
        # so the first edit after a cold build is not the whole story.
        for k in range(SERIES_EDITS):
            round_ = k + 1
            edited = edit_one_article(content)
            out.setdefault("series_edited", []).append(edited.relative_to(content).as_posix())
            build("series", ARCHIVE_SETTINGS, site, cache)
    out["rounds"] = rounds
    out["samples"] = samples
    timings = out["steps"]
    for step, taken in samples.items():
        timings[step] = {key: round(statistics.median(t[key] for t in taken), 3) for key in taken[0]}

    if "pagefind" in steps:
        cleanup.wait_for_replaced_site(site, DELETED_STAMP)
        exe = pagefind_executable()
        out["pagefind_version"] = subprocess.run([str(exe), "--version"], capture_output=True, text=True).stdout.strip()
        out["steps"]["pagefind"] = measured("pagefind", [str(exe), "--site", str(site), "--silent"], logs)
        out["pagefind_bundle_mb"] = folder_mb(site / "pagefind")
    if site.is_dir():
        out["site_mb"] = folder_mb(site)
        if (site / "search").is_dir():
            out["search_bundle_mb"] = folder_mb(site / "search")
    if "search" in steps:
        from bench import search  # noqa: PLC0415

        print("  search in chromium …", flush=True)
        found = search.run(site)
        out["search"] = {"chromium": found["chromium"], "queries": found["queries"]}
        out["notes"] += found["notes"]
        for key in ("search_cold_bytes_median", "pagefind_cold_bytes_median", "search_ms_median", "pagefind_ms_median",
                    "search_snippets_ms_median", "pagefind_bare_cold_bytes_median", "pagefind_bare_ms_median"):
            out[key] = found[key]
    else:
        out["notes"].append("search not measured (--skip-search)")

    # after the measuring: the earlier rounds' folders and the previous run
    for earlier in range(1, rounds):
        cleanup.set_aside(run_dir / f"round-{earlier}", TRASH)
    cleanup.discard(TRASH, DELETED_STAMP)

    out.update(report.summary(out))
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print()
    print(report.render(out))
    print(f"\nwritten: {results.relative_to(ROOT) if results.is_relative_to(ROOT) else results}")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-search", action="store_true", help="no chromium step")
    parser.add_argument("--steps", default=",".join(STEPS), help=f"comma-separated subset of {','.join(STEPS)}")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--rounds", type=int, default=1, help="repeat the build steps; medians are reported")
    parser.add_argument("--commit", help="build an export of this commit (e.g. HEAD) instead of the work tree")
    args = parser.parse_args(argv)
    steps = [s for s in args.steps.split(",") if s]
    unknown = set(steps) - set(STEPS)
    if unknown:
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    if args.skip_search:
        steps = [s for s in steps if s != "search"]
    try:
        run(args.articles, args.seed, steps, args.results.resolve(), args.commit, args.rounds)
    except BenchError as e:
        print(f"bench failed: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
