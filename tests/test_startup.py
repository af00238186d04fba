"""Start-up: tables built once and read back from the disk cache, heavy imports deferred, resources loaded
before the local engine forks its workers."""

from __future__ import annotations

import pickle
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from partyevents import cache, normalize
from partyevents.engines import process_batch
from partyevents.engines.local import LocalEngine
from partyevents.extract import gazetteer as gz
from partyevents.records import RawDocument


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    return folder


def _counting(value: object) -> tuple[list[int], Callable[[], object]]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return calls, build


def test_a_value_is_built_once_then_read_back(cache_dir: Path) -> None:
    calls, build = _counting({"甲": (1, 2), "乙": [3]})
    assert cache.cached("table", ("k", 1), build) == {"甲": (1, 2), "乙": [3]}
    assert cache.cached("table", ("k", 1), build) == {"甲": (1, 2), "乙": [3]}
    assert len(calls) == 1
    assert [p.suffix for p in cache_dir.iterdir()] == [".pickle"]  # no temporary file left behind


def test_a_stale_key_rebuilds_and_the_old_version_stays_for_another_install(cache_dir: Path) -> None:
    cache.cached("table", ("v1",), lambda: "old")
    cache.cached("other", ("v1",), lambda: "kept")
    calls, build = _counting("new")
    assert cache.cached("table", ("v2",), build) == "new"
    assert cache.cached("table", ("v2",), build) == "new"
    assert len(calls) == 1
    assert cache.cached("table", ("v1",), lambda: "built again") == "old"  # two installs alternate: no rebuild
    names = sorted(p.name.rsplit("-", 1)[0] for p in cache_dir.glob("*.pickle"))
    assert names == ["other", "table", "table"]


def test_only_the_most_recently_used_versions_of_a_name_are_kept(cache_dir: Path) -> None:
    for v in range(cache.KEEP + 2):
        cache.cached("table", (f"v{v}",), lambda v=v: v)
        time.sleep(0.01)
    assert cache.cached("table", ("v0",), lambda: "gone") == "gone"  # the oldest was removed, then built again
    assert len(list(cache_dir.glob("table-*.pickle"))) == cache.KEEP
    assert cache.cached("table", (f"v{cache.KEEP + 1}",), lambda: "gone") == cache.KEEP + 1  # the newest stays


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", "truncate"])
def test_a_corrupt_file_is_rebuilt_without_error(cache_dir: Path, damage: bytes | str) -> None:
    cache.cached("table", ("k",), lambda: list(range(1000)))
    (path,) = cache_dir.glob("table-*.pickle")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if damage == "truncate" else damage)  # type: ignore[operator]
    calls, build = _counting(list(range(1000)))
    assert cache.cached("table", ("k",), build) == list(range(1000))
    assert len(calls) == 1
    assert cache.cached("table", ("k",), build) == list(range(1000)) and len(calls) == 1  # repaired


def _build_and_read(folder: str, n: int) -> list[int]:
    import os

    os.environ[cache.ENV] = folder
    return cache.cached("shared", ("k",), lambda: list(range(n)))


def test_processes_filling_the_cache_at_once_all_read_whole_values(cache_dir: Path) -> None:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(4, mp_context=mp.get_context(method)) as pool:
        results = list(pool.map(_build_and_read, [str(cache_dir)] * 12, [200_000] * 12))
    assert all(r == list(range(200_000)) for r in results)
    assert [p.suffix for p in cache_dir.iterdir()] == [".pickle"]  # one whole file, no temporary left
    assert cache.cached("shared", ("k",), lambda: pytest.fail("not read back")) == list(range(200_000))


def test_a_file_holding_another_key_is_not_believed(cache_dir: Path) -> None:
    cache.cached("table", ("k",), lambda: "right")
    (path,) = cache_dir.glob("table-*.pickle")
    with path.open("wb") as fh:  # a file under this name whose key differs (a hash collision, a hand copy)
        pickle.dump(cache._full_key(("other",)), fh)
        pickle.dump("wrong", fh)
    assert cache.cached("table", ("k",), lambda: "right") == "right"


def test_a_file_owned_by_someone_else_is_not_read(cache_dir: Path) -> None:
    import os

    if not hasattr(os, "getuid") or os.getuid() != 0:
        pytest.skip("only root can give a file to another user")
    cache.cached("table", ("k",), lambda: "mine")
    (path,) = cache_dir.glob("table-*.pickle")
    os.chown(path, 65534, -1)
    assert cache.cached("table", ("k",), lambda: "built again") == "built again"
    assert path.stat().st_uid == 0  # replaced by this user's file


def test_an_unwritable_cache_dir_still_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))  # cannot be created: its parent is a file
    calls, build = _counting((1, 2))
    assert cache.cached("table", ("k",), build) == (1, 2)
    assert cache.cached("table", ("k",), build) == (1, 2)
    assert len(calls) == 2  # built in memory each time, no error


def test_an_empty_setting_turns_the_disk_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, "")
    monkeypatch.chdir(tmp_path)
    assert cache.cache_dir() is None
    assert cache.cached("table", ("k",), lambda: 7) == 7
    assert list(tmp_path.iterdir()) == []


def test_the_default_folder_is_the_user_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = cache.cache_dir()
    assert folder is not None and folder.name == "partyevents"


_PLACES_TEXT = "湖北省襄阳市樊城区米公街道召开会议。樊城领秀中原商圈。前川街向阳社区和长沙县、凤翔县的代表参加。"


def test_the_gazetteer_read_from_the_cache_equals_a_fresh_build(cache_dir: Path) -> None:
    path = gz._dictionary_path()
    fresh = gz.Gazetteer(path)
    stored = cache.cached("gazetteer", gz._cache_key(path), fresh.tables)  # written
    loaded = cache.cached("gazetteer", gz._cache_key(path), lambda: pytest.fail("not read back"))
    again = gz.Gazetteer(path, loaded)
    assert stored == loaded == again.tables()
    assert again.divisions == fresh.divisions and again.history == fresh.history
    assert again.find(_PLACES_TEXT) == fresh.find(_PLACES_TEXT)
    county = again.county_of(again.find("樊城区")[0].candidates[0])
    assert county is not None and again.villages(county) == fresh.villages(county)


def test_the_gazetteer_is_rebuilt_when_a_resource_file_changes(cache_dir: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    builds: list[int] = []
    real_build = gz.Gazetteer._build

    def counting_build(self: gz.Gazetteer, path: Path) -> None:
        builds.append(1)
        real_build(self, path)

    monkeypatch.setattr(gz.Gazetteer, "_build", counting_build)
    for digest, expected in (("a", 1), ("a", 1), ("b", 2)):  # the stop-name list edited between the last two
        monkeypatch.setattr(gz, "resource_digest", lambda name, d=digest: f"{name}:{d}")
        gz.gazetteer.cache_clear()
        assert gz.gazetteer().find("樊城区")[0].surface == "樊城区"
        assert len(builds) == expected
    gz.gazetteer.cache_clear()


def test_the_nfkc_ranges_read_from_the_cache_equal_a_fresh_build(cache_dir: Path) -> None:
    normalize._nfkc_runs.cache_clear()
    try:
        built = normalize._nfkc_runs().pattern
        assert list(cache_dir.glob("nfkc_keep-*.pickle"))
        normalize._nfkc_runs.cache_clear()
        assert normalize._nfkc_runs().pattern == built == f"[^{normalize._nfkc_keep_ranges()}]+"
    finally:
        normalize._nfkc_runs.cache_clear()


def _imported_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(m for m in sys.modules if '.' not in m)))"
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    return set(out.split())


def test_importing_the_package_leaves_spacy_pandas_and_plotting_out() -> None:
    assert not _imported_after("import partyevents") & {"spacy", "pandas", "matplotlib", "rjieba", "thinc"}
    assert "spacy" not in _imported_after("import partyevents.nlp")
    assert not _imported_after("import partyevents.cli") & {"spacy", "matplotlib", "pandas"}


def test_the_spacy_names_of_nlp_are_still_there() -> None:
    from partyevents import nlp

    assert nlp.RJiebaTokenizer.__name__ == "RJiebaTokenizer"
    assert callable(nlp.make_org_matcher) and callable(nlp.build)
    with pytest.raises(AttributeError):
        _ = nlp.no_such_name


def _who_loaded_the_gazetteer() -> str:
    return getattr(gz.gazetteer(), "loaded_by", "this worker")


def test_forked_workers_inherit_the_parents_resources() -> None:
    import multiprocessing as mp

    if "fork" not in mp.get_all_start_methods():
        pytest.skip("no fork start method here")
    gz.gazetteer.cache_clear()
    engine = LocalEngine(2)
    try:
        pool = engine._start()  # the workers are forked at the first task
        assert gz.gazetteer.cache_info().currsize == 1  # loaded in the parent before forking
        gz.gazetteer().loaded_by = "the parent"  # type: ignore[attr-defined]
        assert pool.submit(_who_loaded_the_gazetteer).result() == "the parent"  # the worker has the same object
    finally:
        engine.close()
        vars(gz.gazetteer()).pop("loaded_by", None)


def test_the_spawn_start_method_still_works() -> None:
    chunk = [RawDocument("a.txt", "12月4日\n某街道党工委组织党员开展志愿服务,上门宣传300余户。".encode())]
    engine = LocalEngine(1, start_method="spawn")
    try:
        (batch,) = list(engine.map(iter([chunk])))
    finally:
        engine.close()
    expected = process_batch(chunk)
    assert batch.tables.keys() == expected.tables.keys()
    for name in expected.tables:
        assert batch.tables[name].to_pylist() == expected.tables[name].to_pylist()
