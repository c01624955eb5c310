"""Score quadnews events, dates and state roles against benchmarks/events_eval/gold.json.

    .venv/bin/python benchmarks/events_eval/score.py              # summary + per-article errors
    .venv/bin/python benchmarks/events_eval/score.py --article 05 --verbose
    .venv/bin/python benchmarks/events_eval/score.py --json       # figures as JSON (for CI / trends)

The articles are read with ``quadnews.reading.read_file`` exactly as ``quadnews extract FILE``
reads them (no reference date is passed: the dateline must give it), then run through
``quadnews.api.extract_many``. See README.md for the annotation guideline and the metrics.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from quadnews.api import extract_many  # noqa: E402
from quadnews.reading import read_file  # noqa: E402

TARGETS = {"role": 0.95, "date": 0.85, "recall": 0.75}


# ----------------------------------------------------------------------------- helpers

def norm(s: str) -> str:
    s = s.lower().replace("’", "'").replace(".", "")
    s = re.sub(r"^(the|mr|ms|mrs|president|prime minister)\s+", "", s)
    return re.sub(r"\s+", " ", s).strip()


def names_overlap(gold_names: list[str], pred_names: list[str]) -> bool:
    """A gold name equals a predicted one, or one is a whole-word part of the other."""
    g = {norm(n) for n in gold_names if n}
    p = {norm(n) for n in pred_names if n}
    for a in g:
        for b in p:
            if not a or not b:
                continue
            if a == b:
                return True
            short, long_ = (a, b) if len(a) <= len(b) else (b, a)
            if len(short) >= 3 and re.search(r"(?<!\w)" + re.escape(short) + r"(?!\w)", long_):
                return True
    return False


def pred_names(ev, state_names: dict[str, list[str]]) -> list[str]:
    out = list(ev.participants)
    for code in ev.states:
        out.extend(state_names.get(code, [code]))
    if ev.location:
        out.append(ev.location)
    return out


def same_sentence(g: dict, ev) -> bool:
    off = g["_offset"]
    return ev.start <= off < ev.end or g["evidence"] in ev.sentence


def date_value(ev) -> str | None:
    return ev.date.value if ev.date is not None else None


def strict_match(g: dict, ev, state_names) -> bool:
    """Same type, an acceptable date value, and shared participants or the same sentence."""
    if ev.type not in g["type"] or date_value(ev) not in g["date"]:
        return False
    return same_sentence(g, ev) or names_overlap(g["participants_any"], pred_names(ev, state_names))


def bipartite(golds: list[int], preds: list[int], ok) -> dict[int, int]:
    """Maximum one-to-one matching gold index -> pred index (augmenting paths; sets are tiny)."""
    match_p: dict[int, int] = {}

    def try_g(gi: int, seen: set[int]) -> bool:
        for pi in preds:
            if pi in seen or not ok(gi, pi):
                continue
            seen.add(pi)
            if pi not in match_p or try_g(match_p[pi], seen):
                match_p[pi] = gi
                return True
        return False

    for gi in golds:
        try_g(gi, set())
    return {gi: pi for pi, gi in match_p.items()}


def fmt_pred(ev, width: int = 110) -> str:
    d = ev.date
    date_s = f"{d.value} ({d.text!r})" if d is not None else "-"
    sent = ev.sentence.replace("\n", " ")
    if len(sent) > width:
        sent = sent[: width - 1] + "…"
    return (f"{ev.type}/{ev.status} trigger={ev.trigger!r} date={date_s} "
            f"parts={ev.participants} states={ev.states}\n          sent: {sent}")


def fmt_gold(g: dict) -> str:
    return (f"{'/'.join(g['type'])} date={'|'.join(g['date'])} status={'/'.join(g['status'])} "
            f"parts~{g['participants_any'][:4]}  «{g['evidence']}»")


# ----------------------------------------------------------------------------- scoring

def diagnose_miss(g: dict, preds: list, state_names) -> tuple[str, list]:
    """Why a gold event was not found: the cause and the predictions that explain it."""
    in_sent = [e for e in preds if same_sentence(g, e)]
    typed = [e for e in in_sent if e.type in g["type"]]
    if typed and any(e.date is not None for e in typed) or typed and not any(
            e.type in g["type"] and date_value(e) in g["date"] and e.mentions > 1 for e in preds):
        if all(e.date is None for e in typed):
            return "date: none attached", typed
        return "date: wrong value", typed
    elsewhere = [e for e in preds if e.type in g["type"] and date_value(e) in g["date"] and e.mentions > 1
                 and not same_sentence(g, e)]
    if elsewhere and not typed:
        return "merging: folded into another event (matched elsewhere or no shared participant)", elsewhere
    if in_sent:
        return "trigger: wrong type", in_sent
    return "trigger: no event in the sentence", []


def diagnose_false(ev, golds: list[dict], matched_gold: set[int], state_names) -> str:
    for i, g in enumerate(golds):
        if same_sentence(g, ev) and ev.type in g["type"]:
            if date_value(ev) not in g["date"]:
                return "date: wrong value"
            if i in matched_gold:
                return "merging: duplicate of a found event"
    for i, g in enumerate(golds):
        if (ev.type in g["type"] and date_value(ev) in g["date"]
                and names_overlap(g["participants_any"], pred_names(ev, state_names))):
            return "merging: duplicate of a found event" if i in matched_gold else "participants"
    for g in golds:
        if ev.type in g["type"] and date_value(ev) not in g["date"] and (
                not ev.participants or names_overlap(g["participants_any"], pred_names(ev, state_names))):
            return "date: wrong value (another mention of a gold event)"
    if any(same_sentence(g, ev) for g in golds):
        return "trigger: wrong type / extra event in a gold sentence"
    return "trigger: not an event (or date attached to a non-event)"


def score_article(nn: str, gold: dict, result) -> dict:
    text = result.text
    golds = gold["events"]
    for g in golds:
        g["_offset"] = text.find(g["evidence"])
        if g["_offset"] < 0:
            raise SystemExit(f"article {nn}: evidence not found: {g['evidence']!r}")
    state_names: dict[str, list[str]] = {s.code: [s.name, *s.aliases] for s in result.states}
    for s in gold["states"]:
        state_names.setdefault(s["code"], []).append(s["name"])

    preds = list(result.events)
    dated = [i for i, e in enumerate(preds) if e.date is not None]
    required = [i for i, g in enumerate(golds) if not g.get("optional")]
    optional = [i for i, g in enumerate(golds) if g.get("optional")]

    ok = lambda gi, pi: strict_match(golds[gi], preds[pi], state_names)  # noqa: E731
    m_req = bipartite(required, dated, ok)
    left = [p for p in dated if p not in m_req.values()]
    m_opt = bipartite(optional, left, ok)
    matched_preds = set(m_req.values()) | set(m_opt.values())

    # date accuracy: gold events (required) for which quadnews found the event in the same
    # sentence with an acceptable type; right when one such event carries an acceptable value
    date_total = date_right = 0
    date_wrong: list[tuple[dict, list]] = []
    status_total = status_right = 0
    for gi in required:
        g = golds[gi]
        cands = [e for e in preds if same_sentence(g, e) and e.type in g["type"]]
        if gi in m_req:
            cands = [preds[m_req[gi]]] + cands
        if cands:
            date_total += 1
            if any(date_value(e) in g["date"] for e in cands):
                date_right += 1
            else:
                date_wrong.append((g, cands))
        if gi in m_req:
            status_total += 1
            status_right += preds[m_req[gi]].status in g["status"]

    # state roles
    pstates = {s.code: s for s in result.states}
    role_rows = []
    for s in gold["states"]:
        acc = s["role"] if isinstance(s["role"], list) else [s["role"]]
        p = pstates.get(s["code"])
        if s.get("optional") and p is None:
            continue
        got = p.role if p else None
        role_rows.append((s, got, got in acc))
    extra_states = [c for c in pstates if c not in {s["code"] for s in gold["states"]}]

    misses = [(golds[gi], *diagnose_miss(golds[gi], preds, state_names)) for gi in required if gi not in m_req]
    falses = [(preds[pi], diagnose_false(preds[pi], golds, set(m_req) | set(m_opt), state_names))
              for pi in dated if pi not in matched_preds]
    return {
        "nn": nn, "gold": gold, "result": result, "preds": preds,
        "ref_ok": result.reference_date == gold["reference_date"],
        "ref": (result.reference_date, result.reference_date_source),
        "required": len(required), "found": len(m_req),
        "pred_dated": len(dated), "pred_undated": len(preds) - len(dated),
        "pred_matched": len(matched_preds),
        "date_total": date_total, "date_right": date_right, "date_wrong": date_wrong,
        "status_total": status_total, "status_right": status_right,
        "roles": role_rows, "extra_states": extra_states,
        "misses": misses, "falses": falses,
        "matches": [(golds[gi], preds[pi]) for gi, pi in {**m_req, **m_opt}.items()],
    }


def pct(a: int, b: int) -> str:
    return f"{a}/{b} = {100 * a / b:.1f}%" if b else "n/a"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--article", action="append", help="only article NN (repeatable)")
    ap.add_argument("--verbose", "-v", action="store_true", help="also print matches and every predicted event")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON only")
    ap.add_argument("--gold-reference", action="store_true",
                    help="pass the gold reference date (as --reference-date would), to score events apart "
                         "from dateline reading")
    ap.add_argument("--gold", default=str(HERE / "gold.json"))
    args = ap.parse_args(argv)

    gold_all = json.loads(Path(args.gold).read_text(encoding="utf-8"))["articles"]
    wanted = sorted(gold_all) if not args.article else [a.zfill(2) for a in args.article]
    articles = []
    for nn in wanted:
        ref = date.fromisoformat(gold_all[nn]["reference_date"]) if args.gold_reference else None
        got = read_file(HERE / gold_all[nn]["file"], reference_date=ref)
        art = next((a for a in got if not isinstance(a, Exception)), None)
        if art is None:
            raise SystemExit(f"article {nn}: could not be read: {got}")
        articles.append(art)
    rows = [score_article(nn, gold_all[nn], res) for nn, res in zip(wanted, extract_many(articles), strict=True)]

    tot = Counter()
    miss_causes: Counter[str] = Counter()
    false_causes: Counter[str] = Counter()
    for r in rows:
        tot["ref_ok"] += r["ref_ok"]
        tot["roles"] += len(r["roles"])
        tot["roles_ok"] += sum(ok for _, _, ok in r["roles"])
        for k in ("required", "found", "pred_dated", "pred_undated", "pred_matched", "date_total",
                  "date_right", "status_total", "status_right"):
            tot[k] += r[k]
        miss_causes.update(c for _, c, _ in r["misses"])
        false_causes.update(c for _, c in r["falses"])
    role_errs = Counter()
    for r in rows:
        for s, got, ok in r["roles"]:
            if not ok:
                role_errs["state missing" if got is None else f"{got} (gold {s['role']})"] += 1

    figures = {
        "articles": len(rows),
        "reference_date": [tot["ref_ok"], len(rows)],
        "state_role": [tot["roles_ok"], tot["roles"]],
        "event_recall": [tot["found"], tot["required"]],
        "event_precision": [tot["pred_matched"], tot["pred_dated"]],
        "date_value": [tot["date_right"], tot["date_total"]],
        "status_of_found": [tot["status_right"], tot["status_total"]],
        "undated_predicted_events": tot["pred_undated"],
        "miss_causes": dict(miss_causes.most_common()),
        "false_causes": dict(false_causes.most_common()),
        "role_errors": dict(role_errs.most_common()),
    }
    if args.json:
        print(json.dumps(figures, indent=1))
        return 0

    for r in rows:
        print(f"\n=== {r['nn']} {r['gold']['file']}  ref={r['ref'][0]} ({r['ref'][1]})"
              f"{'' if r['ref_ok'] else '  WRONG, gold ' + r['gold']['reference_date']}"
              f"  found {r['found']}/{r['required']}  precision {r['pred_matched']}/{r['pred_dated']}")
        bad_roles = [(s, got) for s, got, ok in r["roles"] if not ok]
        if bad_roles:
            print("  roles: " + "; ".join(f"{s['code']} gold={s['role']} got={got}" for s, got in bad_roles))
        if args.verbose and r["extra_states"]:
            print(f"  states not in gold: {r['extra_states']}")
        for g, cause, evs in r["misses"]:
            print(f"  MISS [{cause}] {fmt_gold(g)}")
            for e in evs[:3]:
                print(f"        got {fmt_pred(e)}")
        for g, _evs in r["date_wrong"]:
            if any(g is m[0] for m in r["misses"]):
                continue
            print(f"  DATE {fmt_gold(g)}")
        for e, cause in r["falses"]:
            print(f"  FALSE [{cause}] {fmt_pred(e)}")
        if args.verbose:
            for g, e in r["matches"]:
                print(f"  ok   {fmt_gold(g)}\n        = {fmt_pred(e)}")
            undated = [e for e in r["preds"] if e.date is None]
            for e in undated:
                print(f"  (undated) {fmt_pred(e)}")

    def line(label: str, pair: list[int], target: float | None = None) -> str:
        a, b = pair
        s = f"{label:<34} {pct(a, b)}"
        if target is not None and b:
            s += f"   (target >= {target:.0%}: {'PASS' if a / b >= target else 'FAIL'})"
        return s

    print("\n=== summary")
    print(line("reference date from the dateline", figures["reference_date"]))
    print(line("state role (participant/mentioned)", figures["state_role"], TARGETS["role"]))
    print(line("event recall (type + date)", figures["event_recall"], TARGETS["recall"]))
    print(line("event precision (dated events)", figures["event_precision"]))
    print(line("date value (found in sentence)", figures["date_value"], TARGETS["date"]))
    print(line("status of found events", figures["status_of_found"]))
    print(f"{'undated predicted events':<34} {tot['pred_undated']} (not scored)")
    print("misses by cause:  " + ", ".join(f"{c}: {n}" for c, n in miss_causes.most_common()))
    print("false by cause:   " + ", ".join(f"{c}: {n}" for c, n in false_causes.most_common()))
    print("role errors:      " + ", ".join(f"{c}: {n}" for c, n in role_errs.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
