"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

import quadnews.pipeline

# Tests never read or write the user's extraction cache: a run of the suite must test the code
# as it is, and must leave nothing behind in the home folder.
os.environ["QUADNEWS_CACHE_DIR"] = tempfile.mkdtemp(prefix="quadnews-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    return quadnews.pipeline.load_pipeline()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found next to the repository ({SHARED}); corpus tests skipped")
    return SHARED


@pytest.fixture(autouse=True)
def _private_cache(monkeypatch, tmp_path_factory):
    """Each test gets an empty extraction cache, so no test sees another's cached results."""
    monkeypatch.setenv("QUADNEWS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
