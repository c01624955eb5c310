"""The words of temporal expressions, read once from ``quadnews/data/timex_lexicon.json``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    clock_words: dict[str, str]
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    decade_words: dict[str, int]
    units: dict[str, str]
    mods_prefix: dict[str, str]
    mods_quantity: dict[str, str]
    present_ref: frozenset[str]
    past_ref: frozenset[str]
    future_ref: frozenset[str]
    set_adverbs: dict[str, str]
    holidays: dict[str, tuple[int, int]]
    time_zones: frozenset[str]
    # holidays on a rule: {"month", "weekday", "nth"} (nth -1 = the last) or {"easter": days from Easter}
    movable_holidays: dict[str, dict[str, Any]]
    weekday_name_words: frozenset[str]
    weekday_name_followers: frozenset[str]  # capitalized words that make a weekday part of a title

    def alternation(self, words: Any) -> str:
        """A regex alternation of ``words``, longest first so "sept" wins over "sep"."""
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = json.loads(resources.files("quadnews.data").joinpath("timex_lexicon.json").read_text("utf-8"))
    return Lexicon(
        months=raw["months"],
        weekdays=raw["weekdays"],
        seasons=raw["seasons"],
        parts_of_day=raw["parts_of_day"],
        clock_words=raw["clock_words"],
        numbers=raw["numbers"],
        vague_numbers=frozenset(raw["vague_numbers"]),
        ordinals=raw["ordinals"],
        decade_words=raw["decade_words"],
        units=raw["units"],
        mods_prefix=raw["mods_prefix"],
        mods_quantity=raw["mods_quantity"],
        present_ref=frozenset(raw["present_ref"]),
        past_ref=frozenset(raw["past_ref"]),
        future_ref=frozenset(raw["future_ref"]),
        set_adverbs=raw["set_adverbs"],
        holidays={k: (v[0], v[1]) for k, v in raw["holidays"].items()},
        time_zones=frozenset(raw["time_zones"]),
        movable_holidays=raw["movable_holidays"],
        weekday_name_words=frozenset(raw["weekday_name_words"]),
        weekday_name_followers=frozenset(raw["weekday_name_followers"]),
    )
