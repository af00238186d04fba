"""Listing the input folder: every file below it, and a reason for every one that cannot be listed or named.

Nothing below ``IN_DIR`` is skipped in silence: a subfolder that cannot be listed (permissions, a path longer
than the system allows, an I/O error) becomes an ``error`` :class:`~partyevents.records.Problem` naming it,
and a file whose name is not valid UTF-8 is read under a readable stand-in name (GB18030 when its bytes are
that, else ``\\xNN`` escapes) with an ``error`` problem saying so, since the path in the tables is then not
the file's real name. Both count in the exit status.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

from ..records import Problem

__all__ = ["OUTPUT_TABLES", "display_name", "long_path_reason", "walk"]

OUTPUT_TABLES = ("documents.parquet", "problems.parquet")  # a folder holding both is an output folder


def display_name(name: str) -> tuple[str, str | None]:
    """``(name as valid UTF-8, how it was made)`` for a name from the file system; ``None``: it was valid.

    Python hands undecodable bytes of a file name over as lone surrogates (``surrogateescape``); they cannot
    be written to Parquet. GB18030 is tried first (file names from Chinese Windows machines), then the bad
    bytes are written as ``\\xNN``.

    >>> display_name("a/党建.txt")
    ('a/党建.txt', None)
    >>> display_name(os.fsdecode("党建".encode("gb18030") + b".txt"))
    ('党建.txt', 'read as GB18030')
    >>> display_name(os.fsdecode(b"bad\\xff.txt"))
    ('bad\\\\xff.txt', 'undecodable bytes written as \\\\xNN')
    """
    if name.isascii():
        return name, None
    try:
        name.encode("utf-8")
        return name, None
    except UnicodeEncodeError:
        pass
    parts: list[str] = []
    hows: set[str] = set()
    for raw in name.encode("utf-8", "surrogateescape").split(b"/"):  # folder by folder: each may differ
        try:
            parts.append(raw.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        try:
            parts.append(raw.decode("gb18030"))
            hows.add("read as GB18030")
        except UnicodeDecodeError:
            parts.append(raw.decode("utf-8", "backslashreplace"))
            hows.add("undecodable bytes written as \\xNN")
    return "/".join(parts), ", ".join(sorted(hows))


def name_problem(shown: str, how: str) -> Problem:
    """The ``error`` row for a file (or folder) whose name is not valid UTF-8."""
    return Problem("ingest", "error", f"the file name is not valid UTF-8 ({how}); it is read, but the path in "
                   "the tables is not its real name: rename it to UTF-8 (e.g. `convmv -f gbk -t utf-8`)", None, shown)


def long_path_reason(path: Path) -> str:
    return (f"the path is {len(os.fsencode(path)):,} bytes, longer than the system allows; move the folder "
            "higher up or shorten the folder names")


def walk(root: Path, skip: set[Path] | frozenset[Path] = frozenset()) -> Iterator[Path | Problem]:
    """Files below ``root``, sorted, folder by folder (a folder's files, then its subfolders in turn).

    A symbolic link to a folder is listed (as a file) but never followed. A folder in ``skip`` (real paths)
    or holding partyevents tables (an output folder inside the input folder) is not read: a ``warning``
    problem says so. A folder that cannot be listed is an ``error`` problem.
    """
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            if folder == root:
                raise
            yield _unlistable(folder, root, exc)
            continue
        files: list[str] = []
        subfolders: list[str] = []
        for entry in entries:
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False  # read_file says why
            (subfolders if is_folder else files).append(entry.name)
        for name in sorted(files):
            yield folder / name
        kept: list[Path] = []
        for name in sorted(subfolders):
            sub = folder / name
            if Path(os.path.realpath(sub)) in skip or _holds_tables(sub):
                rel = display_name(sub.relative_to(root).as_posix())[0]
                yield Problem("ingest", "warning", f"skipped folder {rel}/: it holds partyevents output tables, "
                              "not input", None, rel)
            else:
                kept.append(sub)
        stack.extend(reversed(kept))


def _holds_tables(folder: Path) -> bool:
    try:
        return all(os.path.lexists(folder / t) for t in OUTPUT_TABLES)
    except OSError:
        return False


def _unlistable(folder: Path, root: Path, exc: OSError) -> Problem:
    rel = display_name(folder.relative_to(root).as_posix())[0]
    shown = rel if len(rel) <= 160 else f"…{rel[-120:]}"  # the whole path is in source_path
    if exc.errno == errno.ENAMETOOLONG:
        why = long_path_reason(folder)
    else:
        why = f"{exc.strerror or type(exc).__name__}; check its permissions"
    return Problem("ingest", "error", f"cannot list folder {shown}/ ({why}); the files in it are not read", None, rel)
