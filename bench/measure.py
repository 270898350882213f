"""Run one command and report its wall time, CPU time and peak memory as JSON on the last line.

Usage: `python bench/measure.py -- python -m pelican ...`. Each measured
command gets a fresh wrapper process of its own, so the resource counters of
the children belong to that command alone.

Memory is the peak of the summed resident sets of the command and all its
descendants, sampled every 20 ms: a build may run work in helper processes
(the search plugin indexes in a second process while pages are written), and
the machine must hold all of them at once. getrusage's ru_maxrss, the largest
single process, is reported beside it. CPU time (user + system of the command
and every descendant it waited for) hardly moves when other processes share
the cores, so it is reported beside wall time. System time is also reported
alone: on this machine's disk (ext4 without a journal), creating files soon
after many were deleted costs the kernel seconds of a cold build, which is
why a benchmark run deletes nothing between its builds (bench/cleanup.py).
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
    total = 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            pass
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
