"""Bad input never crashes quadnews: one clear stderr line, the documented exit code, and the
other files' results exactly as without the bad one. Plus Ctrl-C, unwritable -o and fuzzing."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quadnews.article import Article
from quadnews.cli import app
from quadnews.errors import InputError
from quadnews.reading import MAX_TEXT_CHARS, read_bytes

ROOT = Path(__file__).resolve().parent.parent
GOOD_TXT = ("WASHINGTON, March 25, 2022 (Reuters) - Japanese Prime Minister Fumio Kishida met "
            "US President Joe Biden at the White House on Friday.\n")
GOOD_JSONL = ('{"title": "India and Australia", "text": "Indian Prime Minister Narendra Modi spoke with '
              'Australian Prime Minister Scott Morrison on Monday.", "published": "2022-03-21"}\n')
runner = CliRunner()


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> list[str]:
    d = tmp_path_factory.mktemp("good")
    (d / "a.txt").write_text(GOOD_TXT, encoding="utf-8")
    (d / "b.jsonl").write_text(GOOD_JSONL, encoding="utf-8")
    return [str(d / "a.txt"), str(d / "b.jsonl")]


def results(stdout: str) -> dict[str, dict]:
    data = json.loads(stdout) if stdout.strip() else []
    data = data if isinstance(data, list) else [data]
    return {r["source"]: r for r in data}


@pytest.fixture(scope="module")
def baseline(good, nlp) -> dict[str, dict]:
    r = runner.invoke(app, ["extract", *good, "--format", "json"])
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""
    out = results(r.stdout)
    assert set(out) == {good[0], f"{good[1]}#1"}
    return out


# Each case: (id, a function that makes the bad input in tmp_path and returns its path as given on
# the command line, the expected reason after "quadnews: <source>: ", extra CLI options).
Maker = Callable[[Path], str]


def write(name: str, data: bytes | str) -> Maker:
    def make(tmp: Path) -> str:
        p = tmp / name
        p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return str(p)
    return make


def zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("story.txt", "Japan met India.")
    return buf.getvalue()


def symlink(name: str, target: str) -> Maker:
    def make(tmp: Path) -> str:
        (tmp / name).symlink_to(tmp / target)
        return str(tmp / name)
    return make


def folder(tmp: Path) -> str:
    (tmp / "dir").mkdir()
    return str(tmp / "dir")


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00>\x00" + b"\x00" * 48  # a 64-byte header
LONG_TEXT = "Japan met India in Tokyo.\n" * (MAX_TEXT_CHARS // 26 + 10)
NOT_ARTICLE = "JSON is not an article record"

CASES: list[tuple[str, Maker, str, list[str]]] = [
    ("empty", write("empty.txt", b""), "empty file: no article text", []),
    ("whitespace", write("blank.txt", " \n\t\r\n  \n"), "empty file: no article text", []),
    ("nul-bytes", write("nul.txt", b"\x00" * 64), "empty file: no article text", []),
    ("bom-only", write("bom.txt", b"\xef\xbb\xbf"), "empty file: no article text", []),
    ("png", write("photo.txt", PNG), "binary file (PNG image), not an article", []),
    ("jpeg", write("photo.jpg.txt", JPEG), "binary file (JPG image), not an article", []),
    ("gif", write("anim.html", GIF), "binary file (GIF image), not an article", []),
    ("pdf", write("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
     "binary file (PDF document), not an article", []),
    ("zip", write("archive.json", zip_bytes()), "binary file (ZIP archive), not an article", []),
    ("gzip", write("story.txt.gz", gzip.compress(b"Japan met India." * 20)),
     "binary file (GZ archive), not an article", []),
    ("elf", write("program", ELF), "binary file (executable program), not an article", []),
    ("random-binary", write("noise.txt", bytes(range(256)) * 4), "binary file (unknown binary data), not an article", []),
    ("over-max-bytes", write("big.txt", "Japan met India. " * 400),
     "file is 6,800 bytes, over the --max-bytes limit of 5,000", ["--max-bytes", "5000"]),
    ("long-line", write("minified.txt", "a" * 150_000),
     "line 1 is 150,000 characters long (limit 100,000): not article text (minified or encoded data?)", []),
    ("long-line-later", write("blob.md", "Japan met India.\n" + "QUJD" * 30_000 + "\n"),
     "line 2 is 120,000 characters long (limit 100,000): not article text (minified or encoded data?)", []),
    ("too-long-text", write("book.txt", LONG_TEXT),
     f"article text is {len(LONG_TEXT):,} characters, over the {MAX_TEXT_CHARS:,} the language model accepts (split the file)", []),
    ("no-words", write("numbers.txt", "12 345 678 -- !!! ... 2022-03-26\n"), "no article text (no words in it)", []),
    ("missing", lambda tmp: str(tmp / "nope.txt"), "no such file", []),
    ("directory", folder, "is a directory (extract takes files; use 'quadnews timeline DIR')", []),
    ("broken-symlink", symlink("dangling.txt", "gone.txt"), "broken symbolic link (it points to ", []),
    ("symlink-loop", symlink("loop.txt", "loop.txt"), "symbolic link loop", []),
    ("char-device", lambda tmp: "/dev/zero", "is a character device, not an article file", []),
    ("json-not-article", write("package.json", '{"name": "pkg", "version": "1.0"}'),
     f"{NOT_ARTICLE}: no text, maintext, content or body field (its keys: name, version)", []),
    ("json-empty-list", write("none.json", "[]"), "JSON holds an empty list: no article records", []),
    ("json-list-of-numbers", write("nums.json", "[1, 2, 3]"),
     "JSON list of 3 items holds no article record (no text, maintext, content or body field)", []),
    ("json-string", write("s.json", '"just a string"'), "JSON is a string, not an article record or a list of them", []),
    ("json-invalid", write("broken.json", '{"text": "Japan met India.",'),
     "invalid JSON: Expecting property name enclosed in double quotes at line 1 column 29", []),
    ("json-too-deep", write("deep.json", "[" * 100_000 + "]" * 100_000), "JSON nested too deeply to be an article record", []),
    ("jsonl-not-json", write("feed.jsonl", "Japan met India.\nFrance met Spain.\n"),
     "invalid JSON Lines: line 1: Expecting value at column 1", []),
    ("json-empty-text", write("empty-text.json", '{"title": "T", "text": "   "}'),
     "record has no article text (field 'text' is empty or not text)", []),
    ("html-no-main-text", write("nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>"),
     "HTML page has no article text (no main content found)", []),
    ("html-empty-body", write("empty.html", "<!DOCTYPE html><html><head><title>x</title></head><body></body></html>"),
     "HTML page has no article text (no main content found)", []),
    ("utf16-truncated", write("half.txt", b"\xff\xfe" + "Japan".encode("utf-16-le") + b"\x00\xd8"),
     "invalid UTF-16 text (it starts with a BOM): unexpected end of data", []),
]


@pytest.mark.parametrize("case_id, make, reason, opts", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_and_the_rest_processed(tmp_path, good, baseline, case_id, make, reason, opts):
    bad = make(tmp_path)
    r = runner.invoke(app, ["extract", good[0], bad, good[1], "--format", "json", *opts])
    assert r.exit_code == 1, (r.exit_code, r.stderr)
    lines = r.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"quadnews: {bad}: {reason}"), lines[0]
    assert "Traceback" not in r.stderr
    assert results(r.stdout) == baseline


def test_bad_records_among_good_ones(tmp_path, good, baseline):
    p = tmp_path / "mixed.jsonl"
    p.write_text('{"text": "Canadian Prime Minister Justin Trudeau visited Mexico.", "date": "2022-03-20"}\n'
                 '{"text": "broken\n'
                 '[1, 2]\n'
                 '{"title": "no text"}\n'
                 '{"body": "French President Emmanuel Macron met German Chancellor Olaf Scholz.", "date": "2022-03-22"}\n')
    r = runner.invoke(app, ["extract", good[0], str(p), good[1], "--format", "json"])
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"quadnews: {p}#2: invalid JSON on line 2: Unterminated string starting at at column 10",
        f"quadnews: {p}#3: record is a JSON list, not an object with article fields",
        f"quadnews: {p}#4: record has no article text (expected one of: text, maintext, content, body)",
    ]
    out = results(r.stdout)
    assert set(out) == {*baseline, f"{p}#1", f"{p}#5"}
    assert {k: v for k, v in out.items() if k in baseline} == baseline


def test_permission_denied_is_reported(tmp_path, good, baseline, monkeypatch):
    # Tests run as root, which reads any file: simulate the refusal the kernel gives other users.
    p = tmp_path / "secret.txt"
    p.write_text("Japan met India.")
    real_open = Path.open

    def guarded(self, *args, **kwargs):
        if self == p:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    r = runner.invoke(app, ["extract", good[0], str(p), good[1], "--format", "json"])
    assert r.exit_code == 1
    assert r.stderr == f"quadnews: {p}: permission denied\n"
    assert results(r.stdout) == baseline


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_for_real(tmp_path, good, baseline):
    p = tmp_path / "secret.txt"
    p.write_text("Japan met India.")
    p.chmod(0)
    r = runner.invoke(app, ["extract", good[0], str(p), good[1], "--format", "json"])
    assert (r.exit_code, r.stderr) == (1, f"quadnews: {p}: permission denied\n")
    assert results(r.stdout) == baseline


def test_empty_stdin(good, baseline):
    r = runner.invoke(app, ["extract", good[0], "-", good[1], "--format", "json"], input=b"")
    assert (r.exit_code, r.stderr) == (1, "quadnews: -: empty file: no article text\n")
    assert results(r.stdout) == baseline


def test_all_inputs_bad_prints_nothing_on_stdout(tmp_path):
    (tmp_path / "e.txt").write_text("")
    r = runner.invoke(app, ["extract", str(tmp_path / "e.txt"), "--format", "json"])
    assert (r.exit_code, r.stdout) == (1, "")


# --- usage errors: exit 2, nothing processed, nothing written ------------------------------

@pytest.mark.parametrize("opts, message", [
    (["--reference-date", "26/03/2022"], "quadnews: invalid --reference-date '26/03/2022': use YYYY-MM-DD, e.g. 2022-03-26"),
    (["--reference-date", "2022-02-30"], "quadnews: invalid --reference-date '2022-02-30': use YYYY-MM-DD, e.g. 2022-03-26"),
])
def test_invalid_reference_date(good, opts, message):
    r = runner.invoke(app, ["extract", *good, *opts])
    assert (r.exit_code, r.stderr.strip(), r.stdout) == (2, message, "")


@pytest.mark.parametrize("value", ["yesterday", "2022-13", "03/2022", "2022-02-30"])
def test_invalid_since_for_timeline(tmp_path, value):
    (tmp_path / "a.txt").write_text(GOOD_TXT)
    r = runner.invoke(app, ["timeline", str(tmp_path), "--since", value])
    assert r.exit_code == 2
    assert r.stderr.strip() == (f"quadnews: invalid --since {value!r}: use YYYY-MM-DD, YYYY-MM or YYYY, "
                                "e.g. 2022-03-26")


def unwritable_targets(tmp: Path) -> list[tuple[str, str]]:
    (tmp / "afile").write_text("x")
    (tmp / "adir").mkdir()
    return [
        (str(tmp / "missing" / "out.json"), f"folder {tmp / 'missing'} does not exist"),
        (str(tmp / "afile" / "out.json"), f"{tmp / 'afile'} is not a folder"),
        (str(tmp / "adir"), "it is a folder (give -o a file name)"),
    ]


def test_unwritable_output_is_refused_before_any_work(tmp_path, good):
    for target, reason in unwritable_targets(tmp_path):
        r = runner.invoke(app, ["extract", *good, "--format", "json", "-o", target])
        assert r.exit_code == 2, target
        assert r.stderr == f"quadnews: cannot write {target}: {reason}\n"
        assert r.stdout == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_device_full(good):
    r = runner.invoke(app, ["extract", *good, "--format", "json", "-o", "/dev/full"])
    assert r.exit_code == 2
    assert r.stderr == "quadnews: cannot write /dev/full: No space left on device\n"


def test_output_written_atomically_and_replaces_old_file(tmp_path, good, baseline):
    out = tmp_path / "out.json"
    out.write_text("old")
    r = runner.invoke(app, ["extract", *good, "--format", "json", "-o", str(out)])
    assert r.exit_code == 0 and r.stdout == ""
    assert results(out.read_text()) == baseline
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary file left


# --- Ctrl-C ------------------------------------------------------------------------------

def test_ctrl_c_while_writing_leaves_no_half_file(tmp_path, good, monkeypatch):
    out = tmp_path / "out.json"
    out.write_text("previous result")
    real_fsync = os.fsync

    def interrupted(fd):
        real_fsync(fd)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    r = runner.invoke(app, ["extract", *good, "--format", "json", "-o", str(out)])
    assert r.exit_code == 130
    assert r.stderr.strip().endswith("quadnews: interrupted")
    assert out.read_text() == "previous result"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_ctrl_c_during_extraction(tmp_path, good, monkeypatch):
    import quadnews.api

    def boom(*args, **kwargs):
        raise KeyboardInterrupt
        yield  # pragma: no cover

    monkeypatch.setattr(quadnews.api, "extract_many", boom)
    out = tmp_path / "out.json"
    r = runner.invoke(app, ["extract", *good, "-o", str(out)])
    assert (r.exit_code, r.stderr) == (130, "quadnews: interrupted\n")
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_real_sigint_exits_130_without_output(tmp_path, good):
    """A real process, interrupted while it waits on input, leaves no output file."""
    fifo = tmp_path / "slow.txt"
    os.mkfifo(fifo)
    out = tmp_path / "out.json"
    proc = subprocess.Popen([sys.executable, "-m", "quadnews", "extract", good[0], str(fifo), "-f", "json",
                             "-o", str(out)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Opening the write end without blocking succeeds only once quadnews has opened the read end.
    deadline = time.monotonic() + 60
    fd = None
    while fd is None:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail(f"quadnews never opened the FIFO: {proc.communicate()}")
            time.sleep(0.05)
    try:
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        os.close(fd)
    assert proc.returncode == 130, stderr
    assert stderr.decode().strip().splitlines()[-1] == "quadnews: interrupted"
    assert b"Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slow.txt"]


def test_no_traceback_from_a_subprocess_on_junk(tmp_path, good):
    junk = [make(tmp_path) for _, make, _, _ in CASES[:12]]
    r = subprocess.run([sys.executable, "-m", "quadnews", "extract", *junk, *good, "-f", "jsonl"],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert len(r.stderr.splitlines()) == len(junk)
    assert len(r.stdout.splitlines()) == 2


# --- property tests: no exception escapes reading or extraction ----------------------------

SUFFIXES = st.sampled_from(["", ".txt", ".md", ".html", ".json", ".jsonl"])


def read_and_extract(data: bytes, suffix: str) -> None:
    from quadnews.api import extract_many

    items = list(read_bytes(data, "fuzz" + suffix, suffix=suffix))
    assert items, "every input gives an article or a reason"
    good_items = [i for i in items if isinstance(i, Article)]
    for item in items:
        assert isinstance(item, (Article, InputError))
        if isinstance(item, InputError):
            assert "\n" not in str(item) and str(item).startswith("fuzz")
    results_ = list(extract_many(good_items))
    assert len(results_) == len(good_items)
    for res in results_:
        json.dumps(res.to_dict(), ensure_ascii=False).encode("utf-8")  # printable, no lone surrogates


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(data=st.binary(max_size=3000), suffix=SUFFIXES)
def test_arbitrary_bytes(nlp, data, suffix):
    read_and_extract(data, suffix)


@FUZZ
@given(text=st.text(max_size=1500), encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]), suffix=SUFFIXES)
def test_arbitrary_unicode(nlp, text, encoding, suffix):
    read_and_extract(text.encode(encoding, errors="surrogatepass"), suffix)


WORDS = st.sampled_from(["Japan", "India", "President", "Prime Minister", "Kishida", "met", "in", "Tokyo",
                         "March 25", "2022", "(Reuters)", "-", "Published", "Updated:", "|", ",", "\n", "<p>",
                         "</p>", "<html>", "{", "}", '"text":', '"date":', "[", "]", "&amp;", "\u200b", "é"])


@FUZZ
@given(parts=st.lists(WORDS, max_size=80), suffix=SUFFIXES)
def test_article_like_soup(nlp, parts, suffix):
    read_and_extract(" ".join(parts).encode("utf-8"), suffix)


@FUZZ
@given(record=st.dictionaries(st.sampled_from(["text", "maintext", "content", "body", "title", "date",
                                               "published", "publishedAt", "url"]),
                              st.one_of(st.text(max_size=200), st.integers(), st.floats(), st.none(),
                                        st.booleans(), st.lists(st.text(max_size=20), max_size=3))),
       as_list=st.booleans())
def test_arbitrary_json_records(nlp, record, as_list):
    doc = [record, record] if as_list else record
    read_and_extract(json.dumps(doc).encode("utf-8"), ".json")
