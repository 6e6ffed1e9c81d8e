#!/usr/bin/env python3
"""Holds a benchmark workload open from one process: N backends, mostly idle, some active
(pg_sleep loops), some idle in transaction, and blocking chains (row-lock and table-lock trees).

    workload.py --dsn "host=... port=... dbname=bench user=bench_workload" --backends 1000

Prints "ready <backends>" on stdout once every backend is in place, then keeps the active ones
busy until stdin closes or SIGTERM/SIGINT arrives; then closes everything and exits.
Uses psycopg's libpq binding directly (psycopg.pq.PGconn): one small object per backend.
"""
import argparse
import os
import random
import select
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from psycopg import pq

STOP = threading.Event()


def connect(dsn: str, app: str) -> pq.PGconn:
    conn = pq.PGconn.connect(f"{dsn} application_name={app}".encode())
    if conn.status != pq.ConnStatus.OK:
        raise RuntimeError(f"connect failed: {conn.error_message.decode(errors='replace')}")
    return conn


def run(conn: pq.PGconn, sql: str) -> None:
    res = conn.exec_(sql.encode())
    if res.status not in (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK):
        raise RuntimeError(f"{sql}: {res.error_message.decode(errors='replace')}")


def send(conn: pq.PGconn, sql: str) -> None:
    """Sends without waiting for the answer: the backend stays active (or waits on a lock)."""
    conn.send_query(sql.encode())  # raises psycopg.OperationalError on failure
    conn.flush()


def wait_for_lock_wait(admin: pq.PGconn, pid: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        res = admin.exec_(f"SELECT wait_event_type FROM pg_stat_activity WHERE pid = {pid}".encode())
        if res.ntuples and res.get_value(0, 0) == b"Lock":
            return
        time.sleep(0.01)
    raise RuntimeError(f"backend {pid} did not start waiting on a lock")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dsn", required=True)
    ap.add_argument("--backends", type=int, required=True)
    ap.add_argument("--connect-threads", type=int, default=6)
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: STOP.set())
    signal.signal(signal.SIGINT, lambda *_: STOP.set())

    n = args.backends
    chains = max(2, n // 200)            # 100: 2, 1000: 5, 10000: 50
    per_chain = 4                        # holder + 3 waiters
    active = max(5, n * 3 // 100)        # 3 %
    idle_xact = max(2, n * 2 // 100)     # 2 %
    idle = n - chains * per_chain - active - idle_xact
    if idle < 0:
        raise SystemExit("too few backends for the workload mix")

    # The tables on a connection of its own, closed at once: a backend's catalog writes reach
    # the statistics when it exits (else when it next flushes, up to seconds later, which a
    # tool watching the catalogs' counters, as pgtriage's Indexes pane does, would see as DDL
    # in its measured window).
    setup = connect(args.dsn, "bench_workload_setup")
    run(setup, "CREATE TABLE IF NOT EXISTS bench_rowlock (id int PRIMARY KEY, v int)")
    run(setup, f"INSERT INTO bench_rowlock SELECT g, 0 FROM generate_series(1, {chains}) g ON CONFLICT DO NOTHING")
    for k in range(chains):
        run(setup, f"CREATE TABLE IF NOT EXISTS bench_tablock_{k} (id int)")
    setup.finish()
    admin = connect(args.dsn, "bench_workload_admin")

    plan = (["idle"] * idle + ["idle_xact"] * idle_xact + ["active"] * active
            + ["chain"] * (chains * per_chain))
    started = time.monotonic()

    def open_one(kind: str) -> pq.PGconn:
        return connect(args.dsn, f"bench_{kind}")

    conns: list = []
    with ThreadPoolExecutor(max_workers=args.connect_threads) as pool:
        for conn in pool.map(open_one, plan):
            conns.append(conn)
            if STOP.is_set():
                break
    if STOP.is_set():
        return 0
    by_kind: dict = {}
    for kind, conn in zip(plan, conns):
        by_kind.setdefault(kind, []).append(conn)

    for i, conn in enumerate(by_kind.get("idle", [])):
        run(conn, f"SELECT {i % 97} AS idle_backend /* bench idle */")
    for conn in by_kind.get("idle_xact", []):
        run(conn, "BEGIN")
        run(conn, "SELECT txid_current() /* bench idle in transaction */")

    # Blocking chains. Even chains: a row lock (holder updated the row and sits idle in
    # transaction; waiter 1 waits on its transaction id, waiters 2 and 3 on the tuple lock).
    # Odd chains: a table lock (holder has ACCESS EXCLUSIVE; three readers queue behind it).
    chain_conns = by_kind.get("chain", [])
    for k in range(chains):
        holder, *waiters = chain_conns[k * per_chain:(k + 1) * per_chain]
        run(holder, "BEGIN")
        if k % 2 == 0:
            run(holder, f"UPDATE bench_rowlock SET v = v + 1 WHERE id = {k + 1} /* bench chain holder */")
            for w in waiters:
                send(w, f"UPDATE bench_rowlock SET v = v + 1 WHERE id = {k + 1} /* bench chain waiter */")
                wait_for_lock_wait(admin, w.backend_pid)
        else:
            run(holder, f"LOCK TABLE bench_tablock_{k} IN ACCESS EXCLUSIVE MODE /* bench chain holder */")
            for w in waiters:
                send(w, f"SELECT count(*) FROM bench_tablock_{k} /* bench chain waiter */")
                wait_for_lock_wait(admin, w.backend_pid)

    # Active backends: pg_sleep loops of 1 to 5 s, re-sent as each ends.
    actives = by_kind.get("active", [])
    for conn in actives:
        conn.nonblocking = 1
        send(conn, f"SELECT pg_sleep({random.uniform(1, 5):.2f}) /* bench active */")

    print(f"ready {len(conns)} backends in {time.monotonic() - started:.1f}s "
          f"(idle {idle}, idle in transaction {idle_xact}, active {active}, "
          f"{chains} blocking chains of {per_chain})", flush=True)

    by_fd = {conn.socket: conn for conn in actives}
    stdin_fd = sys.stdin.fileno()
    # poll, not select: with thousands of connections the descriptors pass FD_SETSIZE (1024).
    poller = select.poll()
    for fd in list(by_fd) + [stdin_fd]:
        poller.register(fd, select.POLLIN)
    while not STOP.is_set():
        try:
            ready = [fd for fd, _ in poller.poll(1000)]
        except InterruptedError:
            continue
        for fd in ready:
            if fd == stdin_fd:
                if not os.read(stdin_fd, 4096):
                    STOP.set()
                continue
            conn = by_fd[fd]
            try:
                conn.consume_input()
                if conn.is_busy():
                    continue
                while conn.get_result() is not None:
                    pass
                send(conn, f"SELECT pg_sleep({random.uniform(1, 5):.2f}) /* bench active */")
            except Exception as e:  # the server went away (the benchmark is stopping)
                print(f"workload: {e}", file=sys.stderr)
                STOP.set()
                break

    for conn in conns:
        conn.finish()
    admin.finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
