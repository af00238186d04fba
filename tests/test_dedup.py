"""Reposts and re-scrapes: near-duplicate clusters, duplicate_of, is_repost, replacement in --incremental runs."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import partyevents
from partyevents import dedup
from partyevents.api import ExtractConfig
from partyevents.dedup import DedupIndex, exact_jaccard, shingles, signature, similarity
from partyevents.reposts import REPLACED_MESSAGE

RUN = ExtractConfig(progress=False, workers=1)
INCREMENTAL = ExtractConfig(progress=False, workers=1, incremental=True)

BODY = """3月5日,樊城区王寨街道幸福社区党支部组织党员志愿者开展环境整治活动,清理卫生死角12处,参与群众80余人。
3月8日,王寨街道妇联在幸福社区举办插花沙龙,邀请辖区35名女性居民参加,现场气氛热烈。
3月9日,王寨街道党工委召开党史学习教育推进会,各社区党组织书记参加会议,会议对下一阶段工作进行了部署。"""
OTHER = """4月1日,樊城区定中门街道米公祠社区联合辖区消防救援站开展消防安全知识进社区活动,发放宣传资料200余份,排查隐患5处。
4月3日,米公祠社区新时代文明实践站举办亲子阅读活动,20组家庭参加。"""
TITLE = "樊城区多措并举推进基层党建工作"


def page(body: str, header: str, footer: str = "", title: str = TITLE) -> str:
    return f"{title}\n{header}\n{body}\n{footer}\n"


def original(views: int = 128) -> str:
    return page(BODY, f"发布时间:2023-03-10 浏览次数:{views}")


#: the county site's original, a city site's repost (new header, a sentence and a footer added), a mirror
#: (other header and footer) and an unrelated article
CORPUS = {
    "county/a.txt": original(),
    "city/b.txt": page(BODY + "\n下一步,王寨街道将持续深化党建引领基层治理,不断提升群众的获得感和幸福感。",
                       "来源:樊城区融媒体中心 发布时间:2023-03-12", "责任编辑:王芳"),
    "mirror/c.txt": page(BODY, "发布日期:2023-03-15 【字体:大 中 小】", "【打印本页】【关闭窗口】"),
    "county/d.txt": page(OTHER, "发布时间:2023-04-02", title="米公祠社区开展消防安全宣传"),
}
URLS = {"county/a.txt": "http://www.fc.gov.cn/dj/1.html", "city/b.txt": "http://www.xf.gov.cn/news/9.html",
        "mirror/c.txt": "http://mirror.example.cn/9.html", "county/d.txt": "http://www.fc.gov.cn/dj/2.html"}


def write(folder: Path, files: dict[str, str], urls: dict[str, str] | None = None) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    if urls:
        lines = ["path,url"] + [f"{p},{u}" for p, u in urls.items() if (folder / p).exists()]
        (folder / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def by_path(out: Path) -> dict[str, dict[str, object]]:
    docs = partyevents.load(out).documents
    docs = docs.astype(object).where(docs.notna(), None)
    return {r["source_path"]: r for r in docs.to_dict("records")}


# --- the estimate ----------------------------------------------------------------------------------------

def _variant(rng: random.Random, base: str, share: float) -> str:
    """``base`` with about ``share`` of its characters replaced."""
    chars = list(base)
    for i in rng.sample(range(len(chars)), int(share * len(chars))):
        chars[i] = chr(0x4E00 + rng.randrange(3000))
    return "".join(chars)


@pytest.mark.parametrize("share", [0.0, 0.01, 0.03, 0.08, 0.2, 0.5])
def test_signature_agreement_estimates_the_jaccard_similarity(share: float) -> None:
    rng = random.Random(7)
    errors = []
    for _ in range(20):
        base = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(600))
        other = _variant(rng, base, share)
        est = similarity(signature(shingles(base)), signature(shingles(other)))
        errors.append(est - exact_jaccard(base, other))
    assert abs(float(np.mean(errors))) < 0.05  # unbiased
    assert float(np.max(np.abs(errors))) < 0.25


def test_estimate_agrees_with_datasketch_minhash() -> None:
    datasketch = pytest.importorskip("datasketch")
    rng = random.Random(3)
    base = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(800))
    for share in (0.01, 0.05, 0.15):
        other = _variant(rng, base, share)
        mh = []
        for text in (base, other):
            m = datasketch.MinHash(num_perm=256)
            m.update_batch([text[i:i + 5].encode() for i in range(len(text) - 4)])
            mh.append(m)
        ours = similarity(signature(shingles(base)), signature(shingles(other)))
        assert abs(ours - mh[0].jaccard(mh[1])) < 0.2


def test_index_clusters_transitively_and_keeps_unrelated_documents_apart() -> None:
    rng = random.Random(11)
    a = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(500))
    b = a[:480] + "新增的一句话在这里"  # near a
    c = b[:470] + "又改了一句结尾的话语"  # near b
    d = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(500))
    index = DedupIndex()
    index.add_many(["1" * 16, "2" * 16, "3" * 16, "4" * 16], [a, b, c, d], [None, None, dt.date(2020, 1, 1), None])
    assert index.canonicals().tolist() == [2, 2, 2, 3]  # c is the only dated member: the earliest published


def test_short_texts_cluster_only_with_exact_copies() -> None:
    index = DedupIndex()
    index.add_many(["a", "b", "c", "d"], ["党员大会召开", "党员大会召开", "党员大会召开了", None], [None] * 4)
    assert index.canonicals().tolist() == [0, 0, 2, -1]


def test_ties_in_publication_date_go_to_the_first_document() -> None:
    index = DedupIndex()
    text = "".join(chr(0x4E00 + i) for i in range(300))
    day = dt.date(2023, 1, 1)
    index.add_many(["a", "b"], [text + "甲", text + "乙"], [day, day])
    index.add_many(["c"], [text], [dt.date(2022, 12, 31)])
    assert index.canonicals().tolist() == [2, 2, 2]


# --- the tables -------------------------------------------------------------------------------------------

def test_reposts_share_a_cluster_and_point_to_the_earliest_published(tmp_path: Path) -> None:
    corpus = write(tmp_path / "in", CORPUS, URLS)
    partyevents.extract(corpus, tmp_path / "out", RUN)
    docs = by_path(tmp_path / "out")
    a, b, c, d = (docs[p] for p in ("county/a.txt", "city/b.txt", "mirror/c.txt", "county/d.txt"))
    assert a["cluster_id"] == b["cluster_id"] == c["cluster_id"] == a["doc_id"]
    assert a["duplicate_of"] is None and b["duplicate_of"] == c["duplicate_of"] == a["doc_id"]
    assert d["cluster_id"] == d["doc_id"] and d["duplicate_of"] is None
    events = partyevents.load(tmp_path / "out").events
    reposted = events.groupby("doc_id")["is_repost"].agg(set).to_dict()
    assert reposted == {a["doc_id"]: {False}, b["doc_id"]: {True}, c["doc_id"]: {True}, d["doc_id"]: {False}}


def test_the_earliest_publication_wins_whatever_the_input_order(tmp_path: Path) -> None:
    files = dict(CORPUS)
    files["county/a.txt"] = original().replace("2023-03-10", "2023-03-20")  # now the latest
    partyevents.extract(write(tmp_path / "in", files), tmp_path / "out", RUN)
    docs = by_path(tmp_path / "out")
    b = docs["city/b.txt"]["doc_id"]
    assert docs["county/a.txt"]["duplicate_of"] == b and docs["mirror/c.txt"]["duplicate_of"] == b
    assert docs["city/b.txt"]["duplicate_of"] is None


def test_both_engines_give_the_same_clusters(tmp_path: Path) -> None:
    corpus = write(tmp_path / "in", CORPUS, URLS)
    partyevents.extract(corpus, tmp_path / "serial", RUN)
    partyevents.extract(corpus, tmp_path / "pool", ExtractConfig(progress=False, workers=2, chunk_size=1))
    cols = ["doc_id", "cluster_id", "duplicate_of"]
    serial = partyevents.load(tmp_path / "serial").documents[cols].sort_values("doc_id").reset_index(drop=True)
    pool = partyevents.load(tmp_path / "pool").documents[cols].sort_values("doc_id").reset_index(drop=True)
    assert serial.equals(pool)


def test_a_rescrape_replaces_the_earlier_version_in_an_incremental_run(tmp_path: Path) -> None:
    first = {k: v for k, v in CORPUS.items() if k != "mirror/c.txt"}
    corpus = write(tmp_path / "in", first, URLS)
    out = tmp_path / "out"
    partyevents.extract(corpus, out, INCREMENTAL)
    old_a = by_path(out)["county/a.txt"]["doc_id"]
    # the page is scraped again (its view counter changed) and the mirror appears
    write(corpus, {"county/a.txt": original(views=131), "mirror/c.txt": CORPUS["mirror/c.txt"]}, URLS)
    summary = partyevents.extract(corpus, out, INCREMENTAL)
    assert summary.replaced == 1 and summary.skipped == 2
    tables = partyevents.load(out)
    docs = by_path(out)
    new_a = docs["county/a.txt"]["doc_id"]
    assert new_a != old_a and len(tables.documents) == 4
    for name in ("documents", "events", "figures", "problems"):
        assert old_a not in set(getattr(tables, name)["doc_id"].dropna())
    assert docs["city/b.txt"]["duplicate_of"] == new_a == docs["mirror/c.txt"]["duplicate_of"]
    notes = tables.problems[tables.problems["message"] == REPLACED_MESSAGE]
    assert notes["doc_id"].tolist() == [new_a]
    assert json.loads(notes["detail"].iloc[0])["replaced_doc_id"] == old_a
    assert set(tables.events.loc[tables.events["doc_id"] == docs["city/b.txt"]["doc_id"], "is_repost"]) == {True}


def test_without_a_url_the_path_identifies_the_page(tmp_path: Path) -> None:
    corpus = write(tmp_path / "in", {"a.txt": original()})
    partyevents.extract(corpus, tmp_path / "out", INCREMENTAL)
    write(corpus, {"a.txt": original(views=200)})
    summary = partyevents.extract(corpus, tmp_path / "out", INCREMENTAL)
    assert summary.replaced == 1
    assert len(partyevents.load(tmp_path / "out").documents) == 1


def test_an_earlier_publication_found_later_makes_the_old_original_a_repost(tmp_path: Path) -> None:
    corpus = write(tmp_path / "in", {"city/b.txt": CORPUS["city/b.txt"]})
    out = tmp_path / "out"
    partyevents.extract(corpus, out, INCREMENTAL)
    assert by_path(out)["city/b.txt"]["duplicate_of"] is None
    write(corpus, {"county/a.txt": CORPUS["county/a.txt"]})
    partyevents.extract(corpus, out, INCREMENTAL)
    docs = by_path(out)
    assert docs["city/b.txt"]["duplicate_of"] == docs["county/a.txt"]["doc_id"]
    events = partyevents.load(out).events
    assert set(events.loc[events["doc_id"] == docs["city/b.txt"]["doc_id"], "is_repost"]) == {True}
    assert set(events.loc[events["doc_id"] == docs["county/a.txt"]["doc_id"], "is_repost"]) == {False}


def test_a_rejected_rescrape_replaces_nothing(tmp_path: Path) -> None:
    corpus = write(tmp_path / "in", {"a.txt": original()})
    partyevents.extract(corpus, tmp_path / "out", INCREMENTAL)
    (corpus / "a.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)  # a failed download
    summary = partyevents.extract(corpus, tmp_path / "out", INCREMENTAL)
    assert summary.replaced == 0
    statuses = partyevents.load(tmp_path / "out").documents["status"].tolist()
    assert statuses[0] == "ok" and len(statuses) == 2 and statuses[1] != "ok"


def test_the_bench_finds_every_planted_repost_within_the_memory_budget() -> None:
    from partyevents.dedup import bench

    result = bench(600)
    assert result["reposts_found"] == result["reposts_made"] > 0
    assert result["index_bytes_per_document"] < 900  # the budget stated in partyevents.dedup


def test_rows_written_out_of_order_still_get_their_own_cluster(tmp_path: Path) -> None:
    import pyarrow as pa

    from partyevents.reposts import Reposts
    from partyevents.write import SCHEMAS

    text = "".join(chr(0x4E00 + i) for i in range(200))
    rows = [{"doc_id": f"{i:016x}", "source_path": f"{i}.txt", "status": "ok", "text": t, "n_events": 0,
             "schema_version": "1", "published_date": dt.date(2023, 1, i + 1)}
            for i, t in enumerate([text, text + "。", "另一篇" * 30])]
    reposts = Reposts(tmp_path, append=False)
    reposts.add(pa.RecordBatch.from_pylist(rows, schema=SCHEMAS["documents"]))
    canon = reposts.index.canonicals()
    positions = reposts._positions([rows[2]["doc_id"], rows[1]["doc_id"], "f" * 16], 0)
    cluster, duplicate = reposts._cluster_columns(canon, positions)
    assert cluster.to_pylist() == [rows[2]["doc_id"], rows[0]["doc_id"], None]
    assert duplicate.to_pylist() == [None, rows[0]["doc_id"], None]


@given(st.lists(st.text(alphabet="社区党员志愿服务开展活动一二", max_size=120), min_size=1, max_size=6),
       st.integers(min_value=1, max_value=90))
@settings(max_examples=200, deadline=None)
def test_signatures_in_bounded_pieces_equal_all_at_once(texts: list[str], chunk: int) -> None:
    whole = dedup._signatures_at_once(texts)
    pieces = dedup._signatures(texts, chunk=chunk)
    for a, b in zip(whole, pieces, strict=True):
        assert np.array_equal(a, b)
