"""A longer fuzzing campaign than the test suite's: reading + extraction must never raise.

    python benchmarks/fuzz.py --count 3000 [--seed 1] [--max-size 4000]

Inputs mix random bytes, random Unicode in several encodings, article-like word soup, JSON
records with odd field values, HTML fragments and mutations (bit flips, truncation, splices) of
real-looking articles. Every input goes through ``read_bytes`` and then ``extract_many``. A crash
is any exception other than the ``InputError`` refusals reading reports. Prints the crash count
(which must be 0) and exits 1 when there is any, saving each crashing input under --save-dir.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quadnews.article import Article  # noqa: E402
from quadnews.errors import InputError  # noqa: E402
from quadnews.reading import read_bytes  # noqa: E402

SUFFIXES = ["", ".txt", ".md", ".html", ".htm", ".json", ".jsonl"]
WORDS = ["Japan", "India", "President", "Prime Minister", "Kishida", "Modi", "met", "visited", "in", "Tokyo",
         "March 25", "2022", "(Reuters)", "(AP)", "-", "—", "Published", "Updated:", "|", ",", ".", "\n", "\n\n",
         "<p>", "</p>", "<html>", "<script>", "{", "}", '"text":', '"date":', "[", "]", "&amp;", "\u200b",
         "é", "last week", "on Friday", "next month", "2007", "QUAD", "U.S.", "Secretary of State", "\t",
         "\r\n", "\x00", "\ufeff", "🇯🇵", "ﬁ", "e\u0301"]
SEEDS = [
    "WASHINGTON, March 25, 2022 (Reuters) - Japanese Prime Minister Fumio Kishida met US President Joe Biden "
    "at the White House on Friday.\nThe two leaders agreed to meet again next month in Tokyo.\n",
    "Published 08:32 IST, March 26th 2022\nQUAD Senior Cyber Group meets in Sydney\nIndia, Japan, Australia and "
    "the United States met this week.\nAdvertisement\n",
    '<!DOCTYPE html><html><head><meta property="article:published_time" content="2022-03-19"><title>T</title>'
    "</head><body><article><p>NEW DELHI (AP) — Indian Prime Minister Narendra Modi welcomed Japanese Prime "
    "Minister Fumio Kishida on Saturday for talks on trade and security.</p></article></body></html>",
    json.dumps([{"title": "t", "maintext": "French President Emmanuel Macron met German Chancellor Olaf Scholz "
                 "in Paris on Friday.", "date_publish": "2022-04-15 10:00:00"}]),
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "cp1251", "shift_jis"]


def random_text(rng: random.Random, size: int) -> str:
    kind = rng.random()
    if kind < 0.3:
        return "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x2FFF),
                                       rng.randrange(0x10000, 0x10FFFF), rng.randrange(0, 32)]))
                       for _ in range(rng.randrange(size + 1)))
    return " ".join(rng.choice(WORDS) for _ in range(rng.randrange(size // 6 + 1)))


def mutate(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randrange(1, 8)):
        op = rng.random()
        if not buf:
            break
        i = rng.randrange(len(buf))
        if op < 0.4:
            buf[i] ^= 1 << rng.randrange(8)
        elif op < 0.6:
            del buf[i:i + rng.randrange(1, 50)]
        elif op < 0.8:
            j = rng.randrange(len(buf))
            buf[i:i] = buf[j:j + rng.randrange(1, 80)]
        else:
            buf[i:i] = rng.randbytes(rng.randrange(1, 20))
    return bytes(buf)


def random_record(rng: random.Random) -> object:
    values = [None, True, 0, -1, 1e308, float("nan"), "", " ", "2022-02-30", "March 26, 2022", 1648283520000,
              ["a", "b"], {"x": 1}, random_text(rng, 200)]
    keys = ["text", "maintext", "content", "body", "title", "date", "published", "publishedAt", "date_publish", "url"]
    rec = {rng.choice(keys): rng.choice(values) for _ in range(rng.randrange(6))}
    return rng.choice([rec, [rec, rec], {"articles": [rec]}, [1, rec], rec.get("text")])


def make_input(rng: random.Random, max_size: int) -> tuple[bytes, str]:
    suffix = rng.choice(SUFFIXES)
    kind = rng.randrange(5)
    if kind == 0:
        data = rng.randbytes(rng.randrange(max_size))
    elif kind == 1:
        data = random_text(rng, max_size).encode(rng.choice(ENCODINGS), errors="replace")
    elif kind == 2:
        data = json.dumps(random_record(rng), allow_nan=True).encode()
    elif kind == 3:
        data = mutate(rng, rng.choice(SEEDS).encode(rng.choice(["utf-8", "utf-16"])))
    else:
        data = ("<html><body>" + "".join(f"<{rng.choice(['p', 'div', 'a', 'script', 'h1'])}>"
                                          f"{random_text(rng, 120)}" for _ in range(rng.randrange(12)))).encode()
    return data, suffix


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-size", type=int, default=4000)
    ap.add_argument("--batch", type=int, default=50, help="inputs per extract_many call")
    ap.add_argument("--save-dir", type=Path, default=Path("fuzz-crashes"))
    args = ap.parse_args()

    from quadnews.api import extract_many

    rng = random.Random(args.seed)
    crashes = refused = extracted = 0
    started = time.perf_counter()
    pending: list[tuple[int, bytes, str, Article]] = []

    def crash(n: int, data: bytes, suffix: str, stage: str) -> None:
        nonlocal crashes
        crashes += 1
        args.save_dir.mkdir(parents=True, exist_ok=True)
        (args.save_dir / f"crash-{args.seed}-{n}{suffix or '.bin'}").write_bytes(data)
        print(f"CRASH #{n} in {stage} ({suffix or 'no suffix'}, {len(data)} bytes):", file=sys.stderr)
        traceback.print_exc(limit=6)

    def flush() -> None:
        nonlocal extracted
        if not pending:
            return
        try:
            out = list(extract_many([a for _, _, _, a in pending]))
            for res in out:
                json.dumps(res.to_dict(), ensure_ascii=False).encode("utf-8")
            extracted += len(out)
        except Exception:  # noqa: BLE001 - find which input of the batch crashes
            for n, data, suffix, art in pending:
                try:
                    for res in extract_many([art]):
                        json.dumps(res.to_dict(), ensure_ascii=False).encode("utf-8")
                    extracted += 1
                except Exception:  # noqa: BLE001
                    crash(n, data, suffix, "extraction")
        pending.clear()

    for n in range(args.count):
        data, suffix = make_input(rng, args.max_size)
        try:
            items = list(read_bytes(data, f"fuzz#{n}{suffix}", suffix=suffix))
            if not items:
                raise AssertionError("read_bytes gave neither an article nor a reason")
        except Exception:  # noqa: BLE001
            crash(n, data, suffix, "reading")
            continue
        for item in items:
            if isinstance(item, InputError):
                refused += 1
            else:
                pending.append((n, data, suffix, item))
        if len(pending) >= args.batch:
            flush()
    flush()
    elapsed = time.perf_counter() - started
    print(f"fuzz: {args.count} inputs (seed {args.seed}) in {elapsed:.1f}s: {extracted} articles extracted, "
          f"{refused} refused with a reason, {crashes} crashes")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
