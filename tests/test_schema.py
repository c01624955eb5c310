"""The JSON Schemas: valid draft 2020-12, in step with the dataclasses, and true of real output.

The schema files are the documentation users read, so the checks here fail with a message that
says which key drifted when someone adds a field to ``quadnews.models`` without the schema.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

import quadnews
from quadnews import models
from quadnews.cli import app
from quadnews.render import render_text, render_timeline_text
from quadnews.render.demo import sample_extraction, sample_minimal, sample_timeline
from quadnews.render.schema import load_schema, schema_text, validate

DEFS = {
    "interval": models.Interval,
    "state": models.State,
    "leader": models.Leader,
    "person": models.Person,
    "organization": models.Organization,
    "place": models.Place,
    "temporal_expression": models.TemporalExpression,
    "event_date": models.EventDate,
    "event": models.Event,
    "timeline_entry": models.TimelineEntry,
}

SENTENCES = [
    "TOKYO, March 25 (Reuters) - Japanese Prime Minister Fumio Kishida met US President Joe Biden "
    "in Tokyo on Thursday. The two leaders agreed to deepen cooperation on cyber security.",
    "NEW DELHI, May 2 - India's Prime Minister Narendra Modi will visit Australia next month, "
    "the foreign ministry said on Tuesday. The QUAD Senior Cyber Group met in Sydney last week.",
    "Advertisement\nThe White House said President Biden criticized Russia's attack on Ukraine in 2022.",
]


@pytest.mark.parametrize("kind", ["extraction", "timeline"])
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = load_schema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(("name", "cls"), DEFS.items())
def test_schema_defs_match_the_dataclasses(name: str, cls: type) -> None:
    fields = [f.name for f in dataclasses.fields(cls)]
    d = load_schema("extraction")["$defs"][name]
    assert list(d["properties"]) == fields, f"$defs/{name} and models.{cls.__name__} list different keys"
    assert d["required"] == fields, f"$defs/{name}: every key is always present, so every key is required"
    assert d["additionalProperties"] is False


def test_top_level_keys_match_to_dict() -> None:
    schema = load_schema("extraction")
    keys = list(sample_extraction().to_dict(include_text=True))
    assert list(schema["properties"]) == keys
    assert schema["required"] == [k for k in keys if k != "text"]
    tl = load_schema("timeline")
    assert list(tl["properties"]) == list(sample_timeline().to_dict()) == tl["required"]


def test_timeline_schema_shares_the_extraction_definitions() -> None:
    ext, tl = load_schema("extraction")["$defs"], load_schema("timeline")["$defs"]
    for name, body in tl.items():
        assert body == ext[name], f"$defs/{name} differs between the two schema files"


def test_event_types_are_the_documented_set() -> None:
    data = json.loads(resources.files("quadnews").joinpath("data", "events.json").read_text(encoding="utf-8"))
    d = load_schema("extraction")["$defs"]
    hint = ("the event types in quadnews/data/events.json changed: update the `type` enums of $defs/event "
            "and $defs/timeline_entry in both quadnews/schema/*.schema.json files, and docs/schema.md")
    assert d["event"]["properties"]["type"]["enum"] == list(data["types"]), hint
    assert d["timeline_entry"]["properties"]["type"]["enum"] == [*data["types"], None], hint


def test_hand_built_results_validate() -> None:
    validate(sample_extraction().to_dict())
    validate(sample_minimal().to_dict(include_text=True))
    validate(json.loads(render_text([sample_extraction(), sample_minimal()], "json")))
    validate(json.loads(render_timeline_text(sample_timeline(), "json")), "timeline")


def _broken(path: str, value: Any) -> dict[str, Any]:
    data = sample_extraction().to_dict()
    *parents, last = path.split(".")
    node: Any = data
    for p in parents:
        node = node[int(p)] if p.isdigit() else node[p]
    if value is KeyError:
        del node[last]
    else:
        node[last] = value
    return data


@pytest.mark.parametrize(("path", "value"), [
    ("states.0.role", "host"),
    ("states.0.code", "USA"),
    ("reference_date_source", "guess"),
    ("reference_date", "26/03/2022"),
    ("dates.0.type", "date"),
    ("dates.0.mod", "ROUGHLY"),
    ("events.0.status", "done"),
    ("events.0.type", "chat"),
    ("timeline.0.kind", "note"),
    ("leaders.0.aliases", KeyError),
    ("title", KeyError),
    ("states.0.extra", 1),
])
def test_schema_rejects(path: str, value: Any) -> None:
    with pytest.raises(jsonschema.ValidationError):
        validate(_broken(path, value))


def test_cli_schema_prints_the_files() -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["schema"])
    assert res.exit_code == 0 and res.stdout == schema_text("extraction")
    res = runner.invoke(app, ["schema", "--timeline"])
    assert res.exit_code == 0 and json.loads(res.stdout)["title"] == "quadnews timeline"


# --- real output (model loaded once per session) ----------------------------------------------


@pytest.fixture(scope="module")
def real(nlp: object) -> list[models.Extraction]:
    return [quadnews.extract(text, date(2023, 6, 10), source=f"s{i}.txt") for i, text in enumerate(SENTENCES)]


def test_real_extraction_validates(real: list[models.Extraction]) -> None:
    for r in real:
        validate(r.to_dict())
        validate(r.to_dict(include_text=True))
    validate(json.loads(render_text(real, "json")))
    assert any(r.events for r in real), "no events extracted: the schema test would check little"


def test_real_merged_timeline_validates(real: list[models.Extraction]) -> None:
    from quadnews.timeline import merge

    merged = merge(real, failed=["missing.txt"], with_dates=True)
    validate(merged.to_dict(), "timeline")
    validate(json.loads(render_timeline_text(merged, "json")), "timeline")


def test_seed_article_validates(nlp: object, shared_dir: Path) -> None:
    seed = shared_dir / "seed" / "quad-senior-cyber-group.txt"
    if not seed.is_file():
        pytest.skip(f"{seed} not found")
    r = quadnews.extract(seed.read_text(encoding="utf-8"), source=str(seed))
    validate(r.to_dict())
