"""TempEval-3 Task A figures for quadnews' TIMEX3 engine on te3-train (TimeBank + AQUAINT).

    python benchmarks/timex_te3.py                  # engine + dateparser baseline
    python benchmarks/timex_te3.py --no-baseline --errors 50
    python benchmarks/timex_te3.py --speed 300      # date layer vs NER time on BBC articles

Each document's DCT is the reference date; the text is ``<TEXT>`` with every tag stripped and
gold TIMEX3 offsets kept. Scoring follows TE3: strict span = same offsets, relaxed span = overlap
(one-to-one); type and value accuracy over relaxed matches; value F1 = relaxed F1 x value accuracy.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
TE3 = SHARED / "corpus" / "te3-train"
BBC = SHARED / "corpus" / "bbc"

TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass
class Document:
    name: str
    text: str
    dct: datetime
    dct_has_time: bool
    gold: list[Timex] = field(default_factory=list)


def read_tml(path: Path) -> Document:
    raw = path.read_text(encoding="utf-8")
    dct_tag = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if dct_tag is None:
        raise ValueError(f"{path}: no DCT")
    dct_value = dict(ATTR.findall(dct_tag.group(0)))["value"]
    has_time = "T" in dct_value
    dct = datetime.fromisoformat(dct_value) if has_time else datetime.fromisoformat(dct_value + "T00:00")
    body = raw[raw.index("<TEXT>") + len("<TEXT>"): raw.index("</TEXT>")]
    out: list[str] = []
    pos = 0
    length = 0
    gold: list[Timex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    for m in TAG.finditer(body):
        piece = html.unescape(body[pos: m.start()])
        out.append(piece)
        length += len(piece)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(ATTR.findall(attrs)))
        elif open_timex is not None:
            start, a = open_timex
            text = "".join(out)[start:length]
            gold.append(Timex(start, length, text, a.get("type", ""), a.get("value", ""), a.get("mod")))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    return Document(path.stem, "".join(out), dct, has_time, gold)


def load_corpus(limit: int | None) -> list[Document]:
    files = sorted((TE3 / "timebank").glob("*.tml")) + sorted((TE3 / "aquaint").glob("*.tml"))
    docs = [read_tml(f) for f in files]
    return docs[:limit] if limit else docs


def load_nlp():  # noqa: ANN201
    """The full quadnews pipeline; if a sibling component is not importable yet, spaCy + qn_timex."""
    try:
        from quadnews.pipeline import load_pipeline

        return load_pipeline()
    except Exception as err:  # a sibling component under construction must not stop this benchmark
        import spacy

        from quadnews.dates import component  # noqa: F401
        from quadnews.pipeline import model_name, register_extensions

        print(f"note: full pipeline unavailable ({err}); using spaCy + qn_timex", file=sys.stderr)
        register_extensions()
        nlp = spacy.load(model_name())
        nlp.add_pipe("qn_timex", after="ner")
        return nlp


# --- scoring -------------------------------------------------------------------------------


@dataclass
class Scores:
    strict_p: float
    strict_r: float
    strict_f: float
    relaxed_p: float
    relaxed_r: float
    relaxed_f: float
    type_acc: float
    value_acc: float
    value_f: float


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def match(gold: list[Timex], system: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one relaxed matches, largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                pairs.append((overlap, gi, si))
    pairs.sort(key=lambda x: -x[0])
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out.append((gold[gi], system[si]))
    return out


def score(results: list[tuple[list[Timex], list[Timex]]]) -> Scores:
    n_gold = n_sys = strict = relaxed = type_ok = value_ok = 0
    for gold, system in results:
        n_gold += len(gold)
        n_sys += len(system)
        strict += len({(g.start, g.end) for g in gold} & {(s.start, s.end) for s in system})
        for g, s in match(gold, system):
            relaxed += 1
            type_ok += g.type == s.type
            value_ok += g.value == s.value
    sp, sr = strict / max(n_sys, 1), strict / max(n_gold, 1)
    rp, rr = relaxed / max(n_sys, 1), relaxed / max(n_gold, 1)
    rf = _f(rp, rr)
    vacc = value_ok / max(relaxed, 1)
    return Scores(sp, sr, _f(sp, sr), rp, rr, rf, type_ok / max(relaxed, 1), vacc, rf * vacc)


def print_scores(label: str, s: Scores, seconds: float) -> None:
    pct = lambda x: f"{100 * x:6.2f}"  # noqa: E731
    print(f"{label:<10} strict P/R/F1 {pct(s.strict_p)} {pct(s.strict_r)} {pct(s.strict_f)} | "
          f"relaxed P/R/F1 {pct(s.relaxed_p)} {pct(s.relaxed_r)} {pct(s.relaxed_f)} | "
          f"type acc {pct(s.type_acc)} | value acc {pct(s.value_acc)} | value F1 {pct(s.value_f)} "
          f"| {seconds:.1f}s")


def print_errors(docs: list[Document], results: list[tuple[list[Timex], list[Timex]]], limit: int) -> None:
    shown = 0
    for doc, (gold, system) in zip(docs, results, strict=True):
        pairs = match(gold, system)
        matched_g = {id(g) for g, _ in pairs}
        matched_s = {id(s) for _, s in pairs}
        rows = []
        for g, s in pairs:
            if g.value != s.value or g.type != s.type or (g.start, g.end) != (s.start, s.end):
                rows.append((g.start, f"WRONG {g.text!r} {g.type} {g.value} {g.mod or ''}  ours "
                                      f"{s.text!r} {s.type} {s.value} {s.mod or ''}"))
        for g in gold:
            if id(g) not in matched_g:
                rows.append((g.start, f"MISS  {g.text!r} {g.type} {g.value} {g.mod or ''}"))
        for s in system:
            if id(s) not in matched_s:
                rows.append((s.start, f"EXTRA {s.text!r} {s.type} {s.value}"))
        for start, row in sorted(rows):
            ctx = doc.text[max(0, start - 50): start + 60].replace("\n", " ")
            print(f"{doc.name} dct={doc.dct.date()} {row}\n      ...{ctx}...")
            shown += 1
            if shown >= limit:
                return


# --- runs ----------------------------------------------------------------------------------


def run_engine(docs: list[Document], cache: Path | None = None) -> tuple[list[tuple[list[Timex], list[Timex]]], float]:
    nlp = load_nlp()
    if cache is not None:
        return _run_cached(nlp, docs, cache)
    prepared = []
    for d in docs:
        doc = nlp.make_doc(d.text)
        doc._.qn_reference = d.dct.date()
        doc._.qn_reference_time = d.dct if d.dct_has_time else None
        prepared.append(doc)
    t0 = time.perf_counter()
    results = []
    for d, doc in zip(docs, nlp.pipe(prepared, batch_size=32), strict=True):
        system = [Timex(t.start, t.end, t.text, t.type, t.value, t.mod) for t in doc._.qn_dates or []]
        results.append((d.gold, system))
    return results, time.perf_counter() - t0


def _run_cached(nlp, docs: list[Document], cache: Path) -> tuple[list[tuple[list[Timex], list[Timex]]], float]:
    """For rule development: the model's annotations are stored once; only qn_timex is rerun."""
    from spacy.tokens import DocBin

    from quadnews.dates import find_dates

    if cache.exists():
        processed = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        with nlp.select_pipes(disable=["qn_timex"] + [p for p in nlp.pipe_names if p == "qn_events"]):
            processed = list(nlp.pipe((d.text for d in docs), batch_size=32))
        DocBin(attrs=["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"],
               docs=processed).to_disk(cache)
    t0 = time.perf_counter()
    results = []
    for d, doc in zip(docs, processed, strict=True):
        doc._.qn_reference = d.dct.date()
        doc._.qn_reference_time = d.dct if d.dct_has_time else None
        system = [Timex(t.start, t.end, t.text, t.type, t.value, t.mod) for t in find_dates(doc)]
        results.append((d.gold, system))
    return results, time.perf_counter() - t0


def run_baseline(docs: list[Document]) -> tuple[list[tuple[list[Timex], list[Timex]]], float]:
    """Naive: dateparser's search_dates on the whole text, spans by string search, day values."""
    from dateparser.search import search_dates

    t0 = time.perf_counter()
    results = []
    for d in docs:
        found = search_dates(d.text, languages=["en"], settings={"RELATIVE_BASE": d.dct}) or []
        system = []
        pos = 0
        for text, when in found:
            i = d.text.find(text, pos)
            if i < 0:
                continue
            pos = i + len(text)
            system.append(Timex(i, i + len(text), text, "DATE", when.date().isoformat()))
        results.append((d.gold, system))
    return results, time.perf_counter() - t0


def run_speed(n: int) -> None:
    """NER time vs qn_timex time on BBC articles (qn_timex timed alone on docs already through NER)."""
    files = sorted(p for p in BBC.rglob("*.txt"))[:n]
    if not files:
        print(f"speed: no BBC articles under {BBC}; skipped")
        return
    nlp = load_nlp()
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    ref = date(2005, 1, 1)
    names = nlp.pipe_names
    ner_at = names.index("ner")
    timex = nlp.get_pipe("qn_timex")
    ner = nlp.get_pipe("ner")
    with nlp.select_pipes(enable=names[:ner_at]):
        docs = list(nlp.pipe(texts, batch_size=64))
    t0 = time.perf_counter()
    docs = list(ner.pipe(docs, batch_size=64))
    ner_time = time.perf_counter() - t0
    # the components between ner and qn_timex (gazetteer, entity clean-up) run untimed
    for name in names[ner_at + 1: names.index("qn_timex")]:
        proc = nlp.get_pipe(name)
        docs = [proc(doc) for doc in docs]
    for doc in docs:
        doc._.qn_reference = ref
    t0 = time.perf_counter()
    n_dates = 0
    for doc in docs:
        n_dates += len(timex(doc)._.qn_dates)
    timex_time = time.perf_counter() - t0
    words = sum(len(doc) for doc in docs)
    print(f"speed on {len(docs)} BBC articles ({words} tokens, {n_dates} dates): NER {ner_time:.2f}s, "
          f"date layer {timex_time:.2f}s, ratio {100 * timex_time / ner_time:.1f}% (limit 15%)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-baseline", action="store_true", help="skip the dateparser baseline (slow)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print up to N per-expression errors")
    ap.add_argument("--speed", type=int, default=0, metavar="N",
                    help="also time the date layer against NER on N BBC articles")
    ap.add_argument("--cache", type=Path, default=None,
                    help="store the model's annotations here and rerun only the date layer (rule development)")
    ap.add_argument("--speed-only", action="store_true", help="only the speed measurement")
    args = ap.parse_args(argv)
    if args.speed_only:
        run_speed(args.speed or 300)
        return 0
    if not TE3.is_dir():
        print(f"te3-train not found at {TE3}; skipped")
        return 0
    docs = load_corpus(args.limit)
    print(f"te3-train: {len(docs)} documents, {sum(len(d.gold) for d in docs)} gold TIMEX3")
    results, seconds = run_engine(docs, args.cache)
    print_scores("quadnews", score(results), seconds)
    if not args.no_baseline:
        base, bseconds = run_baseline(docs)
        print_scores("baseline", score(base), bseconds)
    if args.errors:
        print_errors(docs, results, args.errors)
    if args.speed:
        run_speed(args.speed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
