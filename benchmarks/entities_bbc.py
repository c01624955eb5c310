"""Eyeball states and leaders on BBC articles the rules were not written for.

    python benchmarks/entities_bbc.py [--category politics] [--limit 80] [--show 15]

Prints totals (states, leaders, leaders without a state) and a sample of extractions to
read by hand. Needs ../shared/corpus/bbc next to the repository; nothing is copied from it.
"""

from __future__ import annotations

import argparse
import random
from datetime import date
from pathlib import Path

from quadnews.api import extract_many
from quadnews.reading import article_from_text

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "bbc"
# The BBC set has no datelines; its articles are from 2004-2005.
REFERENCE = date(2005, 1, 1)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--category", action="append", default=None)
    ap.add_argument("--limit", type=int, default=80)
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    cats = args.category or ["politics", "business"]
    files = [f for c in cats for f in sorted((CORPUS / c).glob("*.txt"))[: args.limit]]
    if not files:
        print(f"no articles under {CORPUS}")
        return 1
    arts = [article_from_text(f.read_text(encoding="utf-8", errors="replace"), str(f), reference_date=REFERENCE)
            for f in files]
    results = list(extract_many(arts))
    leaders = [ld for r in results for ld in r.leaders]
    print(f"articles={len(results)} states={sum(len(r.states) for r in results)} leaders={len(leaders)} "
          f"leaders_without_state={sum(ld.state is None for ld in leaders)}")
    for f, r in random.Random(args.seed).sample(list(zip(files, results, strict=True)), min(args.show, len(results))):
        print(f"\n{f.parent.name}/{f.name}")
        print("  states: ", ", ".join(f"{s.code} {s.aliases}" for s in r.states))
        print("  leaders:", ", ".join(f"{ld.name} ({ld.title}, {ld.state})" for ld in r.leaders))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
