"""The ingest stage: decoding dirty bytes and reading a dirty input folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from partyevents import ingest
from partyevents.records import Problem, RawDocument

BODY = "10月24日,夏都街道党工委组织开展了第三季度党建观摩活动,共30余人参加。"


# ---------------------------------------------------------------- decode
@pytest.mark.parametrize(("data", "why"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "zip"),
    (b"\x1f\x8b\x08\x00", "gzip"),
    (bytes(range(256)) * 4, "NUL"),
])
def test_binary_input_is_rejected_with_its_kind(data: bytes, why: str) -> None:
    with pytest.raises(ingest.RejectedInput, match=why):
        ingest.decode(data, "x.txt")


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "big5", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-16"])
def test_text_in_any_common_encoding_decodes_exactly(codec: str) -> None:
    text = "10月24日,社區黨支部召開會議,學習黨的二十大精神。" if codec == "big5" else BODY
    decoded = ingest.decode(text.encode(codec), "a.txt")
    assert decoded.text == text
    assert decoded.problems == []


def test_utf16_without_bom_is_recognised() -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        assert ingest.decode(BODY.encode(codec)).encoding == "utf-16"


def test_truncated_multibyte_sequence_is_replaced_and_warned() -> None:
    decoded = ingest.decode(BODY.encode()[:-1])
    assert decoded.text == BODY[:-1] + "\ufffd"
    assert "undecodable" in decoded.problems[0].message


def test_a_few_undecodable_bytes_in_utf8_are_replaced() -> None:
    data = (BODY * 5).encode() + b"\xff\xfe" + (BODY * 5).encode()
    decoded = ingest.decode(data)
    assert decoded.text.count("\ufffd") >= 1 and decoded.text.startswith(BODY)
    assert decoded.problems and decoded.problems[0].severity == "warning"


def test_mixed_utf8_and_gb18030_in_one_file() -> None:
    second = "社区党支部召开会议,学习党的二十大精神。"
    decoded = ingest.decode(BODY.encode() + b"\n" + second.encode("gb18030"))
    assert decoded.text == f"{BODY}\n{second}"
    assert decoded.encoding == "utf-8+gb18030"
    assert "mixes encodings" in decoded.problems[0].message


def test_html_scripts_styles_comments_entities_and_broken_markup() -> None:
    html = ("<html><head><title>标题</title><style>p{color:red}</style><script>var s='<p>脚本</p>';</script></head>"
            "<body><!-- 注释 --><div class=nav>首页</div><p>党员&amp;群众&nbsp;&#20826;建<b>加<i>粗</p></div></div>"
            "<p>未闭合")
    text = ingest.decode(html.encode(), "page.html").text
    assert "脚本" not in text and "color" not in text and "注释" not in text
    assert "党员&群众 党建加粗" in text and text.endswith("未闭合")
    assert text.startswith("标题")


def test_html_is_recognised_without_an_html_suffix() -> None:
    assert ingest.decode("<div><p>党建</p><script>x()</script></div>".encode(), "a.txt").is_html


# ---------------------------------------------------------------- the folder
def _docs(in_dir: Path, **kw: int) -> dict[str, RawDocument]:
    options = ingest.InputOptions(**kw)  # type: ignore[arg-type]
    return {d.source_path: d for d in ingest.iter_inputs(in_dir, options) if isinstance(d, RawDocument)}


def test_size_limit_rejects_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "big.txt").write_text(BODY * 10, encoding="utf-8")
    opened: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *a: Any, **kw: Any) -> Any:
        opened.append(self)
        return real_open(self, *a, **kw)

    monkeypatch.setattr(Path, "open", spy)
    doc = _docs(tmp_path, max_bytes=100)["big.txt"]
    assert doc.data is None and "over the 100-byte limit" in (doc.error or "")
    assert opened == []


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "fine.txt").write_text(BODY, encoding="utf-8")
    real_open = Path.open

    def deny(self: Path, *a: Any, **kw: Any) -> Any:  # chmod 000 does not stop root
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *a, **kw)

    monkeypatch.setattr(Path, "open", deny)
    docs = _docs(tmp_path)
    assert docs["locked.txt"].error == "cannot read: Permission denied"
    assert docs["fine.txt"].data == BODY.encode()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode; see the monkeypatched test")
def test_chmod_000_file_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "locked.txt"
    f.write_text(BODY, encoding="utf-8")
    f.chmod(0)
    assert "Permission denied" in (_docs(tmp_path)["locked.txt"].error or "")


def test_links_and_odd_names(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a b 党建 报告.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "line\nbreak.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    docs = _docs(tmp_path)
    assert set(docs) == {"sub/a b 党建 报告.txt", "line\nbreak.txt", "broken.txt", "self.txt", "sub/up", "photo.jpg"}
    assert docs["sub/a b 党建 报告.txt"].data == BODY.encode()
    assert docs["line\nbreak.txt"].data == BODY.encode()
    assert docs["broken.txt"].error == "broken symbolic link"
    assert docs["self.txt"].error == "symbolic link loop"
    assert "not followed" in (docs["sub/up"].error or "")
    with pytest.raises(ingest.RejectedInput, match="JPEG"):  # told by content, whatever the name
        ingest.decode(docs["photo.jpg"].data or b"", "photo.jpg")


def _manifest(tmp_path: Path, body: bytes) -> tuple[dict[str, RawDocument], list[Problem]]:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.csv").write_bytes(body)
    items = list(ingest.iter_inputs(tmp_path))
    return ({d.source_path: d for d in items if isinstance(d, RawDocument)},
            [p for p in items if isinstance(p, Problem)])


def test_manifest_rows_good_and_bad(tmp_path: Path) -> None:
    docs, problems = _manifest(tmp_path, "path,url,published_date,place\na.txt,http://x,2022-13-45,某县\n"
                               ",http://y,2022-01-01,\nmissing.txt,,2022-01-01,\n".encode())
    assert set(docs) == {"a.txt"}
    row = docs["a.txt"].manifest
    assert row is not None and row.published_date is None and row.place == "某县"
    messages = " | ".join(p.message for p in problems)
    assert "'2022-13-45' is not an ISO date" in messages
    assert "line 3 has an empty path" in messages
    assert "1 path(s) that are not in the input folder" in messages


@pytest.mark.parametrize(("body", "message"), [
    (b"file,date\na.txt,2022-01-01\n", "no 'path' column"),
    (b"path,published_date\n\xff\xfe\xfd,2022\n", "cannot read manifest"),
    (b"path,published_date\na.txt,2022-01-01\n\"" + b"x" * 200_000 + b"\n", "not valid CSV"),
])
def test_malformed_manifest_is_a_warning_not_a_crash(tmp_path: Path, body: bytes, message: str) -> None:
    docs, problems = _manifest(tmp_path, body)
    assert set(docs) == {"a.txt"} and docs["a.txt"].data == BODY.encode()
    assert any(message in p.message for p in problems)


def test_an_exact_gb18030_big5_tie_goes_to_charset_normalizers_guess(monkeypatch: pytest.MonkeyPatch) -> None:
    from partyevents import ingest

    data = "黨員志願者深入社區開展志願服務活動,為居民辦實事。".encode("big5")
    # GB18030 gets a 0.05 bonus: these shares tie exactly
    monkeypatch.setattr(ingest, "_common_share", lambda text, traditional: 0.55 if traditional else 0.5)
    assert ingest._detect(data)[1] == "big5"
    monkeypatch.setattr(ingest, "_common_share", lambda text, traditional: 0.5 if traditional else 0.6)
    assert ingest._detect(data)[1] == "gb18030"  # no tie: the score decides


_LEGACY_PAGES = [
    ("第一条:枫林社区党支部召开支部委员会,研究部署冬季走访慰问工作。\n参会党员12人。\n", "gb18030"),
    ("青松街道组织志愿者清理楼道杂物,共清运垃圾3车。\n", "gbk"),
    ("社區黨支部組織黨員志願者開展環境整治活動,共有二十人參加。\n", "big5"),
]


@pytest.mark.parametrize(("text", "codec"), _LEGACY_PAGES)
def test_a_page_in_one_legacy_encoding_is_not_read_run_by_run(
        text: str, codec: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = text.encode(codec)
    expected = ingest._detect(data)
    assert ingest._decode_mixed(data) is None  # the run-by-run reading would have given the same answer
    def no_runs(line: bytes) -> tuple[str, int, int, int]:
        raise AssertionError("read run by run")
    monkeypatch.setattr(ingest, "_decode_runs", no_runs)
    assert expected is not None and ingest._decode_bytes(data) == expected
