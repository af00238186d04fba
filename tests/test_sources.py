"""Reading what scrapers produce: record files, archives, WARC, HTML under any name (issue 17)."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import partyevents
from partyevents import ingest
from partyevents.api import ExtractConfig
from partyevents.records import Problem, RawDocument
from partyevents.sources import Columns, Context
from partyevents.sources.tables import iter_jsonl

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
PAGES = sorted(RAW.glob("*.txt"))

ONE = "6月3日,东风社区党支部组织党员志愿者清理楼道杂物,共20余名党员参加。"
TWO = "6月5日,向阳村党总支召开党员大会,传达学习上级会议精神,40名党员参加。"


def _run(in_dir: Path, out: Path, **kw: object) -> partyevents.Tables:
    partyevents.extract(in_dir, out, ExtractConfig(progress=False, workers=1, **kw))  # type: ignore[arg-type]
    return partyevents.load(out)


def _items(in_dir: Path, **kw: object) -> list[RawDocument | Problem]:
    return list(ingest.iter_inputs(in_dir, ingest.InputOptions(**kw)))  # type: ignore[arg-type]


def _docs(in_dir: Path, **kw: object) -> dict[str, RawDocument]:
    return {d.source_path: d for d in _items(in_dir, **kw) if isinstance(d, RawDocument)}


# ---------------------------------------------------------------- one corpus, every form
def _records() -> list[dict[str, str]]:
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in PAGES]


def _warc(path: Path, pages: list[Path], ctype: str = "text/plain; charset=utf-8") -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for p in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"http://example.gov.cn/{p.stem}", "response",
                                                          payload=io.BytesIO(p.read_bytes()), http_headers=http))


def _form(kind: str, folder: Path) -> None:
    folder.mkdir()
    if kind == "txt":
        for p in PAGES:
            (folder / p.name).write_bytes(p.read_bytes())
    elif kind == "jsonl":
        (folder / "pages.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records()),
                                            encoding="utf-8")
    elif kind == "csv":
        pd.DataFrame(_records()).to_csv(folder / "pages.csv", index=False)
    elif kind == "parquet":
        pd.DataFrame(_records()).to_parquet(folder / "pages.parquet")
    elif kind == "zip":
        with zipfile.ZipFile(folder / "pages.zip", "w", zipfile.ZIP_DEFLATED) as zf:
            for p in PAGES:
                zf.write(p, f"raw/{p.name}")
    elif kind == "tar.gz":
        with tarfile.open(folder / "pages.tar.gz", "w:gz") as tf:
            for p in PAGES:
                tf.add(p, f"raw/{p.name}")
    elif kind == "warc":
        _warc(folder / "crawl.warc.gz", PAGES)


def _content(t: partyevents.Tables, *, dates: bool = True) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    ev = sorted((r.doc_id, r.seq, r.text, r.activity_type, r.locality, r.organization,
                 r.date_start if dates else None) for r in t.events.itertuples())
    fig = sorted((r.doc_id, r.value_text, r.value, r.category) for r in t.figures.itertuples())
    return ev, fig


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, partyevents.Tables]:
    base = tmp_path_factory.mktemp("forms")
    out: dict[str, partyevents.Tables] = {}
    for kind in ("txt", "jsonl", "csv", "parquet", "zip", "tar.gz", "warc"):
        _form(kind, base / kind)
        out[kind] = _run(base / kind, base / f"{kind}-out")
    return out


@pytest.mark.parametrize("kind", ["jsonl", "csv", "parquet", "zip", "tar.gz", "warc"])
def test_one_corpus_gives_the_same_events_and_figures_in_every_form(forms: dict[str, partyevents.Tables],
                                                                    kind: str) -> None:
    # a WARC's crawl date is a fallback publication date: it may anchor years the loose files leave open
    dates = kind != "warc"
    assert _content(forms[kind], dates=dates) == _content(forms["txt"], dates=dates)
    assert len(forms["txt"].events) > 10
    docs = forms[kind].documents
    assert (docs["status"] == "ok").all() and len(docs) == len(PAGES)
    assert docs["source_format"].notna().all() and docs["source_record"].notna().all()


def test_doc_ids_of_loose_files_are_the_sha256_of_their_bytes_in_every_form(
        forms: dict[str, partyevents.Tables]) -> None:
    expected = {ingest.doc_id_for(p.read_bytes()) for p in PAGES}
    for t in forms.values():
        assert set(t.documents["doc_id"]) == expected


def test_every_row_leads_back_to_its_record(forms: dict[str, partyevents.Tables]) -> None:
    jsonl = forms["jsonl"].documents.set_index("source_path")
    assert jsonl.loc["pages.jsonl#2", "source_record"] == f"line 2; id={PAGES[1].stem}"
    assert set(forms["csv"].documents["source_record"]) == {f"row {i + 1}; id={p.stem}" for i, p in enumerate(PAGES)}
    zipped = forms["zip"].documents
    assert set(zipped["source_path"]) == {f"pages.zip!/raw/{p.name}" for p in PAGES}
    assert set(zipped["source_format"]) == {"zip"}
    warc = forms["warc"].documents
    assert set(warc["source_format"]) == {"warc"} and warc["source_record"].str.startswith("<urn:uuid:").all()
    assert set(warc["url"]) == {f"http://example.gov.cn/{p.stem}" for p in PAGES}
    assert set(forms["txt"].documents["source_format"]) == {"txt"}


def test_a_warc_date_is_only_a_fallback(forms: dict[str, partyevents.Tables]) -> None:
    txt = forms["txt"].documents.set_index("doc_id")
    for row in forms["warc"].documents.itertuples():
        if txt.loc[row.doc_id, "published_date"] is not None:
            assert row.published_date == txt.loc[row.doc_id, "published_date"]
        else:
            assert row.published_date_source == "warc"


# ---------------------------------------------------------------- HTML under any name
@pytest.mark.parametrize("name", ["page.shtml", "page.php", "list.aspx", "view.jsp", "c.html?id=123", "page"])
def test_html_is_read_as_html_whatever_the_file_is_called(tmp_path: Path, name: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_bytes((ROOT / "tests" / "data" / "html" / "000.shtml").read_bytes())
    doc = _run(tmp_path / "in", tmp_path / "out").documents.iloc[0]
    assert (doc["status"], doc["source_format"]) == ("ok", "html")
    assert doc["title"] == "樊城区疫情防控期间组织工作动态"
    assert (doc["published_date"].isoformat(), doc["published_date_source"]) == ("2022-12-09", "html")
    assert "热点排行" not in doc["text"] and "网站标识码" not in doc["text"]


# ---------------------------------------------------------------- column mapping
def test_named_columns_and_an_html_column(tmp_path: Path) -> None:
    page = (f"<html><head><title>东风社区清理楼道_某区政府网</title>"
            f"<meta property='article:published_time' content='2023-06-06T08:00:00+08:00'></head>"
            f"<body><div class=nav><a href='/'>首页</a></div><div class=content><p>{ONE}</p><p>{TWO}</p></div>"
            "</body></html>")
    rows = [{"正文链接": "http://a.gov.cn/1", "page": page, "when": "2023/06/07", "headline": "一", "key": "k1"},
            {"正文链接": "http://a.gov.cn/2", "page": "", "when": "", "headline": "", "key": "k2"},
            {"正文链接": "http://a.gov.cn/3", "page": f"<p>{TWO}</p>", "when": "上周", "headline": "", "key": "k3"}]
    (tmp_path / "in").mkdir()
    pd.DataFrame(rows).to_csv(tmp_path / "in" / "x.tsv", sep="\t", index=False)
    t = _run(tmp_path / "in", tmp_path / "out",
             columns=Columns(html="page", url="正文链接", date="when", title="headline", id="key"))
    docs = t.documents.set_index("source_path")
    first = docs.loc["x.tsv#1"]
    assert (first["status"], first["source_format"], first["url"]) == ("ok", "tsv", "http://a.gov.cn/1")
    assert (first["published_date"].isoformat(), first["published_date_source"]) == ("2023-06-07", "record")
    assert first["title"] == "一" and first["source_record"] == "row 1; id=k1"
    assert "首页" not in first["text"] and first["n_events"] == 2
    second = docs.loc["x.tsv#2"]
    assert second["status"] == "rejected" and "row 2 has no text" in second["error"]
    third = docs.loc["x.tsv#3"]
    assert third["status"] == "ok" and third["published_date"] is None
    warned = t.problems[t.problems["source_path"] == "x.tsv#3"]["message"]
    assert any("when '上周' is not a date" in m for m in warned)


def test_default_column_names_are_found_without_flags(tmp_path: Path) -> None:
    (tmp_path / "a.ndjson").write_text(json.dumps({"Content": ONE, "Link": "http://b.gov.cn/x", "pubdate": "20230604",
                                                   "Title": "标题"}, ensure_ascii=False) + "\n", encoding="utf-8")
    doc = _docs(tmp_path)["a.ndjson#1"]
    assert doc.data == ONE.encode() and doc.url == "http://b.gov.cn/x" and doc.title == "标题"
    assert (str(doc.published), doc.published_source, doc.source_format) == ("2023-06-04", "record", "jsonl")


def test_a_record_file_without_a_text_column_says_which_columns_it_has(tmp_path: Path) -> None:
    pd.DataFrame([{"a": 1, "b": ONE}]).to_parquet(tmp_path / "x.parquet")
    (doc,) = _docs(tmp_path).values()
    assert doc.data is None and "no text column" in (doc.error or "") and "a, b" in (doc.error or "")


# ---------------------------------------------------------------- bad records
def test_bad_jsonl_lines_are_rejected_one_by_one(tmp_path: Path) -> None:
    lines = [json.dumps({"text": ONE}, ensure_ascii=False), "{not json", "[1, 2]", "",
             json.dumps({"text": TWO}, ensure_ascii=False), json.dumps({"text": "  ", "url": "u"})]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "p.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    t = _run(tmp_path / "in", tmp_path / "out")
    docs = t.documents.set_index("source_path")
    assert list(docs.index) == ["p.jsonl#1", "p.jsonl#2", "p.jsonl#3", "p.jsonl#5", "p.jsonl#6"]
    assert (docs.loc["p.jsonl#1", "status"], docs.loc["p.jsonl#5", "status"]) == ("ok", "ok")
    assert "line 2 is not JSON" in docs.loc["p.jsonl#2", "error"]
    assert "line 3 is a JSON list" in docs.loc["p.jsonl#3", "error"]
    assert "line 6 has no text" in docs.loc["p.jsonl#6", "error"]
    assert docs.loc["p.jsonl#2", "source_record"] == "line 2"
    problems = t.problems.set_index("source_path")
    assert "line 2 is not JSON" in problems.loc["p.jsonl#2", "message"]


def test_a_corrupt_zip_member_is_rejected_and_the_others_kept(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("a.txt", ONE)
        zf.writestr("b.txt", TWO)
    data = bytearray(buf.getvalue())
    at = data.find(TWO.encode())
    data[at + 3] ^= 0xFF  # the stored bytes no longer match the member's CRC
    (tmp_path / "c.zip").write_bytes(bytes(data))
    docs = _docs(tmp_path)
    assert docs["c.zip!/a.txt"].data == ONE.encode()
    bad = docs["c.zip!/b.txt"]
    assert bad.data is None and "corrupt zip member" in (bad.error or "") and bad.source_record == "b.txt"


def test_a_truncated_tar_gz_keeps_the_members_before_the_break(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for i, text in enumerate([ONE, TWO, ONE + TWO]):
            data = (text * 200).encode()
            info = tarfile.TarInfo(f"d/{i}.txt")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    whole = buf.getvalue()
    (tmp_path / "t.tgz").write_bytes(whole[: len(whole) * 2 // 3])
    docs = _docs(tmp_path)
    assert docs["t.tgz!/d/0.txt"].data == (ONE * 200).encode()
    assert "cannot read this tar file after" in (docs["t.tgz"].error or "")


def test_a_corrupt_gz_file_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ONE.encode())[:-12])
    (tmp_path / "b.txt").write_text(TWO, encoding="utf-8")
    docs = _docs(tmp_path)
    assert docs["a.txt.gz"].data is None and "gz" in (docs["a.txt.gz"].error or "")
    assert docs["b.txt"].data == TWO.encode()


def test_a_broken_warc_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ONE * 50, encoding="utf-8")
    b.write_text(TWO * 50, encoding="utf-8")
    (tmp_path / "in").mkdir()
    _warc(tmp_path / "w.warc", [a, b])
    data = (tmp_path / "w.warc").read_bytes()
    cut = data.rfind(b"WARC/1")  # the second response's header, then garbage
    (tmp_path / "in" / "w.warc").write_bytes(data[:cut] + b"WARC/1.1\r\nnot a header\r\n\r\n" + b"\x00" * 100)
    _warc(tmp_path / "z.warc.gz", [a, b])
    gz = (tmp_path / "z.warc.gz").read_bytes()
    (tmp_path / "in" / "z.warc.gz").write_bytes(gz[: len(gz) - 200])  # the last record cut short
    docs = _docs(tmp_path / "in")
    assert docs["w.warc#2"].data == (ONE * 50).encode()
    assert "WARC record 3 has no WARC-Type" in (docs["w.warc#3"].error or "")
    assert docs["z.warc.gz#2"].data == (ONE * 50).encode()
    assert "not a complete WARC record" in (docs["z.warc.gz#3"].error or "")


def test_warc_records_that_are_not_pages_are_counted_in_one_warning(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with (tmp_path / "x.warc").open("wb") as fh:
        w = WARCWriter(fh, gzip=False)
        for url, status, ctype, body in [("http://a/1", "200 OK", "text/html; charset=gbk", f"<p>{ONE}</p>"),
                                         ("http://a/2.png", "200 OK", "image/png", "PNG"),
                                         ("http://a/3", "404 Not Found", "text/html", "missing")]:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body.encode("gb18030")),
                                                http_headers=http))
    items = _items(tmp_path)
    docs = [d for d in items if isinstance(d, RawDocument)]
    assert [d.url for d in docs] == ["http://a/1"] and docs[0].html is True
    (note,) = [p for p in items if isinstance(p, Problem)]
    assert "2 WARC record(s) are not pages" in note.message and "image/png 1" in note.message
    assert "HTTP 404 1" in note.message and note.source == "x.warc"


# ---------------------------------------------------------------- streaming and nesting
class _Endless(io.RawIOBase):
    """A JSONL stream that fails once the reader goes past its first lines."""

    def __init__(self, lines: int) -> None:
        self.left = lines

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]
        if self.left <= 0:
            raise AssertionError("read past the lines the test consumed")
        self.left -= 1
        line = (json.dumps({"text": ONE}, ensure_ascii=False) + "\n").encode()
        b[: len(line)] = line
        return len(line)


def test_jsonl_is_read_a_record_at_a_time() -> None:
    stream = io.BufferedReader(_Endless(50), buffer_size=256)
    items = iter_jsonl(stream, "x.jsonl", "x.jsonl", Context(max_bytes=1000))
    first = [next(items) for _ in range(3)]
    assert [d.source_path for d in first if isinstance(d, RawDocument)] == ["x.jsonl#1", "x.jsonl#2", "x.jsonl#3"]


def test_record_files_inside_archives(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as zf:
        zf.writestr("dump/p.jsonl", json.dumps({"text": ONE}, ensure_ascii=False) + "\n")
        zf.writestr("more.zip", _zip_bytes({"in/b.txt": TWO}))
    (tmp_path / "c.csv.gz").write_bytes(gzip.compress(pd.DataFrame([{"text": ONE, "url": "http://c"}])
                                                      .to_csv(index=False).encode()))
    docs = _docs(tmp_path)
    assert docs["a.zip!/dump/p.jsonl#1"].source_format == "jsonl"
    assert docs["a.zip!/more.zip!/in/b.txt"].data == TWO.encode()
    assert docs["c.csv.gz#1"].url == "http://c"


def _zip_bytes(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return buf.getvalue()


# ---------------------------------------------------------------- the folder
def test_output_folder_manifest_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "in" / "manifest.csv").write_text("path,date\na.txt,2023-01-01\n", encoding="utf-8")
    (tmp_path / "other.csv").write_text("path,published_date\na.txt,2023-06-03\n", encoding="utf-8")
    _run(tmp_path / "in", tmp_path / "in" / "out")
    t = _run(tmp_path / "in", tmp_path / "in" / "out", manifest=tmp_path / "other.csv")
    assert list(t.documents["source_path"]) == ["a.txt"]  # neither out/ nor the folder's manifest.csv
    assert t.documents.iloc[0]["published_date_source"] == "manifest"
    messages = list(t.problems["message"])
    assert any("skipped folder out/" in m for m in messages)
    summary = partyevents.extract(tmp_path / "in", tmp_path / "in" / "out", ExtractConfig(progress=False, workers=1))
    assert any("unknown column(s) date" in n and "path,url,published_date,place" in n for n in summary.notes)
    (tmp_path / "empty").mkdir()
    summary = partyevents.extract(tmp_path / "empty", tmp_path / "o2", ExtractConfig(progress=False, workers=1))
    assert any("holds no files" in n for n in summary.notes)


def test_the_summary_names_the_top_rejection_reasons(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "p.jsonl").write_text("{x\n{y\n" + json.dumps({"text": ONE}, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
    summary = partyevents.extract(tmp_path / "in", tmp_path / "out", ExtractConfig(progress=False, workers=1))
    assert "rejected: 2 × line N is not JSON" in summary.line()


# ---------------------------------------------------------------- a DataFrame
def test_extract_frame_gives_the_tables_extract_writes(forms: dict[str, partyevents.Tables]) -> None:
    df = pd.DataFrame(_records()).rename(columns={"text": "body"})
    t = partyevents.extract_frame(df, text="body")
    assert _content(t) == _content(forms["txt"])
    assert list(t.documents["source_path"]) == [f"frame#{i}" for i in range(len(PAGES))]
    assert set(t.documents.columns) == set(forms["txt"].documents.columns)
    with pytest.raises(KeyError, match="no column 'text'"):
        partyevents.extract_frame(df)


# ---------------------------------------------------------------- old and new HTML extraction
HTML = ROOT / "tests" / "data" / "html"
EXPECTED: dict[str, dict[str, object]] = json.loads((HTML / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_main_content_extraction_beats_the_tag_stripper(name: str) -> None:
    exp = EXPECTED[name]
    html = (HTML / name).read_text(encoding="utf-8")
    old = ingest.html_to_text(html)
    new = ingest.decode(html.encode(), name)
    paras = [str(p) for p in exp["paragraphs"]]  # type: ignore[union-attr]
    furniture = [str(f) for f in exp["furniture"]]  # type: ignore[union-attr]
    assert all(p in old for p in paras) and all(p in new.text for p in paras)  # no body text lost
    assert sum(f in old for f in furniture) >= 10  # the stripper keeps menus, sidebars, related lists, footers
    assert [f for f in furniture if f in new.text] == []
    assert new.is_html and new.title == exp["title"]
    if exp["date_in"] in ("pubdate", "og", "jsonld"):
        assert str(new.published) == exp["published"]
    else:
        assert new.published is None  # a date in the page's text is the normalizer's to read


def test_fixture_pages_give_the_events_of_their_sample_text(tmp_path: Path) -> None:
    from partyevents.api import extract_text

    for name, exp in EXPECTED.items():
        page = ingest.decode((HTML / name).read_bytes(), name)
        from_html = extract_text(page.text)
        from_body = extract_text("\n".join(map(str, exp["paragraphs"])))  # type: ignore[call-overload]
        assert [e["text"] for e in from_html.events] == [e["text"] for e in from_body.events], name


def test_date_line_before_the_main_text_is_kept_for_the_normalizer() -> None:
    from partyevents.normalize import normalize

    page = ingest.decode((HTML / "003.jsp").read_bytes(), "003.jsp")
    assert str(normalize(page.text).published_date) == EXPECTED["003.jsp"]["published"]


def test_meta_dates_of_every_kind() -> None:
    from partyevents.htmltext import extract_html

    body = "<body><div class=content>" + f"<p>{ONE}</p><p>{TWO}</p>" * 3 + "</div></body></html>"
    heads: list[tuple[str, str]] = [
        ("<meta name='pubdate' content='2021-04-05 10:00'>", "2021-04-05"),
        ("<meta name='PublishDate' content='2021年4月6日'>", "2021-04-06"),
        ("<meta itemprop='datePublished' content='2021-04-07'>", "2021-04-07"),
        ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2021-04-08"}]}'
         "</script>", "2021-04-08"),
        ("<meta name='pubdate' content='2999-01-01'>", "None"),  # in the future: not a publication date
    ]
    for head, want in heads:
        assert str(extract_html(f"<html><head>{head}</head>{body}").published) == want, head


RecordCheck = Callable[[RawDocument], bool]


def test_a_json_array_and_json_lines_under_a_json_name(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"data": [{"content": ONE}, 3, {"content": TWO}]}, ensure_ascii=False,
                                                indent=2), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"text": ONE}, ensure_ascii=False) + "\n"
                                     + json.dumps({"text": TWO}, ensure_ascii=False) + "\n", encoding="utf-8")
    docs = _docs(tmp_path)
    assert docs["a.json#1"].data == ONE.encode() and docs["a.json#3"].data == TWO.encode()
    assert "record 2 is a JSON int" in (docs["a.json#2"].error or "")
    assert docs["b.json#2"].source_record == "line 2"


def test_cli_column_flags_and_notes_on_screen(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from partyevents.cli import main

    (tmp_path / "in").mkdir()
    pd.DataFrame([{"正文": ONE, "网页": "http://d.gov.cn/1", "发布": "2023-06-03"}]).to_csv(tmp_path / "in" / "p.csv",
                                                                                       index=False)
    (tmp_path / "in" / "manifest.csv").write_text("file,date\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "in"), str(tmp_path / "out"), "--text-col", "正文",
                                       "--url-col", "网页", "--date-col", "发布"])
    assert result.exit_code == 0, result.output
    assert "note: manifest manifest.csv has no 'path' column" in result.stderr
    doc = partyevents.load(tmp_path / "out").documents.iloc[0]
    assert (doc["url"], doc["published_date"].isoformat(), doc["n_events"]) == ("http://d.gov.cn/1", "2023-06-03", 1)


def test_zip_member_names_written_in_gbk(tmp_path: Path) -> None:
    name = "党建动态.txt".encode("gb18030")
    placeholder = b"x" * (len(name) - 4) + b".txt"
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as zf:
        zf.writestr(placeholder.decode(), ONE)
    (tmp_path / "a.zip").write_bytes((tmp_path / "a.zip").read_bytes().replace(placeholder, name))
    (doc,) = _docs(tmp_path).values()
    assert doc.source_path == "a.zip!/党建动态.txt" and doc.data == ONE.encode()


def test_parquet_and_zip_inside_compressed_streams(tmp_path: Path) -> None:
    buf = io.BytesIO()
    pd.DataFrame([{"text": ONE}, {"text": TWO}]).to_parquet(buf)
    (tmp_path / "p.parquet.gz").write_bytes(gzip.compress(buf.getvalue()))
    with tarfile.open(tmp_path / "t.tar", "w") as tf:
        data = _zip_bytes({"a.txt": ONE})
        info = tarfile.TarInfo("inner.zip")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    docs = _docs(tmp_path)
    assert docs["p.parquet.gz#2"].data == TWO.encode()
    assert docs["t.tar!/inner.zip!/a.txt"].data == ONE.encode()
