"""The Dask engine gives the local engine's output, on a real two-process LocalCluster."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from quadnews.api import extract_many
from quadnews.article import Article
from quadnews.engine import EngineConfig, extract_stream
from quadnews.errors import UsageError
from quadnews.reading import read_folder
from quadnews.timeline import merge

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "fixtures" / "timeline"


def folder_articles() -> list[Article]:
    return [a for a in read_folder(FOLDER) if isinstance(a, Article)]


def test_dask_engine_matches_local_engine(nlp):
    try:
        from distributed import LocalCluster
    except ImportError:
        pytest.skip("dask[distributed] is not installed: pip install 'quadnews[dask]' to run the Dask test")
    arts = folder_articles()
    assert len(arts) >= 4
    local = list(extract_stream(arts, EngineConfig(jobs=1, use_cache=False)))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = list(extract_stream(arts, EngineConfig(engine="dask", scheduler=cluster.scheduler_address,
                                                        use_cache=False, chunk_size=2)))
    assert [r.to_dict() for r in remote] == [r.to_dict() for r in local]
    assert merge(remote).to_dict() == merge(local).to_dict()
    assert [r.to_dict() for r in local] == [r.to_dict() for r in extract_many(arts)]


def test_missing_dask_is_one_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(UsageError, match=r"pip install 'quadnews\[dask\]'"):
        list(extract_stream(folder_articles(), EngineConfig(engine="dask", use_cache=False)))
