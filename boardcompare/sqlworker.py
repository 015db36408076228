"""The SQL box's worker processes: each statement runs in a process of its own, with bounded memory.

The calling process (the dashboard, or ``boardcompare sql``) starts one small server the first time
it needs one: ``python -c "...serve(SOCKET)"``, which imports DuckDB and pandas once and then forks a
child per statement. It is not a multiprocessing child, so nothing of the caller (a Streamlit page
script standing in as ``__main__``) is run again, and it ends when its caller does (its stdin closes).

A child limits its own address space (``RLIMIT_AS``), opens the locked, read-only private instance
of :func:`sqlguard.open_sandbox`, runs the statement in a thread and answers with the result once it
is within the row and byte caps. When the time limit passes it answers with a refusal and ends
itself, DuckDB's threads with it; should even that fail, ``alarm`` ends it a little later. The
caller reads at most ``result_bytes`` of answer, so a statement cannot grow the caller's memory.

Messages are pickled; they only ever pass between this module's own processes over a socket in a
private folder.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

import duckdb
import pandas as pd

from boardcompare.errors import BoardcompareError
from boardcompare.sqlguard import Limits, QueryFailed, ReadonlyResult, explain_error, open_sandbox

ENVELOPE_BYTES = 64 * 1024  # room for the pickled envelope around a result of result_bytes
ANSWER_GRACE_S = 20.0  # beyond the time limit: a busy machine forking and attaching, before giving up
ALARM_GRACE_S = 30  # beyond the time limit: the kernel ends a child that could not end itself
POLL_S = 0.05  # how often a child looks whether its caller is still there
NEUTRAL_HOME = "/nonexistent"  # what DuckDB's settings show as the home folder (secret_directory...)


# --------------------------------------------------------------------------------------------
# The calling side


class _Server:
    """The one worker server of this process, started on first use and again if it has died."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._address = ""

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc and self._proc.poll() is None else None

    def address(self) -> str:
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._start()
            return self._address

    def connect(self) -> Connection:
        """A connection to a child of the server; a server that cannot be reached is replaced, once."""
        address = self.address()
        try:
            return _connect(address)
        except OSError:
            self._replace(address)  # it has died or is ending
        try:
            return _connect(self.address())
        except OSError as err:
            raise QueryFailed(f"The SQL box could not reach its worker process: {err.strerror or err}") from err

    def _replace(self, address: str) -> None:
        with self._lock:
            if self._address == address and self._proc is not None:  # not already replaced by another thread
                self._proc.kill()
                self._proc.wait()
                self._start()

    def _start(self) -> None:
        if self._address:  # a server that died (killed) could not remove its own folder
            shutil.rmtree(os.path.dirname(self._address), ignore_errors=True)
        folder = tempfile.mkdtemp(prefix="boardcompare-sql-")  # private: mode 0700
        address = os.path.join(folder, "socket")
        code = f"from boardcompare.sqlworker import serve; serve({address!r})"
        proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                env={**os.environ, "HOME": NEUTRAL_HOME}, close_fds=True)
        if proc.stdout.readline().strip() != b"ready":
            proc.kill()
            proc.wait()
            shutil.rmtree(folder, ignore_errors=True)
            raise QueryFailed("The SQL box could not start its worker process")
        self._proc, self._address = proc, address


SERVER = _Server()


def _connect(address: str) -> Connection:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(address)
    except OSError:
        sock.close()
        raise
    return Connection(sock.detach())


def run(sql: str, params: dict | None, db_path: Path, limits: Limits) -> ReadonlyResult:
    """Run one checked statement in a child of the server; raise what it raised, or a refusal."""
    request = pickle.dumps((str(db_path), sql, params, limits), protocol=pickle.HIGHEST_PROTOCOL)
    with SERVER.connect() as conn:  # closing it tells a child still running to end itself
        conn.send_bytes(request)
        if not conn.poll(limits.timeout_s + ANSWER_GRACE_S):
            raise limits.too_slow()
        try:
            kind, value = pickle.loads(conn.recv_bytes(limits.result_bytes + ENVELOPE_BYTES))
        except EOFError:  # the child died: the kernel ended it, nearly always for its memory
            raise limits.too_hungry() from None
        except OSError as err:  # "bad message length": an answer larger than the cap is never read
            raise (limits.too_big() if "message length" in str(err) else limits.too_hungry()) from None
    if kind == "error":
        raise value
    return value


# --------------------------------------------------------------------------------------------
# The server and its children


def serve(address: str) -> None:
    """The worker server's main loop: fork a child per connection until the caller's pipe closes."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    for ending in (signal.SIGTERM, signal.SIGHUP):  # ended with its caller's process group: clean up first
        signal.signal(ending, _exit_cleanly)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(address)
        listener.listen(64)
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        while True:
            ready, _, _ = select.select([listener, sys.stdin], [], [])
            if sys.stdin in ready and not os.read(sys.stdin.fileno(), 1024):
                return  # the calling process has gone
            if listener in ready:
                _fork_child(listener)
    finally:
        listener.close()
        shutil.rmtree(os.path.dirname(address), ignore_errors=True)


def _exit_cleanly(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _fork_child(listener: socket.socket) -> None:
    client, _ = listener.accept()
    if os.fork() == 0:
        try:
            listener.close()
            _child(Connection(client.detach()))
        finally:
            os._exit(0)  # never back into the server's loop
    client.close()


def _child(conn: Connection) -> None:
    """Answer one request; return (to be ended) when answered, when too slow, or when the caller goes."""
    db_path, sql, params, limits = pickle.loads(conn.recv_bytes())
    signal.alarm(int(limits.timeout_s) + ALARM_GRACE_S)
    _limit_memory(limits.memory_bytes)
    outcome: dict[str, bytes] = {}
    try:
        worker = threading.Thread(target=lambda: outcome.update(answer=_answer(db_path, sql, params, limits)),
                                  daemon=True)
        worker.start()
    except RuntimeError:  # no memory left for a thread
        conn.send_bytes(_pack(("error", limits.too_hungry())))
        return
    deadline = time.monotonic() + limits.timeout_s
    while worker.is_alive() and time.monotonic() < deadline:
        if conn.poll(min(POLL_S, max(0.0, deadline - time.monotonic()))):
            return  # the caller has closed the connection (it sends nothing else): nobody is waiting
    conn.send_bytes(outcome.get("answer") or _pack(("error", limits.too_slow())))


def _limit_memory(n_bytes: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = n_bytes if hard == resource.RLIM_INFINITY else min(n_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _answer(db_path: str, sql: str, params: dict | None, limits: Limits) -> bytes:
    try:
        con = open_sandbox(Path(db_path))
        try:
            message = ("ok", fetch(con, sql, params, limits))
        finally:
            con.close()
    except duckdb.Error as err:
        message = ("error", explain_error(err, limits))
    except MemoryError:
        message = ("error", limits.too_hungry())
    except BoardcompareError as err:
        message = ("error", err)
    try:
        packed = _pack(message)
    except MemoryError:
        return _pack(("error", limits.too_hungry()))
    return packed if len(packed) <= limits.result_bytes + ENVELOPE_BYTES else _pack(("error", limits.too_big()))


def _pack(message: tuple) -> bytes:
    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


def fetch(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None, limits: Limits) -> ReadonlyResult:
    """At most ``row_cap + 1`` rows, one DuckDB vector at a time, refused past ``result_bytes``."""
    result = con.execute(sql, params) if params else con.execute(sql)
    chunks: list[pd.DataFrame] = []
    n = size = 0
    while n <= limits.row_cap:
        chunk = result.fetch_df_chunk(1)
        if chunk.empty:
            if not chunks:
                chunks.append(chunk)  # keeps the column names of an empty result
            break
        chunk = chunk.iloc[: limits.row_cap + 1 - n]
        size += len(_pack((chunk,)))
        if size > limits.result_bytes:
            raise limits.too_big()
        chunks.append(chunk)
        n += len(chunk)
    df = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
    truncated = len(df) > limits.row_cap
    return ReadonlyResult(df.iloc[: limits.row_cap].reset_index(drop=True) if truncated else df, truncated)
