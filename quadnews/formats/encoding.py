"""Bytes -> NFC text, or a one-line reason why the bytes are not text.

Binary files are named from their magic bytes (``filetype``), encodings other than UTF-8 are
detected by ``charset-normalizer``; we add only the few rules those libraries leave open.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from quadnews.errors import InputError

# Signatures that are plain ASCII, so the "looks binary" test below would let them through.
_TEXT_LIKE_MAGIC = ((b"%PDF-", "PDF document"), (b"{\\rtf", "RTF document"), (b"%!PS", "PostScript document"))
_BOMS = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_SNIFF = 8192
_GROUPS = {"image": "image", "video": "video", "audio": "audio", "font": "font",
           "document": "office document", "archive": "archive", "application": "program"}
_NAMES = {"application/pdf": "PDF document", "application/x-executable": "executable program",
          "application/x-msdownload": "Windows executable", "application/x-sqlite3": "SQLite database",
          "application/epub+zip": "EPUB e-book", "application/wasm": "WebAssembly program"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.IGNORECASE)


def clean_text(text: str) -> str:
    """NFC, and no lone surrogates (JSON escapes can carry them; they cannot be printed)."""
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text.replace("\x00", ""))


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 saved without a BOM shows as a NUL in every other byte of ASCII text."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def binary_kind(data: bytes) -> str | None:
    """What a binary file is ("PNG image", "ZIP archive", ...), or None when it looks like text."""
    head = data[:_SNIFF]
    for magic, name in _TEXT_LIKE_MAGIC:
        if head.lstrip()[: len(magic)] == magic:
            return name
    # Only bytes that cannot be text count: magic numbers alone are too weak ("BM" opens a BMP
    # file and an article about BMW alike).
    if not _CONTROL.search(head):
        return None
    if _utf16_without_bom(head):
        return None
    import filetype

    kind = filetype.guess(head)
    if kind is not None:
        if kind.mime in _NAMES:
            return _NAMES[kind.mime]
        group = kind.__class__.__module__.rsplit(".", 1)[-1]
        return f"{kind.extension.upper()} {_GROUPS.get(group, 'file')}"
    controls = len(_CONTROL.findall(head))
    if b"\x00" in head or controls > max(2, len(head) // 100):
        return "unknown binary data"
    return None


def declared_html_charset(data: bytes) -> str | None:
    m = _HTML_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


def _not_blank(text: str, source: str) -> str:
    # str.strip() also drops Unicode spaces and separators (U+2028, \x1c...) that bytes.strip() keeps.
    if not text.strip():
        raise InputError(source, "empty file: no article text")
    return text


def decode(data: bytes, source: str, *, declared: str | None = None) -> tuple[str, str]:
    """``(text, encoding)``; raises ``InputError`` for empty, binary and undecodable input."""
    if not data.strip(b" \t\r\n\x0b\x0c\x00"):
        raise InputError(source, "empty file: no article text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = clean_text(data.decode(encoding))
            except UnicodeDecodeError as err:
                raise InputError(source, f"invalid {encoding.upper()} text (it starts with a BOM): {err.reason}") from err
            return _not_blank(text, source), encoding
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(source, f"binary file ({kind}), not an article")
    utf16 = _utf16_without_bom(data[:_SNIFF])
    candidates = [utf16] if utf16 else []
    candidates += ["utf-8"] + ([declared] if declared else [])
    for encoding in candidates:
        try:
            text = clean_text(data.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
        return _not_blank(text, source), encoding
    text, encoding = _detect(data, source)
    return _not_blank(clean_text(text), source), encoding


def _detect(data: bytes, source: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    results = from_bytes(data[: 256 * 1024])
    best = results.best()
    if best is None:
        raise InputError(source, "cannot detect the text encoding (not UTF-8, UTF-16 or a known legacy encoding)")
    encoding = best.encoding
    # Legacy single-byte files are overwhelmingly Western European (cp1252). On short texts
    # charset-normalizer's language coherence is noise and often ranks cp1250/cp1257 first, which
    # turn "naïve" into "naďve": when cp1252 reads the bytes as cleanly (no more chaos), take it.
    for match in results:
        if match.encoding == "cp1252" and match.chaos <= best.chaos:
            encoding = "cp1252"
            break
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode(encoding, errors="replace"), encoding
