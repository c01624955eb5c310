"""JSON and JSON Lines: stable key order, UTF-8, no run-dependent values."""

from __future__ import annotations

import json
from collections.abc import Sequence

from quadnews.models import Extraction


def to_json(results: Sequence[Extraction]) -> str:
    """One object for one article, an array for several."""
    data = [r.to_dict() for r in results]
    payload = data[0] if len(data) == 1 else data
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def to_jsonl(results: Sequence[Extraction]) -> str:
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in results)
