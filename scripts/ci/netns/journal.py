#!/usr/bin/python3
"""Reads a widthsweep journal (<sweep dir>/journal.sqlite) for scripts/ci/netns-drill.

Every query is read-only. Event ids (events.id) serve as marks: `mark` prints the newest id,
and the checks look at events after a mark, so no clock is compared across processes.
Checks print one line per finding to stdout and exit 1 when the check fails, 2 on bad usage.
"""
import json
import os
import sqlite3
import sys


def connect(sweep_dir):
    path = os.path.join(sweep_dir, "journal.sqlite")
    if not os.path.exists(path):
        sys.exit(f"journal.py: no journal at {path}")
    # Not mode=ro: a read-only connection cannot open a WAL journal whose -shm the coordinator
    # has not created yet. This connection only reads; busy timeout rides out a commit.
    db = sqlite3.connect(path, timeout=10)
    db.execute("PRAGMA busy_timeout = 10000")
    return db


def names(db):
    """key -> task/wWIDTH/sSEED, for messages."""
    return {k: f"{t}/w{w}/s{s}" for k, t, w, s in db.execute("SELECT key, task, width, seed FROM cells")}


def cmd_mark(db, args):
    print(db.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0])
    return 0


def cmd_label(db, args):
    """KEY...: task/wWIDTH/sSEED of each key, one a line."""
    label = names(db)
    for key in args:
        print(label.get(key, key))
    return 0


def cmd_counts(db, args):
    rows = dict(db.execute("SELECT state, count(*) FROM cells GROUP BY state").fetchall())
    total = sum(rows.values())
    print(f"total={total} finished={rows.get('finished', 0)} leased={rows.get('leased', 0)} "
          f"queued={rows.get('queued', 0)} failed={rows.get('failed', 0)}")
    return 0


def cmd_remaining(db, args):
    """Cells not finished or failed."""
    print(db.execute("SELECT count(*) FROM cells WHERE state IN ('queued', 'leased')").fetchone()[0])
    return 0


def cmd_leases(db, args):
    """`WORKER KEY` per cell currently leased, per the journal."""
    for key, worker in db.execute("SELECT key, lease_worker FROM cells WHERE state = 'leased' ORDER BY key"):
        print(worker, key)
    return 0


def cmd_all_finished(db, args):
    """Exit 0 when every one of KEYS is finished (or failed: the final check reports that)."""
    keys = args
    done = 0
    for key in keys:
        row = db.execute("SELECT state FROM cells WHERE key = ?", (key,)).fetchone()
        if row and row[0] in ("finished", "failed"):
            done += 1
    print(f"{done}/{len(keys)}")
    return 0 if done == len(keys) else 1


def cmd_registered_since(db, args):
    """Exit 0 when WORKER has a workerRegistered event after MARK."""
    mark, worker = int(args[0]), args[1]
    n = db.execute("SELECT count(*) FROM events WHERE id > ? AND kind = 'workerRegistered' AND worker = ?",
                   (mark, worker)).fetchone()[0]
    print(n)
    return 0 if n > 0 else 1


def cmd_leased_since(db, args):
    """MARK WORKER: keys leased to WORKER after MARK, one a line."""
    mark, worker = int(args[0]), args[1]
    for (key,) in db.execute("SELECT key FROM events WHERE id > ? AND kind = 'leased' AND worker = ?", (mark, worker)):
        print(key)
    return 0


def cmd_redispatched(db, args):
    """MARK WORKER KEY...: each key's lease held by WORKER ended after MARK (failed or released),
    the key was leased again to another worker after MARK, and it is finished by another worker."""
    mark, worker, keys = int(args[0]), args[1], args[2:]
    label = names(db)
    ok = True
    for key in keys:
        ended = db.execute("SELECT count(*) FROM events WHERE id > ? AND key = ? AND worker = ? "
                           "AND kind IN ('attemptFailed', 'released', 'cellFailed')", (mark, key, worker)).fetchone()[0]
        others = [r[0] for r in db.execute("SELECT DISTINCT worker FROM events WHERE id > ? AND key = ? "
                                           "AND kind = 'leased' AND worker != ?", (mark, key, worker))]
        fin = db.execute("SELECT worker FROM events WHERE key = ? AND kind = 'finished'", (key,)).fetchall()
        finished_by = [r[0] for r in fin]
        good = ended > 0 and others and len(finished_by) == 1 and finished_by[0] != worker
        ok = ok and bool(good)
        print(f"  {label.get(key, key)}: {worker}'s lease ended={'yes' if ended else 'NO'}; "
              f"re-leased to {','.join(others) or 'NOBODY'}; finished by {','.join(finished_by) or 'NOBODY'}")
    return 0 if ok else 1


def cmd_lease_ended(db, args):
    """MARK WORKER KEY...: exit 0 once each key's lease held by WORKER ended after MARK."""
    mark, worker, keys = int(args[0]), args[1], args[2:]
    ended = 0
    for key in keys:
        ended += db.execute("SELECT count(*) > 0 FROM events WHERE id > ? AND key = ? AND worker = ? "
                            "AND kind IN ('attemptFailed', 'released', 'cellFailed')", (mark, key, worker)).fetchone()[0]
    print(f"{ended}/{len(keys)}")
    return 0 if ended == len(keys) else 1


def cmd_not_recomputed(db, args):
    """MARK: no cell finished at or before MARK was leased or adopted after it."""
    mark = int(args[0])
    label = names(db)
    before = {r[0] for r in db.execute("SELECT key FROM events WHERE id <= ? AND kind = 'finished'", (mark,))}
    again = [r[0] for r in db.execute("SELECT DISTINCT key FROM events WHERE id > ? AND kind IN ('leased', 'adopted')",
                                      (mark,)) if r[0] in before]
    print(f"  {len(before)} cells finished before the kill; {len(again)} of them handed out again")
    for key in again:
        print(f"  recomputed: {label.get(key, key)}")
    return 0 if not again else 1


def cmd_late_results(db, args):
    """MARK WORKER KEY...: for each key, exactly one finished event; say who recorded it."""
    mark, worker, keys = int(args[0]), args[1], args[2:]
    label = names(db)
    ok = True
    for key in keys:
        fin = db.execute("SELECT worker, attempt FROM events WHERE key = ? AND kind = 'finished'", (key,)).fetchall()
        warn = db.execute("SELECT count(*) FROM events WHERE key = ? AND kind = 'determinismWarning'", (key,)).fetchone()[0]
        ok = ok and len(fin) == 1 and warn == 0
        who = ", ".join(f"{w} (attempt {a})" for w, a in fin) or "NOBODY"
        print(f"  {label.get(key, key)}: recorded {len(fin)}× by {who}; determinism warnings {warn}")
    return 0 if ok else 1


def cmd_exactly_once(db, args):
    """Every cell finished, with exactly one finished event and one result row; no warnings."""
    label = names(db)
    ok = True
    total = db.execute("SELECT count(*) FROM cells").fetchone()[0]
    states = dict(db.execute("SELECT state, count(*) FROM cells GROUP BY state").fetchall())
    if states.get("finished", 0) != total:
        ok = False
        print(f"  not every cell finished: {states}")
    per_key = dict(db.execute("SELECT key, count(*) FROM events WHERE kind = 'finished' GROUP BY key").fetchall())
    for key in label:
        n = per_key.get(key, 0)
        if n != 1:
            ok = False
            print(f"  {label[key]}: {n} finished events")
    results = db.execute("SELECT count(*) FROM results").fetchone()[0]
    if results != total:
        ok = False
        print(f"  {results} result rows for {total} cells")
    warnings = db.execute("SELECT count(*) FROM events WHERE kind = 'determinismWarning'").fetchone()[0]
    if warnings:
        ok = False
        print(f"  {warnings} determinism warnings")
    events = dict(db.execute("SELECT kind, count(*) FROM events GROUP BY kind").fetchall())
    print(f"  {total} cells, {sum(per_key.values())} finished events, {results} results; events: "
          + ", ".join(f"{k} {v}" for k, v in sorted(events.items())))
    return 0 if ok else 1


def stripped(result_json):
    result = json.loads(result_json)
    # Timings and the environment (host, BLAS core, …) are where and how fast, not what.
    result.pop("timings", None)
    result.pop("environment", None)
    return result


def cmd_compare(db, args):
    """OTHER_DIR: every cell's result, minus timings and environment, equal to OTHER_DIR's."""
    other = connect(args[0])
    label = names(db)
    mine = {k: (stripped(j), a) for k, j, a in db.execute(
        "SELECT r.key, r.result_json, (SELECT group_concat(name || ':' || sha256) FROM "
        "(SELECT name, sha256 FROM artifacts WHERE key = r.key ORDER BY name)) FROM results r")}
    theirs = {k: (stripped(j), a) for k, j, a in other.execute(
        "SELECT r.key, r.result_json, (SELECT group_concat(name || ':' || sha256) FROM "
        "(SELECT name, sha256 FROM artifacts WHERE key = r.key ORDER BY name)) FROM results r")}
    ok = True
    if set(mine) != set(theirs):
        ok = False
        print(f"  cell keys differ: {len(set(mine) - set(theirs))} only in the drill, "
              f"{len(set(theirs) - set(mine))} only in the fault-free run")
    differing = 0
    for key in sorted(set(mine) & set(theirs)):
        if mine[key] != theirs[key]:
            differing += 1
            ok = False
            a, b = mine[key][0], theirs[key][0]
            fields = sorted(f for f in set(a) | set(b) if a.get(f) != b.get(f))
            print(f"  {label.get(key, key)}: differs in {', '.join(fields) or 'artifacts'}")
    print(f"  {len(set(mine) & set(theirs))} cells compared, {differing} differ")
    return 0 if ok else 1


COMMANDS = {
    "mark": cmd_mark, "label": cmd_label, "counts": cmd_counts, "remaining": cmd_remaining, "leases": cmd_leases,
    "all-finished": cmd_all_finished, "registered-since": cmd_registered_since,
    "leased-since": cmd_leased_since, "redispatched": cmd_redispatched, "lease-ended": cmd_lease_ended, "not-recomputed": cmd_not_recomputed,
    "late-results": cmd_late_results, "exactly-once": cmd_exactly_once, "compare": cmd_compare,
}

if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in COMMANDS:
        sys.stderr.write(f"usage: journal.py {{{'|'.join(COMMANDS)}}} SWEEP_DIR [ARGS...]\n")
        sys.exit(2)
    database = connect(sys.argv[2])
    try:
        sys.exit(COMMANDS[sys.argv[1]](database, sys.argv[3:]))
    finally:
        database.close()
