"""Reposts and re-scrapes over one ``extract`` run: the table side of :mod:`partyevents.dedup`.

Documents enter the near-duplicate index in the parent process as each
batch of rows comes back from the engine (any engine), in the order they are
written. Once every document is in, :meth:`Reposts.finish` fills
``documents.cluster_id`` / ``duplicate_of`` and ``events.is_repost`` by
passing this run's rows through :meth:`~partyevents.write.TableWriter.rewrite`
before the commit, so the tables appear complete or not at all.

In ``--incremental`` runs the earlier runs' documents enter the index first
(their text is read back from ``documents.parquet``), so a new repost of an
old article joins its cluster; earlier parts whose columns change are
rewritten in the same commit. A new document with the same *version key*
as an earlier run's document — its URL, or without one its path (and record
inside a container file) — is a later version of it (a re-scrape: a view
counter changed, a typo fixed): the earlier document's rows leave all four
tables and a ``problems`` warning says which document replaced which. Only a
new version that was read (status ``ok``) replaces anything.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .dedup import DedupIndex
from .inventory import GONE_MESSAGE
from .write import TABLES, TableWriter, table_files

__all__ = ["REPLACED_MESSAGE", "Reposts", "version_key"]

REPLACED_MESSAGE = "a later version of the same page replaces an earlier run's document"
_INDEX_COLUMNS = ["doc_id", "status", "text", "published_date", "url", "source_path", "source_record"]


def version_key(url: str | None, source_path: str, source_record: str | None = None) -> str:
    """What identifies one page across re-scrapes: its URL, else its path (and record in a container).

    >>> version_key("http://a.gov.cn/1.html", "x.html"), version_key(None, "d/x.jsonl", "line 4")
    ('url:http://a.gov.cn/1.html', 'path:d/x.jsonl#line 4')
    """
    if url:
        return f"url:{url.strip()}"
    return f"path:{source_path}" + (f"#{source_record}" if source_record else "")


class Reposts:
    """Near-duplicate clusters of a run's documents; with ``append`` also of ``out_dir``'s earlier ones."""

    def __init__(self, out_dir: Path, append: bool) -> None:
        self.out_dir = Path(out_dir)
        self.append = append
        self.index = DedupIndex()
        self._loaded = not append
        self._old_parts: list[tuple[Path, int, int]] = []  # documents part files: path, first position, rows
        self._old_keys: dict[int, int] = {}  # hash of a version key -> position of an earlier run's document
        self.replaced: dict[str, str] = {}  # doc_id of an earlier run's document -> doc_id of its new version
        self.dropped: set[str] = set()  # doc_ids of earlier runs' documents whose input is gone (--prune)
        self.back: set[str] = set()  # doc_ids whose input came back: their "no longer in the input folder" rows go
        self.problems = 0
        self._by_id: dict[str | None, int] | None = None  # doc_id -> position, built only if rows come out of order

    def _load(self) -> None:
        """Index the earlier runs' documents, part by part, in the order they are stored."""
        self._loaded = True
        for path in table_files(self.out_dir / "documents.parquet"):
            first = len(self.index)
            for batch in pq.ParquetFile(path).iter_batches(columns=_INDEX_COLUMNS):
                positions = self._add(batch)
                for pos, url, source, record in zip(positions, *(batch.column(c).to_pylist() for c in
                                                                 ("url", "source_path", "source_record")),
                                                    strict=True):
                    self._old_keys[_key_hash(version_key(url, source, record))] = pos
            self._old_parts.append((path, first, len(self.index) - first))

    def _add(self, batch: pa.RecordBatch) -> range:
        cols = {c: batch.column(c).to_pylist() for c in ("doc_id", "status", "text", "published_date")}
        texts = [t if s == "ok" else None for t, s in zip(cols["text"], cols["status"], strict=True)]
        first = self.index.add_many(cols["doc_id"], texts, cols["published_date"])
        return range(first, first + batch.num_rows)

    def add(self, documents: pa.RecordBatch) -> list[dict[str, Any]]:
        """Index a batch of this run's ``documents`` rows; the ``problems`` rows of replacements it makes."""
        if not self._loaded:
            self._load()
        self._add(documents)
        if not self._old_keys:
            return []
        rows = []
        cols = {c: documents.column(c).to_pylist() for c in ("doc_id", "status", "url", "source_path",
                                                            "source_record")}
        for doc_id, status, url, source, record in zip(*cols.values(), strict=True):
            key = version_key(url, source, record)
            old = self._old_keys.get(_key_hash(key))
            if old is None or status != "ok":
                continue
            del self._old_keys[_key_hash(key)]
            old_id = self.index.doc_ids(np.array([old]))[0]
            if old_id == doc_id:
                continue
            self.index.remove(old)
            self.replaced[str(old_id)] = doc_id
            rows.append({"doc_id": doc_id, "source_path": source, "stage": "write", "severity": "warning",
                         "message": REPLACED_MESSAGE,
                         "detail": json.dumps({"replaced_doc_id": old_id, "version_key": key}, ensure_ascii=False)})
        self.problems += len(rows)
        return rows

    def drop(self, doc_ids: Iterable[str]) -> None:
        """Take earlier runs' documents out of the clusters and, on :meth:`finish`, out of every table."""
        if not self._loaded:
            self._load()
        ids = set(doc_ids) - self.dropped
        for pos, doc_id in enumerate(self.index.doc_ids(np.arange(len(self.index)))):
            if doc_id in ids:
                self.index.remove(pos)
        self.dropped |= ids

    def came_back(self, seen: set[str]) -> set[str]:
        """Of the documents this run read (``seen``), those an earlier run reported gone (:data:`GONE_MESSAGE`):
        on :meth:`finish` that warning is taken out of the problems table. Returns them."""
        for path in table_files(self.out_dir / "problems.parquet") if self.append else ():
            stored = pq.read_table(path, columns=["doc_id", "message"])
            gone_rows = pc.equal(stored["message"], GONE_MESSAGE)
            if pc.any(gone_rows).as_py():
                ids = pc.filter(stored["doc_id"], gone_rows).to_pylist()
                self.back |= {d for d in ids if d in seen}
        return self.back

    def finish(self, writer: TableWriter) -> None:
        """Fill the cluster columns of this run's rows and fix the earlier parts that change (before commit)."""
        canon = self.index.canonicals()
        positions = np.arange(len(canon), dtype=np.int32)
        repost = (canon >= 0) & (canon != positions)
        reposts = {d for d in self.index.doc_ids(positions[repost]) if d is not None}
        gone = pa.array([*self.replaced, *sorted(self.dropped)], type=pa.string())
        n_old = sum(n for _, _, n in self._old_parts)
        for path, first, n in self._old_parts:
            if self._documents_changed(path, canon, first, n, gone):
                writer.replace_part("documents", path, self._document_filler(canon, first, gone))
        back = pa.array(sorted(self.back), type=pa.string())
        for table in TABLES[1:] if self.append else ():  # a plain run replaces the earlier tables whole
            for path in table_files(self.out_dir / f"{table}.parquet"):
                if _rows_changed(path, table, reposts, gone, back):
                    writer.replace_part(table, path, _row_filler(table, reposts, gone, back))
        writer.rewrite("documents", self._document_filler(canon, n_old, gone))
        writer.rewrite("events", _row_filler("events", reposts, gone))

    def _cluster_columns(self, canon: np.ndarray, positions: np.ndarray) -> tuple[pa.Array, pa.Array]:
        """cluster_id and duplicate_of of the documents at ``positions`` (-1: not in the index)."""
        part = np.where(positions >= 0, canon[np.maximum(positions, 0)], -1)
        cluster = self.index.doc_ids(part)
        duplicate = [c if p >= 0 and p != o else None for c, p, o in zip(cluster, part.tolist(), positions.tolist(),
                                                                         strict=True)]
        return pa.array(cluster, type=pa.string()), pa.array(duplicate, type=pa.string())

    def _positions(self, doc_ids: list[str], first: int) -> np.ndarray:
        """Positions of rows expected at ``first`` onwards (the order rows were indexed in); should a table
        hold rows in another order, they are looked up by doc_id instead."""
        positions = np.arange(first, first + len(doc_ids))
        if positions[-1:].tolist() and positions[-1] < len(self.index) and self.index.doc_ids(positions) == doc_ids:
            return positions
        if self._by_id is None:
            self._by_id = {d: i for i, d in enumerate(self.index.doc_ids(np.arange(len(self.index))))}
        return np.array([self._by_id.get(d, -1) for d in doc_ids], dtype=np.int64)

    def _documents_changed(self, path: Path, canon: np.ndarray, first: int, n: int, gone: pa.Array) -> bool:
        stored = pq.read_table(path, columns=["doc_id", "cluster_id", "duplicate_of"])
        cluster, duplicate = self._cluster_columns(canon, self._positions(stored["doc_id"].to_pylist(), first))
        return (len(gone) > 0 and pc.any(pc.is_in(stored["doc_id"], gone)).as_py()) or not (
            stored["cluster_id"].combine_chunks().equals(cluster)
            and stored["duplicate_of"].combine_chunks().equals(duplicate))

    def _document_filler(self, canon: np.ndarray, first: int, gone: pa.Array) -> Any:
        offset = [first]

        def fill(batch: pa.RecordBatch) -> pa.RecordBatch:
            cluster, duplicate = self._cluster_columns(canon, self._positions(batch.column("doc_id").to_pylist(),
                                                                              offset[0]))
            offset[0] += batch.num_rows
            batch = _with(batch, cluster_id=cluster, duplicate_of=duplicate)
            return batch.filter(pc.invert(pc.is_in(batch.column("doc_id"), gone))) if len(gone) else batch

        return fill


def _key_hash(key: str) -> int:
    """64 bits of a version key: a dict of them takes a fraction of the keys' memory (a chance collision
    among a million pages: about 3 in 100 million)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def _with(batch: pa.RecordBatch, **columns: pa.Array) -> pa.RecordBatch:
    arrays = [columns.get(name, batch.column(name)) for name in batch.schema.names]
    return pa.RecordBatch.from_arrays(arrays, schema=batch.schema)


def _rows_changed(path: Path, table: str, reposts: set[str], gone: pa.Array, back: pa.Array | None = None) -> bool:
    if table == "events":
        stored = pq.read_table(path, columns=["doc_id", "is_repost"])
        want = pc.is_in(stored["doc_id"], pa.array(list(reposts), type=pa.string()))
        if not pc.all(pc.equal(pc.fill_null(stored["is_repost"], False), want)).as_py():
            return True
    if table == "problems" and back is not None and len(back):
        stored = pq.read_table(path, columns=["doc_id", "message"])
        if pc.any(_back_rows(stored["doc_id"], stored["message"], back)).as_py():
            return True
    if not len(gone):
        return False
    return bool(pc.any(pc.is_in(pq.read_table(path, columns=["doc_id"])["doc_id"], gone)).as_py())


def _back_rows(doc_ids: Any, messages: Any, back: pa.Array) -> Any:
    """The rows that say a document that came back is gone."""
    return pc.fill_null(pc.and_(pc.is_in(doc_ids, back), pc.equal(messages, GONE_MESSAGE)), False)


def _row_filler(table: str, reposts: set[str], gone: pa.Array, back: pa.Array | None = None) -> Any:
    repost_ids = pa.array(list(reposts), type=pa.string())

    def fill(batch: pa.RecordBatch) -> pa.RecordBatch:
        if table == "events":
            batch = _with(batch, is_repost=pc.is_in(batch.column("doc_id"), repost_ids))
        if table == "problems" and back is not None and len(back):
            batch = batch.filter(pc.invert(_back_rows(batch.column("doc_id"), batch.column("message"), back)))
        return batch.filter(pc.invert(pc.fill_null(pc.is_in(batch.column("doc_id"), gone), False))) if len(
            gone) else batch

    return fill
