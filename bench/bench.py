#!/usr/bin/env python3
"""Side-by-side benchmark of pgtriage, pg_activity and pg_top (run it through bench/run, which
installs the peers and builds pgtriage first).

For each backend count: a workload (workload.py) holds the backends open; each tool runs in
its own tmux session at the same size and refresh interval, under a pty proxy (ptyproxy.py)
that counts the bytes it writes; after a warm-up, a measured window of --seconds gives
  - client CPU per refresh   on-CPU time of the tool's process (all its threads) over the
                             window, from /proc/<pid>/task/*/schedstat (ns), divided by the
                             refreshes in the window; utime+stime from /proc/<pid>/stat (10 ms
                             ticks) is kept alongside as a cross-check;
  - refreshes                calls of the tool's most-called monitoring SELECT in
                             pg_stat_statements during the window (each tool connects as its
                             own role); elapsed/interval is kept as a cross-check;
  - server time per refresh  total_plan_time + total_exec_time of all the tool role's
                             statements in the window, divided by the refreshes; the floor is
                             a bare SELECT * FROM pg_stat_activity plus SELECT * FROM pg_locks,
                             measured the same way at the same backend count;
  - terminal bytes per refresh  bytes the tool wrote to its pty during the window / refreshes;
  - first frame              from the spawn of the tool to the moment tmux's screen shows a
                             row of the workload (a marker text), polled every 10 ms;
  - max RSS                  VmHWM of the tool's process at the end of its run.
  - pane read (--pane indexes|tables)  pgtriage reads these panes every 30 s, not every
                             refresh: the window opens with the pane's key and lasts at least
                             70 s (three reads); the statements new since the Activity pane that
                             run at most 3 times are the read: those run at every read, summed
                             by their mean (and their minimum) server time per call, are the
                             read; with those run less often (the Indexes shape, read again only
                             after DDL) they are the first read; the floor is a bare
                             SELECT * FROM pg_stat_user_indexes (pg_stat_user_tables) on a session
                             of its own, 10 times, before and after pgtriage.
  With --tables N and --pane indexes or tables, the tables have indexes and foreign keys
  (make_indexed_tables); otherwise only primary keys (make_tables, for the Bloat pane).
"""
import argparse
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, asdict

import psycopg

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PG_BIN = os.environ.get("BENCH_PG_BIN", "/usr/lib/postgresql/15/bin")
CLK_TCK = os.sysconf("SC_CLK_TCK")


def say(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


class BenchError(Exception):
    pass


# ------------------------------------------------------------------------------------------
# Clean-up: everything we start is registered here and stopped in reverse order, on normal
# exit, on error and on Ctrl-C / SIGTERM / SIGHUP.

class Cleanup:
    def __init__(self):
        self.actions = []

    def push(self, name, fn):
        self.actions.append((name, fn))
        return len(self.actions) - 1

    def run_one(self, index):
        name, fn = self.actions[index]
        self.actions[index] = (name, None)
        if fn is None:
            return
        try:
            fn()
        except Exception as e:  # keep cleaning up
            say(f"clean-up of {name} failed: {e}")

    def run_all(self):
        for i in reversed(range(len(self.actions))):
            self.run_one(i)


CLEANUP = Cleanup()


def on_signal(signum, _frame):
    raise KeyboardInterrupt(f"signal {signum}")


# ------------------------------------------------------------------------------------------
# The server

@dataclass
class Server:
    base: str
    data: str
    port: int
    user: object  # pwd entry or None
    log: str

    def dsn(self, user: str, dbname: str = "bench") -> str:
        return f"host={self.base} port={self.port} dbname={dbname} user={user}"

    def as_user(self, argv):
        if self.user is None:
            return argv
        return ["setpriv", f"--reuid={self.user.pw_uid}", f"--regid={self.user.pw_gid}",
                "--init-groups", "--"] + argv

    def pg_ctl(self, *args, timeout=180):
        return subprocess.run(self.as_user([f"{PG_BIN}/pg_ctl", "-D", self.data] + list(args)),
                              cwd=self.base, capture_output=True, text=True, timeout=timeout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(max_connections: int) -> Server:
    user = None
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam(os.environ.get("PGTRIAGE_PG_USER", "postgres"))
        except KeyError:
            raise BenchError("running as root and there is no OS user 'postgres' to run PostgreSQL as")
    base = tempfile.mkdtemp(prefix="pgtriage-bench-", dir="/tmp")
    server = Server(base=base, data=f"{base}/data", port=free_port(), user=user, log=f"{base}/server.log")
    CLEANUP.push("server folder", lambda: shutil.rmtree(base, ignore_errors=True))
    if user is not None:
        os.chown(base, user.pw_uid, user.pw_gid)
    os.chmod(base, 0o755)
    r = subprocess.run(server.as_user([f"{PG_BIN}/initdb", "-D", server.data, "-U", "postgres", "-E", "UTF8",
                                       "--locale=C", "-A", "trust", "--no-sync"]),
                       cwd=base, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise BenchError(f"initdb failed: {r.stdout}{r.stderr}")
    conf = {
        "port": str(server.port),
        "listen_addresses": "",
        "unix_socket_directories": base,
        "max_connections": str(max_connections),
        "shared_buffers": "256MB",
        "max_locks_per_transaction": "256",
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "autovacuum": "off",
        "shared_preload_libraries": "pg_stat_statements",
        "pg_stat_statements.max": "20000",
        "pg_stat_statements.track": "top",
        "pg_stat_statements.track_planning": "on",
        "logging_collector": "off",
        "log_min_messages": "warning",
        "log_line_prefix": "%m [%p] %q%u@%d ",
    }
    with open(f"{server.data}/postgresql.conf", "a") as f:
        f.write("\n# pgtriage bench\n")
        for k, v in conf.items():
            f.write(f"{k} = '{v}'\n")
    CLEANUP.push("server", lambda: stop_server(server))
    r = server.pg_ctl("-l", server.log, "-w", "-t", "120", "start", timeout=180)
    if r.returncode != 0:
        tail = open(server.log).read()[-3000:] if os.path.exists(server.log) else ""
        raise BenchError(f"pg_ctl start failed: {r.stdout}{r.stderr}\n{tail}")
    return server


def stop_server(server: Server) -> None:
    if os.path.exists(f"{server.data}/postmaster.pid"):
        r = server.pg_ctl("-m", "immediate", "-w", "-t", "60", "stop", timeout=90)
        if r.returncode != 0:
            say(f"pg_ctl stop: {r.stdout}{r.stderr}")


def setup_database(server: Server, statements: int, tables: int, pane: str = "activity") -> int:
    """Returns the entries pg_stat_statements holds once the statements ran (0 without them)."""
    with psycopg.connect(server.dsn("postgres", "postgres"), autocommit=True) as c:
        for role in ("bench_workload", "bench_pgtriage", "bench_pg_activity", "bench_pgtop", "bench_floor"):
            c.execute(f"CREATE ROLE {role} LOGIN SUPERUSER")
        c.execute("CREATE DATABASE bench OWNER bench_workload")
    with psycopg.connect(server.dsn("postgres"), autocommit=True) as c:
        c.execute("CREATE EXTENSION pg_stat_statements")
        c.execute("CREATE EXTENSION pgstattuple")
    entries = make_statements(server, statements) if statements else 0
    if tables:
        if pane in ("indexes", "tables"):
            make_indexed_tables(server, tables)
        else:
            make_tables(server, tables)
    return entries


def make_statements(server: Server, count: int) -> int:
    """`count` distinct statements (distinct query ids) in pg_stat_statements, run 1-3 times
    each: 100 tables x IN lists of 1..count/100 constants (PostgreSQL 15 does not fold lists)."""
    started = time.monotonic()
    ntables = 100
    lengths = (count + ntables - 1) // ntables
    with psycopg.connect(server.dsn("bench_workload"), autocommit=True) as c:
        for t in range(ntables):
            c.execute(f"CREATE TABLE bench_s_{t} (a int, b text)")
            c.execute(f"INSERT INTO bench_s_{t} SELECT g, md5(g::text) FROM generate_series(1, 200) g")
        made = 0
        with c.pipeline():
            for length in range(1, lengths + 1):
                for t in range(ntables):
                    if made >= count:
                        break
                    consts = ",".join(str(k) for k in range(length))
                    sql = f"SELECT count(*) FROM bench_s_{t} WHERE a IN ({consts})"
                    for _ in range(1 + made % 3):
                        c.execute(sql.encode(), prepare=False)
                    made += 1
        n = c.execute("SELECT count(*) FROM pg_stat_statements").fetchone()[0]
    say(f"{count} distinct statements run in {time.monotonic() - started:.1f}s "
        f"(pg_stat_statements holds {n} entries)")
    return n


def make_tables(server: Server, count: int) -> None:
    """`count` tables for the Bloat pane: every 100th gets rows, half deleted (bloat), and all
    are analyzed so pg_stats has something to estimate from."""
    started = time.monotonic()
    batch = 500
    with psycopg.connect(server.dsn("bench_workload"), autocommit=True) as c:
        c.execute("CREATE SCHEMA bloat")
        for first in range(0, count, batch):
            last = min(count, first + batch)
            c.execute(f"""
                DO $$ BEGIN
                  FOR i IN {first}..{last - 1} LOOP
                    EXECUTE format('CREATE TABLE bloat.t_%s (id int PRIMARY KEY, v int, pad text)', i);
                    IF i % 100 = 0 THEN
                      EXECUTE format('INSERT INTO bloat.t_%s SELECT g, g, repeat(''x'', 100) FROM generate_series(1, 2000) g', i);
                      EXECUTE format('DELETE FROM bloat.t_%s WHERE id %% 2 = 0', i);
                    END IF;
                  END LOOP;
                END $$""")
        say(f"{count} tables created in {time.monotonic() - started:.1f}s; analyzing...")
        c.execute("ANALYZE")
    say(f"{count} tables ready in {time.monotonic() - started:.1f}s")


def make_indexed_tables(server: Server, count: int) -> None:
    """`count` tables for the Indexes and Tables panes, 1000 to a transaction (one DO block, no
    round trip per table): each has a primary key and an index on (v, id), scanned once; every
    10th (i % 10 = 0) also an index on (v), never scanned (redundant to (v, id), and unused);
    every 10th (i % 10 = 1) a foreign key to the table before it with an index on it, scanned;
    every 10th (i % 10 = 2) one without (a foreign key without an index). Every 100th gets
    rows, half deleted, as in `make_tables`; then ANALYZE. At 50 000 tables: 110 000 indexes,
    10 000 foreign keys (5000 without an index), 5000 flagged indexes."""
    started = time.monotonic()
    batch = 1000
    with psycopg.connect(server.dsn("bench_workload"), autocommit=True) as c:
        c.execute("CREATE SCHEMA bloat")
        for first in range(0, count, batch):
            last = min(count, first + batch)
            c.execute(f"""
                DO $$ BEGIN
                  SET LOCAL enable_seqscan = off;
                  SET LOCAL enable_bitmapscan = off;
                  FOR i IN {first}..{last - 1} LOOP
                    EXECUTE format('CREATE TABLE bloat.t_%s (id int PRIMARY KEY, v int, pad text, ref int%s)', i,
                                   CASE WHEN i > 0 AND i % 10 IN (1, 2) THEN format(' REFERENCES bloat.t_%s', i - 1) ELSE '' END);
                    EXECUTE format('CREATE INDEX ON bloat.t_%s (v, id)', i);
                    EXECUTE format('SELECT v FROM bloat.t_%s ORDER BY v, id LIMIT 1', i);
                    IF i % 10 = 0 THEN
                      EXECUTE format('CREATE INDEX ON bloat.t_%s (v)', i);
                    ELSIF i % 10 = 1 THEN
                      EXECUTE format('CREATE INDEX ON bloat.t_%s (ref)', i);
                      EXECUTE format('SELECT 1 FROM bloat.t_%s WHERE ref = 1', i);
                    END IF;
                    IF i % 100 = 0 THEN
                      EXECUTE format('INSERT INTO bloat.t_%s SELECT g, g, repeat(''x'', 100) FROM generate_series(1, 2000) g', i);
                      EXECUTE format('DELETE FROM bloat.t_%s WHERE id %% 2 = 0', i);
                    END IF;
                  END LOOP;
                END $$""")
        say(f"{count} tables created in {time.monotonic() - started:.1f}s; analyzing...")
        c.execute("ANALYZE")
        n = c.execute("SELECT (SELECT count(*) FROM pg_stat_user_indexes), (SELECT sum(idx_scan) FROM pg_stat_user_indexes), "
                      "(SELECT count(*) FROM pg_constraint WHERE contype = 'f')").fetchone()
    say(f"{count} tables ready in {time.monotonic() - started:.1f}s: {n[0]} indexes ({n[1]} scans), {n[2]} foreign keys")


# ------------------------------------------------------------------------------------------
# The workload

class Workload:
    def __init__(self, server: Server, backends: int, python: str):
        self.proc = subprocess.Popen(
            [python, os.path.join(HERE, "workload.py"), "--dsn", server.dsn("bench_workload"),
             "--backends", str(backends)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, start_new_session=True)
        self.cleanup_index = CLEANUP.push(f"workload ({backends} backends)", self.stop)
        line = self.proc.stdout.readline()
        if not line.startswith("ready"):
            self.stop()
            raise BenchError(f"workload failed to start (exit {self.proc.poll()}): {line}")
        say(f"workload {line.strip()}")

    def stop(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


# ------------------------------------------------------------------------------------------
# Measuring

def proc_cpu(pid: int):
    """(ns on CPU over all threads from schedstat, utime+stime seconds from stat)."""
    ns = 0
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                    ns += int(f.read().split()[0])
            except (FileNotFoundError, ProcessLookupError):
                pass
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
    except FileNotFoundError:
        raise BenchError(f"process {pid} is gone")
    return ns, ticks / CLK_TCK


def proc_hwm_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def reset_role_statements(admin, role: str) -> None:
    admin.execute("SELECT pg_stat_statements_reset((SELECT oid FROM pg_roles WHERE rolname = %s))", (role,))


def role_statements(admin, role: str):
    return admin.execute(
        """SELECT calls, total_plan_time + total_exec_time AS ms, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 160),
                  total_plan_time, queryid, min_plan_time + min_exec_time AS min_ms
           FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
           WHERE r.rolname = %s ORDER BY 2 DESC""", (role,)).fetchall()


PANE_FLOORS = {"indexes": "SELECT * FROM pg_stat_user_indexes", "tables": "SELECT * FROM pg_stat_user_tables"}


def measure_pane_floor(server: Server, admin, pane: str, repeats: int = 10) -> float:
    """The bare read a slow pane's read is held to (issue: at or under it), mean server ms per
    call on a session of its own, its first (cold) call left out."""
    sql = PANE_FLOORS[pane]
    with psycopg.connect(server.dsn("bench_floor"), autocommit=True) as c:
        c.execute(sql).fetchall()
        reset_role_statements(admin, "bench_floor")
        for _ in range(repeats):
            c.execute(sql).fetchall()
    rows = [r for r in role_statements(admin, "bench_floor") if r[3].startswith(sql)]
    if not rows:
        raise BenchError(f"{sql} not found in pg_stat_statements")
    return rows[0][1] / rows[0][0]


def measure_floor(server: Server, admin, repeats: int = 20) -> dict:
    reset_role_statements(admin, "bench_floor")
    with psycopg.connect(server.dsn("bench_floor"), autocommit=True) as c:
        for _ in range(repeats):
            c.execute("SELECT * FROM pg_stat_activity").fetchall()
            c.execute("SELECT * FROM pg_locks").fetchall()
            time.sleep(0.02)
    rows = role_statements(admin, "bench_floor")
    per = {}
    for calls, ms, _rows, query, _plan, _id, _min in rows:
        if "pg_stat_activity" in query:
            per["pg_stat_activity"] = ms / calls
        elif "pg_locks" in query:
            per["pg_locks"] = ms / calls
    if len(per) != 2:
        raise BenchError(f"floor statements not found in pg_stat_statements: {rows}")
    per["floor"] = per["pg_stat_activity"] + per["pg_locks"]
    return per


PANE_KEYS = {"activity": "", "locks": "2", "statements": "3", "bloat": "4", "indexes": "6", "tables": "7"}


@dataclass
class Tool:
    name: str        # display name
    role: str        # database role it connects as
    argv: list       # command line
    marker: str      # regex on the screen that shows a full frame: a row of the workload
                     # (its role's name; pg_top shows it in the process title)
    help_key: str = ""      # a key that opens a help screen, and a regex that shows it is there:
    help_marker: str = ""   # the key-to-screen latency is measured with them (after the window)
    pane_key: str = ""      # a key sent after the first frame, before the warm-up (pgtriage's pane)


@dataclass
class Run:
    tool: str
    backends: int
    seconds: float = 0.0
    refreshes: float = 0.0
    refreshes_by_clock: float = 0.0
    cpu_ms_per_refresh: float = float("nan")
    cpu_ms_per_refresh_ticks: float = float("nan")
    server_ms_per_refresh: float = float("nan")
    bytes_per_refresh: float = float("nan")
    first_frame_ms: float = float("nan")
    first_byte_ms: float = float("nan")
    max_rss_mb: float = float("nan")
    key_ms: float = float("nan")
    reads: int = 0                  # reads of a slow pane (Indexes, Tables) in the window
    read_ms: float = float("nan")   # server ms per read of the pane: the means of the statements of every read
    read_min_ms: float = float("nan")  # ... their minimums (the warm read)
    first_read_ms: float = float("nan")  # a read that also reads what is kept between reads (the Indexes shape)
    statements: list = field(default_factory=list)
    error: str = ""


class Tmux:
    def __init__(self, width: int, height: int):
        self.socket = f"pgtriage-bench-{os.getpid()}"
        self.width, self.height = width, height
        self.started = False

    def cmd(self, *args, check=True, capture=False):
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null"] + list(args),
                              check=check, capture_output=capture, text=True)

    def new(self, session: str, argv: list, env: dict):
        command = " ".join(shlex_quote(a) for a in argv)
        envs = [f"{k}={shlex_quote(v)}" for k, v in env.items()]
        self.cmd("new-session", "-d", "-s", session, "-x", str(self.width), "-y", str(self.height),
                 "env " + " ".join(envs) + " " + command)
        if not self.started:
            self.started = True
            CLEANUP.push("tmux server", lambda: self.cmd("kill-server", check=False, capture=True))

    def capture(self, session: str) -> str:
        r = self.cmd("capture-pane", "-p", "-t", session, check=False, capture=True)
        return r.stdout if r.returncode == 0 else ""

    def keys(self, session: str, *keys):
        self.cmd("send-keys", "-t", session, *keys, check=False, capture=True)

    def kill(self, session: str):
        self.cmd("kill-session", "-t", session, check=False, capture=True)


def shlex_quote(s: str) -> str:
    import shlex
    return shlex.quote(s)


def read_proxy_log(path: str):
    spawn, pid, chunks, exited = None, None, [], None
    if not os.path.exists(path):
        return spawn, pid, chunks, exited
    with open(path) as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "spawn" and len(parts) == 3:
                spawn, pid = float(parts[1]), int(parts[2])
            elif parts[0] == "exit" and len(parts) >= 2:
                exited = float(parts[1])
            elif len(parts) == 2:
                try:
                    chunks.append((float(parts[0]), int(parts[1])))
                except ValueError:
                    pass
    return spawn, pid, chunks, exited


def run_tool(tool: Tool, backends: int, args, tmux: Tmux, admin, results_dir: str, python: str) -> Run:
    run = Run(tool=tool.name, backends=backends)
    session = f"{tool.name}-{backends}"
    log = os.path.join(results_dir, f"{session}.pty.log")
    if os.path.exists(log):
        os.remove(log)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color", "HOME": env.get("HOME", "/root")})
    env.pop("NO_COLOR", None)
    # Only what the tools need goes through `env` on the command line.
    passed = {k: env[k] for k in ("PATH", "HOME", "LANG", "LC_ALL", "TERM", "XDG_STATE_HOME", "XDG_CONFIG_HOME") if k in env}
    if args.raw:
        passed["BENCH_PTY_RAW"] = os.path.join(results_dir, f"{session}.raw")
    reset_role_statements(admin, tool.role)
    tmux.new(session, [python, os.path.join(HERE, "ptyproxy.py"), log, "--"] + tool.argv, passed)
    pid = None
    try:
        # The child's spawn time and pid.
        deadline = time.monotonic() + 10
        spawn = None
        while time.monotonic() < deadline:
            spawn, pid, _, _ = read_proxy_log(log)
            if pid:
                break
            time.sleep(0.005)
        if not pid:
            raise BenchError(f"{tool.name} did not start (no pty proxy log)")
        # First full frame: the screen shows a row of the workload.
        marker = re.compile(tool.marker)
        deadline = spawn + 30
        screen = ""
        while True:
            screen = tmux.capture(session)
            now = time.monotonic()
            if marker.search(screen):
                run.first_frame_ms = (now - spawn) * 1000
                break
            if now > deadline or not os.path.exists(f"/proc/{pid}"):
                with open(os.path.join(results_dir, f"{session}.screen.txt"), "w") as f:
                    f.write(screen)
                raise BenchError(f"{tool.name}: no full frame (marker /{tool.marker}/) within 30 s; screen saved")
            time.sleep(0.01)
        slow = tool.pane_key and args.pane in PANE_FLOORS
        baseline = set()
        if slow:
            # The statements of the Activity pane, before the slow pane is opened: what is new
            # after it (and runs at most 3 times: once every 30 s) is the pane's read. The window
            # opens with the key, so the first read (at once) and the next two (30 and 60 s on)
            # are in it (the window is at least 70 s).
            time.sleep(max(2.0, 2 * args.interval))
            baseline = {row[5] for row in role_statements(admin, tool.role)}
            reset_role_statements(admin, tool.role)
            tmux.keys(session, tool.pane_key)
        else:
            if tool.pane_key:
                tmux.keys(session, tool.pane_key)
            # Warm-up, then the measured window.
            time.sleep(max(2.0, 2 * args.interval))
            reset_role_statements(admin, tool.role)
        t0 = time.monotonic()
        cpu0 = proc_cpu(pid)
        time.sleep(max(args.seconds, 70.0) if slow else args.seconds)
        cpu1 = proc_cpu(pid)
        t1 = time.monotonic()
        run.max_rss_mb = proc_hwm_mb(pid)
        stmts = role_statements(admin, tool.role)
        with open(os.path.join(results_dir, f"{session}.screen.txt"), "w") as f:
            f.write(tmux.capture(session))
        if tool.help_key:
            run.key_ms = key_latency(tmux, session, tool)
    finally:
        quit_tool(tmux, session, pid, log)
    _, _, chunks, _ = read_proxy_log(log)
    run.seconds = t1 - t0
    run.refreshes_by_clock = run.seconds / args.interval
    run.statements = [{"calls": c, "ms": round(ms, 3), "plan_ms": round(plan, 3), "rows": r, "query": q,
                       "min_ms": round(mn, 3), "pane_read": qid not in baseline and c <= 3 if slow else False}
                      for c, ms, r, q, plan, qid, mn in stmts]
    selects = [c for c, _ms, _r, q, _p, _id, _mn in stmts if re.match(r"\s*(select|with)\b", q, re.I)]
    pane_read = [st for st in run.statements if st["pane_read"]]
    if pane_read:
        # Statements of every read, and those run only when what a reader keeps between reads
        # must be read again (at the first read, after DDL, or every few minutes).
        run.reads = max(st["calls"] for st in pane_read)
        every = [st for st in pane_read if st["calls"] == run.reads]
        sometimes = [st for st in pane_read if st["calls"] < run.reads]
        run.read_ms = sum(st["ms"] / st["calls"] for st in every)
        run.read_min_ms = sum(st["min_ms"] for st in every)
        run.first_read_ms = run.read_ms + sum(st["ms"] / st["calls"] for st in sometimes)
    run.refreshes = max(selects) if selects else 0
    refreshes = run.refreshes or run.refreshes_by_clock
    run.cpu_ms_per_refresh = (cpu1[0] - cpu0[0]) / 1e6 / refreshes
    run.cpu_ms_per_refresh_ticks = (cpu1[1] - cpu0[1]) * 1000 / refreshes
    run.server_ms_per_refresh = server_ms_per_refresh(run.statements, refreshes)
    run.bytes_per_refresh = sum(n for t, n in chunks if t0 <= t <= t1) / refreshes
    if chunks:
        run.first_byte_ms = (chunks[0][0] - spawn) * 1000
    return run


def key_latency(tmux: Tmux, session: str, tool: Tool, tries: int = 3) -> float:
    """Worst of `tries`: from send-keys until the help screen shows; Escape closes it again."""
    marker = re.compile(tool.help_marker)
    worst = float("nan")
    for _ in range(tries):
        sent = time.monotonic()
        tmux.keys(session, tool.help_key)
        seen = None
        while time.monotonic() - sent < 5:
            if marker.search(tmux.capture(session)):
                seen = time.monotonic()
                break
            time.sleep(0.005)
        if seen is None:
            return float("nan")
        worst = max(seen - sent, worst) if worst == worst else seen - sent
        tmux.keys(session, "Escape")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and marker.search(tmux.capture(session)):
            time.sleep(0.01)
        time.sleep(0.3)
    return worst * 1000


def server_ms_per_refresh(statements, refreshes) -> float:
    """Each statement's mean time per call, times how often it runs per refresh. A statement
    whose calls are within one of the refresh count runs once a refresh (the window cut one
    refresh in two); others count calls/refreshes (e.g. a lock query only when someone waits)."""
    total = 0.0
    for st in statements:
        calls, ms = st["calls"], st["ms"]
        if calls <= 0:
            continue
        per_refresh = 1.0 if abs(calls - refreshes) <= 1 else calls / refreshes
        total += ms / calls * per_refresh
    return total


def quit_tool(tmux: Tmux, session: str, pid, log: str) -> None:
    if pid and os.path.exists(f"/proc/{pid}"):
        tmux.keys(session, "q")
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and os.path.exists(f"/proc/{pid}"):
            _, _, _, exited = read_proxy_log(log)
            if exited:
                break
            time.sleep(0.05)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if not os.path.exists(f"/proc/{pid}") or read_proxy_log(log)[3]:
                break
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                break
            time.sleep(1)
    tmux.kill(session)


# ------------------------------------------------------------------------------------------
# Report

def fmt(x, digits=1):
    if x is None or x != x:
        return "-"
    return f"{x:.{digits}f}"


def ratio(a, b):
    if a is None or b is None or a != a or b != b or b == 0:
        return float("nan")
    return a / b


def table(runs, floors, interval) -> str:
    head = ["backends", "tool", "refreshes", "cpu ms/refr", "x pg_act", "server ms/refr", "x floor",
            "bytes/refr", "x pg_act", "first frame ms", "max RSS MB", "key ms"]
    rows = []
    for backends in sorted({r.backends for r in runs}):
        base = next((r for r in runs if r.backends == backends and r.tool == "pg_activity"), None)
        floor = floors.get(backends, {}).get("floor")
        for r in [r for r in runs if r.backends == backends]:
            if r.error:
                rows.append([str(backends), r.tool, "failed: " + r.error[:60]] + [""] * (len(head) - 3))
                continue
            rows.append([
                str(backends), r.tool, f"{r.refreshes:.0f}",
                fmt(r.cpu_ms_per_refresh, 2), fmt(ratio(r.cpu_ms_per_refresh, base and base.cpu_ms_per_refresh), 3),
                fmt(r.server_ms_per_refresh, 2), fmt(ratio(r.server_ms_per_refresh, floor), 2),
                fmt(r.bytes_per_refresh, 0), fmt(ratio(r.bytes_per_refresh, base and base.bytes_per_refresh), 3),
                fmt(r.first_frame_ms, 0), fmt(r.max_rss_mb, 1), fmt(r.key_ms, 0),
            ])
        if floor is not None:
            f = floors[backends]
            rows.append([str(backends), "floor", "", "", "", fmt(floor, 2), "1.00", "", "", "", "", ""])
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(head)]
    lines = ["| " + " | ".join(h.ljust(widths[i]) for i, h in enumerate(head)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    for row in rows:
        if row[2].startswith("failed"):
            lines.append("| " + row[0].ljust(widths[0]) + " | " + row[1].ljust(widths[1]) + " | " + row[2] + " |")
        else:
            lines.append("| " + " | ".join(c.rjust(widths[i]) if i != 1 else c.ljust(widths[i]) for i, c in enumerate(row)) + " |")
    return "\n".join(lines)


def pane_table(runs, floors, pane: str, tables: int) -> str:
    """A slow pane's read against its bare floor (PANE_FLOORS), per backend count."""
    lines = [f"| backends | tables | pane | reads | read ms (mean) | read ms (min) | first read ms | floor ms ({PANE_FLOORS[pane]}) "
             "| x floor (mean) | x floor (min) | x floor (first read) |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in runs:
        if r.tool != "pgtriage" or r.error or not r.reads:
            continue
        floor = floors.get(r.backends, {}).get("pane_floor")
        lines.append(f"| {r.backends} | {tables} | {pane} | {r.reads} | {fmt(r.read_ms, 1)} | {fmt(r.read_min_ms, 1)} | "
                     f"{fmt(r.first_read_ms, 1)} | {fmt(floor, 1)} | {fmt(ratio(r.read_ms, floor), 2)} | "
                     f"{fmt(ratio(r.read_min_ms, floor), 2)} | {fmt(ratio(r.first_read_ms, floor), 2)} |")
    return "\n".join(lines)


def closing_lines(runs, floors, pane: str = "activity", entries: int = 0) -> list:
    counts = sorted({r.backends for r in runs})
    if not counts:
        return []
    at = min(counts, key=lambda n: (abs(n - 1000), -n))
    mine = next((r for r in runs if r.backends == at and r.tool == "pgtriage" and not r.error), None)
    peer = next((r for r in runs if r.backends == at and r.tool == "pg_activity" and not r.error), None)
    floor = floors.get(at, {}).get("floor")
    nan = float("nan")
    values = [
        ("cpu_per_refresh_ratio_vs_pg_activity", ratio(mine and mine.cpu_ms_per_refresh, peer and peer.cpu_ms_per_refresh), 3),
        ("server_time_ratio_vs_floor", ratio(mine and mine.server_ms_per_refresh, floor), 3),
        ("terminal_bytes_ratio_vs_pg_activity", ratio(mine and mine.bytes_per_refresh, peer and peer.bytes_per_refresh), 3),
        ("terminal_bytes_per_refresh", mine.bytes_per_refresh if mine else nan, 0),
        ("first_frame_ms", mine.first_frame_ms if mine else nan, 0),
        ("max_rss_mb", mine.max_rss_mb if mine else nan, 1),
    ]
    if mine and mine.reads:
        pane_floor = floors.get(at, {}).get("pane_floor")
        values += [("pane_read_ms", mine.read_ms, 1), ("pane_first_read_ms", mine.first_read_ms, 1),
                   ("pane_floor_ms", pane_floor if pane_floor else nan, 1),
                   ("pane_read_ratio_vs_floor", ratio(mine.read_ms, pane_floor), 3),
                   ("pane_first_read_ratio_vs_floor", ratio(mine.first_read_ms, pane_floor), 3)]
    if pane == "statements":
        # The Statements pane's own figures (issue "Hardening...": target at 5000 entries).
        values += [("statements_entries", entries, 0),
                   ("statements_cpu_ms_per_refresh", mine.cpu_ms_per_refresh if mine else nan, 2),
                   ("statements_max_rss_mb", mine.max_rss_mb if mine else nan, 1)]
    out = [] if at == 1000 else [f"# closing figures at {at} backends (1000 not measured)"]
    out += [f"{name} {value:.{digits}f}" for name, value, digits in values]
    return out


# ------------------------------------------------------------------------------------------

def report(directory: str) -> int:
    """The table and closing lines of an earlier run, recomputed from its results.json."""
    with open(os.path.join(directory, "results.json")) as f:
        data = json.load(f)
    runs = []
    for r in data["runs"]:
        run = Run(**r)
        if not run.error and run.refreshes:
            run.server_ms_per_refresh = server_ms_per_refresh(run.statements, run.refreshes)
        runs.append(run)
    floors = {int(k): v for k, v in data["floors"].items()}
    a = data["args"]
    print(f"pgtriage bench {data['date']}: refresh {a['interval']:g} s, terminal {a['size']}, "
          f"{a['seconds']:g} s windows, {a['statements']} statements, {a['tables']} tables; load average "
          f"{data.get('loadavg_before', [float('nan')])[0]:.2f} before, {data.get('loadavg_after', [float('nan')])[0]:.2f} after")
    print(table(runs, floors, a["interval"]))
    print()
    for line in closing_lines(runs, floors, a.get("pane", "activity"), data.get("statements_entries", 0)):
        print(line)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="100 and 1000 backends, 12 s windows")
    ap.add_argument("--backends", default=None, help="comma-separated backend counts (default 100,1000)")
    ap.add_argument("--statements", type=int, default=5000, help="distinct statements in pg_stat_statements")
    ap.add_argument("--tables", type=int, default=0, help="tables for the Bloat and Indexes panes (e.g. 50000)")
    ap.add_argument("--seconds", type=float, default=None, help="measured window per tool (default 30, quick 12)")
    ap.add_argument("--interval", type=float, default=1.0, help="refresh interval of every tool (s)")
    ap.add_argument("--size", default="200x50", help="terminal size COLSxROWS")
    ap.add_argument("--tools", default="pgtriage,pg_activity,pg_top")
    ap.add_argument("--pane", choices=sorted(PANE_KEYS), default="activity",
                    help="the pane pgtriage shows during the window (statements, bloat and indexes read more)")
    ap.add_argument("--pgtriage", help="the pgtriage binary")
    ap.add_argument("--venv", help="the virtualenv with pg_activity")
    ap.add_argument("--report", metavar="DIR", help="print the table of an earlier run (its results.json) and stop")
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--hold", type=float, default=0,
                    help="(for profiling) hold the server and the first workload this many seconds, print the conninfo, measure nothing")
    ap.add_argument("--raw", action="store_true", help="keep every byte each tool wrote (results/<run>/<tool>-<n>.raw)")
    args = ap.parse_args()
    if args.report:
        return report(args.report)
    if args.backends is None:
        args.backends = "100,1000"
    if args.seconds is None:
        args.seconds = 12 if args.quick else 30
    counts = [int(x) for x in args.backends.split(",") if x]
    # An idle PostgreSQL 15 backend costs about 1.65 MB here (measured at 5000 and 10 000); refuse
    # what would take more than 3/4 of the memory available rather than push the machine into OOM.
    with open("/proc/meminfo") as f:
        available_mb = next(int(l.split()[1]) // 1024 for l in f if l.startswith("MemAvailable:"))
    need_mb = max(counts) * 1.65 + 500
    if need_mb > available_mb * 0.75 and not os.environ.get("BENCH_FORCE_MEMORY"):
        raise BenchError(f"{max(counts)} backends need about {need_mb / 1024:.1f} GB; only "
                         f"{available_mb / 1024:.1f} GB available (at most 3/4 of it is used): choose fewer, "
                         f"or set BENCH_FORCE_MEMORY=1 on a machine nothing else uses")
    width, height = (int(x) for x in args.size.split("x"))
    if not args.pgtriage or not args.venv:
        ap.error("--pgtriage and --venv are required (bench/run passes them)")
    python = os.path.join(args.venv, "bin", "python")

    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, on_signal)

    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    results_dir = os.path.join(args.results, stamp)
    os.makedirs(results_dir, exist_ok=True)
    started = time.monotonic()
    load_before = os.getloadavg()
    runs, floors, pane_floors = [], {}, {}
    entries = 0
    try:
        margin = 50
        server = start_server(max(counts) + margin)
        say(f"PostgreSQL 15 in {server.base} (max_connections {max(counts) + margin})")
        entries = setup_database(server, args.statements, args.tables, args.pane)
        admin = psycopg.connect(server.dsn("postgres"), autocommit=True)
        CLEANUP.push("admin connection", admin.close)
        tmux = Tmux(width, height)
        sock, port = server.base, str(server.port)
        tools = {
            "pgtriage": Tool("pgtriage", "bench_pgtriage",
                             [args.pgtriage, "--refresh", f"{args.interval:g}", "--read-only",
                              f"host={sock} port={port} dbname=bench user=bench_pgtriage"],
                             r"bench_workload", help_key="?", help_marker=r"mark / unmark",
                             pane_key=PANE_KEYS[args.pane]),
            "pg_activity": Tool("pg_activity", "bench_pg_activity",
                                [os.path.join(args.venv, "bin", "pg_activity"), "--refresh", f"{args.interval:g}",
                                 "-h", sock, "-p", port, "-U", "bench_pg_activity", "-d", "bench"],
                                r"bench_workload"),
            "pg_top": Tool("pg_top", "bench_pgtop",
                           ["pg_top", "-s", f"{max(1, round(args.interval))}", "-h", sock, "-p", port,
                            "-U", "bench_pgtop", "-d", "bench"],
                           r"bench_workload"),
        }
        chosen = [tools[t] for t in args.tools.split(",") if t]
        for n in counts:
            workload = Workload(server, n, python)
            if args.hold:
                print(f"conninfo: host={server.base} port={server.port} dbname=bench user=bench_pgtriage", flush=True)
                time.sleep(args.hold)
                return 0
            time.sleep(1)
            if args.pane in PANE_FLOORS:
                pane_floors.setdefault(n, []).append(measure_pane_floor(server, admin, args.pane))
                say(f"{n} backends: pane floor ({PANE_FLOORS[args.pane]}) {pane_floors[n][-1]:.2f} ms")
            before = measure_floor(server, admin)
            say(f"{n} backends: floor {before['floor']:.2f} ms "
                f"(pg_stat_activity {before['pg_stat_activity']:.2f} + pg_locks {before['pg_locks']:.2f})")
            for tool in chosen:
                say(f"{n} backends: {tool.name} for {args.seconds:g} s...")
                try:
                    run = run_tool(tool, n, args, tmux, admin, results_dir, python)
                except BenchError as e:
                    run = Run(tool=tool.name, backends=n, error=str(e))
                    say(f"{tool.name}: {e}")
                runs.append(run)
                if not run.error and run.reads:
                    say(f"  {args.pane} pane: {run.reads} reads, {run.read_ms:.2f} ms server time a read "
                        f"(minimum {run.read_min_ms:.2f} ms; the first, with what is kept between reads, "
                        f"{run.first_read_ms:.2f} ms)")
                if not run.error:
                    say(f"  {run.refreshes:.0f} refreshes ({run.refreshes_by_clock:.1f} by the clock), "
                        f"cpu {run.cpu_ms_per_refresh:.2f} ms (ticks {run.cpu_ms_per_refresh_ticks:.1f}), "
                        f"server {run.server_ms_per_refresh:.2f} ms, {run.bytes_per_refresh:.0f} B, "
                        f"first frame {run.first_frame_ms:.0f} ms, rss {run.max_rss_mb:.1f} MB")
            # The floor again after the tools, with the same backends: the figure is the mean.
            after = measure_floor(server, admin)
            floors[n] = {k: (before[k] + after[k]) / 2 for k in before}
            floors[n]["before"], floors[n]["after"] = before["floor"], after["floor"]
            if args.pane in PANE_FLOORS:
                pane_floors[n].append(measure_pane_floor(server, admin, args.pane))
                floors[n]["pane_floor"] = sum(pane_floors[n]) / len(pane_floors[n])
                floors[n]["pane_floors"] = pane_floors[n]
                say(f"{n} backends: pane floor after the tools {pane_floors[n][-1]:.2f} ms")
            say(f"{n} backends: floor after the tools {after['floor']:.2f} ms; "
                f"mean {floors[n]['floor']:.2f} ms")
            workload.stop()
            CLEANUP.actions[workload.cleanup_index] = ("workload (stopped)", None)
    finally:
        CLEANUP.run_all()
        if runs:
            with open(os.path.join(results_dir, "results.json"), "w") as f:
                json.dump({"runs": [asdict(r) for r in runs], "floors": floors,
                           "args": vars(args), "date": stamp, "statements_entries": entries,
                           "loadavg_before": load_before, "loadavg_after": os.getloadavg()}, f, indent=1)
    text = table(runs, floors, args.interval)
    with open(os.path.join(results_dir, "table.md"), "w") as f:
        f.write(text + "\n")
    print()
    print(f"pgtriage bench: refresh {args.interval:g} s, terminal {args.size}, {args.seconds:g} s windows, "
          f"{args.statements} statements, {args.tables} tables, pgtriage on {args.pane}; "
          f"{time.monotonic() - started:.0f} s in all; "
          f"load average {load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after ({os.cpu_count()} cores); "
          f"details in {os.path.relpath(results_dir, REPO)}")
    print(text)
    if args.pane in PANE_FLOORS:
        print()
        print(pane_table(runs, floors, args.pane, args.tables))
    print()
    for line in closing_lines(runs, floors, args.pane, entries):
        print(line)
    return 0 if runs and not any(r.error for r in runs) else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt as e:
        say(f"interrupted ({e}); everything stopped")
        sys.exit(130)
    except BenchError as e:
        say(f"error: {e}")
        sys.exit(1)
