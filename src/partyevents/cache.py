"""A disk cache for tables that are the same in every process: built once, then loaded.

Building the gazetteer's matcher tables or the NFKC character ranges takes a second; loading
them back takes a few hundredths. :func:`cached` returns the value stored under a name if it
was built from the same inputs (its *key*: this module's format, the package version, the Python version,
and whatever the caller adds, such as the hashes of the resource files it reads), and
otherwise builds it, stores it and returns it.

- Where: ``$PARTYEVENTS_CACHE_DIR`` if set (empty: no disk cache at all), else the user cache
  folder, as ``platformdirs`` names it (``$XDG_CACHE_HOME`` or ``~/.cache``, ``~/Library/Caches``,
  ``%LOCALAPPDATA%``) + ``partyevents`` (platformdirs itself is not imported: it costs more than the rest).
- A file is a pickle of the key, then a pickle of the value: only our own plain data
  (lists, tuples, dicts, strings, numbers, dates), written by this module, readable by its
  user only, and read only if that user owns it. A stale key,
  a truncated or corrupt file, or an unreadable one is rebuilt; a folder that cannot be
  written only means the value is built in memory in every process.
- Written to a temporary file in the same folder and renamed over the old one, so a process
  reading it while another writes sees the old file or the new one, never half of one.
- The :data:`KEEP` most recently used versions of a name are kept (a read marks its file as used), so two
  installs that share a home folder (a notebook's environment and a cluster's, two package versions)
  do not rebuild each other's tables in turn; older versions are removed.

>>> import tempfile, os
>>> saved = os.environ.get(ENV); os.environ[ENV] = tempfile.mkdtemp()
>>> cached("demo", ("v1",), lambda: {"a": (1, 2)})
{'a': (1, 2)}
>>> cached("demo", ("v1",), lambda: "not built again")
{'a': (1, 2)}
>>> cached("demo", ("v2",), lambda: "rebuilt: the key changed")
'rebuilt: the key changed'
>>> _ = os.environ.pop(ENV) if saved is None else os.environ.update({ENV: saved})
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import TypeVar

__all__ = ["ENV", "cache_dir", "cached", "file_digest", "load", "no_gc", "resource_digest", "store"]

ENV = "PARTYEVENTS_CACHE_DIR"
FORMAT = 1  # bump when the layout of this module's files changes
KEEP = 3  # versions of one name kept on disk (the most recently used)
_PROTOCOL = 5
T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache folder (not created here), or None when ``$PARTYEVENTS_CACHE_DIR`` is set empty."""
    env = os.environ.get(ENV)
    if env is not None:
        return Path(env).expanduser() if env.strip() else None
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "partyevents" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "partyevents"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "partyevents"


def file_digest(path: Path | str) -> str:
    """A short hash of a file's bytes (for a cache key).

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "x.txt"; _ = p.write_text("abc")
    >>> file_digest(p)
    'cf4ab791c62b8d2b2109c90275287816'
    """
    return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()


def resource_digest(name: str) -> str:
    """:func:`file_digest` of a data file in ``partyevents/resources``.

    >>> len(resource_digest("taxonomy.tsv"))
    32
    """
    from importlib import resources

    data = resources.files("partyevents.resources").joinpath(name).read_bytes()
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _full_key(key: Hashable) -> tuple[object, ...]:
    from . import __version__

    return (FORMAT, __version__, sys.version_info[:2], key)


def _path(folder: Path, name: str, full_key: tuple[object, ...]) -> Path:
    digest = hashlib.blake2b(repr(full_key).encode(), digest_size=8).hexdigest()
    return folder / f"{name}-{digest}.pickle"


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: making many small tuples at once (a table read back) otherwise
    sets off collections that walk the whole heap, which doubles the time of the read."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _read(path: Path, full_key: tuple[object, ...]) -> tuple[bool, object]:
    """(found, value): found only when the file is whole, holds ``full_key`` and is this user's own
    (a pickle runs code when read: a file someone else could have written is not read)."""
    try:
        with path.open("rb") as fh, no_gc():
            if hasattr(os, "getuid") and os.fstat(fh.fileno()).st_uid != os.getuid():
                return False, None
            if pickle.load(fh) != full_key:
                return False, None
            value = pickle.load(fh)
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: the last to be removed when versions pile up
        return True, value
    except Exception:  # missing, unreadable, truncated, corrupt: built again
        return False, None


def _write(path: Path, full_key: tuple[object, ...], value: object) -> None:
    """Store atomically (a temporary file renamed over ``path``); of the files of the same name, only the
    :data:`KEEP` most recently used stay.

    Any OSError (a read-only or full disk) is ignored: the caller has the value anyway.
    """
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(full_key, fh, protocol=_PROTOCOL)
            pickle.dump(value, fh, protocol=_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        _prune(path)
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(path: Path) -> None:
    """Remove the versions of ``path``'s name beyond the :data:`KEEP` most recently used (``path`` is kept)."""
    name = path.stem.rsplit("-", 1)[0]
    others: list[tuple[float, Path]] = []
    for old in path.parent.glob(f"{name}-*.pickle"):
        if old != path and old.stem.rsplit("-", 1)[0] == name:
            with contextlib.suppress(OSError):
                others.append((old.stat().st_mtime, old))
    others.sort(reverse=True)
    for _, old in others[KEEP - 1 :]:
        with contextlib.suppress(OSError):
            old.unlink()


def load(name: str, key: Hashable) -> tuple[bool, object]:
    """(found, value) of what :func:`store` kept under ``name`` for ``key``; (False, None) without a cache."""
    folder = cache_dir()
    if folder is None:
        return False, None
    full_key = _full_key(key)
    return _read(_path(folder, name, full_key), full_key)


def store(name: str, key: Hashable, value: object) -> None:
    """Keep ``value`` under ``name`` for ``key`` (for a table a process extends: :func:`load`, add, store).

    >>> import tempfile, os
    >>> saved = os.environ.get(ENV); os.environ[ENV] = tempfile.mkdtemp()
    >>> load("grown", 1)
    (False, None)
    >>> store("grown", 1, {"a": 1}); load("grown", 1)
    (True, {'a': 1})
    >>> _ = os.environ.pop(ENV) if saved is None else os.environ.update({ENV: saved})
    """
    folder = cache_dir()
    if folder is not None:
        full_key = _full_key(key)
        _write(_path(folder, name, full_key), full_key, value)


def cached(name: str, key: Hashable, build: Callable[[], T]) -> T:
    """The value stored under ``name`` for ``key``, or ``build()`` (then stored for the next process).

    ``key`` is a tuple of strings and numbers naming everything the value is built from: a change
    in any of them builds the value again. The value must be plain data that pickles.
    """
    folder = cache_dir()
    full_key = _full_key(key)
    if folder is not None:
        path = _path(folder, name, full_key)
        found, value = _read(path, full_key)
        if found:
            return value  # type: ignore[return-value]
    built = build()
    if folder is not None:
        _write(path, full_key, built)
    return built
