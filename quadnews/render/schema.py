"""The JSON Schemas (draft 2020-12) of our JSON output, shipped as package data.

``quadnews/schema/extraction.schema.json``: one article (``extract --format json``);
``quadnews/schema/timeline.schema.json``: a merged timeline (``timeline --format json``).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

SCHEMAS = {"extraction": "extraction.schema.json", "timeline": "timeline.schema.json"}


def schema_text(kind: str = "extraction") -> str:
    """The schema file's text, as shipped (``kind``: ``extraction`` or ``timeline``)."""
    try:
        name = SCHEMAS[kind]
    except KeyError:
        raise ValueError(f"unknown schema {kind!r} (expected one of {', '.join(SCHEMAS)})") from None
    return resources.files("quadnews").joinpath("schema", name).read_text(encoding="utf-8")


def load_schema(kind: str = "extraction") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_text(kind))
    return data


def validate(instance: object, kind: str = "extraction") -> None:
    """Raise ``jsonschema.ValidationError`` unless ``instance`` matches the schema.

    For ``extraction`` an array (several articles) is validated item by item.
    """
    import jsonschema

    schema = load_schema(kind)
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    items = instance if kind == "extraction" and isinstance(instance, list) else [instance]
    for item in items:
        validator.validate(item)
