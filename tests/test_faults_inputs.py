"""Issue 19, what is read: file names that are not UTF-8, paths longer than the system allows, folders that
cannot be listed (11), manifests that are not regular files of a bounded size (12), --incremental after
inputs were edited or deleted (14)."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from faults_helpers import SRC, corpus
from partyevents import extract, ingest, load
from partyevents.api import ExtractConfig
from partyevents.cli import main
from partyevents.inventory import GONE_MESSAGE, PRUNED_MESSAGE
from partyevents.sources import folder as folder_mod

SERIAL = ExtractConfig(progress=False, workers=1)
PAGE = "3月{d}日,东湖社区党支部组织党员开展文明创建活动,参加党员{d}0名。"


def _run(in_dir: Path, out: Path, *extra: str) -> int:
    res = CliRunner().invoke(main, ["extract", str(in_dir), str(out), "--workers", "1", "-q", *extra])
    assert "Traceback" not in res.output, res.output
    return res.exit_code


# ---------------------------------------------------------------- 11: names that are not UTF-8
@pytest.mark.skipif(sys.platform != "linux", reason="a file system that takes any bytes as a name")
def test_file_names_that_are_not_utf8_are_read_and_reported(tmp_path: Path) -> None:
    in_dir = corpus(tmp_path / "in", 2)
    gb, bad = "党建".encode("gb18030") + b".txt", b"bad\xff\xfe.txt"
    for i, name in enumerate((gb, bad)):
        with open(os.path.join(os.fsencode(in_dir), name), "wb") as fh:
            fh.write(PAGE.format(d=i + 3).encode())
    out = tmp_path / "out"
    assert _run(in_dir, out) == 1  # the tables are written; the names count in the exit status
    t = load(out)
    docs = dict(zip(t.documents["source_path"], t.documents["status"], strict=True))
    assert docs["党建.txt"] == "ok" and docs["bad\\xff\\xfe.txt"] == "ok" and len(docs) == 4
    named = t.problems[t.problems["message"].str.contains("not valid UTF-8")]
    assert sorted(named["source_path"]) == ["bad\\xff\\xfe.txt", "党建.txt"]
    assert set(named["severity"]) == {"error"}


def test_a_tar_member_named_in_another_encoding_gets_a_readable_path(tmp_path: Path) -> None:
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    data = PAGE.format(d=5).encode()
    with tarfile.open(in_dir / "pages.tar", "w", encoding="utf-8", errors="surrogateescape") as tar:
        info = tarfile.TarInfo(os.fsdecode("社区".encode("gb18030") + b"/\xff.txt"))
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    summary = extract(in_dir, tmp_path / "out", SERIAL)
    assert summary.errors == 1 and summary.documents["ok"] == 1
    assert load(tmp_path / "out").documents["source_path"].tolist() == ["pages.tar!/社区/\\xff.txt"]


# ---------------------------------------------------------------- 11: paths longer than the system allows
def _deep(root: Path, length: int) -> tuple[int, str]:
    """Folders of 200-character names below ``root`` until the path is about ``length`` bytes long, made
    through folder descriptors (the path itself may not be usable); the open descriptor and the path."""
    fd = os.open(root, os.O_RDONLY)
    rel = ""
    while len(os.fsencode(root)) + len(rel) < length:
        name = f"{len(rel) // 201:02d}" + "d" * 198
        os.mkdir(name, dir_fd=fd)
        sub = os.open(name, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd, rel = sub, f"{rel}/{name}" if rel else name
    return fd, rel


def _write_at(fd: int, name: str, data: bytes) -> None:
    f = os.open(name, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    os.write(f, data)
    os.close(f)


@pytest.mark.skipif(sys.platform != "linux", reason="PATH_MAX of Linux")
def test_paths_longer_than_the_system_allows_are_reported(tmp_path: Path) -> None:
    limit = os.pathconf("/", "PC_PATH_MAX")
    in_dir = corpus(tmp_path / "in", 2)
    fd, _ = _deep(in_dir, limit - 150)
    try:
        _write_at(fd, "近.txt", PAGE.format(d=1).encode())  # its path still fits: read
        _write_at(fd, "f" * 200 + ".txt", PAGE.format(d=2).encode())  # its path is too long to open
        os.mkdir("g" * 200, dir_fd=fd)  # a folder whose path is too long to list
        sub = os.open("g" * 200, os.O_RDONLY, dir_fd=fd)
        _write_at(sub, "x.txt", PAGE.format(d=3).encode())
        os.close(sub)
    finally:
        os.close(fd)
    out = tmp_path / "out"
    assert _run(in_dir, out) == 1
    t = load(out)
    by_name = {p.rsplit("/", 1)[-1]: (s, e) for p, s, e in
               zip(t.documents["source_path"], t.documents["status"], t.documents["error"], strict=True)}
    assert by_name["近.txt"][0] == "ok"
    status, error = by_name["f" * 200 + ".txt"]
    assert status == "rejected" and "longer than the system allows" in error
    folder = t.problems[t.problems["source_path"].str.endswith("g" * 200)]
    assert folder["severity"].tolist() == ["error"]
    assert "cannot list folder" in folder["message"].iloc[0] and "longer than the system allows" in folder[
        "message"].iloc[0]


# ---------------------------------------------------------------- 11: folders that cannot be listed
def test_a_folder_that_cannot_be_listed_is_an_error_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_dir = corpus(tmp_path / "in", 2)
    corpus(in_dir / "locked", 3)
    (in_dir / "open" / "deeper").mkdir(parents=True)
    (in_dir / "open" / "deeper" / "000.txt").write_text(PAGE.format(d=7), encoding="utf-8")
    real = os.scandir

    def scandir(path: os.PathLike[str]) -> object:
        if isinstance(path, Path) and path.name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(folder_mod.os, "scandir", scandir)
    out = tmp_path / "out"
    assert _run(in_dir, out) == 1
    t = load(out)
    assert sorted(t.documents["source_path"]) == ["000.txt", "001.txt", "open/deeper/000.txt"]
    row = t.problems[t.problems["source_path"] == "locked"]
    assert row["severity"].tolist() == ["error"]
    assert row["message"].iloc[0] == ("cannot list folder locked/ (Permission denied; check its permissions); "
                                      "the files in it are not read")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root lists every folder")
def test_a_folder_without_permissions_is_an_error_row(tmp_path: Path) -> None:
    in_dir = corpus(tmp_path / "in", 2)
    locked = corpus(in_dir / "locked", 1)
    locked.chmod(0)
    try:
        summary = extract(in_dir, tmp_path / "out", SERIAL)
    finally:
        locked.chmod(0o755)
    assert summary.errors == 1 and summary.documents["ok"] == 2


def test_walk_keeps_the_order_of_a_sorted_top_down_walk(tmp_path: Path) -> None:
    for rel in ("b/2.txt", "b/1.txt", "a/z/1.txt", "a/0.txt", "0.txt", "c.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    got = [p.relative_to(tmp_path).as_posix() for p in folder_mod.walk(tmp_path) if isinstance(p, Path)]
    assert got == ["0.txt", "c.txt", "a/0.txt", "a/z/1.txt", "b/1.txt", "b/2.txt"]


# ---------------------------------------------------------------- 12: manifests that are not regular files
def _cli(args: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The command in a child process: a run that blocks fails the test instead of hanging it."""
    return subprocess.run([sys.executable, "-m", "partyevents.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONPATH": str(SRC)})


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_manifest_that_is_a_pipe_is_not_read(tmp_path: Path) -> None:
    in_dir = corpus(tmp_path / "in", 2)
    os.mkfifo(in_dir / "manifest.csv")  # nobody ever writes to it
    os.mkfifo(in_dir / "feed.zip")  # nor to this one, which looks like an archive
    os.mkfifo(in_dir / "page")  # nor to this one, which would be sniffed for its kind
    proc = _cli(["extract", str(in_dir), str(tmp_path / "out"), "--workers", "1", "-q"])
    assert proc.returncode == 1, proc.stderr  # the two pipes that are not the manifest are rejected documents
    t = load(tmp_path / "out")
    assert t.problems["message"].tolist().count("manifest manifest.csv not read: it is a pipe; only a regular CSV "
                                                "file is read as a manifest") == 1
    assert t.documents.set_index("source_path")["error"].fillna("").to_dict() == {
        "000.txt": "", "001.txt": "", "feed.zip": "not a regular file", "page": "not a regular file"}
    proc = _cli(["extract", str(in_dir), str(tmp_path / "out2"), "--manifest", str(in_dir / "manifest.csv")])
    assert proc.returncode == 2 and "is not a regular file" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_manifest_that_never_ends_is_not_read(tmp_path: Path) -> None:
    in_dir = corpus(tmp_path / "in", 2)
    (in_dir / "manifest.csv").symlink_to("/dev/zero")
    summary = extract(in_dir, tmp_path / "out", SERIAL)
    assert summary.documents["ok"] == 2
    assert "manifest manifest.csv not read: it is a device" in load(tmp_path / "out").problems["message"].iloc[0]


def test_a_manifest_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "manifest.csv"
    big.write_text("path,url\n" + "a.txt,http://x.cn/1.html\n" * 100, encoding="utf-8")
    with pytest.raises(ingest.RejectedInput, match="over the 1,000-byte limit"):
        ingest._manifest_bytes(big, limit=1000)
    assert ingest._manifest_bytes(big, limit=10_000).startswith(b"path,url\n")


# ---------------------------------------------------------------- 14: --incremental after edits and deletions
INCREMENTAL = ExtractConfig(progress=False, workers=1, incremental=True)
PRUNE = ExtractConfig(progress=False, workers=1, incremental=True, prune=True)


def _pages(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"p{i}.txt").write_text(PAGE.format(d=i + 1) + f"\n发放资料{i + 10}份。", encoding="utf-8")
    return folder


def test_an_edited_file_replaces_its_rows(tmp_path: Path) -> None:
    in_dir, out = _pages(tmp_path / "in", 3), tmp_path / "out"
    extract(in_dir, out, INCREMENTAL)
    (in_dir / "p1.txt").write_text(PAGE.format(d=9), encoding="utf-8")
    summary = extract(in_dir, out, INCREMENTAL)
    t = load(out)
    assert summary.replaced == 1 and sorted(t.documents["source_path"]) == ["p0.txt", "p1.txt", "p2.txt"]
    assert set(t.events["doc_id"]) == set(t.documents["doc_id"]) and summary.gone == 0


def test_a_deleted_file_is_reported_once_and_kept(tmp_path: Path) -> None:
    in_dir, out = _pages(tmp_path / "in", 3), tmp_path / "out"
    extract(in_dir, out, INCREMENTAL)
    gone_id = load(out).documents.set_index("source_path").loc["p2.txt", "doc_id"]
    (in_dir / "p2.txt").unlink()
    assert _run(in_dir, out, "--incremental") == 0  # a warning, not a failure
    for _ in range(2):  # a second run does not report it again
        t = load(out)
        rows = t.problems[t.problems["message"] == GONE_MESSAGE]
        assert rows[["doc_id", "source_path"]].values.tolist() == [[gone_id, "p2.txt"]]
        assert "p2.txt" in set(t.documents["source_path"]) and gone_id in set(t.events["doc_id"])
        summary = extract(in_dir, out, INCREMENTAL)
        assert summary.gone == 1 and not summary.pruned


def test_a_deleted_file_that_comes_back_loses_its_gone_warning(tmp_path: Path) -> None:
    in_dir, out = _pages(tmp_path / "in", 3), tmp_path / "out"
    extract(in_dir, out, INCREMENTAL)
    kept = (in_dir / "p2.txt").read_bytes()
    (in_dir / "p2.txt").unlink()
    extract(in_dir, out, INCREMENTAL)
    (in_dir / "p1.txt").unlink()  # another file goes meanwhile: its warning stays
    (in_dir / "p2.txt").write_bytes(kept)
    summary = extract(in_dir, out, INCREMENTAL)
    t = load(out)
    assert sorted(t.problems.loc[t.problems["message"] == GONE_MESSAGE, "source_path"]) == ["p1.txt"]
    assert sorted(t.documents["source_path"]) == ["p0.txt", "p1.txt", "p2.txt"] and summary.gone == 1
    assert any("back in the input folder" in note for note in summary.notes)


def test_prune_drops_every_row_of_a_deleted_file(tmp_path: Path) -> None:
    in_dir, out = _pages(tmp_path / "in", 4), tmp_path / "out"
    extract(in_dir, out, INCREMENTAL)
    (in_dir / "p3.txt").write_text(PAGE.format(d=20), encoding="utf-8")  # edited: replaced, not gone
    extract(in_dir, out, INCREMENTAL)  # two parts per table now
    before = load(out).documents.set_index("source_path")["doc_id"]
    (in_dir / "p0.txt").unlink()
    (in_dir / "p3.txt").unlink()
    assert _run(in_dir, out, "--incremental") == 0  # reported first, then pruned
    assert _run(in_dir, out, "--prune") == 2  # --prune needs --incremental
    assert _run(in_dir, out, "--incremental", "--prune") == 0
    t = load(out)
    assert sorted(t.documents["source_path"]) == ["p1.txt", "p2.txt"]
    gone = {before["p0.txt"], before["p3.txt"]}
    for name in ("events", "figures", "problems"):
        assert not gone & set(getattr(t, name)["doc_id"].dropna()), name
    pruned = t.problems[t.problems["message"] == PRUNED_MESSAGE]
    assert sorted(pruned["source_path"]) == ["p0.txt", "p3.txt"]
    assert {json.loads(d)["doc_id"] for d in pruned["detail"]} == gone
    assert extract(in_dir, out, PRUNE).gone == 0  # nothing more to drop


def test_prune_keeps_what_could_not_be_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_dir, out = _pages(tmp_path / "in", 2), tmp_path / "out"
    _pages(in_dir / "sub", 1)
    (in_dir / "sub" / "p0.txt").write_text(PAGE.format(d=28), encoding="utf-8")
    extract(in_dir, out, INCREMENTAL)
    real = os.scandir
    monkeypatch.setattr(folder_mod.os, "scandir",
                        lambda p: (_ for _ in ()).throw(PermissionError(errno.EACCES, "Permission denied"))
                        if isinstance(p, Path) and p.name == "sub" else real(p))
    summary = extract(in_dir, out, PRUNE)
    assert summary.errors == 1 and summary.gone == 0
    assert "sub/p0.txt" in set(load(out).documents["source_path"])


def test_a_rescrape_found_by_url_under_a_new_path_is_not_gone(tmp_path: Path) -> None:
    in_dir, out = _pages(tmp_path / "in", 2), tmp_path / "out"
    (in_dir / "manifest.csv").write_text("path,url\np0.txt,http://x.gov.cn/a/1.html\n", encoding="utf-8")
    extract(in_dir, out, INCREMENTAL)
    (in_dir / "p0.txt").rename(in_dir / "new.txt")
    (in_dir / "new.txt").write_text(PAGE.format(d=17), encoding="utf-8")
    (in_dir / "manifest.csv").write_text("path,url\nnew.txt,http://x.gov.cn/a/1.html\n", encoding="utf-8")
    summary = extract(in_dir, out, PRUNE)
    assert summary.replaced == 1 and summary.gone == 0
    assert sorted(load(out).documents["source_path"]) == ["new.txt", "p1.txt"]


# ---------------------------------------------------------------- 13: UTF-8 and GB18030 inside one line
REPORT = "".join(f"{m}月2日,北湖街道党工委组织辖区党员开展“我为群众办实事”志愿服务活动,为居民义诊{n}人次。\n"
                 f"{m}月6日,北湖街道新华社区召开党员大会,集中学习党的二十大精神,{n // 3}名党员参会。\n"
                 for m, n in ((4, 120), (5, 150), (6, 90)))  # six different lines (a repeated one is dropped)


@pytest.mark.parametrize("share", [0.5, 0.3, 0.7])
def test_a_page_that_switches_to_gb18030_inside_a_line_keeps_both_parts(tmp_path: Path, share: float) -> None:
    cut = int(len(REPORT) * share)
    while REPORT[cut - 1] == "\n" or REPORT[cut] == "\n":  # inside a line
        cut += 1
    data = REPORT[:cut].encode() + REPORT[cut:].encode("gb18030")
    decoded = ingest.decode(data)
    assert decoded.text == REPORT and decoded.encoding == "utf-8+gb18030"
    assert [p.severity for p in decoded.problems] == ["warning"] and "mixes encodings" in decoded.problems[0].message
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    (in_dir / "page.txt").write_bytes(data)
    extract(in_dir, tmp_path / "out", SERIAL)
    t = load(tmp_path / "out")
    assert t.documents["status"].tolist() == ["ok"] and len(t.events) == 6


def test_gb18030_first_then_utf8_inside_a_line() -> None:
    cut = REPORT.index("志愿服务")
    decoded = ingest.decode(REPORT[:cut].encode("gb18030") + REPORT[cut:].encode())
    assert decoded.text == REPORT
