"""Run one command and report its wall time, CPU time and peak memory as JSON on the last line.

ru_maxrss of RUSAGE_CHILDREN is the largest resident set of any child this
process ever waited for, so each measured command gets a fresh wrapper
process of its own: `python bench/measure.py -- python -m pelican ...`.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    command = argv[1:] if argv and argv[0] == "--" else argv
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Linux reports ru_maxrss in KiB. CPU time is reported beside wall time
    # because it hardly moves when other processes share the two cores.
    peak_mb = usage.ru_maxrss / 1024
    cpu = usage.ru_utime + usage.ru_stime
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    print("\n" + json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": peak_mb, "returncode": result.returncode}))
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
