"""Shared fixtures: the sample corpus and one extraction run over it."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# the disk cache of built tables (partyevents.cache): a fresh one per test session, not the user's
if "PARTYEVENTS_CACHE_DIR" not in os.environ:
    os.environ["PARTYEVENTS_CACHE_DIR"] = tempfile.mkdtemp(prefix="partyevents-test-cache-")
    atexit.register(shutil.rmtree, os.environ["PARTYEVENTS_CACHE_DIR"], ignore_errors=True)

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
GOLD = Path(__file__).parent / "data" / "gold_dev.jsonl"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The shipped sample reports (data/raw)."""
    return RAW


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    """Hand-made answers for the samples (tests/data/gold_dev.jsonl)."""
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One `extract` run over data/raw, shared by every test that reads tables."""
    from partyevents import extract
    from partyevents.api import ExtractConfig

    out = tmp_path_factory.mktemp("out")
    extract(RAW, out, ExtractConfig(progress=False))
    return out
