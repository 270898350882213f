"""Run one command and report its wall time, CPU time and peak memory as JSON on the last line.

Usage: `python bench/measure.py -- python -m pelican ...`. Each measured
command gets a fresh wrapper process of its own, so the resource counters of
the children belong to that command alone.

Memory is the peak of the summed resident sets of the command and all its
descendants, sampled every 20 ms: a build may run work in helper processes
(the search plugin indexes in a second process while pages are written), and
the machine must hold all of them at once; a child forked and not yet
exec'd shares its parent's pages, so only what it holds beyond them counts.
getrusage's ru_maxrss, the largest single process, is reported beside it.
CPU time (user + system of the command and every descendant it waited for)
hardly moves when other processes share the cores, so it is reported beside
wall time. System time is also reported alone: on this machine's disk (ext4
without a journal), creating files soon after many were deleted costs the
kernel seconds of a cold build, which is why a benchmark run deletes nothing
between its builds (bench/cleanup.py).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import threading
import time

import psutil

SAMPLE_SECONDS = 0.02


def _tree_rss(root: psutil.Process) -> int:
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    seen: dict[int, tuple[int, list[str], int]] = {}  # pid → (parent pid, command line, rss)
    for process in processes:
        try:
            seen[process.pid] = (process.ppid(), process.cmdline(), process.memory_info().rss)
        except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
            pass
    total = 0
    for pid, (parent_pid, cmdline, rss) in seen.items():
        parent = seen.get(parent_pid) if pid != root.pid else None
        if parent is not None and cmdline == parent[1]:
            # Forked and not yet exec'd (Popen's moment between the two, or
            # vfork): its resident set is its parent's pages, which the
            # machine holds once. Counted whole, one such sample in a
            # rebuild doubled Pelican's 95 MB (a 302 MB "peak"). Only what
            # it holds beyond its parent is its own.
            rss = max(0, rss - parent[2])
        total += rss
    return total


def main(argv: list[str]) -> int:
    command = argv[1:] if argv and argv[0] == "--" else argv
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        root = psutil.Process(child.pid)
        while not done.is_set():
            peak = max(peak, _tree_rss(root))
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = child.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    sys.stdout.write(stdout)
    sys.stderr.write(stderr)
    result = {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "system_seconds": usage.ru_stime,
        "peak_rss_mb": peak / 1048576,
        # Linux reports ru_maxrss in KiB.
        "max_process_rss_mb": usage.ru_maxrss / 1024,
        "returncode": child.returncode,
    }
    print("\n" + json.dumps(result))
    return child.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
