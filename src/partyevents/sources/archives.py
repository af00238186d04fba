"""Archives: ``.zip``, ``.tar`` (plain or compressed), a single ``.gz`` file.

Members are read one at a time from the archive and never written to disk.
A member's path is the archive's path, ``!/`` and the member's name
(``crawl.zip!/2021/a.html``); a member that is a record file or an archive in
its turn is read as one. A member that cannot be read (a bad checksum, an
unsupported compression, encryption) is rejected on its own; a tar stream that
breaks ends with one rejected row saying after which member.
"""

from __future__ import annotations

import gzip
import tarfile
import zipfile
from collections.abc import Iterator
from typing import IO

from ..records import RawDocument
from . import Context, Item, _reason, random_access, read_document

__all__ = ["iter_gz", "iter_tar", "iter_zip"]


def iter_zip(fh: IO[bytes], name: str, path: str, ctx: Context) -> Iterator[Item]:
    """Every file member of a zip archive, in the archive's order."""
    source = random_access(fh, ctx)
    with zipfile.ZipFile(source) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            name = member_name(info)
            member = f"{path}!/{name}"
            if info.flag_bits & 0x1:
                yield RawDocument(member, None, source_format="zip", source_record=name,
                                  error="encrypted zip member; cannot be read without the password")
                continue
            done = 0
            try:
                with zf.open(info) as m:
                    for item in read_document(m, name, member, ctx, fmt="zip", record=name, size=info.file_size):
                        done += 1
                        yield item
            except Exception as exc:  # a corrupt member: the others are still read
                after = f" after {done} document(s)" if done else ""
                yield RawDocument(member, None, source_format="zip", source_record=name,
                                  error=f"corrupt zip member{after}: {_reason(exc)}")


def member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name as its maker wrote it.

    Names without the UTF-8 flag are read by Python as CP437; zip tools on Chinese Windows write them in
    GBK: such a name is read as UTF-8, else GB18030.

    >>> info = zipfile.ZipInfo("党建.txt".encode("gb18030").decode("cp437"))
    >>> member_name(info)
    '党建.txt'
    """
    if info.flag_bits & 0x800 or info.filename.isascii():
        return info.filename
    raw = info.filename.encode("cp437")
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return info.filename


def iter_tar(fh: IO[bytes], name: str, path: str, ctx: Context) -> Iterator[Item]:
    """Every file member of a tar archive (gzip, bzip2 or xz compressed or not), read as a stream."""
    with tarfile.open(fileobj=fh, mode="r|*") as tf:
        for info in tf:
            member = f"{path}!/{info.name}"
            if info.isdir():
                continue
            if not info.isfile():
                what = "link" if info.issym() or info.islnk() else "special file"
                yield RawDocument(member, None, source_format="tar", source_record=info.name,
                                  error=f"{what} inside the archive; not followed")
                continue
            m = tf.extractfile(info)
            if m is None:
                continue
            yield from read_document(m, info.name, member, ctx, fmt="tar", record=info.name, size=info.size)


def iter_gz(fh: IO[bytes], name: str, path: str, ctx: Context) -> Iterator[Item]:
    """A single gzip-compressed file: a record file or archive (``pages.jsonl.gz``) or one document."""
    inner = name[:-3] if name.lower().endswith(".gz") else name
    with gzip.GzipFile(fileobj=fh, mode="rb") as gz:
        yield from read_document(gz, inner, path, ctx, fmt="gz", record=None)  # type: ignore[arg-type]
