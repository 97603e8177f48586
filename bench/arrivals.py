#!/usr/bin/env python3
"""Checks as the target saw them: reads an nginx access log of lines "$msec $request_uri"
(e.g. "1764770401.123 /m/17?s=17") and prints, for the checks that arrived in [--from, --to):

  ran_pct p50_s p99_s checks first_s checked99_s

ran_pct     distinct (monitor, scheduled time) pairs / (N * minutes of the window)
p50/p99     lateness in seconds
checks      arrivals in the window (every request, repeats included: the CPU divisor)
first_s     --launch to the first arrival of any monitor
checked99_s --launch to when 99 % of the N monitors had had their first check ("-": never)

Lateness, --mode cron: the URL carries the monitor's cron second s ("s * * * * ? *"), so a
check arriving at a was scheduled at the latest time T <= a whose second of the minute is s
(epoch seconds mod 60; zones are whole minutes away from UTC). An arrival up to --early
seconds before a scheduled second is taken for that second (clocks of two processes). A
check later than a minute is indistinguishable from the next minute's: lateness is < 60 s.

Lateness, --mode phase: the prober picks each target's offset in the minute itself
(Prometheus), so a monitor's schedule is its own arrivals: the k-th arrival after its first
in the window is due 60 k s after it, and lateness is how much later than the monitor's
earliest such offset it came (0 for the most punctual; it measures the jitter).

Lines that are not such a request (other paths, torn or empty lines, ids outside 0..N-1)
are skipped and counted on stderr.
"""
import argparse
import collections
import math
import re
import sys

URI = re.compile(r"^/m/(\d+)\?(?:[^#]*&)?s=(\d+)(?:&|$)")


def read(path, n):
    arrivals, skipped = [], 0
    with open(path, "rb") as f:
        for raw in f:
            parts = raw.decode("ascii", "replace").split()
            if len(parts) != 2:
                skipped += 1
                continue
            m = URI.match(parts[1])
            try:
                at = float(parts[0])
            except ValueError:
                m = None
            if not m or not 0 <= int(m.group(1)) < n or not 0 <= int(m.group(2)) < 60:
                skipped += 1
                continue
            arrivals.append((at, int(m.group(1)), int(m.group(2))))
    arrivals.sort()
    return arrivals, skipped


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[max(0, math.ceil(p / 100 * len(values)) - 1)]  # nearest rank


def cron_lateness(window, early):
    due, late = set(), []
    for at, mid, second in window:
        d = (at - second) % 60
        if d > 60 - early:
            d -= 60
        due.add((mid, round(at - d)))
        late.append(d)
    return due, late


def phase_lateness(window):
    per = collections.defaultdict(list)
    for at, mid, _ in window:
        per[mid].append(at)
    due, late = set(), []
    for mid, times in per.items():
        first = times[0]
        offsets = []
        for at in times:
            k = round((at - first) / 60)
            due.add((mid, k))
            offsets.append(at - first - 60 * k)
        base = min(offsets)
        late.extend(o - base for o in offsets)
    return due, late


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--from", dest="start", type=float, required=True)
    ap.add_argument("--to", dest="end", type=float, required=True)
    ap.add_argument("--launch", type=float, required=True)
    ap.add_argument("--mode", choices=("cron", "phase"), default="cron")
    ap.add_argument("--early", type=float, default=0.5)
    a = ap.parse_args()

    arrivals, skipped = read(a.log, a.n)
    if skipped:
        print(f"{a.log}: {skipped} lines skipped (not /m/<id>?s=<second> of 0..{a.n - 1})", file=sys.stderr)
    window = [x for x in arrivals if a.start <= x[0] < a.end]
    due, late = cron_lateness(window, a.early) if a.mode == "cron" else phase_lateness(window)
    minutes = (a.end - a.start) / 60
    first_seen = {}
    for at, mid, _ in arrivals:
        first_seen.setdefault(mid, at)
    firsts = sorted(first_seen.values())
    need = -(-a.n * 99 // 100)
    checked99 = f"{firsts[need - 1] - a.launch:.1f}" if len(firsts) >= need else "-"
    first = f"{arrivals[0][0] - a.launch:.1f}" if arrivals else "-"
    fmt = lambda v: "-" if v is None else f"{v:.3f}"
    print(f"{100 * len(due) / (a.n * minutes):.1f} {fmt(percentile(late, 50))} {fmt(percentile(late, 99))} "
          f"{len(window)} {first} {checked99}")


if __name__ == "__main__":
    main()
