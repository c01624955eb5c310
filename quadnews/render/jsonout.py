"""JSON and JSON Lines: stable key order, UTF-8 (``ensure_ascii=False``), no run-dependent values."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from quadnews.models import Extraction, TimelineResult


def _dumps(payload: Any, *, indent: int | None = None) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=indent)


def to_json(results: Sequence[Extraction]) -> str:
    """One object for one article, an array for several."""
    data = [r.to_dict() for r in results]
    payload = data[0] if len(data) == 1 else data
    return _dumps(payload, indent=2) + "\n"


def to_jsonl(results: Sequence[Extraction]) -> str:
    """One article object per line."""
    return "".join(_dumps(r.to_dict()) + "\n" for r in results)


def timeline_to_json(result: TimelineResult) -> str:
    return _dumps(result.to_dict(), indent=2) + "\n"


def timeline_to_jsonl(result: TimelineResult) -> str:
    """One timeline entry per line: the form that streams into ``jq`` or a log pipeline."""
    return "".join(_dumps(e) + "\n" for e in result.to_dict()["timeline"])
