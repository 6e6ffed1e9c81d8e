#!/usr/bin/env python3
"""A pty proxy that counts what a program writes to its terminal.

    ptyproxy.py LOGFILE -- PROGRAM [ARGS...]

Runs PROGRAM on a new pty of the same size as our own terminal (the tmux pane), forwards our
stdin to it and its output to our stdout, and appends to LOGFILE:
    spawn <monotonic seconds> <child pid>
    <monotonic seconds> <bytes>          one line per read of the program's output
    exit <monotonic seconds> <status>
time.monotonic() is CLOCK_MONOTONIC, the same clock in every process, so the benchmark
relates these times to its own. Resizes of our terminal are passed on (SIGWINCH).
"""
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
import tty


def winsize(fd: int) -> bytes:
    return fcntl.ioctl(fd, termios.TIOCGWINSZ, b"\0" * 8)


def main() -> int:
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    log = open(sys.argv[1], "a", buffering=1)
    argv = sys.argv[3:]
    size = winsize(0)
    # Stdin raw, so keys go through as typed (tmux send-keys 'q').
    old = termios.tcgetattr(0)
    tty.setraw(0)
    try:
        pid, master = pty.fork()
        if pid == 0:
            os.execvp(argv[0], argv)
        spawn = time.monotonic()
        fcntl.ioctl(master, termios.TIOCSWINSZ, size)
        log.write(f"spawn {spawn:.6f} {pid}\n")

        def on_winch(*_):
            try:
                fcntl.ioctl(master, termios.TIOCSWINSZ, winsize(0))
                os.kill(pid, signal.SIGWINCH)
            except OSError:
                pass
        signal.signal(signal.SIGWINCH, on_winch)
        signal.signal(signal.SIGTERM, lambda *_: os.kill(pid, signal.SIGTERM))

        out = sys.stdout.fileno()
        # BENCH_PTY_RAW=FILE keeps a copy of every byte the program wrote (for analysis).
        raw = open(os.environ["BENCH_PTY_RAW"], "wb") if os.environ.get("BENCH_PTY_RAW") else None
        while True:
            try:
                ready, _, _ = select.select([master, 0], [], [], 1.0)
            except InterruptedError:
                continue
            if master in ready:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    data = b""
                if not data:
                    break
                log.write(f"{time.monotonic():.6f} {len(data)}\n")
                if raw:
                    raw.write(data)
                view = memoryview(data)
                while view:
                    n = os.write(out, view)
                    view = view[n:]
            if 0 in ready:
                keys = os.read(0, 1024)
                if keys:
                    os.write(master, keys)
        _, status = os.waitpid(pid, 0)
        log.write(f"exit {time.monotonic():.6f} {status}\n")
        log.close()
        return 0
    finally:
        termios.tcsetattr(0, termios.TCSADRAIN, old)


if __name__ == "__main__":
    sys.exit(main())
