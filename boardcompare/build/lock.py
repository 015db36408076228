"""One build at a time per database, across processes: a lock file beside the database.

The lock is an advisory ``flock`` on ``.NAME.lock`` next to the database file; the operating
system releases it when the process ends, however it ends, so a killed build never leaves a
stale lock behind. The file also holds the process id of the build that has it, for messages.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from boardcompare.errors import BoardcompareError


class BuildBusy(BoardcompareError):
    """Another build of the same database is running and the caller chose not to wait (exit status 3)."""

    code = 3

    def __init__(self, db_path: Path, holder: str):
        who = f" (process {holder})" if holder else ""
        super().__init__(f"a build is running{who}: try again when it has finished, or leave out --no-wait "
                         "to wait for it", subject=str(db_path))
        self.db_path = db_path
        self.holder = holder


def lock_path(db_path: Path) -> Path:
    """The lock file of ``db_path``: a hidden file beside it."""
    return db_path.with_name(f".{db_path.name}.lock")


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""


@contextlib.contextmanager
def build_lock(db_path: Path, wait: bool = True,
               on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the build lock of ``db_path`` for the ``with`` block.

    When another process holds it: wait for it (telling ``on_wait`` who holds it), or raise
    :class:`BuildBusy` when ``wait`` is false.
    """
    fd = os.open(lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not wait:
                raise BuildBusy(db_path, holder) from None
            if on_wait:
                on_wait(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
