#!/usr/bin/env python3
"""What recording costs (docs/recording.md), at N backends and a 1 s interval: run through
bench/record (or bench/run, which calls it last).

  - record_bytes_per_sample    `pgtriage record` (everything: every backend, idle ones too,
                               pg_stat_statements with its rates each sample, the slow sections
                               every 30 s) for --seconds: (file size - header) / samples;
  - record_cpu_ms_per_sample   that process's CPU (utime + stime from wait4) / samples;
  - record_cpu_overhead_ratio  the console (bench.py's run_tool: tmux, pty proxy, CPU from
                               schedstat per refresh) on each of --panes, alternately without and
                               with `--record FILE`, --rounds times each: mean CPU per refresh with
                               / without - 1, the worst pane's; each pane's is printed before.
The workload and the server are bench.py's (workload.py: 3 % active, 2 % idle in transaction,
blocking chains; --statements distinct statements in pg_stat_statements).
"""
import argparse
import os
import signal
import subprocess
import sys
import time

import psycopg

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402
from bench import CLEANUP, BenchError, Tmux, Tool, Workload, PANE_KEYS, run_tool, say, setup_database, start_server  # noqa: E402


def record_size(pgtriage: str, server, seconds: float, interval: float, folder: str):
    path = os.path.join(folder, "record.rec")
    if os.path.exists(path):
        os.remove(path)
    argv = [pgtriage, "record", f"host={server.base} port={server.port} dbname=bench user=bench_floor",
            "--interval", f"{interval:g}", "--duration", f"{seconds:g}", "--output", path]
    proc = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True)
    CLEANUP.push("pgtriage record", lambda: proc.poll() is None and proc.kill())
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read()
    if proc.returncode != 0:
        raise BenchError(f"pgtriage record failed ({proc.returncode}): {err}")
    say(err.strip())
    # "pgtriage record: N samples, B bytes (...)"
    samples = int(err.split("record: ", 1)[1].split(" ", 1)[0])
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        head = f.read(4096)
    header = head.index(b"PGTF") if b"PGTF" in head else 0
    cpu = usage.ru_utime + usage.ru_stime
    check = subprocess.run([pgtriage, "replay", path, "--json"], capture_output=True, text=True)
    replayed = check.stdout.count("\n")
    if check.returncode != 0 or replayed != samples:
        raise BenchError(f"replay --json gave {replayed} lines of {samples} samples: {check.stderr}")
    return samples, size, header, cpu


def main() -> int:
    ap = argparse.ArgumentParser(prog="bench/record", description=__doc__.split("\n\n")[0])
    ap.add_argument("--backends", type=int, default=1000)
    ap.add_argument("--statements", type=int, default=5000)
    ap.add_argument("--seconds", type=float, default=120, help="the recording's length for the size (the issue: 600)")
    ap.add_argument("--window", type=float, default=20, help="each console window for the CPU overhead")
    ap.add_argument("--rounds", type=int, default=2, help="console windows without and with --record, each, per pane")
    ap.add_argument("--panes", default="activity,statements")
    ap.add_argument("--interval", type=float, default=1.0)
    ap.add_argument("--size", default="200x50")
    ap.add_argument("--pgtriage", required=True)
    ap.add_argument("--venv", required=True)
    ap.add_argument("--results", default=os.path.join(bench.HERE, "results"))
    args = ap.parse_args()
    python = os.path.join(args.venv, "bin", "python")
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, bench.on_signal)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    results_dir = os.path.join(args.results, "record-" + stamp)
    os.makedirs(results_dir, exist_ok=True)
    lines = []
    try:
        server = start_server(args.backends + 50)
        setup_database(server, args.statements, 0)
        admin = psycopg.connect(server.dsn("postgres"), autocommit=True)
        CLEANUP.push("admin connection", admin.close)
        Workload(server, args.backends, python)
        time.sleep(1)

        say(f"pgtriage record for {args.seconds:g} s at {args.backends} backends, {args.statements} statements...")
        samples, size, header, cpu = record_size(args.pgtriage, server, args.seconds, args.interval, results_dir)
        per_sample = (size - header) / samples
        lines += [f"record_samples {samples}", f"record_file_bytes {size}",
                  f"record_cpu_ms_per_sample {cpu * 1000 / samples:.2f}"]

        width, height = (int(x) for x in args.size.split("x"))
        tmux = Tmux(width, height)
        conninfo = f"host={server.base} port={server.port} dbname=bench user=bench_pgtriage"
        worst = float("-inf")
        for pane in [p for p in args.panes.split(",") if p]:
            cpu_ms = {False: [], True: []}
            for round_ in range(args.rounds):
                for recording in (False, True):
                    argv = [args.pgtriage, "--refresh", f"{args.interval:g}", "--read-only"]
                    if recording:
                        argv += ["--record", os.path.join(results_dir, f"console-{pane}-{round_}.rec")]
                    tool = Tool("pgtriage-record" if recording else "pgtriage", "bench_pgtriage", argv + [conninfo],
                                r"bench_workload", pane_key=PANE_KEYS[pane])
                    opts = argparse.Namespace(seconds=args.window, interval=args.interval, pane=pane, raw=False)
                    run = run_tool(tool, args.backends, opts, tmux, admin, results_dir, python)
                    cpu_ms[recording].append(run.cpu_ms_per_refresh)
                    say(f"{pane} pane, {'with' if recording else 'without'} --record: {run.cpu_ms_per_refresh:.2f} ms CPU a refresh")
            without = sum(cpu_ms[False]) / len(cpu_ms[False])
            with_ = sum(cpu_ms[True]) / len(cpu_ms[True])
            ratio = with_ / without - 1
            worst = max(worst, ratio)
            lines += [f"record_console_{pane}_cpu_ms_per_refresh {without:.2f}",
                      f"record_console_{pane}_cpu_ms_per_refresh_recording {with_:.2f}",
                      f"record_console_{pane}_cpu_overhead_ratio {ratio:.3f}"]
        lines += [f"record_bytes_per_sample {per_sample:.0f}", f"record_cpu_overhead_ratio {worst:.3f}"]
    finally:
        CLEANUP.run_all()
    print()
    print(f"pgtriage recording: {args.backends} backends, {args.statements} statements, interval {args.interval:g} s, "
          f"{args.seconds:g} s recorded; console windows {args.window:g} s x {args.rounds} per pane and mode "
          f"({os.cpu_count()} cores); details in {os.path.relpath(results_dir, bench.REPO)}")
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        say("interrupted; everything stopped")
        sys.exit(130)
    except BenchError as e:
        say(f"error: {e}")
        sys.exit(1)
