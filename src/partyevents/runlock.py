"""One run per output folder: a lock held for the whole run.

``OUT_DIR/.partyevents/lock`` is locked with ``flock`` (released by the
kernel when the run ends, however it ends, so a killed run never leaves a
stale lock) and holds the pid of the run that has it, so a second run can say
which process to wait for.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> with run_lock(out):
...     try:
...         with run_lock(out):
...             pass
...     except RunLocked as exc:
...         print(str(exc).split(" (")[0])
another partyevents run
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from .tableset import CURRENT, STATE_DIR, OutputError, explain_os_error, state_dir

__all__ = ["RunLocked", "run_lock"]

try:
    import fcntl
except ImportError:  # not POSIX: runs are not locked
    fcntl = None  # type: ignore[assignment]


class RunLocked(OutputError):
    """Another run is writing to the same output folder."""


_held: set[int] = set()  # descriptors of the locks this process holds


def _forget_in_child() -> None:
    """A forked worker closes its copy of the lock, so the lock ends with the run, not with its last worker."""
    for fd in _held:
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)


@contextlib.contextmanager
def run_lock(out_dir: Path) -> Iterator[None]:
    """Hold ``out_dir``'s run lock, or raise :class:`RunLocked` naming the process that holds it."""
    out_dir = Path(out_dir)
    created = not out_dir.exists() and not out_dir.is_symlink()
    fresh_state = not (out_dir / STATE_DIR).exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        path = state_dir(out_dir) / "lock"
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        raise OutputError(explain_os_error(exc, out_dir)) from exc
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
                raise RunLocked(f"another partyevents run (process {holder}) is writing to {out_dir}; wait for it "
                                f"to finish, or stop it (`kill {holder}`), then run again") from None
    except BaseException:
        os.close(fd)
        raise
    _held.add(fd)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)  # a run that takes the lock next has not written its pid yet: say "unknown"
        if fresh_state and not (path.parent / CURRENT).is_symlink():
            _remove_if_empty(path, out_dir if created else None)  # a run that wrote nothing leaves no trace
        _held.discard(fd)
        os.close(fd)  # releases the lock


def _remove_if_empty(lock: Path, out_dir: Path | None) -> None:
    with contextlib.suppress(OSError):
        lock.unlink()
        lock.parent.rmdir()  # fails, harmlessly, unless empty
        if out_dir is not None:
            out_dir.rmdir()
