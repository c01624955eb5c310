"""TempEval-3 Task A figures on a held-out set: 24 BBC articles (2004-05) annotated with TIMEX3.

    python benchmarks/timex_bbc.py                 # engine + dateparser baseline
    python benchmarks/timex_bbc.py --errors 100    # and every disagreement

The gold (``timex_bbc/gold/*.json``: offsets, type, value, mod, and each article's publication
date with the reason for it) was written by annotators who never ran quadnews, following TimeML
conventions; the article texts stay in ``../shared/corpus/bbc`` and are not copied here. The
rules of ``quadnews/dates`` were written on te3-train, so this set measures them on text they were
not written for. Scoring is the same as ``timex_te3.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timex_te3 import BBC, Document, Timex, print_errors, print_scores, run_baseline, run_engine, score  # noqa: E402

GOLD = HERE / "timex_bbc" / "gold"


def load_gold() -> list[Document]:
    docs = []
    for path in sorted(GOLD.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        text = (BBC / g["source"]).read_text(encoding="utf-8")
        gold = []
        for t in g["timexes"]:
            if text[t["start"]: t["end"]] != t["text"]:
                raise SystemExit(f"{path.name}: offsets {t['start']}-{t['end']} do not hold {t['text']!r}")
            gold.append(Timex(t["start"], t["end"], t["text"], t["type"], t["value"], t.get("mod")))
        docs.append(Document(path.stem, text, datetime.fromisoformat(g["dct"]), False, gold))
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-baseline", action="store_true", help="skip the dateparser baseline")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print up to N per-expression errors")
    args = ap.parse_args(argv)
    if not BBC.is_dir():
        print(f"BBC corpus not found at {BBC}; skipped")
        return 0
    docs = load_gold()
    print(f"timex_bbc (held out): {len(docs)} articles, {sum(len(d.gold) for d in docs)} gold TIMEX3")
    results, seconds = run_engine(docs)
    print_scores("quadnews", score(results), seconds)
    if not args.no_baseline:
        base, bseconds = run_baseline(docs)
        print_scores("baseline", score(base), bseconds)
    if args.errors:
        print_errors(docs, results, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
