"""Issue 19, the table set and where output goes: the four tables change together or not at all, one run
per folder, OUT_DIR inside IN_DIR, damaged previous tables, links inside OUT_DIR, a full or unwritable
disk, a closed stderr, and problems.detail always JSON."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from faults_helpers import SRC, corpus, start, wait_for
from partyevents import extract, load
from partyevents.api import ExtractConfig
from partyevents.cli import main
from partyevents.runlock import RunLocked, run_lock
from partyevents.tableset import OutputError, TablesDamaged, tables_dir

SERIAL = ExtractConfig(progress=False, workers=1)
TABLES = ("documents", "events", "figures", "problems")


def _snapshot(out: Path) -> dict[str, bytes]:
    """Every file below ``out`` (links not followed) with its bytes, to show a folder was not touched."""
    snap: dict[str, bytes] = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_symlink():
            snap[rel] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            snap[rel] = path.read_bytes()
    return snap


def _consistent(out: Path) -> set[str]:
    """The source paths of the table set ``load`` reads; every event and figure belongs to one of its documents."""
    t = load(out)
    ids = set(t.documents["doc_id"])
    assert set(t.events["doc_id"]) <= ids and set(t.figures["doc_id"]) <= ids
    return set(t.documents["source_path"])


# ---------------------------------------------------------------- 3: kill -9 while the tables are switched in
_KILL_AT = textwrap.dedent("""
    import os, signal, sys
    from partyevents import extract, tableset
    from partyevents.api import ExtractConfig

    in_dir, out_dir, at, incremental = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
    calls = [0]
    real_rename, real_replace = os.rename, os.replace

    def counted(real):
        def move(*args, **kwargs):
            calls[0] += 1
            if calls[0] == at:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return move

    real_publish = tableset._publish

    def publish(*args):
        os.rename, os.replace = counted(real_rename), counted(real_replace)
        return real_publish(*args)

    tableset._publish = publish
    extract(in_dir, out_dir, ExtractConfig(progress=False, workers=1, incremental=incremental))
    print("finished", calls[0])
""")


def _legacy(out: Path) -> None:
    """Turn a table set into the single-folder layout of earlier versions (the tables at the top)."""
    folder = tables_dir(out)
    for t in TABLES:
        (out / f"{t}.parquet").unlink()
        shutil.move(folder / f"{t}.parquet", out / f"{t}.parquet")
    shutil.rmtree(out / ".partyevents")


@pytest.mark.parametrize("layout", ["generations", "legacy", "legacy-dataset"])
def test_kill_9_at_any_step_of_the_switch_leaves_one_complete_table_set(tmp_path: Path, layout: str) -> None:
    new_in = corpus(tmp_path / "in", 3)  # one input folder, as it grows (--incremental reads the same folder)
    template = tmp_path / "template"
    extract(new_in, template, SERIAL)
    if layout == "legacy-dataset":  # an older incremental run: tables as dataset folders of parts
        extract(corpus(new_in, 4), template, ExtractConfig(progress=False, workers=1, incremental=True))
    if layout != "generations":
        _legacy(template)
    corpus(new_in, 6)  # what the run to be killed reads: two more files, three edited
    for f in sorted(new_in.iterdir())[:3]:
        f.write_text(f.read_text(encoding="utf-8") + "新版。", encoding="utf-8")
    old_paths = _consistent(template)
    incremental = layout == "legacy-dataset"
    at, steps = 1, None
    while steps is None or at <= steps:
        out = tmp_path / f"out{at}"
        shutil.copytree(template, out, symlinks=True)
        proc = subprocess.run([sys.executable, "-c", _KILL_AT, str(new_in), str(out), str(at), str(int(incremental))],
                              capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(SRC)})
        if proc.returncode == 0:  # the switch has fewer steps than ``at``: done
            steps = int(proc.stdout.split()[-1])
            assert _consistent(out) >= set(os.listdir(new_in))
            break
        assert proc.returncode == -9, proc.stderr
        got = _consistent(out)
        assert got == old_paths or got >= set(os.listdir(new_in)), f"a mixed table set after kill at step {at}"
        extract(new_in, out, ExtractConfig(progress=False, workers=1, incremental=incremental))  # and it recovers
        assert _consistent(out) >= set(os.listdir(new_in))
        at += 1
    assert steps is not None and steps >= 2


def test_readers_see_the_current_generation_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    extract(corpus(tmp_path / "a", 2), out, SERIAL)
    first = tables_dir(out)
    extract(corpus(tmp_path / "b", 5), out, SERIAL)
    assert tables_dir(out) != first and not first.exists()  # the old generation is gone
    assert len(load(out).documents) == 5 == len(pd.read_parquet(out / "documents.parquet"))
    # a half-written generation (a killed run) is never read
    stray = out / ".partyevents" / "gen-999999"
    stray.mkdir()
    (stray / "documents.parquet").write_bytes(b"PAR1 half")
    assert len(load(out).documents) == 5
    extract(tmp_path / "b", out, SERIAL)
    assert not stray.exists()


# ---------------------------------------------------------------- 4: one run per output folder
def test_a_second_run_into_the_same_folder_is_refused_naming_the_first(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with run_lock(out):
        with pytest.raises(RunLocked, match=f"process {os.getpid()}"):
            extract(corpus(tmp_path / "in", 2), out, SERIAL)
        res = CliRunner().invoke(main, ["extract", str(tmp_path / "in"), str(out), "--workers", "1"])
    assert res.exit_code == 2
    assert f"another partyevents run (process {os.getpid()}) is writing to {out}" in res.output
    assert "Traceback" not in res.output
    extract(tmp_path / "in", out, SERIAL)  # the lock ends with the run that held it
    assert len(load(out).documents) == 2


def test_two_incremental_runs_at_once_do_not_duplicate_rows(tmp_path: Path) -> None:
    in_dir, out = corpus(tmp_path / "in", 12), tmp_path / "out"
    proc = start(["extract", str(in_dir), str(out), "--workers", "1", "--incremental", "-q"], tmp_path,
                 PE_SLOW_DOCS="0.3", PE_STARTED=str(tmp_path / "started"))
    wait_for((tmp_path / "started").exists, proc=proc)
    res = CliRunner().invoke(main, ["extract", str(in_dir), str(out), "--workers", "1", "--incremental"])
    assert res.exit_code == 2 and f"(process {proc.pid})" in res.output
    proc.communicate(timeout=300)
    assert proc.returncode == 0
    docs = load(out).documents
    assert len(docs) == 12 and docs["doc_id"].is_unique


# ---------------------------------------------------------------- 7: OUT_DIR inside IN_DIR
def test_an_output_folder_inside_the_input_is_not_read_as_input(tmp_path: Path) -> None:
    in_dir = corpus(tmp_path / "in", 3)
    for _ in range(2):
        summary = extract(in_dir, in_dir / "out", SERIAL)
        (in_dir / "out" / "report.html").write_text("<p>12月1日,某社区开展活动。</p>", encoding="utf-8")
    assert sum(summary.documents.values()) == 3
    assert not any(p.startswith("out/") for p in load(in_dir / "out").documents["source_path"])


def test_the_input_folder_itself_as_output_is_refused(tmp_path: Path) -> None:
    in_dir = corpus(tmp_path / "in", 2)
    with pytest.raises(OutputError, match="is the input folder itself"):
        extract(in_dir, in_dir / "." , SERIAL)
    res = CliRunner().invoke(main, ["extract", str(in_dir), str(in_dir)])
    assert res.exit_code == 2 and "write them to another folder" in res.output
    assert sorted(p.name for p in in_dir.iterdir()) == [f"{i:03d}.txt" for i in range(2)]  # nothing written


# ---------------------------------------------------------------- 8: damaged previous tables
_DAMAGE = {"truncated": lambda b: b[: len(b) // 2], "empty": lambda b: b"", "not parquet": lambda b: b"path,url\n"}


@pytest.mark.parametrize("damage", sorted(_DAMAGE))
@pytest.mark.parametrize("layout", ["generations", "legacy"])
def test_a_damaged_table_is_named_with_how_to_recover(tmp_path: Path, damage: str, layout: str) -> None:
    in_dir, out = corpus(tmp_path / "in", 3), tmp_path / "out"
    extract(in_dir, out, SERIAL)
    if layout == "legacy":
        _legacy(out)
    victim = tables_dir(out) / "events.parquet"
    victim.write_bytes(_DAMAGE[damage](victim.read_bytes()))
    with pytest.raises(TablesDamaged, match=r"events\.parquet is damaged") as info:
        load(out)
    assert "without --incremental" in str(info.value)
    before = _snapshot(out)
    res = CliRunner().invoke(main, ["extract", str(in_dir), str(out), "--workers", "1", "--incremental"])
    assert res.exit_code == 2, res.output
    assert "events.parquet is damaged" in res.output and "run once without --incremental" in res.output
    assert "Traceback" not in res.output and _snapshot(out) == before  # the folder is left as it was
    res = CliRunner().invoke(main, ["report", str(out)])
    assert res.exit_code == 1 and "events.parquet is damaged" in res.output and "Traceback" not in res.output
    res = CliRunner().invoke(main, ["extract", str(in_dir), str(out), "--workers", "1"])
    assert res.exit_code == 0, res.output  # a plain run replaces the damaged table
    assert len(load(out).documents) == 3


# ---------------------------------------------------------------- 9: links inside OUT_DIR
def test_links_inside_the_output_folder_are_replaced_never_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "keep").mkdir(parents=True)
    (elsewhere / "keep" / "precious.txt").write_text("x", encoding="utf-8")
    (elsewhere / "part-00000.parquet").write_bytes(b"not ours")
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.parquet").symlink_to(elsewhere, target_is_directory=True)
    (out / ".partyevents-1-abc").symlink_to(elsewhere, target_is_directory=True)  # looks like a stale temp folder
    before = _snapshot(elsewhere)
    in_dir = corpus(tmp_path / "in", 2)
    extract(in_dir, out, SERIAL)
    extract(in_dir, out, ExtractConfig(progress=False, workers=1, incremental=True))
    extract(corpus(tmp_path / "in2", 3), out, SERIAL)
    assert _snapshot(elsewhere) == before
    assert (out / ".partyevents-1-abc").is_symlink()
    assert len(load(out).events) == len(pd.read_parquet(out / "events.parquet")) > 0


def test_a_state_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (out / ".partyevents").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    res = CliRunner().invoke(main, ["extract", str(corpus(tmp_path / "in", 1)), str(out), "--workers", "1"])
    assert res.exit_code == 2 and ".partyevents is a symbolic link" in res.output
    assert list((tmp_path / "elsewhere").iterdir()) == []


# ---------------------------------------------------------------- 6: a full disk, an unwritable folder
def test_a_full_disk_is_one_sentence_and_the_previous_tables_stay(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    in_dir, out = corpus(tmp_path / "in", 3), tmp_path / "out"
    extract(in_dir, out, SERIAL)
    before = _snapshot(out)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pq.ParquetWriter, "write_table", full)
    res = CliRunner().invoke(main, ["extract", str(corpus(tmp_path / "in2", 5)), str(out), "--workers", "1", "-q"])
    assert res.exit_code == 2
    assert res.output.strip().splitlines() == [f"Error: no space left to write the tables in {out} (No space left on "
                                               "device); free some space or choose another OUT_DIR and run again "
                                               "(the previous tables there are unchanged)"]
    assert _snapshot(out) == before  # no temp folder left, nothing changed


_FSIZE = textwrap.dedent("""
    import resource, signal, sys
    from partyevents.cli import main
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
    main(sys.argv[2:])
""")


def test_a_write_the_kernel_refuses_midway_is_one_sentence(tmp_path: Path) -> None:
    in_dir, out = corpus(tmp_path / "in", 3), tmp_path / "out"
    extract(in_dir, out, SERIAL)
    before = _snapshot(out)
    big = corpus(tmp_path / "big", 400)
    proc = subprocess.run([sys.executable, "-c", _FSIZE, "20000", "extract", str(big), str(out), "--workers", "1"],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(SRC)})
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"no space left to write the tables in {out}" in proc.stderr.splitlines()[-1]
    assert _snapshot(out) == before


@pytest.mark.parametrize("code", [errno.EACCES, errno.EROFS])
def test_an_unwritable_output_folder_is_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     code: int) -> None:
    real_mkdir = Path.mkdir

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        if self.name in ("out", ".partyevents"):
            raise OSError(code, os.strerror(code), str(self))
        real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", refuse)
    res = CliRunner().invoke(main, ["extract", str(corpus(tmp_path / "in", 1)), str(tmp_path / "out"), "-q"])
    assert res.exit_code == 2
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and "choose another OUT_DIR" in lines[0]
    assert ("read-only" in lines[0]) == (code == errno.EROFS)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere (tools/fault_mounts.sh covers it with a real mount)")
def test_a_read_only_output_folder_is_refused_and_left_alone(tmp_path: Path) -> None:
    in_dir, out = corpus(tmp_path / "in", 2), tmp_path / "out"
    extract(in_dir, out, SERIAL)
    before = _snapshot(out)
    out.chmod(0o555)
    try:
        res = CliRunner().invoke(main, ["extract", str(in_dir), str(out), "--workers", "1"])
    finally:
        out.chmod(0o755)
    assert res.exit_code == 2 and "permission denied" in res.output and _snapshot(out) == before


# ---------------------------------------------------------------- 10: a closed stderr never costs the results
@pytest.mark.parametrize("how", ["closed pipe", "closed descriptor"])
def test_a_closed_stderr_does_not_cost_the_tables(tmp_path: Path, how: str) -> None:
    in_dir, out = corpus(tmp_path / "in", 20), tmp_path / "out"
    cmd = [sys.executable, "-m", "partyevents.cli", "extract", str(in_dir), str(out), "--workers", "1"]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    if how == "closed pipe":
        proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, env=env)
        assert proc.stderr is not None
        proc.stderr.close()  # nobody reads: every write to stderr fails with EPIPE
        rc = proc.wait(timeout=300)
    else:
        rc = subprocess.run(["/bin/sh", "-c", 'exec "$@" 2>&-', "sh", *cmd], env=env, timeout=300).returncode
    assert rc == 0
    docs = load(out).documents
    assert len(docs) == 20 and set(docs["status"]) == {"ok"}


# ---------------------------------------------------------------- 15: problems.detail is JSON
def test_problems_detail_is_json_in_every_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from partyevents import segment

    folder = corpus(tmp_path / "in", 3)
    (folder / "sub").mkdir()
    shutil.copy(folder / "000.txt", folder / "sub" / "copy.txt")  # a duplicate: detail lists the other paths
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (folder / "mixed.txt").write_bytes("某社区开展志愿服务。".encode() + "党员志愿者。".encode("gb18030"))
    (folder / "mojibake.txt").write_text("12月1日,某社区召开会议。" + "涓€浜涙枃瀛" * 3, encoding="utf-8")
    (folder / "boom.txt").write_text("12月2日,某社区召开会议。", encoding="utf-8")
    (folder / "manifest.csv").write_text("path,published_date\n000.txt,2022-13-01\nmissing.txt,2022-01-01\n",
                                         encoding="utf-8")
    real = segment.segment

    def boom(text: str) -> object:
        if "会议" in text and "涓" not in text:
            raise RuntimeError("a bug in a stage")  # the traceback goes to detail
        return real(text)

    monkeypatch.setattr(segment, "segment", boom)
    out = tmp_path / "out"
    extract(folder, out, SERIAL)
    extract(folder, out, ExtractConfig(progress=False, workers=1, incremental=True))
    problems = load(out).problems
    details = [d for d in problems["detail"] if not pd.isna(d)]
    assert len(details) >= 3
    for d in details:
        json.loads(d)
    crash = problems[problems["message"].str.contains("a bug in a stage")]
    assert "RuntimeError: a bug in a stage" in json.loads(crash["detail"].dropna().iloc[0])
    dup = problems[problems["message"].str.contains("identical bytes")]
    assert [json.loads(d) for d in dup["detail"]] == [["sub/copy.txt"]]


# ---------------------------------------------------------------- 3 with reposts: earlier parts rewritten
def test_rewritten_earlier_parts_change_only_with_the_new_generation(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """An --incremental run that replaces an earlier run's document rewrites earlier parts in its own
    generation: stopped before the switch, the previous tables are byte for byte as they were."""
    import partyevents.write

    in_dir, out = corpus(tmp_path / "in", 3), tmp_path / "out"
    inc = ExtractConfig(progress=False, workers=1, incremental=True)
    extract(in_dir, out, inc)
    extract(corpus(tmp_path / "in", 5), out, inc)  # two parts per table now
    before, paths = _snapshot(out), _consistent(out)
    first = sorted(in_dir.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "第二版。", encoding="utf-8")  # a later version

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(partyevents.write, "publish", full)
    with pytest.raises(OutputError, match="no space left"):
        extract(in_dir, out, inc)
    assert _snapshot(out) == before
    monkeypatch.undo()
    summary = extract(in_dir, out, inc)
    assert summary.replaced == 1 and _consistent(out) == paths
    docs = load(out).documents
    assert len(docs) == 5 and docs["text"].str.contains("第二版").sum() == 1
