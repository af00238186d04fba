"""The table set of an output folder: the four tables change together or not at all.

Layout of ``OUT_DIR``::

    documents.parquet -> .partyevents/current/documents.parquet    (events, figures, problems alike)
    .partyevents/current -> gen-000007
    .partyevents/gen-000007/{documents,events,figures,problems}.parquet    (files, or dataset folders)
    .partyevents/lock                                                      (see runlock.py)

A run writes a complete table set into a temporary folder, moves it into
``.partyevents`` as a new generation and switches ``current`` to it with one
rename: whenever the run is stopped (even by ``kill -9``), ``current`` names
either the previous complete set or the new one. :func:`tables_dir` resolves
``current`` once, so :func:`~partyevents.api.load` and ``--incremental`` read
one complete generation; the links at the top keep ``pd.read_parquet(OUT_DIR /
"events.parquet")`` working. A folder written before generations existed
(the tables themselves at the top) is read as it is and converted by the
next run. Nothing here follows a symbolic link it did not make: a link is
replaced or removed, never what it points to.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
from pathlib import Path

from . import regex_cache as rx

__all__ = ["CURRENT", "STATE_DIR", "OutputError", "TablesDamaged", "check_tables", "explain_os_error", "publish", "publishing", "remove_path",
           "tables_dir"]

STATE_DIR = ".partyevents"
CURRENT = "current"
_GEN = rx.compile(r"gen-(\d{6,})")
_TABLES = ("documents", "events", "figures", "problems")


class OutputError(Exception):
    """``OUT_DIR`` cannot take the tables now; the message is one sentence saying what to do."""


class TablesDamaged(OutputError, ValueError):
    """A table in ``OUT_DIR`` is not a readable Parquet file (truncated, empty, something else)."""

    def __init__(self, path: Path, reason: str, advice: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path} is damaged ({reason}); {advice}")


def tables_dir(out_dir: Path | str) -> Path:
    """The folder holding the complete table set to read: the current generation, or ``out_dir`` itself.

    >>> tables_dir("/nonexistent")
    PosixPath('/nonexistent')
    """
    out_dir = Path(out_dir)
    try:
        target = os.readlink(out_dir / STATE_DIR / CURRENT)
    except OSError:  # no pointer: an older layout, or nothing written yet
        return out_dir
    if not _GEN.fullmatch(target):
        return out_dir
    return out_dir / STATE_DIR / target


def check_tables(folder: Path, advice: str) -> None:
    """Raise :class:`TablesDamaged` naming the first table file whose Parquet footer cannot be read."""
    import pyarrow as pa  # here, not at the top: extract_text never needs Arrow (a fifth of a second to import)
    import pyarrow.parquet as pq

    for table in _TABLES:
        path = folder / f"{table}.parquet"
        files = sorted(p for p in path.glob("*.parquet") if not p.name.startswith((".", "_"))) \
            if path.is_dir() else [path] if path.exists() else []
        for f in files:
            try:
                pq.ParquetFile(f).close()
            except (pa.ArrowException, OSError) as exc:
                raise TablesDamaged(f, _arrow_reason(exc, f), advice) from exc


def _arrow_reason(exc: BaseException, path: Path) -> str:
    with contextlib.suppress(OSError):
        if path.stat().st_size == 0:
            return "an empty file"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "magic bytes" in text or "too small" in text:
        return f"not a complete Parquet file: {text}"
    return text


_publishing = False


def publishing() -> bool:
    """Whether :func:`publish` is switching a table set in (an interrupt should wait for it to finish)."""
    return _publishing


def publish(out_dir: Path, staged: Path) -> Path:
    """Make the complete table set in ``staged`` (a folder inside ``out_dir``) the current one, atomically.

    Older generations, and whatever a killed run left in ``.partyevents``, are removed afterwards.
    """
    global _publishing
    _publishing = True
    try:
        return _publish(out_dir, staged)
    finally:
        _publishing = False


def _publish(out_dir: Path, staged: Path) -> Path:
    state = state_dir(out_dir)
    gen = _next_generation(state)
    for _ in range(100):  # a concurrent writer without the run lock took the number: take the next
        try:
            os.rename(staged, gen)
            break
        except OSError as exc:
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
            gen = state / f"gen-{int(gen.name[4:]) + 1:06d}"
    _replace_with_link(state / CURRENT, gen.name)
    _fsync_dir(state)
    for table in _TABLES:
        link, want = out_dir / f"{table}.parquet", f"{STATE_DIR}/{CURRENT}/{table}.parquet"
        if not (link.is_symlink() and os.readlink(link) == want):
            _replace_with_link(link, want)
    for entry in state.iterdir():
        if entry.name != gen.name and (_GEN.fullmatch(entry.name) or entry.name.startswith(".")):
            remove_path(entry)
    return gen


def state_dir(out_dir: Path) -> Path:
    """``out_dir/.partyevents``, created if needed (refused if it is a symbolic link: we do not write through one)."""
    state = out_dir / STATE_DIR
    if state.is_symlink():
        raise OutputError(f"{state} is a symbolic link; remove it (partyevents keeps its own files there) "
                          "and run again")
    state.mkdir(exist_ok=True)
    return state


def _next_generation(state: Path) -> Path:
    numbers = [int(m.group(1)) for p in state.iterdir() if (m := _GEN.fullmatch(p.name))]
    return state / f"gen-{max(numbers, default=0) + 1:06d}"


def _replace_with_link(path: Path, target: str) -> None:
    """Point ``path`` at ``target`` in one rename; a real folder in the way (an older layout) is moved aside first."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.link")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(target, tmp)
    if path.is_dir() and not path.is_symlink():
        aside = path.parent / STATE_DIR / f".old-{path.name}.{os.getpid()}"
        remove_path(aside)
        os.rename(path, aside)
    os.replace(tmp, path)


def remove_path(path: Path) -> None:
    """Remove a file, a folder or a link; a link is removed itself, never what it points to."""
    try:
        if path.is_symlink() or not path.is_dir():
            path.unlink()
        else:
            shutil.rmtree(path)  # on Linux rmtree never follows the links inside
    except FileNotFoundError:
        pass
    except OSError:
        shutil.rmtree(path, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


_NO_SPACE = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def explain_os_error(exc: OSError, out_dir: Path) -> str:
    """One sentence for a failure to write into ``out_dir``, saying what to do.

    >>> explain_os_error(OSError(28, "No space left on device"), Path("out"))
    'no space left to write the tables in out (No space left on device); free some space or choose another OUT_DIR and run again (the previous tables there are unchanged)'
    """
    code = exc.errno
    if code is None:  # pyarrow puts the errno in its message
        m = re.search(r"errno (\d+)", str(exc), re.IGNORECASE)
        code = int(m.group(1)) if m else None
    reason = os.strerror(code) if code else exc.strerror or (str(exc).splitlines() or [type(exc).__name__])[0]
    unchanged = "(the previous tables there are unchanged)"
    if code in _NO_SPACE or "No space left" in str(exc):
        return f"no space left to write the tables in {out_dir} ({reason}); free some space or choose another " \
               f"OUT_DIR and run again {unchanged}"
    if code == errno.EROFS:
        return f"{out_dir} is on a read-only file system; choose another OUT_DIR and run again {unchanged}"
    if code in (errno.EACCES, errno.EPERM):
        where = exc.filename or out_dir
        return f"cannot write to {where} (permission denied); make {out_dir} writable or choose another OUT_DIR " \
               f"and run again {unchanged}"
    return f"cannot write the tables to {out_dir} ({reason}); check the folder and run again {unchanged}"
