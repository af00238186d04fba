"""Near-duplicate documents: reposts of one article share a cluster.

A repost of an article on a county site, a city site and a mirror differs in
its header, footer or an added sentence, so exact hashes miss it. Each
document's normalized text is cut into overlapping character
:data:`SHINGLE`-grams; a MinHash signature of :data:`NUM_BINS` values
estimates the Jaccard similarity of two documents' shingle sets, and a banded
LSH index (:data:`BANDS` bands of :data:`ROWS` values) finds the candidates
to compare, so a new document is checked against a handful of others, never
against the whole corpus. Documents whose estimated similarity reaches
:data:`THRESHOLD` join one cluster (transitively).

The signature is one-permutation MinHash with rotation densification (Li,
Owen & Zhang 2012; Shrivastava & Li 2014): one hash per shingle, the minimum
taken per bin, so computing it costs about as much as hashing the text once,
which matters because it runs in the process that writes the tables. Its
equality rate per bin estimates the Jaccard similarity like classic MinHash
(``tests/test_dedup.py`` checks it against the exact value and against
``datasketch.MinHash``).

Memory: per document the index keeps a 16-bit signature (128 bytes), its
band keys and text key in an open-addressing table of 32-bit keys and 32-bit
values kept between a quarter and half full (272 to 544 bytes of table per
document), and a few fixed-width columns (17 bytes) in arrays that double
when full: about 420 bytes per document on average, 830 at worst, i.e. under
800 MiB per million documents (``python -m partyevents.bench --dedup 1000000``
measured 420 bytes, 401 MiB per million).

>>> body = ("3月5日,幸福社区党支部组织党员志愿者开展环境整治活动,清理卫生死角十余处。"
...         "3月8日,社区妇联举办插花沙龙,邀请辖区三十余名女性居民参加。")
>>> index = DedupIndex()
>>> index.add_many(["a", "b", "c"], ["来源:区委组织部\\n" + body, body + "\\n责任编辑:李明", "另一篇文章。" * 20],
...                [dt.date(2023, 3, 9), dt.date(2023, 3, 8), None])
0
>>> index.canonicals().tolist()  # b was published first
[1, 1, 2]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["BANDS", "NUM_BINS", "ROWS", "SHINGLE", "THRESHOLD", "DedupIndex", "exact_jaccard", "shingles",
           "signature", "similarity"]

SHINGLE = 5  # characters per shingle
NUM_BINS = 64  # signature length
BANDS, ROWS = 16, 4  # LSH bands x values per band (= NUM_BINS)
THRESHOLD = 0.7  # estimated Jaccard similarity from which two documents are one article
MIN_SHINGLES = 30  # shorter texts are clustered only with exact copies of their normalized text

_U64 = np.uint64
_MASK64 = (1 << 64) - 1
_PRIME = _U64(0x100000001B3)
_EMPTY = np.iinfo(np.uint32).max
_NO_DATE = np.iinfo(np.int32).max  # sorts after every real date: undated documents are never "earliest"


def _mix(h: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """The splitmix64 finalizer, vectorized (wrapping uint64 arithmetic; a new array, ``h`` is left alone)."""
    h = h ^ (h >> _U64(30))
    np.multiply(h, _U64(0xBF58476D1CE4E5B9), out=h)
    h ^= h >> _U64(27)
    np.multiply(h, _U64(0x94D049BB133111EB), out=h)
    h ^= h >> _U64(31)
    return h


def shingles(text: str, k: int = SHINGLE) -> npt.NDArray[np.uint64]:
    """Sorted distinct 64-bit hashes of the character ``k``-grams of ``text`` (the whole text if shorter).

    >>> len(shingles("一二三四五六")), len(shingles("一二三四五一二三四五")), len(shingles("")), len(shingles("ab"))
    (2, 5, 0, 1)
    """
    if not text:
        return np.zeros(0, dtype=_U64)
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(_U64)
    n = max(len(cp) - k + 1, 1)
    k = min(k, len(cp))
    h = np.zeros(n, dtype=_U64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * _PRIME + cp[j:j + n]
        return np.unique(_mix(h))


def signature(hashes: npt.NDArray[np.uint64], bins: int = NUM_BINS) -> npt.NDArray[np.uint32]:
    """One-permutation MinHash of a set of 64-bit hashes: per bin (top bits) the least low 32 bits.

    Empty bins take the value of the next non-empty bin to the right (circularly), shifted by the distance,
    so every bin holds a value. An empty set gives all-empty bins.

    >>> s = signature(shingles("社区开展志愿服务活动" * 10)); s.shape, s.dtype.name
    ((64,), 'uint32')
    """
    sig = np.full(bins, _EMPTY, dtype=np.uint32)
    if not len(hashes):
        return sig
    shift = _U64(64 - int(bins).bit_length() + 1)
    np.minimum.at(sig, (hashes >> shift).astype(np.intp), (hashes & _U64(0xFFFFFFFF)).astype(np.uint32))
    full = np.flatnonzero(sig != _EMPTY)
    if len(full) < bins:
        empty = np.flatnonzero(sig == _EMPTY)
        pos = np.searchsorted(full, empty) % len(full)
        distance = (full[pos] - empty) % bins
        with np.errstate(over="ignore"):
            sig[empty] = sig[full[pos]] + (distance.astype(np.uint32) * np.uint32(0x9E3779B1))
    return sig


def similarity(a: npt.NDArray[np.integer], b: npt.NDArray[np.integer]) -> float:
    """Estimated Jaccard similarity: the share of signature bins that agree."""
    return float(np.count_nonzero(a == b)) / len(a)


def exact_jaccard(a: str, b: str, k: int = SHINGLE) -> float:
    """The exact Jaccard similarity of two texts' shingle sets (the oracle of the estimate).

    >>> exact_jaccard("一二三四五六", "一二三四五六"), exact_jaccard("一二三四五", "六七八九十")
    (1.0, 0.0)
    """
    sa, sb = shingles(a, k), shingles(b, k)
    union = len(np.union1d(sa, sb))
    return len(np.intersect1d(sa, sb, assume_unique=True)) / union if union else 1.0


def _band_keys(sigs: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """Per signature (row), one nonzero 32-bit key per band (band number mixed in: bands never share keys)."""
    rows = sigs.astype(_U64).reshape(len(sigs), BANDS, ROWS)
    with np.errstate(over="ignore"):
        h = np.broadcast_to(np.arange(1, BANDS + 1, dtype=_U64) * _U64(0x9E3779B97F4A7C15), rows.shape[:2]).copy()
        for j in range(ROWS):
            h = (h ^ rows[:, :, j]) * _PRIME
        keys = (_mix(h) >> _U64(32)).astype(np.uint32)
    keys[keys == 0] = 1
    return keys


_CHUNK_CHARS = 1 << 20  # characters hashed at once: the work arrays take about 60 bytes per character


def _signatures(texts: list[str], chunk: int = _CHUNK_CHARS) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.int64],
                                                                        npt.NDArray[np.uint32]]:
    """:func:`_signatures_at_once` in groups of at most ``chunk`` characters, a longer text piece by piece
    (:func:`_long_signature`): the same rows in memory bounded by ``chunk``, whatever the page's size."""
    n = len(texts)
    sigs = np.full((n, NUM_BINS), _EMPTY, dtype=np.uint32)
    counts = np.zeros(n, dtype=np.int64)
    keys = np.ones(n, dtype=np.uint32)
    group: list[int] = []
    size = 0

    def flush() -> None:
        if group:
            sigs[group], counts[group], keys[group] = _signatures_at_once([texts[i] for i in group])
            group.clear()

    for i, text in enumerate(texts):
        if len(text) > chunk and len(text) >= SHINGLE:
            sigs[i], counts[i], keys[i] = _long_signature(text, chunk)
            continue
        if size + len(text) > chunk:
            flush()
            size = 0
        group.append(i)
        size += len(text)
    flush()
    return sigs, counts, keys


def _kgram_hashes(cp: npt.NDArray[np.uint64], m: int) -> npt.NDArray[np.uint64]:
    """The polynomial hash of each of the first ``m`` ``SHINGLE``-grams of the code points ``cp`` (wrapping)."""
    h = cp[:m].copy()
    with np.errstate(over="ignore"):
        for j in range(1, SHINGLE):
            np.multiply(h, _PRIME, out=h)
            np.add(h, cp[j:j + m], out=h)
    return h


def _long_signature(text: str, chunk: int) -> tuple[npt.NDArray[np.uint32], int, np.uint32]:
    """One text's row of :func:`_signatures_at_once`, its shingles hashed ``chunk`` at a time (min, count and
    sum are the same over the pieces as over the whole)."""
    k = SHINGLE
    m = len(text) - k + 1
    sig = np.full(NUM_BINS, _EMPTY, dtype=np.uint32)
    total = _U64(0)
    shift = _U64(64 - NUM_BINS.bit_length() + 1)
    for a in range(0, m, chunk):
        b = min(a + chunk, m)
        cp = np.frombuffer(text[a:b + k - 1].encode("utf-32-le"), dtype=np.uint32).astype(_U64)
        with np.errstate(over="ignore"):
            hashes = _mix(_kgram_hashes(cp, b - a))
            np.minimum.at(sig, (hashes >> shift).astype(np.intp), (hashes & _U64(0xFFFFFFFF)).astype(np.uint32))
            total = _U64(total + hashes.sum(dtype=_U64))
    if (sig == _EMPTY).any():
        sig = _densify(sig)
    with np.errstate(over="ignore"):
        key = (_mix(np.array([total ^ _U64(len(text))], dtype=_U64)) >> _U64(32)).astype(np.uint32)[0]
    return sig, m, key if key else np.uint32(1)


def _signatures_at_once(texts: list[str]) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.int64],
                                                  npt.NDArray[np.uint32]]:
    """:func:`signature` of the :func:`shingles` of each text, all texts at once (a row per text), the
    number of shingles of each (repeats counted) and a nonzero 32-bit key of the whole text (the sum of its
    shingle hashes and its length: exact copies share it): far fewer numpy calls per document."""
    n = len(texts)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=n)
    sigs = np.full((n, NUM_BINS), _EMPTY, dtype=np.uint32)
    sums = np.zeros(n, dtype=_U64)
    if not lengths.sum():
        return sigs, np.zeros(n, dtype=np.int64), np.ones(n, dtype=np.uint32)
    cp = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(_U64)
    ends = np.cumsum(lengths)
    doc = np.repeat(np.arange(n), lengths)
    k = SHINGLE
    m = max(len(cp) - k + 1, 0)
    h = _kgram_hashes(cp, m)
    keep = np.ones(m, dtype=bool)  # not the shingles that run into the next text: the last k-1 of each
    across = (ends[:, None] - np.arange(1, k)[None, :]).ravel()
    keep[across[(across >= 0) & (across < m)]] = False
    hashes, owner = _mix(h[keep]), doc[:m][keep]
    counts = np.bincount(owner, minlength=n)
    shift = _U64(64 - NUM_BINS.bit_length() + 1)
    flat = owner * NUM_BINS + (hashes >> shift).astype(np.int64)
    np.minimum.at(sigs.reshape(-1), flat, (hashes & _U64(0xFFFFFFFF)).astype(np.uint32))
    with np.errstate(over="ignore"):
        np.add.at(sums, owner, hashes)
    short = np.flatnonzero((lengths > 0) & (lengths < k))
    for i in short.tolist():  # shorter than one shingle: the whole text is the shingle
        whole = shingles(texts[i])
        sigs[i], sums[i], counts[i] = signature(whole), whole[0], 1
    for i in np.flatnonzero((sigs == _EMPTY).any(axis=1) & (counts > 0)).tolist():  # densify
        sigs[i] = _densify(sigs[i])
    with np.errstate(over="ignore"):
        keys = (_mix(sums ^ lengths.astype(_U64)) >> _U64(32)).astype(np.uint32)
    keys[keys == 0] = 1
    return sigs, counts, keys


def _densify(sig: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    sig = sig.copy()
    full = np.flatnonzero(sig != _EMPTY)
    if 0 < len(full) < len(sig):
        empty = np.flatnonzero(sig == _EMPTY)
        pos = np.searchsorted(full, empty) % len(full)
        distance = (full[pos] - empty) % len(sig)
        with np.errstate(over="ignore"):
            sig[empty] = sig[full[pos]] + (distance.astype(np.uint32) * np.uint32(0x9E3779B1))
    return sig


class _Table:
    """uint32 key -> int32 value, open addressing with linear probing, at most half full; looked up and
    filled many keys at a time (0 is no key).

    >>> t = _Table(4)
    >>> t.insert_new(np.array([7, 9, 11], dtype=np.uint32), np.array([0, 1, 2], dtype=np.int32))
    >>> t.lookup(np.array([9, 5, 7, 11], dtype=np.uint32)).tolist()
    [1, -1, 0, 2]
    """

    def __init__(self, capacity: int = 1024) -> None:
        self.keys = np.zeros(capacity, dtype=np.uint32)
        self.values = np.full(capacity, -1, dtype=np.int32)
        self.n = 0

    def _home(self, keys: npt.NDArray[np.uint32]) -> npt.NDArray[np.int64]:
        return ((keys.astype(_U64) * _U64(0x9E3779B1)) >> _U64(7)).astype(np.int64) & (len(self.keys) - 1)

    def lookup(self, keys: npt.NDArray[np.uint32]) -> npt.NDArray[np.int32]:
        """The value of each key, -1 where absent."""
        pos = self._home(keys)
        out = np.full(len(keys), -1, dtype=np.int32)
        pending = np.arange(len(keys))
        mask = len(self.keys) - 1
        while len(pending):
            at = self.keys[pos[pending]]
            hit = at == keys[pending]
            out[pending[hit]] = self.values[pos[pending[hit]]]
            pending = pending[~hit & (at != 0)]
            pos[pending] = (pos[pending] + 1) & mask
        return out

    def insert_new(self, keys: npt.NDArray[np.uint32], values: npt.NDArray[np.int32]) -> None:
        """Store distinct keys that are not in the table yet."""
        while 2 * (self.n + len(keys)) > len(self.keys):
            old = self.keys != 0
            old_k, old_v = self.keys[old], self.values[old]
            self.keys = np.zeros(2 * len(self.keys), dtype=np.uint32)
            self.values = np.full(len(self.keys), -1, dtype=np.int32)
            self.n = 0
            self._place(old_k, old_v)
        self._place(keys, values)

    def _place(self, keys: npt.NDArray[np.uint32], values: npt.NDArray[np.int32]) -> None:
        """Every key to the first free slot of its probe chain, all keys at once."""
        pos = self._home(keys)
        mask = len(self.keys) - 1
        pending = np.arange(len(keys))
        while len(pending):
            p = pos[pending]
            free = np.flatnonzero(self.keys[p] == 0)
            _, first = np.unique(p[free], return_index=True)
            won = free[first]
            self.keys[p[won]], self.values[p[won]] = keys[pending[won]], values[pending[won]]
            lost = np.ones(len(pending), dtype=bool)
            lost[won] = False
            pending = pending[lost]
            pos[pending] = (pos[pending] + 1) & mask
        self.n += len(keys)

    @property
    def nbytes(self) -> int:
        return int(self.keys.nbytes + self.values.nbytes)


class _Column:
    """A growable fixed-width numpy column (doubling)."""

    def __init__(self, dtype: npt.DTypeLike, width: int = 0, fill: int = 0) -> None:
        self.fill = fill
        self.data = np.full((256, width) if width else 256, fill, dtype=dtype)
        self.n = 0

    def extend(self, values: npt.ArrayLike) -> None:
        values = np.asarray(values, dtype=self.data.dtype)
        need = self.n + len(values)
        if need > len(self.data):
            grown = np.full((max(need, 2 * len(self.data)), *self.data.shape[1:]), self.fill, dtype=self.data.dtype)
            grown[:self.n] = self.data[:self.n]
            self.data = grown
        self.data[self.n:need] = values
        self.n = need

    @property
    def values(self) -> npt.NDArray[Any]:
        return self.data[:self.n]


class DedupIndex:
    """Documents added batch by batch, clustered as they come; the earliest-published member stands for
    each cluster.

    Positions follow the order of addition (the order rows are written), which lets
    :mod:`partyevents.reposts` fix the table columns by position, without a map of ids.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._ids = _Column(np.uint64)  # doc_id (16 hex digits) as a number
        self._published = _Column(np.int32, fill=_NO_DATE)  # days since 1970, or _NO_DATE
        self._parent = _Column(np.int32)  # union-find
        self._sig = _Column(np.uint16, NUM_BINS)  # low 16 bits: a chance agreement costs 1/65536 per bin
        self._flags = _Column(np.uint8)  # 1: indexed (has text), 2: removed (replaced by a later version)
        self._keys = _Table()

    def __len__(self) -> int:
        return self._ids.n

    def add(self, doc_id: str, text: str | None, published: dt.date | None = None) -> int:
        """Add one document; its position (see :meth:`add_many`)."""
        return self.add_many([doc_id], [text], [published])

    def add_many(self, doc_ids: list[str], texts: list[str | None], published: list[dt.date | None]) -> int:
        """Add documents in order (text None or empty: not indexed, in no cluster); the first one's position."""
        first, n = len(self), len(doc_ids)
        self._ids.extend([_id_number(d) for d in doc_ids])
        self._published.extend([(p - _EPOCH).days if p else _NO_DATE for p in published])
        self._parent.extend(np.arange(first, first + n, dtype=np.int32))
        has = np.array([bool(t) for t in texts], dtype=bool)
        self._flags.extend(has.astype(np.uint8))
        sigs, counts, text_keys = _signatures([t or "" for t in texts])
        self._sig.extend(sigs.astype(np.uint16))
        keys = np.zeros((n, BANDS + 1), dtype=np.uint32)
        keys[has, 0] = text_keys[has]
        long = has & (counts >= MIN_SHINGLES)  # too few shingles for a fair estimate: exact copies only
        keys[long, 1:] = _band_keys(sigs[long])
        self._match(keys, first, long)
        return first

    def _match(self, keys: npt.NDArray[np.uint32], first: int, long: npt.NDArray[np.bool_]) -> None:
        """Look the batch's keys up, store the new ones (the first document with a key stays its head) and
        join each document to every head whose signature agrees enough."""
        n = len(keys)
        flat = keys.reshape(-1)
        owner = np.repeat(np.arange(first, first + n, dtype=np.int32), keys.shape[1])
        used = flat != 0
        flat, owner = flat[used], owner[used]
        heads = self._keys.lookup(flat)
        new = heads < 0
        uniq, idx, inverse = np.unique(flat[new], return_index=True, return_inverse=True)
        new_heads = owner[new][idx]  # flat is in document order: the first index is the earliest document
        self._keys.insert_new(uniq, new_heads)
        heads[new] = new_heads[inverse]
        pairs = np.unique(np.stack([owner, heads], axis=1)[heads != owner], axis=0)
        if not len(pairs):
            return
        sig = self._sig.data
        agree = np.count_nonzero(sig[pairs[:, 0]] == sig[pairs[:, 1]], axis=1) / NUM_BINS
        need = np.where(long[pairs[:, 0] - first], self.threshold, 1.0)
        for a, b in pairs[agree >= need].tolist():
            self._union(a, b)

    def remove(self, position: int) -> None:
        """Take a document out (a later version replaced it): it stands for no cluster and belongs to none."""
        self._flags.data[position] |= 2

    def _find(self, i: int) -> int:
        parent = self._parent.data
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent.data[max(ra, rb)] = min(ra, rb)

    def canonicals(self) -> npt.NDArray[np.int32]:
        """Per position, the position of its cluster's earliest-published member (ties: the first added);
        -1 for documents without text or removed ones."""
        n = len(self)
        parent = self._parent.values.copy()
        while True:  # pointer jumping: every entry to its root
            nxt = parent[parent]
            if np.array_equal(nxt, parent):
                break
            parent = nxt
        flags = self._flags.values
        live = (flags & 1).astype(bool) & ~(flags & 2).astype(bool)
        order = np.lexsort((np.arange(n), self._published.values, ~live, parent))
        roots = parent[order]
        head = np.ones(n, dtype=bool)
        head[1:] = roots[1:] != roots[:-1]
        best = np.full(n, -1, dtype=np.int32)
        best[roots[head]] = order[head]
        out = best[parent]
        out[~live] = -1
        return out

    def canonical_of(self, position: int) -> int:
        return int(self.canonicals()[position])

    def doc_ids(self, positions: npt.NDArray[np.integer]) -> list[str | None]:
        """The doc_ids at ``positions`` (None for -1)."""
        ids = self._ids.values
        return [None if p < 0 else f"{int(ids[p]):016x}" for p in positions.tolist()]

    @property
    def nbytes(self) -> int:
        """Bytes held by the index's arrays (what grows with the corpus)."""
        return self._keys.nbytes + sum(c.data.nbytes for c in (self._ids, self._published, self._parent, self._sig,
                                                                  self._flags))


_EPOCH = dt.date(1970, 1, 1)


def _id_number(doc_id: str) -> int:
    """A doc_id (16 hex digits) as a number; any other id hashed to one."""
    try:
        if len(doc_id) == 16:
            return int(doc_id, 16)
    except ValueError:
        pass
    return int.from_bytes(hashlib.blake2b(doc_id.encode(), digest_size=8).digest(), "little")


def bench(n: int, doc_chars: int = 1000, batch: int = 32, seed: int = 0) -> dict[str, float]:
    """Memory and time of indexing ``n`` synthetic documents in batches (1 in 10 a repost with a new header)."""
    rng = np.random.default_rng(seed)
    index = DedupIndex()
    seconds = 0.0
    day = dt.date(2022, 1, 1)
    for first in range(0, n, batch):
        count = min(batch, n - first)
        codes = rng.integers(0x4E00, 0x4E00 + 3000, (count, doc_chars), dtype=np.uint32)
        texts: list[str | None] = [row.tobytes().decode("utf-32-le") for row in codes]
        for j in range(9, count, 10):
            texts[j] = "转载自某县融媒体中心\n" + str(texts[j - 1])
        ids = [f"{first + j:016x}" for j in range(count)]
        start = time.perf_counter()
        index.add_many(ids, texts, [day] * count)
        seconds += time.perf_counter() - start
    clusters = index.canonicals()
    made = sum(len(range(9, min(batch, n - f), 10)) for f in range(0, n, batch))
    return {"documents": n, "seconds": seconds, "us_per_document": seconds / n * 1e6,
            "index_bytes_per_document": index.nbytes / n, "mib_per_million": index.nbytes / n * 1e6 / 2**20,
            "reposts_found": int(np.count_nonzero(clusters != np.arange(n))), "reposts_made": made}


def bench_report(n: int) -> str:
    """:func:`bench` as one line (``python -m partyevents.bench --dedup N``)."""
    r = bench(n)
    return (f"near-duplicate index, {r['documents']:,} documents of 1,000 characters: {r['us_per_document']:.0f} "
            f"µs/document to sign and index; {r['index_bytes_per_document']:.0f} B/document "
            f"({r['mib_per_million']:.0f} MiB per million documents); "
            f"{r['reposts_found']:,} of {r['reposts_made']:,} reposts found")
