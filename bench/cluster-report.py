#!/usr/bin/env python3
"""Reads what bench/cluster.sh collected and prints its tables.

Arguments: ACCESS_LOG CLAIMS_CSV HELD_CSV N BEGIN_MS KILL_MS END_MS VICTIM_ID ID0 ID1 ID2
  ACCESS_LOG  nginx's "$msec $request_uri" lines; monitor i requests /m/i?s=S at second S = i % 60
  CLAIMS_CSV  cm_fire: schedule name, scheduled fire time (ms), the instance that claimed it
  HELD_CSV    qrtz_fired_triggers of the killed instance right after its death: name, scheduled ms, state

A check is counted at the target: its scheduled time is the last second S of a minute at or
before its arrival, its lateness the arrival less that (a check a minute late or more counts
for the next minute, and shows as run twice there). The instance that ran it is the one that
claimed its schedule's fire time.
"""
import collections
import csv
import re
import sys


def java_hash(s):
    h = 0
    for ch in s:
        h = (31 * h + ord(ch)) & 0xFFFFFFFF
    return h - (1 << 32) if h >= 1 << 31 else h


def pct(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))]


def main():
    access, claims_csv, held_csv = sys.argv[1:4]
    n, begin, kill, end = (int(x) for x in sys.argv[4:8])
    victim, ids = sys.argv[8], sys.argv[9:]

    claims = {}  # (schedule, fire ms) -> instance
    groups = {}  # (second, shard) -> schedule name
    shards = 1
    for name, fire_ms, instance in csv.reader(open(claims_csv)):
        claims[(name, int(fire_ms))] = instance
        parts = name.split("|")  # kind|expression|zone[|shard]
        shard = int(parts[3]) if len(parts) > 3 else 0
        shards = max(shards, shard + 1)
        groups[(int(parts[1].split()[0]), shard)] = name

    def group_of(i):
        return groups.get((i % 60, java_hash("m%d" % i) % shards if shards > 1 else 0))

    arrivals = collections.defaultdict(list)  # (monitor, scheduled ms) -> [arrival ms]
    uri = re.compile(r"/m/(\d+)\?s=(\d+)")
    for line in open(access):
        t, u = line.split(" ", 1)
        m = uri.search(u)
        if not m:
            continue
        t = int(round(float(t) * 1000))
        i, s = int(m.group(1)), int(m.group(2))
        sec = t // 1000
        scheduled = (sec - (sec - s) % 60) * 1000
        arrivals[(i, scheduled)].append(t)

    per_second = collections.Counter(i % 60 for i in range(n))  # monitors due at each second of a minute

    def due(a, b):  # the whole seconds in [a, b), as the rows count the checks scheduled in it
        return sum(per_second[(s // 1000) % 60] for s in range((a + 999) // 1000 * 1000, b, 1000))

    def row(label, a, b):
        keys = [k for k in arrivals if a <= k[1] < b]
        late = [min(arrivals[k]) - k[1] for k in keys]
        twice = sum(1 for k in keys if len(arrivals[k]) > 1)
        d = due(a, b)
        print("%-17s %7d %7d %6.2f %%  %5d %9.0f %9.0f %9.0f" % (label, d, len(keys), 100.0 * len(keys) / d if d else 0,
              twice, pct(late, 50), pct(late, 99), max(late, default=float("nan"))))
        return d, len(keys), twice, late

    import datetime
    hhmm = lambda ms: datetime.datetime.utcfromtimestamp(ms / 1000).strftime("%H:%M:%S")
    print("%-17s %7s %7s %8s  %5s %9s %9s %9s" % ("scheduled (UTC)", "due", "run", "run/due", "twice",
          "p50 ms", "p99 ms", "max ms"))
    t = begin
    while t < end:
        b = min(end, (t // 60000 + 1) * 60000)
        if t < kill < b:  # the minute of the kill in two rows
            row(hhmm(t) + "-" + hhmm(kill)[3:], t, kill)
            row(hhmm(kill) + "-" + hhmm(b)[3:] + " *", kill, b)
        else:
            row(hhmm(t) + "-" + hhmm(b)[3:] + (" *" if t >= kill else ""), t, b)
        t = b
    print("* after the kill (two instances)")
    before = row("before the kill", begin, kill)
    after = row("after the kill", kill, end)
    total_twice = before[2] + after[2]

    # who ran what, before the kill
    share = collections.Counter(claims.get((group_of(i), s), "?") for (i, s) in arrivals if begin <= s < kill)
    print("checks run before the kill, per instance: " + ", ".join(
        "%d: %d" % (k, share[ids[k]]) for k in range(len(ids))) + ("" if not share["?"] else ", a minute late or more (counted in the next minute, whose fire was not claimed yet): %d" % share["?"]))

    # lost at the kill: due before it, claimed by the killed instance, never at the target
    lost = 0
    members = collections.defaultdict(list)
    for i in range(n):
        members[group_of(i)].append(i)
    for (name, fire_ms), instance in claims.items():
        if instance == victim and begin <= fire_ms and fire_ms <= kill + 60000:
            lost += sum(1 for i in members[name] if (i, fire_ms) not in arrivals)

    # the takeover: each schedule the killed instance held, when it first ran on another instance
    held = [(name, int(ms), state) for name, ms, state in csv.reader(open(held_csv))]
    taken, own, never = [], 0, 0
    for name, fire_ms, state in held:
        owner = claims.get((name, fire_ms))
        if owner == victim:
            own += 1  # it had claimed the fire and died running it
            continue
        first = [min(arrivals[(i, fire_ms)]) for i in members[name] if (i, fire_ms) in arrivals]
        if owner is None or not first:
            never += 1
            continue
        taken.append((min(first) - kill, max(first) - fire_ms, name, fire_ms))
    print()
    states = collections.Counter(s for _, _, s in held)
    print("held by the killed instance at its death: %d schedules (%s)" % (len(held), ", ".join(
        "%s %d" % kv for kv in sorted(states.items())) or "none"))
    if taken:
        worst = max(taken)
        print("  run by another instance: %d; first check at the target %.1f s after the kill at the latest"
              " (%s at %s), the last check of such a fire %.1f s after its time"
              % (len(taken), worst[0] / 1000, worst[2], hhmm(worst[3]), max(t[1] for t in taken) / 1000))
    print("  claimed by the killed instance before it died: %d; never run: %d" % (own, never))
    print("checks due up to the kill that the killed instance had claimed and never ran: %d" % lost)
    print("after the kill: lateness max %.1f s over %d checks; run twice in the whole window: %d"
          % (max(after[3], default=0) / 1000, after[1], total_twice))


if __name__ == "__main__":
    main()
