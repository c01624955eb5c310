"""Every input format and encoding quadnews reads, from files written here or in tmp_path."""

from __future__ import annotations

import json
import os
import socket
from datetime import date, datetime
from pathlib import Path

import pytest

from quadnews.article import Article
from quadnews.errors import InputError, UsageError
from quadnews.reading import (
    iter_folder,
    read_bytes,
    read_file,
    read_folder,
    sniff_format,
    walk_folder,
)

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"
STORY = ("WASHINGTON, March 25, 2022 (Reuters) - Japanese Prime Minister Fumio Kishida met "
         "the café owners of Zürich and Genève, a naïve “test” of résumés, on Friday.\n")


def articles(items: list[Article | InputError]) -> list[Article]:
    bad = [i for i in items if isinstance(i, InputError)]
    assert not bad, bad
    return [i for i in items if isinstance(i, Article)]


def one(path: Path | str, **kw) -> Article:
    arts = articles(read_file(path, **kw))
    assert len(arts) == 1
    return arts[0]


# --- plain text and markdown -------------------------------------------------------------

def test_txt_with_reuters_dateline():
    art = one(FIXTURES / "reuters-dateline.txt")
    assert (art.reference_date, art.reference_date_source) == (date(2022, 3, 25), "dateline")
    assert art.text_source == "file" and art.input_format == "text" and art.encoding == "utf-8"
    assert art.text.startswith("Japan and Australia sign defence pact")


def test_markdown_with_published_line():
    art = one(FIXTURES / "published-line.md")
    assert art.input_format == "markdown"
    assert (art.reference_date, art.reference_date_source) == (date(2022, 3, 26), "dateline")
    assert art.reference_time == datetime(2022, 3, 26, 8, 32)


def test_reference_date_option_wins_over_everything():
    for name in ("reuters-dateline.txt", "page.html", "newsplease.jsonl"):
        for art in articles(read_file(FIXTURES / name, reference_date=date(2020, 1, 2))):
            assert (art.reference_date, art.reference_date_source) == (date(2020, 1, 2), "option")


def test_file_mtime_fallback_warns(tmp_path):
    p = tmp_path / "undated.txt"
    p.write_text("Prime Minister Fumio Kishida spoke in Tokyo on Friday.\n", encoding="utf-8")
    os.utime(p, (datetime(2021, 7, 4, 12).timestamp(),) * 2)
    art = one(p)
    assert (art.reference_date, art.reference_date_source) == (date(2021, 7, 4), "file-mtime")
    assert any("modification time 2021-07-04" in w for w in art.warnings)


# --- HTML ------------------------------------------------------------------------------

def test_html_page_main_text_title_and_metadata_date():
    art = one(FIXTURES / "page.html")
    assert art.input_format == "html" and art.text_source == "html-main-text"
    assert art.title == "Leaders of India and Japan meet in New Delhi"
    assert (art.reference_date, art.reference_date_source) == (date(2022, 3, 19), "metadata")
    assert art.url == "https://times.example.org/world/india-japan-summit"
    assert "Narendra Modi welcomed Japanese Prime Minister Fumio Kishida" in art.text
    # Navigation, footer, scripts and frames are not article text.
    for junk in ("Home", "All rights reserved", "document.write", "tracker.js", "banner"):
        assert junk not in art.text
    # Markup the article quotes stays text (it is never parsed or run).
    assert "<script>alert(1)</script>" in art.text


def test_html_is_read_without_any_network_access(monkeypatch):
    calls: list[object] = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise AssertionError("network access while reading HTML")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    import urllib3

    monkeypatch.setattr(urllib3.PoolManager, "urlopen", refuse)
    art = one(FIXTURES / "page.html")
    assert art.reference_date == date(2022, 3, 19)
    # Even a page that is nothing but a URL is not fetched (htmldate would download a bare URL).
    items = list(read_bytes(b"<html><body><p>https://example.org/a-story</p></body></html>", "u.html",
                            suffix=".html"))
    assert calls == []
    assert items  # an error or an article, but no fetch


def test_html_without_metadata_date_falls_back_to_dateline(tmp_path):
    p = tmp_path / "story.htm"
    p.write_text(
        "<html><head><title>Summit</title></head><body><article>"
        "<p>Published 08:32 IST, March 26th 2022</p>"
        "<p>TOKYO (AP) - Japanese Prime Minister Fumio Kishida met Indian Prime Minister Narendra Modi "
        "in Tokyo on Friday to talk about trade, energy and the security of the Indo-Pacific region, "
        "officials from both governments said after the meeting ended.</p>"
        "</article></body></html>", encoding="utf-8")
    art = one(p)
    assert (art.reference_date, art.reference_date_source) == (date(2022, 3, 26), "dateline")


def test_html_detected_by_content_without_suffix(tmp_path):
    p = tmp_path / "saved-page"
    p.write_bytes((FIXTURES / "page.html").read_bytes())
    assert one(p).input_format == "html"


def test_html_declared_legacy_charset(tmp_path):
    html = (FIXTURES / "page.html").read_text(encoding="utf-8").replace(
        '<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    ).replace("first annual summit", "first annual summit at the Café Résumé").replace("©", "(c)")
    p = tmp_path / "legacy.html"
    p.write_bytes(html.encode("cp1252"))
    art = one(p)
    assert "Café Résumé" in art.text and art.encoding == "cp1252"


# --- JSON records ----------------------------------------------------------------------

def test_newsapi_json_wrapper():
    arts = articles(read_file(FIXTURES / "newsapi.json"))
    assert [a.source for a in arts] == [f"{FIXTURES / 'newsapi.json'}#1", f"{FIXTURES / 'newsapi.json'}#2"]
    first, second = arts
    assert first.title == "US and India hold talks in Washington"
    assert first.text_source == "json:content" and first.input_format == "json"
    assert not first.text.endswith("chars]"), "NewsAPI's truncation marker is not article text"
    assert (first.reference_date, first.reference_date_source) == (date(2022, 4, 11), "metadata")
    assert first.url == "https://wire.example.org/us-india-talks"
    assert second.reference_date == date(2022, 4, 12)  # RFC 2822 date


def test_json_lines_records_and_field_names():
    arts = articles(read_file(FIXTURES / "newsplease.jsonl"))
    src = str(FIXTURES / "newsplease.jsonl")
    assert [a.source for a in arts] == [f"{src}#1", f"{src}#2", f"{src}#3"]
    assert [a.text_source for a in arts] == ["json:maintext", "json:body", "json:text"]
    assert arts[0].reference_date == date(2022, 4, 14) and arts[0].reference_date_source == "metadata"
    assert arts[0].reference_time == datetime(2022, 4, 14, 8, 30)
    assert arts[1].reference_date == date(2022, 4, 15)
    assert arts[2].title == "Record without a date" and arts[2].reference_date_source == "file-mtime"


@pytest.mark.parametrize("field", ["text", "maintext", "content", "body"])
@pytest.mark.parametrize("date_field, value, expected", [
    ("date_publish", "2022-03-26 08:32:00", date(2022, 3, 26)),
    ("published", "2022-03-26T08:32:00+05:30", date(2022, 3, 26)),
    ("publishedAt", "2022-03-26T03:02:00Z", date(2022, 3, 26)),
    ("date", "March 26, 2022", date(2022, 3, 26)),
    ("date", 1648283520, date(2022, 3, 26)),
])
def test_single_json_record(tmp_path, field, date_field, value, expected):
    p = tmp_path / "one.json"
    p.write_text(json.dumps({"title": "T", field: "Japan and India met in Tokyo.", date_field: value}))
    art = one(p)
    assert art.source == str(p)  # one record: the file is the source
    assert art.text == "Japan and India met in Tokyo." and art.text_source == f"json:{field}"
    assert (art.reference_date, art.reference_date_source) == (expected, "metadata")


def test_json_list_of_records_and_paragraph_lists(tmp_path):
    p = tmp_path / "list.json"
    p.write_text(json.dumps([{"text": ["First paragraph about Japan.", "Second about India."]},
                             {"body": "France and Germany met."}]))
    arts = articles(read_file(p))
    assert arts[0].text == "First paragraph about Japan.\n\nSecond about India."
    assert arts[1].source == f"{p}#2"


def test_jsonl_detected_by_content_in_a_txt_file(tmp_path):
    p = tmp_path / "export.txt"
    p.write_text('{"text": "Japan met India."}\n{"text": "France met Germany."}\n')
    arts = articles(read_file(p))
    assert [a.input_format for a in arts] == ["jsonl", "jsonl"]


def test_text_starting_with_a_bracket_is_still_text(tmp_path):
    p = tmp_path / "bracket.txt"
    p.write_text("[Reuters] Japan and India met in Tokyo on Friday.\n")
    assert one(p).input_format == "text"


def test_unreadable_record_date_warns_and_falls_back(tmp_path):
    p = tmp_path / "r.json"
    p.write_text(json.dumps({"text": "WASHINGTON, March 25, 2022 (Reuters) - Japan met India.",
                             "published": "last Tuesday-ish"}))
    art = one(p)
    assert art.reference_date_source == "dateline"
    assert any("is not a date" in w for w in art.warnings)


# --- encodings -------------------------------------------------------------------------

@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""),
    ("utf-8", b"\xef\xbb\xbf"),  # BOM
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
    ("utf-16-le", b""),  # no BOM: found from the NUL pattern
    ("utf-32-le", b"\xff\xfe\x00\x00"),
    ("cp1252", b""),
])
def test_encodings_of_a_western_story(tmp_path, encoding, prefix):
    p = tmp_path / "story.txt"
    p.write_bytes(prefix + STORY.encode(encoding))
    art = one(p)
    assert art.text == STORY
    assert art.reference_date == date(2022, 3, 25)


def test_latin1_without_curly_quotes(tmp_path):
    text = "PARIS, March 25, 2022 - Le président français a rencontré le chancelier à Genève, où il a été reçu.\n"
    p = tmp_path / "fr.txt"
    p.write_bytes(text.encode("latin-1"))
    assert one(p).text == text


@pytest.mark.parametrize("text, encoding", [
    ("МОСКВА, 25 марта - Президент России встретился с премьер-министром Индии в Москве в пятницу. "
     "Стороны обсудили торговлю и энергетику.\n", "cp1251"),
    ("岸田文雄首相は金曜日に東京でインドのモディ首相と会談し、貿易とエネルギーについて話し合った。\n", "shift_jis"),
    ("Ο πρωθυπουργός της Ελλάδας συναντήθηκε με τον πρόεδρο της Κύπρου στην Αθήνα την Παρασκευή.\n", "cp1253"),
])
def test_other_legacy_encodings_are_detected(tmp_path, text, encoding):
    p = tmp_path / "story.txt"
    p.write_bytes(text.encode(encoding))
    assert one(p).text == text


def test_text_is_nfc(tmp_path):
    p = tmp_path / "nfd.txt"
    p.write_bytes("Genève and Zürich hosted the talks.\n".encode().replace("è".encode(), "e\u0300".encode()))
    assert "Genève" in one(p).text  # precomposed


def test_stdin(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode("utf-16"))))
    art = one("-")
    assert art.source == "-" and art.text == STORY and art.reference_date_source == "dateline"


# --- format sniffing -------------------------------------------------------------------

@pytest.mark.parametrize("text, suffix, expected", [
    ("Plain story.", ".txt", "text"),
    ("# Heading\n\nStory.", ".md", "markdown"),
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", "", "html"),
    ("<p>a</p><p>b</p><div>c</div>", ".txt", "html"),
    ("Story about <b> tags.", ".html", "html"),
    ("No tags at all.", ".html", "text"),
    ('{"text": "x"}', "", "json"),
    ('{"text": "x"}', ".jsonl", "jsonl"),
])
def test_sniff_format(text, suffix, expected):
    assert sniff_format(text, suffix) == expected


# --- folders ---------------------------------------------------------------------------

def make_tree(root: Path) -> None:
    (root / "a").mkdir(parents=True)
    (root / "a" / "one.txt").write_text("Japan met India.")
    (root / "a" / "two.html").write_text((FIXTURES / "page.html").read_text())
    (root / "b.jsonl").write_text('{"text": "France met Germany."}\n')
    (root / "c.md").write_text("Canada met Mexico.")
    (root / "d.json").write_text('{"text": "Spain met Portugal."}')
    (root / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".hidden.txt").write_text("secret")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.txt").write_text("ref")


def test_iter_folder_yields_every_article_file_in_order(tmp_path):
    make_tree(tmp_path)
    skipped = []
    names = [p.relative_to(tmp_path).as_posix() for p in iter_folder(tmp_path, on_skip=skipped.append)]
    assert names == ["a/one.txt", "a/two.html", "b.jsonl", "c.md", "d.json"]
    assert [(s.path.name, s.problem) for s in skipped] == [("picture.png", False)]
    assert "not an article file" in skipped[0].reason


def test_read_folder_reads_records_and_pages(tmp_path):
    make_tree(tmp_path)
    arts = articles(list(read_folder(tmp_path)))
    assert len(arts) == 5
    assert {a.input_format for a in arts} == {"text", "html", "jsonl", "markdown", "json"}


def test_folder_symlinks_not_followed_by_default(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Outside the folder.")
    root = tmp_path / "root"
    root.mkdir()
    (root / "in.txt").write_text("Inside.")
    (root / "link.txt").symlink_to(outside / "secret.txt")
    (root / "linkdir").symlink_to(outside)
    items = list(walk_folder(root))
    assert [p.name for p in items if isinstance(p, Path)] == ["in.txt"]
    assert sorted(str(s.path.name) for s in items if not isinstance(s, Path)) == ["link.txt", "linkdir"]
    followed = [p.name for p in iter_folder(root, follow_symlinks=True)]
    assert followed == ["in.txt", "link.txt", "secret.txt"]


def test_folder_walk_survives_symlink_loops(tmp_path):
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "story.txt").write_text("Japan met India.")
    (root / "sub" / "back").symlink_to(root)  # a loop through the root
    (root / "self").symlink_to(root / "self")  # a link to itself
    skipped = []
    paths = list(iter_folder(root, follow_symlinks=True, on_skip=skipped.append))
    assert [p.name for p in paths] == ["story.txt"]
    reasons = sorted(s.reason for s in skipped)
    assert any("loop" in r for r in reasons) and all(s.problem for s in skipped)


def test_walk_folder_rejects_a_file_and_a_missing_folder(tmp_path):
    (tmp_path / "f.txt").write_text("x")
    with pytest.raises(InputError, match="is not a folder"):
        list(walk_folder(tmp_path / "f.txt"))
    with pytest.raises(InputError, match="no such folder"):
        list(walk_folder(tmp_path / "nope"))


# --- shared date option parser ---------------------------------------------------------

def test_parse_date_option():
    from quadnews.options import parse_date_option

    assert parse_date_option("2022-03-26", "--since") == date(2022, 3, 26)
    assert parse_date_option(None, "--since") is None
    assert parse_date_option("2022-03", "--since", partial=True) == date(2022, 3, 1)
    assert parse_date_option("2022-02", "--until", partial=True, end=True) == date(2022, 2, 28)
    assert parse_date_option("2022", "--until", partial=True, end=True) == date(2022, 12, 31)
    for bad in ("yesterday", "2022-13-01", "26/03/2022", ""):
        with pytest.raises(UsageError, match="invalid --since"):
            parse_date_option(bad, "--since", partial=True)
