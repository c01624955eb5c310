"""The batch engine: same output as the library, in input order, streaming, with workers and cache."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from concurrent.futures import Future
from datetime import date
from pathlib import Path

import pytest

from quadnews import engine
from quadnews.api import extract_many
from quadnews.article import Article
from quadnews.engine import EngineConfig, extract_stream
from quadnews.models import Extraction
from quadnews.output import write_lines_atomic
from quadnews.progress import ArticleProgress, wanted
from quadnews.reading import article_from_text, read_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "quad-senior-cyber-group.txt"


def corpus_files() -> list[Path]:
    files = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures").rglob("*"))
    files = [f for f in files if f.is_file() and f.suffix in {".txt", ".md", ".html", ".json", ".jsonl"}
             and f.name != "timeline.md"]
    if SEED.is_file():
        files.append(SEED)
    return files


def articles(files: list[Path] | None = None) -> list[Article]:
    out = []
    for f in files or corpus_files():
        out += [a for a in read_file(f) if isinstance(a, Article)]
    return out


def dicts(results: object) -> list[dict]:
    return [r.to_dict() for r in results]  # type: ignore[attr-defined]


def test_engine_in_process_matches_library(nlp):
    arts = articles()
    assert len(arts) >= 10
    expected = dicts(extract_many(arts))
    got = dicts(extract_stream(arts, EngineConfig(jobs=1, use_cache=False)))
    assert got == expected


def test_cached_run_gives_the_same_output(nlp, tmp_path):
    arts = articles()
    config = EngineConfig(jobs=1, cache_dir=tmp_path)
    cold_bar, warm_bar = ArticleProgress(enabled=False), ArticleProgress(enabled=False)
    cold = dicts(extract_stream(arts, config, progress=cold_bar))
    warm = dicts(extract_stream(arts, config, progress=warm_bar))
    assert warm == cold
    assert cold_bar.cached == 0 and warm_bar.cached == len(arts)


def test_cache_hit_for_same_text_under_another_name(nlp, tmp_path):
    src = ROOT / "samples" / "quad-leaders-summit.txt"
    copy = tmp_path / "copy-of-summit.txt"
    shutil.copy2(src, copy)
    config = EngineConfig(jobs=1, cache_dir=tmp_path / "cache")
    list(extract_stream(articles([src]), config))
    bar = ArticleProgress(enabled=False)
    hit = dicts(extract_stream(articles([copy]), config, progress=bar))
    assert bar.cached == 1
    fresh = dicts(extract_many(articles([copy])))
    assert hit == fresh
    assert all(s == [str(copy)] for e in hit[0]["timeline"] for s in [e["sources"]])


def test_reference_date_is_part_of_the_key(nlp, tmp_path):
    text = (ROOT / "samples" / "quad-leaders-summit.txt").read_text(encoding="utf-8")
    config = EngineConfig(jobs=1, cache_dir=tmp_path)
    a = article_from_text(text, "a.txt", reference_date=date(2022, 3, 26))
    b = article_from_text(text, "a.txt", reference_date=date(2023, 1, 1))
    list(extract_stream([a], config))
    bar = ArticleProgress(enabled=False)
    out = list(extract_stream([b], config, progress=bar))
    assert bar.cached == 0 and out[0].reference_date == "2023-01-01"


def test_worker_processes_give_the_same_output(nlp):
    arts = articles()[:6]
    expected = dicts(extract_many(arts))
    got = dicts(extract_stream(arts, EngineConfig(jobs=2, use_cache=False, chunk_size=2)))
    assert got == expected


# --- ordering and streaming, with a fake backend (no model) ----------------------------------


class ReversingBackend:
    """Finishes chunks last-submitted-first, to prove the output is still in input order."""

    def __init__(self) -> None:
        self.queue: list[tuple[Future, list]] = []
        self.max_in_flight = 0

    def submit(self, chunk: list, *, final: bool = False) -> Future:
        fut: Future = Future()
        self.queue.append((fut, chunk))
        self.max_in_flight = max(self.max_in_flight, sum(len(c) for f, c in self.queue if not f.done()))
        return fut

    def wait_any(self, futures: object) -> set:
        for fut, chunk in reversed(self.queue):
            if not fut.done():
                rows = []
                for i, art in chunk:
                    r = Extraction(source=art.source, reference_date="2022-01-01", reference_date_source="option")
                    rows.append((i, json.dumps(r.to_dict()), None) if "bad" not in art.source else (i, None, "boom"))
                fut.set_result(rows)
                return {fut}
        return set()

    def close(self) -> None:
        pass


def fake_articles(n: int, counter: list[int] | None = None):
    for k in range(n):
        if counter is not None:
            counter[0] += 1
        yield Article(source=f"bad{k}.txt" if k == 7 else f"a{k}.txt", text=f"text {k}",
                      reference_date=date(2022, 1, 1), reference_date_source="option")


def test_results_come_in_input_order_and_failures_are_reported():
    backend = ReversingBackend()
    errors: list[tuple[str, str]] = []
    out = list(engine._ordered(fake_articles(50), backend, None, "m", 3, 2, None,
                               lambda s, m: errors.append((s, m))))
    assert [r.source for r in out] == [f"a{k}.txt" for k in range(50) if k != 7]
    assert errors == [("bad7.txt", "boom")]


def test_memory_is_bounded_by_the_window():
    """Reading stays a bounded distance ahead of the output, however long the input."""
    backend = ReversingBackend()
    read = [0]
    stream = engine._ordered(fake_articles(100_000, read), backend, None, "m", 4, 2, None, None)
    first = [next(stream) for _ in range(10)]
    assert [r.source for r in first] == [f"a{k}.txt" for k in range(11) if k != 7]
    window = max(2, 2 * 2) * 4 * 2
    assert read[0] <= window + 4 + 10
    assert backend.max_in_flight <= window + 4


# --- command line ----------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_import_no_spacy(flag):
    code = ("import sys\nfrom quadnews.cli import app\n"
            f"try:\n    app([{flag!r}])\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {'spacy', 'thinc', 'dask', 'distributed'})\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out


def test_progress_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert wanted(stream=Tty())
    assert not wanted(stream=Tty(), quiet=True)
    assert not wanted(stream=io.StringIO())
    bar = ArticleProgress(3, enabled=False)
    with bar:
        bar.advance(5)
    assert bar.done == 5 and bar.total == 5


def test_cli_jsonl_streams_the_same_lines(nlp, tmp_path):
    files = [ROOT / "samples" / "quad-leaders-summit.txt", ROOT / "samples" / "state-visit-paris.txt"]
    proc = subprocess.run([sys.executable, "-m", "quadnews", "extract", *map(str, files), "-f", "jsonl",
                           "--cache-dir", str(tmp_path), "-j", "1"],
                          capture_output=True, text=True, check=True)
    expected = [json.dumps(r.to_dict(), ensure_ascii=False) for r in extract_many(articles(files))]
    assert proc.stdout.splitlines() == expected
    assert "\x1b[" not in proc.stderr  # no progress bar when stderr is not a terminal
    out = tmp_path / "out.jsonl"
    subprocess.run([sys.executable, "-m", "quadnews", "extract", *map(str, files), "-f", "jsonl", "-o", str(out),
                    "--cache-dir", str(tmp_path)], capture_output=True, text=True, check=True)
    assert out.read_text(encoding="utf-8").splitlines() == expected
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary left


def test_streamed_output_file_is_atomic(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n")

    def lines():
        yield "one\n"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_lines_atomic(target, lines())
    assert target.read_text() == "previous\n" and [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
    assert not write_lines_atomic(tmp_path / "none.jsonl", iter(()))
    assert not (tmp_path / "none.jsonl").exists()
