"""A dirty input folder end to end: every file gets exactly one documents row, the run never dies,
the exit status tells whether something went wrong, and an interrupted run leaves readable tables."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from partyevents import extract, load
from partyevents.api import ExtractConfig
from partyevents.cli import main

BODY = "10月24日,夏都街道党工委组织开展了第三季度党建观摩活动,共30余人参加。\n11月2日,社区党支部召开组织生活会。"
SERIAL = ExtractConfig(progress=False, workers=1)


def _write(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


def _statuses(out: Path) -> dict[str, tuple[str, str | None]]:
    docs = load(out).documents
    assert docs["source_path"].is_unique
    return {str(r["source_path"]): (str(r["status"]), None if pd.isna(r["error"]) else str(r["error"]))
            for r in docs.to_dict("records")}


ZOO: dict[str, bytes] = {
    "ok.txt": BODY.encode(),
    "empty.txt": b"",
    "blank.txt": " \n\t\r\n\u3000\n".encode(),
    "furniture.html": "<p>首页 > 新闻中心 > 工作动态</p><p>【打印本页】【关闭窗口】</p><p>京ICP备12345678号</p>".encode(),
    "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
    "report.pdf": b"%PDF-1.4\n",
    "nul.txt": b"abc\x00\x01\x02\xff\xfe\x00" * 50,
    "gbk.txt": BODY.encode("gb18030"),
    "utf16.txt": BODY.encode("utf-16-le"),
    "crlf.txt": BODY.replace("\n", "\r\n").encode(),
    "oldmac.txt": BODY.replace("\n", "\r").encode(),
    "zero width.txt": BODY.replace("街道", "街\u200b道\u0007").encode(),
    "长 文件名\n换行.txt": BODY.encode() + b"\n" + ("党员志愿者开展服务活动," * 3000).encode(),
    "truncated.txt": BODY.encode()[:-2],
    "page.html": ("<html><head><script>alert('x')</script><style>p{}</style></head><body>"
                  "<div>首页 &gt; 工作动态</div><!-- ad --><p>" + BODY.replace("\n", "</p><p>") +
                  "</p><div>上一篇:别的新闻</div><div>版权所有 &copy; 某县</div></body></html>").encode(),
}


@pytest.fixture(scope="module")
def zoo_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = _write(tmp_path_factory.mktemp("zoo"), ZOO)
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "manifest.csv").write_text("path,published_date\nok.txt,not-a-date\nnot-there.txt,2022-01-01\n",
                                         encoding="utf-8")
    out = tmp_path_factory.mktemp("zoo_out")
    extract(folder, out, ExtractConfig(progress=False, workers=1, max_bytes=20_000))
    return out


def test_every_file_has_exactly_one_documents_row(zoo_out: Path) -> None:
    assert set(_statuses(zoo_out)) == set(ZOO) | {"dangling.txt", "loop.txt"}


@pytest.mark.parametrize(("name", "status", "why"), [
    ("ok.txt", "ok", None), ("gbk.txt", "ok", None), ("utf16.txt", "ok", None), ("crlf.txt", "ok", None),
    ("oldmac.txt", "ok", None), ("zero width.txt", "ok", None), ("truncated.txt", "ok", None),
    ("page.html", "ok", None),
    ("empty.txt", "empty", "no body text"), ("blank.txt", "empty", "no body text"),
    ("furniture.html", "empty", "boilerplate"),
    ("image.txt", "rejected", "PNG"), ("report.pdf", "rejected", "a PDF file"),
    ("nul.txt", "rejected", "NUL"), ("dangling.txt", "rejected", "broken symbolic link"),
    ("loop.txt", "rejected", "symbolic link loop"), ("长 文件名\n换行.txt", "rejected", "20,000-byte limit"),
])
def test_status_and_reason(zoo_out: Path, name: str, status: str, why: str | None) -> None:
    got_status, error = _statuses(zoo_out)[name]
    assert got_status == status
    if why is None:
        assert error is None
    else:
        assert why in (error or "")


def test_clean_text_whatever_the_encoding_or_line_endings(zoo_out: Path) -> None:
    texts = {str(r["source_path"]): r["text"] for r in load(zoo_out).documents.to_dict("records")}
    for name in ("gbk.txt", "utf16.txt", "crlf.txt", "oldmac.txt", "zero width.txt", "page.html"):
        assert texts[name] == texts["ok.txt"], name


def test_problems_say_what_could_not_be_read(zoo_out: Path) -> None:
    problems = load(zoo_out).problems
    rejected = problems[problems["message"].str.startswith("document rejected")]
    assert set(rejected["source_path"]) == {"image.txt", "report.pdf", "nul.txt", "dangling.txt", "loop.txt",
                                            "长 文件名\n换行.txt"}
    assert (rejected["severity"] == "error").all()
    messages = " | ".join(problems["message"])
    assert "'not-a-date' is not an ISO date" in messages
    assert "not in the input folder" in messages
    assert "undecodable byte sequences" in messages


def test_a_document_whose_processing_raises_is_rejected_and_the_run_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from partyevents import segment

    real = segment.segment

    def flaky(text: str) -> object:
        if "爆炸" in text:
            raise RuntimeError("boom on purpose")
        return real(text)

    monkeypatch.setattr(segment, "segment", flaky)
    folder = _write(tmp_path / "in", {"a.txt": BODY.encode(), "b.txt": ("爆炸测试," + BODY).encode(),
                                      "c.txt": (BODY + "\n12月1日,某村党支部开展活动。").encode()})
    summary = extract(folder, tmp_path / "out", SERIAL)
    statuses = _statuses(tmp_path / "out")
    assert statuses["a.txt"][0] == statuses["c.txt"][0] == "ok"
    assert statuses["b.txt"][0] == "rejected"
    assert "RuntimeError: boom on purpose" in (statuses["b.txt"][1] or "")
    assert summary.documents == {"ok": 2, "empty": 0, "rejected": 1}
    assert len(load(tmp_path / "out").events[lambda e: e["doc_id"].isin(
        load(tmp_path / "out").documents.query("status == 'ok'")["doc_id"])]) > 0


# ---------------------------------------------------------------- exit status
def test_exit_status_0_when_clean(tmp_path: Path) -> None:
    folder = _write(tmp_path / "in", {"a.txt": BODY.encode()})
    result = CliRunner().invoke(main, ["extract", str(folder), str(tmp_path / "out"), "--quiet", "--workers", "1"])
    assert result.exit_code == 0, result.output


def test_exit_status_1_when_a_document_is_rejected(tmp_path: Path) -> None:
    folder = _write(tmp_path / "in", {"a.txt": BODY.encode(), "b.txt": b"%PDF-1.4"})
    result = CliRunner().invoke(main, ["extract", str(folder), str(tmp_path / "out"), "--quiet", "--workers", "1"])
    assert result.exit_code == 1
    assert _statuses(tmp_path / "out")["a.txt"][0] == "ok"


def test_exit_status_1_when_over_the_size_limit(tmp_path: Path) -> None:
    folder = _write(tmp_path / "in", {"a.txt": BODY.encode()})
    result = CliRunner().invoke(main, ["extract", str(folder), str(tmp_path / "out"), "--quiet", "--workers", "1",
                                       "--max-bytes", "10"])
    assert result.exit_code == 1
    assert "10-byte limit" in (_statuses(tmp_path / "out")["a.txt"][1] or "")


@pytest.mark.parametrize("args", [["extract", "/nonexistent/in", "/tmp/x"], ["extract", ".", "/tmp/x", "--max-bytes", "0"],
                                  ["extract", ".", "/tmp/x", "--scheduler", "tcp://h:1"], ["extract"]])
def test_exit_status_2_on_usage_error(args: list[str]) -> None:
    assert CliRunner().invoke(main, args).exit_code == 2


# ---------------------------------------------------------------- interrupted runs
_KILLER = textwrap.dedent("""
    import os, signal, sys
    from partyevents import extract
    from partyevents.api import ExtractConfig
    from partyevents.write import TableWriter

    how, in_dir, out_dir = sys.argv[1:4]
    real_add = TableWriter.add_batch
    seen = []

    def add(self, table, batch):
        real_add(self, table, batch)
        if table == "documents":
            self._flush(table)  # the new table is half-written on disk when the signal comes
            seen.append(1)
            if len(seen) == 3:
                if how == "SIGINT":
                    raise KeyboardInterrupt
                os.kill(os.getpid(), getattr(signal, how))

    TableWriter.add_batch = add
    extract(in_dir, out_dir, ExtractConfig(progress=False, workers=1, chunk_size=1))
    print("finished")
""")


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM", "SIGINT"])
def test_interrupted_run_leaves_the_previous_tables_intact(tmp_path: Path, how: str) -> None:
    old_in = _write(tmp_path / "old", {"a.txt": BODY.encode()})
    out = tmp_path / "out"
    extract(old_in, out, SERIAL)
    before = {name: pd.read_parquet(out / f"{name}.parquet") for name in ("documents", "events", "figures")}
    new_in = _write(tmp_path / "new", {f"{i:02d}.txt": f"{i}月{i}日,第{i}社区党支部召开会议。".encode()
                                       for i in range(1, 9)})
    proc = subprocess.run([sys.executable, "-c", _KILLER, how, str(new_in), str(out)], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")})
    assert proc.returncode != 0 and "finished" not in proc.stdout
    for name, frame in before.items():
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"), frame)
    assert set(load(out).documents["source_path"]) == {"a.txt"}
    # the next run is not disturbed by whatever the killed one left behind
    extract(new_in, out, SERIAL)
    assert len(load(out).documents) == 8
