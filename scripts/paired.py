#!/usr/bin/env python3
"""Paired whole-process timing: every round runs each command once, in turn, and takes its
wall time (perf_counter) and its CPU time (user + sys of the child, from wait4). Prints the
load, then per command the median wall and CPU time and the median of the per-round ratios
to the last command (the reference, e.g. a parse-only pass), then the load again.

    R=7 scripts/paired.py "samenspel check s.json" "measure parse s.json"
"""
import os
import statistics as st
import subprocess
import sys
import time

rounds = int(os.environ.get("R", "7"))
cmds = [c.split() for c in sys.argv[1:]]
if not cmds:
    sys.exit(__doc__)
res = [[] for _ in cmds]
print("load before:", open("/proc/loadavg").read().strip())
for _ in range(rounds):
    for k, c in enumerate(cmds):
        t0 = time.perf_counter()
        p = subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, ru = os.wait4(p.pid, 0)
        t1 = time.perf_counter()
        res[k].append(((t1 - t0) * 1000, (ru.ru_utime + ru.ru_stime) * 1000))
ref = res[-1]
for k, c in enumerate(cmds):
    wall = st.median(x[0] for x in res[k])
    cpu = st.median(x[1] for x in res[k])
    rw = st.median(a[0] / b[0] for a, b in zip(res[k], ref))
    rc = st.median(a[1] / b[1] for a, b in zip(res[k], ref))
    name = " ".join(os.path.basename(x) for x in c[:2])
    print(f"{name}: wall {wall:.0f} ms, CPU {cpu:.0f} ms; to the last: wall {rw:.2f}x, CPU {rc:.2f}x")
print("load after:", open("/proc/loadavg").read().strip())
