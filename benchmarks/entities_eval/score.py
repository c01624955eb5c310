"""Score quadnews states and leaders against the hand-written gold in ``gold.json``.

    .venv/bin/python benchmarks/entities_eval/score.py [--set events|own] [--article NN] [--quiet] [--json]

Articles are read with ``quadnews.reading.read_file`` and extracted with
``quadnews.api.extract_many``, as ``quadnews extract FILE`` does. See README.md for the metrics.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quadnews.api import extract_many
from quadnews.errors import InputError
from quadnews.gazetteer import country_name
from quadnews.models import Extraction, Leader
from quadnews.reading import read_file

HERE = Path(__file__).resolve().parent

# Particles and suffixes that never identify a person on their own ("Marcos Jr.", "al-Sudani").
_PARTICLES = frozenset({"jr", "sr", "al", "el", "de", "da", "la", "van", "von", "der", "du", "bin", "ii", "iii",
                        "mr", "mrs", "ms", "dr", "sir", "king", "queen"})
_TITLE_SYNONYMS = {"pm": "prime minister", "defense": "defence", "premier": "premier",
                   "chairperson": "chair", "chairman": "chair", "spokesman": "spokesperson",
                   "secretary-general": "secretary general", "vice": "deputy"}
_TITLE_NOISE = frozenset({"the", "of", "a", "former", "s"})


def fold(text: str) -> str:
    """Lower case without accents: 'Orbán' and 'Orban' are one name."""
    nfkd = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in nfkd if not unicodedata.combining(ch)).lower()


def name_tokens(name: str) -> set[str]:
    toks = set(re.findall(r"[a-z]+", fold(name)))
    return {t for t in toks if t not in _PARTICLES and len(t) > 1}


def title_words(title: str | None) -> set[str]:
    if not title:
        return set()
    t = fold(title).replace("-", " ")
    for k, v in _TITLE_SYNONYMS.items():
        t = re.sub(rf"\b{re.escape(k)}\b", v, t)
    return {w for w in re.findall(r"[a-z]+", t) if w not in _TITLE_NOISE}


def title_ok(pred: str | None, gold: str) -> bool:
    """Same title up to wording: one title's words contain the other's ('Minister of Finance' is not
    'Finance Minister' word for word, so word sets are compared, not strings)."""
    p, g = title_words(pred), title_words(gold)
    return bool(p) and (p <= g or g <= p)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class ArticleScore:
    aid: str
    states: Counts = field(default_factory=Counts)
    leaders: Counts = field(default_factory=Counts)
    state_right: int = 0
    title_right: int = 0
    matched: int = 0
    notes: list[str] = field(default_factory=list)


def _surface(ld: Leader) -> str:
    aliases = [a for a in ld.aliases if a != ld.name]
    return f"{ld.name!r} ({ld.title}, {ld.state})" + (f" aliases={aliases}" if aliases else "")


def match_leaders(gold: list[dict[str, Any]], pred: list[Leader]) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index). A pair needs the same folded full name, or a shared name
    token that belongs to only one gold leader of the article ('Biden' is ambiguous when Jill Biden is
    in the gold too, so Joe and Jill then also need their first names)."""
    owners: dict[str, int] = {}
    for g in gold:
        for t in name_tokens(g["name"]):
            owners[t] = owners.get(t, 0) + 1
    candidates: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        gt = name_tokens(g["name"])
        for pi, p in enumerate(pred):
            pt = name_tokens(p.name)
            if fold(p.name) == fold(g["name"]) or (gt and gt == pt):
                candidates.append((3, gi, pi))
            elif any(owners.get(t) == 1 for t in gt & pt):
                candidates.append((2, gi, pi))
            elif any(owners.get(t) == 1 for a in p.aliases for t in gt & name_tokens(a)):
                candidates.append((1, gi, pi))
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in sorted(candidates, key=lambda c: -c[0]):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return pairs


def score_article(aid: str, gold: dict[str, Any], res: Extraction) -> ArticleScore:
    sc = ArticleScore(aid)
    required = {s["code"] for s in gold["states"] if not s.get("optional")}
    optional = {s["code"] for s in gold["states"] if s.get("optional")}
    predicted = {s.code: s for s in res.states}
    for code, st in sorted(predicted.items()):
        if code in required:
            sc.states.tp += 1
        elif code not in optional:
            sc.states.fp += 1
            sc.notes.append(f"  state FP   {code} {st.name}  surface={st.aliases}")
    for code in sorted(required - predicted.keys()):
        sc.states.fn += 1
        sc.notes.append(f"  state MISS {code} {country_name(code)}")

    gl = gold["leaders"]
    pairs = match_leaders(gl, res.leaders)
    matched_p = {pi for _, pi in pairs}
    matched_g = {gi for gi, _ in pairs}
    for gi, pi in pairs:
        g, p = gl[gi], res.leaders[pi]
        if g.get("optional"):
            continue
        sc.leaders.tp += 1
        sc.matched += 1
        if p.state == g["state"]:
            sc.state_right += 1
        else:
            sc.notes.append(f"  leader STATE {g['name']}: gold {g['state']}, got {_surface(p)}")
        if title_ok(p.title, g["title"]):
            sc.title_right += 1
        else:
            sc.notes.append(f"  leader TITLE {g['name']}: gold {g['title']!r}, got {p.title!r}")
    for pi, p in enumerate(res.leaders):
        if pi not in matched_p:
            sc.leaders.fp += 1
            sc.notes.append(f"  leader FP   {_surface(p)}")
    for gi, g in enumerate(gl):
        if gi not in matched_g and not g.get("optional"):
            sc.leaders.fn += 1
            people = [pp.name for pp in res.people if name_tokens(pp.name) & name_tokens(g["name"])]
            where = f"  (in people as {people})" if people else ""
            sc.notes.append(f"  leader MISS {g['name']} ({g['title']}, {g['state']}){where}")
    return sc


def run(set_name: str | None, article: str | None) -> dict[str, list[ArticleScore]]:
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    sets: dict[str, list[str]] = gold["sets"]
    chosen = {k: v for k, v in sets.items() if set_name in (None, k)}
    ids = [a for v in chosen.values() for a in v if article in (None, a)]
    arts = []
    for aid in ids:
        items = read_file(HERE / gold["articles"][aid]["file"])
        if isinstance(items[0], InputError):
            raise SystemExit(f"{aid}: {items[0]}")
        arts.append(items[0])
    results = dict(zip(ids, extract_many(arts), strict=True))
    return {k: [score_article(a, gold["articles"][a], results[a]) for a in v if a in results]
            for k, v in chosen.items()}


def summarize(scores: list[ArticleScore]) -> dict[str, Any]:
    st, ld = Counts(), Counts()
    for s in scores:
        st.add(s.states)
        ld.add(s.leaders)
    matched = sum(s.matched for s in scores)
    return {
        "articles": len(scores),
        "states": dict(zip(("p", "r", "f1"), st.prf(), strict=True)) | vars(st),
        "leaders": dict(zip(("p", "r", "f1"), ld.prf(), strict=True)) | vars(ld),
        "leader_state_acc": sum(s.state_right for s in scores) / matched if matched else 1.0,
        "leader_title_acc": sum(s.title_right for s in scores) / matched if matched else 1.0,
        "matched_leaders": matched,
    }


def _line(name: str, m: dict[str, Any]) -> str:
    s, ld = m["states"], m["leaders"]
    return (f"{name:<8} n={m['articles']:>2}  states P/R/F1 {s['p']:.3f}/{s['r']:.3f}/{s['f1']:.3f} "
            f"(tp {s['tp']} fp {s['fp']} fn {s['fn']})  leaders P/R/F1 {ld['p']:.3f}/{ld['r']:.3f}/{ld['f1']:.3f} "
            f"(tp {ld['tp']} fp {ld['fp']} fn {ld['fn']})  state acc {m['leader_state_acc']:.3f}  "
            f"title acc {m['leader_title_acc']:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=["events", "own"], default=None)
    ap.add_argument("--article", default=None, help="one article id, e.g. 05")
    ap.add_argument("--quiet", action="store_true", help="totals only")
    ap.add_argument("--json", action="store_true", help="totals as JSON")
    args = ap.parse_args()
    by_set = run(args.set, args.article)
    totals = {k: summarize(v) for k, v in by_set.items()}
    totals["all"] = summarize([s for v in by_set.values() for s in v])
    if args.json:
        json.dump(totals, sys.stdout, indent=1)
        print()
        return 0
    if not args.quiet:
        for scores in by_set.values():
            for s in scores:
                if s.notes:
                    print(f"[{s.aid}]")
                    print("\n".join(s.notes))
        print()
    for k, m in totals.items():
        print(_line(k, m))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
