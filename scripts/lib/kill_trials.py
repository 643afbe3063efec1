#!/usr/bin/env python3
"""Kill trials for scripts/kill-trials.sh: for each run kind, start `modelcompress run` N times, SIGKILL it after a
seeded random delay within a clean run's duration, rerun to completion and compare the model bytes and the report
(timings removed) with a clean reference run. Then checks the shared cache with `cache verify`, lists every
temporary file or folder the kills left, ages them past the sweep age (1 h) and checks that `cache gc` plus one run
remove them all. Prints a table; exit 1 when any trial was wrong or a leftover survived the sweep."""
import json, os, random, re, shutil, signal, subprocess, sys, time

TOOL, REPO, WORK, TRIALS, SEED = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
KINDS = sys.argv[6].split(",") if len(sys.argv) > 6 else ["graph", "training", "cache-hit"]
STALE = 3600  # CacheSweeper.StaleAfter, seconds
TIMING_CODES = ("MC2020", "MC3075")

# The data block is shared with scripts/lib/consumer-app.sh.
with open(os.path.join(REPO, "scripts/lib/digits-data.yaml"), encoding="utf-8") as f:
    DATA = f.read()
GRAPH = """      - prepare: { fold_batchnorm: true }
      - prune: { method: magnitude, sparsity: 0.5, scope: global }
      - quantize: { mode: static, calibration: { samples: 64 } }
"""
TRAINING = """      - prune: { method: magnitude, sparsity: 0.6, scope: global }
      - finetune: { training: { epochs: 2, batch_size: 64, lr: 0.001 } }
      - quantize: { mode: dynamic }
"""
CONFIGS = {"graph": GRAPH, "training": TRAINING, "cache-hit": GRAPH}


def config(steps):
    return ("version: 1\nmodels:\n  digits:\n    source: models/digits_cnn.onnx\n" + DATA + "    steps:\n" + steps +
            "    evaluation: { iterations: 5, warmup: 1 }\n    budgets:\n      accuracy: { metric: top1, max_drop: 0.5 }\n")


def project(folder, steps):
    os.makedirs(os.path.join(folder, "models"), exist_ok=True)
    os.makedirs(os.path.join(folder, "data"), exist_ok=True)
    os.makedirs(os.path.join(folder, "tmp"), exist_ok=True)
    shutil.copy(os.path.join(REPO, "tests/TestData/digits/digits_cnn.onnx"), os.path.join(folder, "models"))
    shutil.copy(os.path.join(REPO, "tests/TestData/digits/digits.npz"), os.path.join(folder, "data"))
    with open(os.path.join(folder, "compression.yaml"), "w") as f:
        f.write(config(steps))


def command(folder):
    return ["dotnet", TOOL, "run", "--config", os.path.join(folder, "compression.yaml"), "--output", os.path.join(folder, "out"),
            "--cache-dir", os.path.join(folder, "cache"), "--plain"]


def env(folder):
    # The engine's scratch files go to this project's own temporary folder, so the leftovers of kills can be counted.
    return dict(os.environ, TMPDIR=os.path.join(folder, "tmp"))


def run(folder):
    """Runs to completion; returns (seconds to the first progress line, i.e. .NET start-up, and seconds in all)."""
    start, first = time.monotonic(), None
    process = subprocess.Popen(command(folder), env=env(folder), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in process.stdout:
        first = first or time.monotonic() - start
        lines.append(line)
    if process.wait() != 0:
        sys.exit(f"run failed in {folder} (exit {process.returncode}):\n{''.join(lines)}")
    end = time.monotonic() - start
    return (first or end), end


def result(folder):
    out = os.path.join(folder, "out")
    with open(os.path.join(out, "digits.onnx"), "rb") as f:
        model = f.read()
    with open(os.path.join(out, "report.json")) as f:
        report = json.load(f)
    return model, normalized(report)


def normalized(node):
    """The report without what legitimately differs between runs: timings, latency, cache hits, paths of this run."""
    drop = {"durationMs", "stages", "latency", "cacheHit", "startedUtc", "finishedUtc", "elapsedMs", "config", "output", "source", "file"}
    if isinstance(node, dict):
        return {k: normalized(v) for k, v in node.items() if k not in drop}
    if isinstance(node, list):
        # Warnings that come from a latency measurement (MC3075: int8 measured slower than float, MC2020: inside the
        # noise) depend on the machine's load at that moment, not on the kill; they are printed, not compared.
        return [normalized(v) for v in node if not (isinstance(v, dict) and v.get("code") in TIMING_CODES)]
    return node


def timing_warnings(folder):
    with open(os.path.join(folder, "out", "report.json")) as f:
        return [d["code"] for d in json.load(f).get("diagnostics", []) if d.get("code") in TIMING_CODES]


def differences(a, b, where="report"):
    """(path, reference value, rerun value) for each place two normalized reports differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b)) for d in differences(a.get(k), b.get(k), f"{where}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(x, y, f"{where}[{i}]")]
    return [] if a == b else [(where, a, b)]


def cold(folder):
    """Empties the step and evaluation caches but keeps tmp/, quarantine/, locks/ and half-written files, so the
    leftovers of every kill add up; removes the previous outputs (not their temporary files)."""
    cache = os.path.join(folder, "cache")
    if os.path.isdir(cache):
        for name in os.listdir(cache):
            path = os.path.join(cache, name)
            if len(name) == 2 and os.path.isdir(path):
                for entry in os.listdir(path):
                    if ".evicted-" not in entry:
                        shutil.rmtree(os.path.join(path, entry))
            if name == "evaluations":
                for entry in os.listdir(path):
                    if not entry.startswith("."):
                        os.remove(os.path.join(path, entry))
    outputs(folder)


def outputs(folder):
    out = os.path.join(folder, "out")
    for name in os.listdir(out) if os.path.isdir(out) else []:
        if not name.startswith("."):
            os.remove(os.path.join(out, name))


def leftovers(folder):
    """Every temporary thing a run may leave: (path, age in seconds)."""
    cache, found = os.path.join(folder, "cache"), []

    def add(path):
        if os.path.lexists(path):
            found.append((os.path.relpath(path, folder), time.time() - newest(path)))

    for sub in ("tmp", "quarantine", "locks"):
        for name in sorted(os.listdir(os.path.join(cache, sub))) if os.path.isdir(os.path.join(cache, sub)) else []:
            add(os.path.join(cache, sub, name))
    for name in sorted(os.listdir(cache)) if os.path.isdir(cache) else []:
        path = os.path.join(cache, name)
        if name.startswith(".probe-"):
            add(path)
        if len(name) == 2 and os.path.isdir(path):
            for entry in sorted(os.listdir(path)):
                if ".evicted-" in entry:
                    add(os.path.join(path, entry))
    for sub, prefix in (("cache/evaluations", "."), ("out", "."), ("tmp", "")):
        base = os.path.join(folder, sub)
        for name in sorted(os.listdir(base)) if os.path.isdir(base) else []:
            # In the temporary folder only the engine's own scratch files count: the .NET runtime leaves its debugger
            # pipes (clr-debug-pipe-*, dotnet-diagnostic-*, .ses) there when killed, which no sweep of ours may touch.
            if name.startswith(prefix) and (sub != "tmp" or name.startswith("modelcompress-")):
                add(os.path.join(base, name))
    return found


def newest(path):
    if not os.path.isdir(path) or os.path.islink(path):
        return os.lstat(path).st_mtime
    times = [os.lstat(path).st_mtime]
    for root, dirs, files in os.walk(path):
        times += [os.lstat(os.path.join(root, n)).st_mtime for n in dirs + files]
    return max(times)


def age_all(folder, paths):
    then = time.time() - 2 * STALE
    for rel, _ in paths:
        path = os.path.join(folder, rel)
        for root, dirs, files in os.walk(path) if os.path.isdir(path) else []:
            for n in dirs + files:
                os.utime(os.path.join(root, n), (then, then), follow_symlinks=False)
        os.utime(path, (then, then), follow_symlinks=False)


def trial_kind(kind, rng):
    base = os.path.join(WORK, kind)
    reference, trials = os.path.join(base, "reference"), os.path.join(base, "trials")
    project(reference, CONFIGS[kind])
    project(trials, CONFIGS[kind])
    startup, duration = run(reference)
    if kind == "cache-hit":
        outputs(reference)
        startup, duration = run(reference)  # a warm run: every step and evaluation from the cache
        run(trials)  # warms the trials' cache
    expected = result(reference)
    rows, phases, attempt = [], {}, 0
    # A run that finishes before its delay was not killed: draw again, until TRIALS kills (at most 3 x TRIALS runs).
    while sum(k for k, _, _ in rows) < TRIALS and attempt < 3 * TRIALS:
        attempt += 1
        i = attempt - 1
        if kind != "cache-hit":
            cold(trials)
        else:
            outputs(trials)
        # Across the engine's working time: a kill during .NET start-up (before the first line) tests nothing.
        delay = rng.uniform(startup, duration)
        log = open(os.path.join(base, f"trial-{i + 1}.log"), "w")
        process = subprocess.Popen(command(trials), env=env(trials), stdout=log, stderr=subprocess.STDOUT)
        try:
            process.wait(timeout=delay)
            killed = False
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            killed = True
        log.close()
        with open(log.name) as f:
            lines = [l.strip() for l in f if l.strip()]
        phase = lines[-1][:60] if lines else "(before any output)"
        if killed:
            step = re.sub(r" [0-9.]+ s$", "", phase.replace("modelcompress: digits: ", ""))
            phases[step] = phases.get(step, 0) + 1
        run(trials)
        ok = result(trials) == expected
        timing = timing_warnings(trials)
        if timing:
            print(f"  {kind:9} trial {i + 1:2}: timing warnings in the rerun (not compared): {', '.join(timing)}", flush=True)
        if not ok:
            got = result(trials)
            print(f"  MISMATCH {kind} trial {i + 1}: model bytes {'equal' if got[0] == expected[0] else 'differ'}, "
                  f"report {'equal' if got[1] == expected[1] else 'differs'}", flush=True)
            for where, want, have in differences(expected[1], got[1])[:6]:
                print(f"    {where}: reference {json.dumps(want)[:300]} / rerun {json.dumps(have)[:300]}", flush=True)
        rows.append((killed, ok, killed and not lines))
        print(f"  {kind:9} trial {i + 1:2}: delay {delay:6.2f} s in [{startup:4.2f}, {duration:4.2f}] s, "
              f"{'killed' if killed else 'finished first'}, last line: {phase!r}, rerun {'correct' if ok else 'WRONG'}", flush=True)
    print(f"  {kind:9} killed after (last line printed): " + ", ".join(f"{k} x{v}" for k, v in sorted(phases.items(), key=lambda p: -p[1])), flush=True)
    verify = subprocess.run(["dotnet", TOOL, "cache", "verify", "--cache-dir", os.path.join(trials, "cache")], capture_output=True, text=True)
    left = leftovers(trials)
    for path, age in left:
        print(f"  {kind:9} leftover before the sweep: {path} ({age:.0f} s old)", flush=True)
    older = [p for p, a in left if a >= STALE]
    # The sweep removes only what is older than an hour (a live build keeps such things for seconds): make every
    # leftover two hours old, then let `cache gc` and one run (sweep on open, output folder at the end) remove them.
    age_all(trials, left)
    subprocess.run(["dotnet", TOOL, "cache", "gc", "--cache-dir", os.path.join(trials, "cache")], capture_output=True, env=env(trials))
    outputs(trials)
    run(trials)
    after = [(p, a) for p, a in leftovers(trials) if a >= STALE]
    for path, _ in after:
        print(f"  {kind:9} SURVIVED the sweep: {path}", flush=True)
    return {
        "kind": kind, "trials": len(rows), "killed": sum(k for k, _, _ in rows), "correct": sum(ok for _, ok, _ in rows),
        "mismatches": sum(not ok for _, ok, _ in rows), "early": sum(e for _, _, e in rows), "verify": verify.returncode, "left": len(left), "older": len(older),
        "after": len(after), "duration": duration,
    }


def main():
    rng = random.Random(SEED)
    print(f"seed {SEED}, {TRIALS} trials per kind, delays uniform between a clean run's first progress line and its end", flush=True)
    results = [trial_kind(kind, rng) for kind in KINDS]
    print()
    print(f"{'kind':10} {'clean run':>9} {'trials':>6} {'killed':>6} {'in start-up':>11} {'correct':>7} {'mismatches':>10} {'verify':>6} "
          f"{'temps left':>10} {'older 1h':>8} {'after sweep':>11}")
    for r in results:
        print(f"{r['kind']:10} {r['duration']:8.2f}s {r['trials']:6} {r['killed']:6} {r['early']:11} {r['correct']:7} {r['mismatches']:10} "
              f"{'exit ' + str(r['verify']):>6} {r['left']:10} {r['older']:8} {r['after']:11}")
    print("in start-up: killed before the run printed its first line (slower start than the reference run).")
    print("temps left: temporary files/folders and lock files present after the trials (all younger than the sweep age of "
          "1 h, since the trials took minutes); after sweep: those still there once aged 2 h, `cache gc` and one run.")
    print("trials: runs started; killed: those SIGKILLed (a run that ended before its delay is rerun with a new delay).")
    bad = any(r["killed"] < TRIALS or r["mismatches"] or r["verify"] or r["after"] or r["older"] for r in results)
    sys.exit(1 if bad else 0)


main()
